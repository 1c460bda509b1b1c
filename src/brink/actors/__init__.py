"""Actors: knowledge base, mention resolution and in-document coreference."""

from brink.actors.knowledge import use_dictionaries
from brink.actors.resolve import resolve

__all__ = ["resolve", "use_dictionaries"]
