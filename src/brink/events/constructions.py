"""The constructions registry (data/events/constructions.jsonl): each way a trigger's
factuality, time or code is read from the words around it, as named data.

A construction is a spaCy DependencyMatcher pattern with a node named "event" (the clause or
trigger the construction speaks about) and, usually, a node "frame" (the word that frames it:
"plans" in "plans to attack"), or the name of a predicate from `PREDICATES` where the parse
cannot express it. What it gives is a factuality, a time or a CAMEO code for its event node, a demand (the
speaker's, of the obliged clause's subject), or the target of a reaction (the doer of the act
reacted to).
Every construction carries example sentences of our own with their expected event; a
construction without one does not load, and tests/test_events_constructions.py runs them all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from typing import Literal

import msgspec
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from brink.errors import UserError
from brink.events.codebook import codebook
from brink.events.lexicon import word_list

REGISTRY = files("brink") / "data" / "events" / "constructions.jsonl"
VALUES = {"factuality": ("asserted", "hypothetical", "negated"), "time": ("past", "current", "future"),
          "target": ("doer",)}
DOC_KEY = "brink_constructions"
# Links through which a trigger shares the frame of the clause above it.
CLAUSE_LINKS = frozenset(word_list("clause_links"))


class Example(msgspec.Struct, forbid_unknown_fields=True):
    text: str
    trigger: str  # the trigger word whose event the example is about
    expect: dict[str, str | None]  # plover, source, target, factuality, time, cameo
    actors: dict[str, str] = {}  # country names in the text and their codes
    published: str = "2024-05-15"  # a Wednesday


class Construction(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    description: str
    kind: Literal["factuality", "time", "code", "demand", "target"]
    gives: str
    examples: list[Example]
    pattern: list[dict] | None = None
    predicate: str | None = None
    line: int = 0


def _warned_clause(token: Token) -> tuple[Token, Token] | None:
    """(clause, subject) of "X warned that <subject> ...", when the subject is a noun of its own
    (not a pronoun standing for the warner)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ("warn", "caution"):
        return None
    return next(((c, g) for c in token.children if c.dep_ == "ccomp" for g in c.children
                 if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ in ("NOUN", "PROPN")), None)


def _warns_of_others(token: Token) -> bool:
    """ "X warned that Y could become a target": a warning about what others may undergo."""
    return _warned_clause(token) is not None


def _warns_of_others_acts(token: Token) -> bool:
    """ "X warned that Y's actions would divide the country", "... that Y would attack Z": a
    warning that another actor does harm, with a named doer and an object."""
    found = _warned_clause(token)
    if found is None:
        return False
    clause, subject = found
    named = subject.pos_ == "PROPN" or any(c.dep_ == "poss" for c in subject.children)
    return named and any(c.dep_ == "dobj" for c in clause.children)


# Named predicates for constructions the parse cannot express as a pattern.
PREDICATES: dict[str, Callable[[Token], bool]] = {"warns_of_others": _warns_of_others,
                                                  "warns_of_others_acts": _warns_of_others_acts}


def parse(text: str, origin: str) -> list[Construction]:
    """The constructions of a registry file; UserError naming the line for anything malformed."""
    found: list[Construction] = []
    names: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{origin}:{number}"
        try:
            construction = msgspec.json.decode(line, type=Construction)
        except msgspec.DecodeError as error:
            raise UserError(f"{where}: {error}") from None
        _validate(construction, where)
        if construction.name in names:
            raise UserError(f"{where}: construction {construction.name!r} is defined twice")
        names.add(construction.name)
        construction.line = number
        found.append(construction)
    if not found:
        raise UserError(f"{origin}: no constructions")
    return found


def _validate(construction: Construction, where: str) -> None:
    if not construction.examples:
        raise UserError(f"{where}: construction {construction.name!r} has no example sentence")
    if (construction.pattern is None) == (construction.predicate is None):
        raise UserError(f"{where}: give exactly one of pattern and predicate")
    if construction.predicate is not None and construction.predicate not in PREDICATES:
        raise UserError(f"{where}: unknown predicate {construction.predicate!r}")
    if construction.pattern is not None:
        ids = [node.get("RIGHT_ID") for node in construction.pattern]
        if "event" not in ids:
            raise UserError(f"{where}: the pattern needs a node named 'event'")
        try:
            DependencyMatcher(Vocab()).add(construction.name, [construction.pattern])
        except (ValueError, KeyError, TypeError) as error:
            raise UserError(f"{where}: bad pattern ({error})") from None
    allowed = VALUES.get(construction.kind)
    if allowed is not None and construction.gives not in allowed:
        raise UserError(f"{where}: a {construction.kind} construction gives one of {', '.join(allowed)}")
    if construction.kind in ("code", "demand") and construction.gives not in codebook():
        raise UserError(f"{where}: {construction.gives!r} is not a CAMEO code of the codebook")
    for example in construction.examples:
        if example.trigger not in example.text.split() and example.trigger not in example.text:
            raise UserError(f"{where}: the example has no trigger {example.trigger!r}")


@lru_cache(maxsize=1)
def registry() -> tuple[Construction, ...]:
    return tuple(parse(REGISTRY.read_text(encoding="utf-8"), str(REGISTRY)))


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> DependencyMatcher:
    matcher = DependencyMatcher(vocab)
    for construction in registry():
        if construction.pattern is not None:
            matcher.add(construction.name, [construction.pattern])
    return matcher


def _matches(doc: Doc) -> dict[int, list[int]]:
    """Registry positions of the constructions matched, by the index of their event token, in
    registry order; computed once a doc (kept as plain numbers in the doc's user data)."""
    cached = doc.user_data.get(DOC_KEY)
    if cached is not None:
        return cached
    constructions = registry()
    position = {c.name: n for n, c in enumerate(constructions)}
    found: dict[int, set[int]] = {}
    for match_id, tokens in _matcher(doc.vocab)(doc):
        n = position[doc.vocab.strings[match_id]]
        ids = [node["RIGHT_ID"] for node in constructions[n].pattern]
        found.setdefault(tokens[ids.index("event")], set()).add(n)
    for n, construction in enumerate(constructions):
        if construction.predicate is not None:
            for token in doc:
                if PREDICATES[construction.predicate](token):
                    found.setdefault(token.i, set()).add(n)
    ordered = {i: sorted(ns) for i, ns in found.items()}
    doc.user_data[DOC_KEY] = ordered
    return ordered


def given(token: Token, kind: str) -> str | None:
    """What the first construction of this kind matched at `token` gives, or None."""
    constructions = registry()
    return next((constructions[n].gives for n in _matches(token.doc).get(token.i, ())
                 if constructions[n].kind == kind), None)


def framed(trigger: Token, kind: str) -> str | None:
    """What the nearest construction of this kind on the way up from the trigger gives, climbing
    through the clauses it is embedded in and stopping after the first reporting link (ccomp)."""
    token = trigger
    while True:
        found = given(token, kind)
        if found is not None or token.head == token or token.dep_ not in CLAUSE_LINKS:
            return found
        token = token.head
