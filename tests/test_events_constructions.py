"""The constructions registry: every construction's own example sentences, run through the
events and time stages with actors resolved by hand, and the loader's refusals."""

from __future__ import annotations

import pytest

from brink import events, time
from brink.errors import UserError
from brink.events import constructions
from brink.records import Actor, ResolvedActors, Span

COUNTRIES = {"Norland": "NRL", "Spain": "ESP", "France": "FRA", "Italy": "ITA", "Portugal": "PRT"}
EXAMPLES = [pytest.param(c, e, id=f"{c.name}-{n}") for c in constructions.registry() for n, e in enumerate(c.examples)]


def resolve_by_hand(doc, names):
    resolved = ResolvedActors()
    for name, code in names.items():
        start = doc.text.find(name)
        while start >= 0:
            actor = next((a for a in resolved.actors if a.name == name), None)
            if actor is None:
                kind = "organization" if code.startswith("IGO") else "country"  # "IGOWSTNAT": an alliance
                actor = Actor(f"A{len(resolved.actors) + 1}", name, kind, None if kind == "organization" else code,
                              "IGO" if kind == "organization" else None, code, None, [])
                resolved.actors.append(actor)
            actor.mentions.append(Span(start, start + len(name), name))
            for token in doc:
                if start <= token.idx < start + len(name):
                    resolved.token_actor[token.i] = actor.id
            start = doc.text.find(name, start + len(name))
    return resolved


def events_of(nlp, text, names=COUNTRIES, published="2024-05-15"):
    doc = nlp(text)
    resolved = resolve_by_hand(doc, names)
    found = time.resolve(events.extract(doc, resolved, [], []), doc, published)
    by_id = {a.id: a.name for a in resolved.actors}
    return [(e, by_id.get(e.source), by_id.get(e.target)) for e in found]


@pytest.mark.parametrize("construction, example", EXAMPLES)
def test_construction_example(nlp, construction, example):
    found = events_of(nlp, example.text, {**COUNTRIES, **example.actors}, example.published)
    mine = [(e, s, t) for e, s, t in found if e.trigger.text == example.trigger]
    if example.expect == {"plover": None}:  # the construction makes the trigger no event
        assert not mine, [(e.cameo, s, t) for e, s, t in mine]
        return
    assert mine, f"no event on {example.trigger!r}: {[(e.trigger.text, e.plover) for e, _, _ in found]}"
    got = [{"plover": e.plover, "cameo": e.cameo, "source": s, "target": t, "factuality": e.factuality,
            "time": e.time} for e, s, t in mine]
    assert any(all(g[k] == v for k, v in example.expect.items()) for g in got), got


def test_a_construction_without_examples_does_not_load():
    line = ('{"name": "x", "description": "d", "kind": "time", "gives": "past", "examples": [],'
            ' "pattern": [{"RIGHT_ID": "event", "RIGHT_ATTRS": {"LOWER": "x"}}]}')
    with pytest.raises(UserError, match=r"mine.jsonl:2: .*no example"):
        constructions.parse("# comment\n" + line, "mine.jsonl")


@pytest.mark.parametrize("line, reason", [
    ('{"name": "x", "description": "d", "kind": "time", "gives": "soon", "examples": []}', "mine.jsonl:1"),
    ('{"name": "x", "kind": "time"}', "mine.jsonl:1: .*description"),
    ('{"name": "x", "description": "d", "kind": "time", "gives": "past", "pattern": [{"RIGHT_ID": "frame",'
     ' "RIGHT_ATTRS": {}}], "examples": [{"text": "a x", "trigger": "x", "expect": {}}]}', "node named 'event'"),
    ('{"name": "x", "description": "d", "kind": "code", "gives": "999", "predicate": "nothing",'
     ' "examples": [{"text": "a x", "trigger": "x", "expect": {}}]}', "unknown predicate"),
])
def test_bad_constructions_are_refused_with_file_and_line(line, reason):
    with pytest.raises(UserError, match=reason):
        constructions.parse(line, "mine.jsonl")


@pytest.mark.parametrize("construction", [c for c in constructions.registry() if c.pattern is not None],
                         ids=lambda c: c.name)
def test_the_on_demand_evaluation_agrees_with_spacys_dependency_matcher(nlp, construction):
    from spacy.matcher import DependencyMatcher
    matcher = DependencyMatcher(nlp.vocab)
    matcher.add(construction.name, [construction.pattern])
    event = [node["RIGHT_ID"] for node in construction.pattern].index("event")
    for example in construction.examples:
        doc = nlp(example.text)
        by_spacy = {tokens[event] for _, tokens in matcher(doc)}
        assert by_spacy, f"{construction.name} matches nothing in its own example"
        assert by_spacy == {t.i for t in doc if constructions._holds(constructions._compile(construction.pattern), t)}
