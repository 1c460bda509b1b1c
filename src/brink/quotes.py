"""Quotes and attributions: direct, mixed and indirect, with speaker, cue and audience."""

from __future__ import annotations

from spacy.tokens import Doc

from brink.records import Boilerplate, Quote, ResolvedActors


def extract(doc: Doc, actors: ResolvedActors, boilerplate: list[Boilerplate]) -> list[Quote]:
    return []
