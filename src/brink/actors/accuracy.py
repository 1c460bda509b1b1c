"""Measure mention resolution against annotated sentences (tests/fixtures/actors/mentions.jsonl):
each mention is a surface string ("he#2": its second occurrence) with the expected country,
sector and type of its actor, or nulls where no actor must be found."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from brink.actors.resolve import resolve
from brink.records import Actor, ResolvedActors


@dataclass
class Outcome:
    item: str
    surface: str
    expected: tuple[str | None, str | None, str | None]
    found: tuple[str | None, str | None, str | None]

    @property
    def right(self) -> bool:
        return self.expected == self.found


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(o.right for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def wrong(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.right]


def score(path: Path, nlp: Language) -> Report:
    report = Report()
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items)):
        resolved = resolve(doc, item.get("published"))
        for surface, country, sector, kind in item["mentions"]:
            actor = _actor_of(doc, resolved, item["text"], surface)
            found = (actor.country, actor.sector, actor.type) if actor else (None, None, None)
            expected = (country, sector, kind) if kind else (None, None, None)
            report.outcomes.append(Outcome(item["id"], surface, expected, found))
    return report


def _actor_of(doc, resolved: ResolvedActors, text: str, surface: str) -> Actor | None:
    """The actor of the last token of the surface's n-th occurrence (its head in English NPs)."""
    phrase, _, nth = surface.partition("#")
    found = list(re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))
    if len(found) < int(nth or 1):
        raise ValueError(f"{surface!r} not found in {text!r}")
    start = found[int(nth or 1) - 1].start()
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    return resolved.at_token(span.end - 1) if span is not None else None
