"""The trigger lexicon: words and patterns that signal a CAMEO event.

Three layers, later ones overriding earlier rows with the same key (lemma, pos, object, prep,
prep_object): PETRARCH2's verb patterns (data/events/petrarch_triggers.tsv, imported by
tools/import_petrarch_verbs.py), brink's own light-verb and nominal triggers
(data/events/brink_triggers.tsv), and an optional user file given as an argument or in the
environment variable BRINK_EVENT_LEXICON. The format is documented in data/events/README.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from brink.cache import cached
from brink.errors import UserError
from brink.tsv import data_rows, word_lists
from brink.events.codebook import CODEBOOK, codebook

DATA = files("brink") / "data" / "events"
LAYERS = ("petrarch_triggers.tsv", "brink_triggers.tsv")
WORDS = "words.tsv"
ENV_VARIABLE = "BRINK_EVENT_LEXICON"
COLUMNS = ("words", "pos", "object", "prep", "prep_object", "cameo", "note")
POS_TAGS = ("VERB", "NOUN")
NOT_AN_EVENT = "-"
ANY_OBJECT = "*"


@dataclass(frozen=True)
class Pattern:
    """One trigger pattern. `objects` / `prep_objects` None means "any", an empty `objects` "some
    object"; `cameo` None means the pattern marks the word as not an event."""

    objects: frozenset[str] | None
    prep: str | None
    prep_objects: frozenset[str] | None
    cameo: str | None

    @property
    def specificity(self) -> int:
        named = 2 if self.objects else 1 if self.objects is not None else 0  # "*" (any object) is less specific
        return named + (self.prep is not None) + (self.prep_objects is not None)


@dataclass
class Lexicon:
    """Patterns by (pos, lemma), most specific first."""

    patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)

    def candidates(self, pos: str, lemma: str) -> list[Pattern]:
        return self.patterns.get((pos, lemma), [])


def _alternatives(value: str) -> frozenset[str] | None:
    """None for "-" (anything or nothing), the empty set for "*" (some object, whatever it is)."""
    if value == "-":
        return None
    return frozenset() if value == ANY_OBJECT else frozenset(v.strip() for v in value.split(",") if v.strip())


def parse_rows(text: str, origin: str) -> dict[tuple, Pattern]:
    """Rows of one lexicon file keyed by (pos, lemma, object, prep, prep_object)."""
    known = codebook()
    rows: dict[tuple, Pattern] = {}
    for number, fields in data_rows(text.splitlines(), origin, len(COLUMNS), header=COLUMNS):
        where = f"{origin}:{number}"
        words, pos, obj, prep, prep_obj, cameo, _note = fields
        if pos not in POS_TAGS:
            raise UserError(f"{where}: pos must be one of {', '.join(POS_TAGS)}, not {pos!r}")
        if cameo != NOT_AN_EVENT and cameo not in known:
            raise UserError(f"{where}: {cameo!r} is not a CAMEO code of the codebook")
        pattern = Pattern(_alternatives(obj), None if prep == "-" else prep, _alternatives(prep_obj),
                          None if cameo == NOT_AN_EVENT else cameo)
        for word in words.split(","):
            if word.strip():
                rows[(pos, word.strip().lower(), obj, prep, prep_obj)] = pattern
    return rows


def _read(path: Path | object, origin: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{origin}: cannot read the event lexicon ({error})") from None


def use_user_file(path: str | Path) -> None:
    """Add a user trigger file for this process and the workers it starts (through the
    environment); a missing file or a bad row is a UserError naming it."""
    if not Path(path).is_file():
        raise UserError(f"{path}: no such trigger file")
    os.environ[ENV_VARIABLE] = str(path)
    load()


def load(user_file: str | None = None) -> Lexicon:
    """The layered lexicon; `user_file` (or $BRINK_EVENT_LEXICON) adds or overrides rows."""
    return _load(user_file or os.environ.get(ENV_VARIABLE) or None)


@lru_cache(maxsize=4)
def _load(user_file: str | None) -> Lexicon:
    # the codebook too: rows are checked against it when the lexicon is built
    sources = [*(DATA / name for name in LAYERS), CODEBOOK, *([Path(user_file)] if user_file else [])]
    try:
        return cached("event_lexicon_user" if user_file else "event_lexicon", sources, lambda: _build(user_file))
    except OSError:  # an unreadable file: _build names it
        return _build(user_file)


def _build(user_file: str | None) -> Lexicon:
    layers = [parse_rows(_read(DATA / name, name), name) for name in LAYERS]
    if user_file:
        layers.append(parse_rows(_read(Path(user_file), user_file), user_file))
    rows: dict[tuple, tuple[int, Pattern]] = {}
    for rank, layer in enumerate(layers):
        rows.update((key, (rank, pattern)) for key, pattern in layer.items())
    lexicon = Lexicon()
    for (pos, lemma, *_), (rank, pattern) in rows.items():
        lexicon.patterns.setdefault((pos, lemma), []).append((rank, pattern))
    for key, ranked in lexicon.patterns.items():
        # most specific first; among equally specific patterns, the later layer's
        ranked.sort(key=lambda item: (-item[1].specificity, -item[0]))
        lexicon.patterns[key] = [pattern for _, pattern in ranked]
    return lexicon


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    return word_lists(_read(DATA / WORDS, WORDS).splitlines(), WORDS)


def word_list(name: str) -> tuple[str, ...]:
    """A named word list of data/events/words.tsv, in file order."""
    lists = _word_lists()
    if name not in lists:
        raise UserError(f"{WORDS}: no word list {name!r}")
    return lists[name]
