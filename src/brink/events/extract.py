"""Event extraction over the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc

from brink.records import Boilerplate, Event, Quote, ResolvedActors


def extract(doc: Doc, actors: ResolvedActors, quotes: list[Quote], boilerplate: list[Boilerplate]) -> list[Event]:
    return []
