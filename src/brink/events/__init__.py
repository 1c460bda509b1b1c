"""Events: CAMEO/PLOVER codebook, trigger lexicon, extraction over the parse, factuality."""

from brink.events.extract import extract
from brink.events.retellings import merge_retellings

__all__ = ["extract", "merge_retellings"]
