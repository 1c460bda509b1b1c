"""Which documents to analyse, decided over small keys before any parsing, with the store's own
rules (brink.ingest / brink.store.Writer) made to work across partitions:

- an id given twice: the first in input order is kept, later ones are skipped with an error;
- not English: skipped with the reason, as `brink ingest` does;
- an exact copy (same `dedup.text_hash`): a shuffle by hash, the first in input order is the
  original, later ones are stored as copies without analysis;
- a near copy: MinHash band keys (`dedup.band_keys`) are shuffled so that documents sharing a
  band meet; pairs above `dedup.NEAR_DUPLICATE_JACCARD` are then resolved in input order on the
  driver (a document links to the most similar EARLIER original, as in a local ingest), so the
  driver holds only the near-copy pairs, never the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Literal

import numpy as np

from brink import dedup
from brink.ingest import not_english

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext
    from pyspark.broadcast import Broadcast

Order = tuple[int, int, int]  # (input number, file rank, record or line number in the file): the local reading order


@dataclass(frozen=True)
class Key:
    """What dedup needs of a document: a few hundred bytes instead of its text."""

    order: Order
    id: str
    text_hash: str
    signature: np.ndarray
    not_english: str | None


@dataclass(frozen=True)
class Verdict:
    """What to do with one document, and what its article row will say about copies."""

    action: Literal["analyse", "copy", "skip"]
    text_hash: str
    signature: np.ndarray
    original: str | None = None  # copy: the article it copies; analyse: the near original, if any
    similarity: float | None = None
    reason: str | None = None  # skip: why


def key_of(order: Order, doc_id: str, text: str) -> Key:
    return Key(order, doc_id, dedup.text_hash(text), dedup.signature(text), not_english(text))


def decide(keys: RDD, sc: SparkContext) -> RDD:
    """RDD[Key] -> RDD[(Order, Verdict)], one verdict per key."""
    by_id = keys.keyBy(lambda key: key.id).groupByKey().mapValues(_in_order).persist()
    given_twice = by_id.flatMap(lambda group: (_skip(key, f"id {key.id!r} already stored (given twice)")
                                               for key in group[1][1:]))
    firsts = by_id.map(lambda group: group[1][0])
    foreign = firsts.filter(lambda key: key.not_english).map(lambda key: _skip(key, key.not_english))
    by_hash = firsts.filter(lambda key: not key.not_english).keyBy(lambda key: key.text_hash).groupByKey()
    by_hash = by_hash.mapValues(_in_order).persist()
    copies = by_hash.flatMap(lambda group: (_copy(key, group[1][0].id) for key in group[1][1:]))
    originals = by_hash.map(lambda group: group[1][0]).persist()
    near = near_originals(originals, sc)
    analysed = originals.map(lambda key: (key.order, _analyse(key, near.value.get(key.id))))
    return sc.union([given_twice, foreign, copies, analysed])


def near_originals(originals: RDD, sc: SparkContext) -> Broadcast:
    """A broadcast {id: (original id, similarity)} for the originals that are near copies of an
    earlier original."""
    pairs = originals.flatMap(lambda key: ((band, key) for band in dedup.band_keys(key.signature)))
    pairs = pairs.groupByKey().flatMap(lambda group: _similar_pairs(group[1])).distinct()
    resolved = resolve_in_order(pairs.sortBy(lambda pair: pair[0]).toLocalIterator())
    return sc.broadcast(resolved)


def resolve_in_order(pairs: Iterable[tuple[Order, str, str, float]]) -> dict[str, tuple[str, float]]:
    """Pairs (later order, later id, earlier id, similarity), sorted by the later order -> each
    later document's most similar earlier original. An earlier document that is itself a near
    copy is no original, as in a local ingest where only originals are indexed."""
    linked: dict[str, tuple[str, float]] = {}
    for _, group in groupby(pairs, key=lambda pair: pair[0]):
        group = list(group)
        candidates = [(similarity, earlier) for _, _, earlier, similarity in group if earlier not in linked]
        if candidates:
            similarity, earlier = max(candidates)  # ties: the greater id, as the local store's max()
            linked[group[0][1]] = (earlier, similarity)
    return linked


def _similar_pairs(keys: Iterable[Key]) -> Iterator[tuple[Order, str, str, float]]:
    """Within one band: every document against every earlier one, kept when similar enough."""
    ordered = _in_order(keys)
    for index, later in enumerate(ordered):
        for earlier in ordered[:index]:
            similarity = dedup.similarity(later.signature, earlier.signature)
            if similarity >= dedup.NEAR_DUPLICATE_JACCARD:
                yield later.order, later.id, earlier.id, similarity


def _in_order(keys: Iterable[Key]) -> list[Key]:
    return sorted(keys, key=lambda key: key.order)


def _skip(key: Key, reason: str) -> tuple[Order, Verdict]:
    return key.order, Verdict("skip", key.text_hash, key.signature, reason=reason)


def _copy(key: Key, original: str) -> tuple[Order, Verdict]:
    return key.order, Verdict("copy", key.text_hash, key.signature, original=original, similarity=1.0)


def _analyse(key: Key, near: tuple[str, float] | None) -> Verdict:
    if near is None:
        return Verdict("analyse", key.text_hash, key.signature)
    return Verdict("analyse", key.text_hash, key.signature, original=near[0], similarity=near[1])
