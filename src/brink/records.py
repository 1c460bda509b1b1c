"""Typed records: the output contract of docs/schema.md, and the records passed between stages.

Every record here serialises to JSON in exactly one place (`to_json` / `from_json`), so the
Article written by `brink analyze --json`, `brink extract` and the store are the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import msgspec

BoilerplateKind = Literal["promo", "call_to_action", "byline", "dateline", "caption", "credit", "related", "other"]
ActorType = Literal["person", "organization", "country", "group"]
QuoteKind = Literal["direct", "mixed", "indirect"]
Factuality = Literal["asserted", "hypothetical", "negated"]
EventTime = Literal["current", "past", "future"]


class Span(msgspec.Struct, frozen=True):
    """Characters [start, end) of the article text; `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


class Boilerplate(Span, frozen=True):
    kind: BoilerplateKind


class TextRange(msgspec.Struct, frozen=True):
    """Offsets only, for long spans (an event's sentence) whose text the article already holds."""

    start: int
    end: int


class Actor(msgspec.Struct):
    id: str
    name: str
    type: ActorType
    country: str | None
    sector: str | None
    code: str | None
    role: str | None
    mentions: list[Span]
    # Stable identity across documents (knowledge-base key, or a normalised name+code).
    canonical_id: str | None = None
    # True when the knowledge base says the person no longer held the office on `published`.
    former: bool = False
    # An ethnic or religious community whose noun phrase names no country or place ("Kurds",
    # "ethnic Albanians", "Igbo elders", "Sikhs"): event coders code it by the country it lives
    # or acts in, so the events stage may take the clause's place. False where the noun phrase
    # already fixed it ("Iraqi Kurds", "the Albanians of southern Serbia": `country` is final).
    community: bool = False


class Quote(msgspec.Struct):
    id: str
    kind: QuoteKind
    contents: list[Span]
    cue: Span | None
    source: Span | None
    speaker: str | None
    audience: str | None = None


class Mention(msgspec.Struct, frozen=True):
    """A further telling of an event's act in the same article: its trigger and sentence."""

    trigger: Span
    sentence: TextRange


class Event(msgspec.Struct):
    id: str
    cameo: str
    plover: str | None
    goldstein: float
    quad_class: int
    source: str | None
    target: str | None
    source_code: str | None
    target_code: str | None
    trigger: Span
    sentence: TextRange
    factuality: Factuality = "asserted"
    claimed_by: str | None = None
    quote: str | None = None
    date: str | None = None
    date_text: str | None = None
    time: EventTime = "current"
    # The same act told again later in the article (same code family, sides, factuality and time).
    mentions: list[Mention] = msgspec.field(default_factory=list)


class Article(msgspec.Struct):
    id: str
    text: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    language: str = "en"
    published: str | None = None
    # Where the story was filed: the place of its dateline ("NEW DELHI" of "NEW DELHI (AP) -").
    location: Span | None = None
    boilerplate: list[Boilerplate] = msgspec.field(default_factory=list)
    actors: list[Actor] = msgspec.field(default_factory=list)
    quotes: list[Quote] = msgspec.field(default_factory=list)
    events: list[Event] = msgspec.field(default_factory=list)


class Document(msgspec.Struct):
    """One input document, as a reader yields it: before any analysis."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    origin: str | None = None  # where it came from, for messages: "file.jsonl:12"
    # A problem that did not stop the document ("file.jsonl:12: bad date ...; kept undated").
    warning: str | None = None


class DocumentError(msgspec.Struct):
    """An input that could not be read or analysed; batch runs count and report these."""

    origin: str
    reason: str
    id: str | None = None

    @property
    def message(self) -> str:
        """One line naming where and what: `file.jsonl:12: malformed JSON (...)`."""
        return self.reason if self.reason.startswith(self.origin) else f"{self.origin}: {self.reason}"


@dataclass
class ResolvedActors:
    """What the actors stage hands to later stages: the actors and which tokens refer to them."""

    actors: list[Actor] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)  # token index -> Actor.id

    @cached_property
    def _by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    def by_id(self, actor_id: str | None) -> Actor | None:
        return self._by_id.get(actor_id) if actor_id is not None else None

    def at_token(self, token_index: int) -> Actor | None:
        return self.by_id(self.token_actor.get(token_index))


_encoder = msgspec.json.Encoder()


def to_json(record: msgspec.Struct) -> bytes:
    return _encoder.encode(record)


def article_from_json(data: bytes | str) -> Article:
    return msgspec.json.decode(data, type=Article)


def article_json_schema() -> dict:
    return msgspec.json.schema(Article)


def make_span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])

