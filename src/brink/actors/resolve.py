"""Resolve named-entity mentions to actors (first version: spaCy entities, grouped by name)."""

from __future__ import annotations

from spacy.tokens import Doc

from brink.records import Actor, Boilerplate, ResolvedActors, Span

_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


def resolve(doc: Doc, published: str | None = None, boilerplate: list[Boilerplate] | None = None) -> ResolvedActors:
    resolved = ResolvedActors()
    by_name: dict[str, Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        actor = by_name.get(ent.text)
        if actor is None:
            actor = Actor(f"A{len(by_name) + 1}", ent.text, _TYPES[ent.label_], None, None, None, None, [])
            by_name[ent.text] = actor
            resolved.actors.append(actor)
        actor.mentions.append(Span(ent.start_char, ent.end_char, ent.text))
        for token in ent:
            resolved.token_actor[token.i] = actor.id
    return resolved
