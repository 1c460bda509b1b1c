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
from spacy.tokens import Token
from spacy.vocab import Vocab

from brink.errors import UserError
from brink.events.codebook import codebook
from brink.events.lexicon import word_list

REGISTRY = files("brink") / "data" / "events" / "constructions.jsonl"
VALUES = {"factuality": ("asserted", "hypothetical", "negated"), "time": ("past", "current", "future"),
          "target": ("doer",)}
DOC_KEY = "brink_constructions"
# The token attributes and relations a registry pattern may use (a subset of the DependencyMatcher's).
TOKEN_ATTRS = {"LEMMA": "lemma_", "LOWER": "lower_", "POS": "pos_", "DEP": "dep_", "TAG": "tag_", "ORTH": "text"}
REL_OPS = (">", ">>")
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
        for node in construction.pattern:
            unknown = set(node.get("RIGHT_ATTRS", {})) - set(TOKEN_ATTRS)
            if unknown or node.get("REL_OP", ">") not in REL_OPS:
                raise UserError(f"{where}: patterns use {', '.join(TOKEN_ATTRS)} and the relations "
                                f"{' '.join(REL_OPS)} only")
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


class _Node(msgspec.Struct, frozen=True):
    name: str
    left: str | None
    op: str | None
    tests: tuple[tuple[str, frozenset[str] | str], ...]  # (token attribute, allowed values or the value)

    def holds(self, token: Token) -> bool:
        for attribute, wanted in self.tests:
            value = getattr(token, attribute)
            if not (value in wanted if isinstance(wanted, frozenset) else value == wanted):
                return False
        return True


def _compile(pattern: list[dict]) -> tuple[_Node, ...]:
    return tuple(_Node(node["RIGHT_ID"], node.get("LEFT_ID"), node.get("REL_OP"),
                       tuple((TOKEN_ATTRS[name], frozenset(value["IN"]) if isinstance(value, dict) else value)
                             for name, value in node.get("RIGHT_ATTRS", {}).items()))
                 for node in pattern)


@lru_cache(maxsize=1)
def _by_kind() -> dict[str, tuple[tuple[str, tuple[_Node, ...] | str], ...]]:
    """(gives, compiled pattern or predicate name) of each kind's constructions, in registry order."""
    kinds: dict[str, list] = {}
    for construction in registry():
        test = construction.predicate if construction.pattern is None else _compile(construction.pattern)
        kinds.setdefault(construction.kind, []).append((construction.gives, test))
    return {kind: tuple(found) for kind, found in kinds.items()}


def _related(token: Token, op: str, forward: bool) -> list[Token]:
    """Tokens in relation `op` to `token`: forward, the right nodes of "token op ?"; else the
    left nodes of "? op token"."""
    if op == ">":
        return list(token.children) if forward else [token.head] if token.head != token else []
    if forward:  # ">>": descendants
        return [t for t in token.subtree if t != token]
    return list(token.ancestors)


def _binds(nodes: tuple[_Node, ...], bound: dict[str, Token]) -> bool:
    """Whether the pattern's tree of nodes can be bound outward from the nodes already bound."""
    for node in nodes[1:]:
        if node.left in bound and node.name in bound:
            if bound[node.name] not in _related(bound[node.left], node.op, forward=True):
                return False
        elif node.left in bound or node.name in bound:
            known, free, forward = (node.left, node.name, True) if node.left in bound else (node.name, node.left, False)
            wanted = next(n for n in nodes if n.name == free)
            return any(_binds(nodes, {**bound, free: t}) for t in _related(bound[known], node.op, forward)
                       if wanted.holds(t))
    return len(bound) == len(nodes)


def _holds(test: tuple[_Node, ...] | str, token: Token) -> bool:
    if isinstance(test, str):
        return PREDICATES[test](token)
    event = next(n for n in test if n.name == "event")
    return event.holds(token) and _binds(test, {"event": token})


def given(token: Token, kind: str) -> str | None:
    """What the first construction of this kind (in registry order) whose event node the token
    fills gives, or None. Evaluated on demand, only for the tokens the stage asks about (spaCy's
    DependencyMatcher over every document cost several times the whole stage; the agreement of
    the two is a test); the doc's user data keeps the answers."""
    cache = token.doc.user_data.setdefault(DOC_KEY, {}).setdefault(kind, {})
    if token.i not in cache:
        cache[token.i] = next((gives for gives, test in _by_kind().get(kind, ()) if _holds(test, token)), None)
    return cache[token.i]


def framed(trigger: Token, kind: str) -> str | None:
    """What the nearest construction of this kind on the way up from the trigger gives, climbing
    through the clauses it is embedded in and stopping after the first reporting link (ccomp)."""
    token = trigger
    while True:
        found = given(token, kind)
        if found is not None or token.head == token or token.dep_ not in CLAUSE_LINKS:
            return found
        token = token.head
