"""Actors: knowledge base, mention resolution and in-document coreference."""

from brink.actors.knowledge import knowledge, use_dictionaries
from brink.actors.resolve import resolve

__all__ = ["knowledge", "resolve", "use_dictionaries"]
