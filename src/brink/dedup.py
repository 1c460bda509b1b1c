"""Duplicate detection for the store: an exact key (the text normalised) and a MinHash
signature whose LSH band keys find syndicated near-copies (a wire story with another byline,
headline or closing line) without comparing every pair.

Our own MinHash (numpy, ~30 lines) rather than datasketch: the band keys live in the database,
so a later run finds copies of articles stored by an earlier one, with no index held in memory.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard become candidates...
NEAR_DUPLICATE_JACCARD = 0.8  # ...and are linked only when the signatures agree this much.
SHINGLE_WORDS = 5
_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")
_random = np.random.default_rng(20240501)  # fixed: signatures must be comparable across runs
_A = _random.integers(1, 1 << 29, PERMUTATIONS, dtype=np.uint64)
_B = _random.integers(0, 1 << 60, PERMUTATIONS, dtype=np.uint64)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def text_hash(text: str) -> str:
    """Equal for texts that differ only in case, punctuation and spacing."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def signature(text: str) -> np.ndarray:
    """MinHash of the text's word 5-grams: PERMUTATIONS unsigned 64-bit values."""
    tokens = words(text)
    shingles = {" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return permuted.min(axis=0)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band number is part of the key)."""
    rows = PERMUTATIONS // BANDS
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * rows:(band + 1) * rows].tobytes(), digest_size=8, person=bytes([band]) * 8)
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))
