"""Actors: knowledge base, mention resolution and in-document coreference."""

from brink.actors.resolve import resolve

__all__ = ["resolve"]
