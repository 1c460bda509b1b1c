"""Events: CAMEO/PLOVER codebook, trigger lexicon, extraction over the parse, factuality."""

from brink.events.extract import extract

__all__ = ["extract"]
