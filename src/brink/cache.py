"""A disk cache for what brink derives from its data files (lexicons, indexes): built and
validated once, then read back on later starts in a fraction of the time.

An entry is keyed by brink's version and the names and bytes of every file it is built from, so
an edited data file (or a user file given with --triggers) builds it anew. The folder is
$BRINK_CACHE_DIR, else $XDG_CACHE_HOME/brink, else ~/.cache/brink. The cache is an optimisation only: an unreadable,
unwritable or corrupt entry is built again, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_FORMAT = "1"  # bump when the layout of an entry changes


def cached(name: str, sources: Iterable[Path | object], build: Callable[[], T]) -> T:
    """`build()`, or the value stored by an earlier call with the same `name` and sources."""
    from brink import __version__

    digest = hashlib.blake2b(f"{_FORMAT}|{__version__}".encode(), digest_size=16)
    for source in sources:
        # names and bytes, not paths: two checkouts of the same data share one entry
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    entry = folder() / f"{name}-{digest.hexdigest()}.pickle"
    try:
        return pickle.loads(entry.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # not there yet, or written by another brink: build it
    value = build()
    _store(entry, value)
    return value


def folder() -> Path:
    if os.environ.get("BRINK_CACHE_DIR"):
        return Path(os.environ["BRINK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "brink"


def _store(entry: Path, value) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=entry.parent, prefix=entry.name, suffix=".partial") as handle:
            handle.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            handle.flush()
            os.link(handle.name, entry)  # whole or not at all: a parallel reader never sees half an entry
    except FileExistsError:
        pass  # a parallel brink stored the same entry first
    except OSError:
        return  # a read-only home: brink still works, it only starts slower
    for stale in entry.parent.glob(f"{entry.name.rsplit('-', 1)[0]}-*.pickle"):
        if stale != entry:  # an entry built from older data files
            stale.unlink(missing_ok=True)
