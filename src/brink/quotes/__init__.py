"""Quotes and attributions: direct, mixed and indirect, with speaker, cue and audience."""

from brink.quotes.extract import extract

__all__ = ["extract"]
