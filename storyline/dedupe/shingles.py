"""Words and word shingles of an article, hashed to 32-bit integers with numpy.

Text is folded with :func:`storyline.ids.normalise_text` (the same folding as the exact-duplicate
hash), split into ``\\w+`` words, each word hashed once with CRC-32, and every run of ``n``
consecutive words combined into one 64-bit value (a fixed random linear combination of the word
hashes, wrapping modulo 2**64) that is mixed with the MurmurHash3 finalizer and cut to its top 32
bits. Everything after the per-word CRC is vectorised, so shingling costs a few microseconds per
word, and the values are identical on every machine and in every process (no ``hash()``).
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

from storyline.ids import normalise_text

U32 = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+")
# Fixed odd multipliers, one per position in a shingle (up to the largest allowed shingle).
_MULTIPLIERS = np.random.RandomState(20261122).randint(
    1, 2**62, size=20, dtype=np.int64
).astype(np.uint64) * np.uint64(2) + np.uint64(1)


def words(text: str, normalised: bool = False) -> list[str]:
    """The ``\\w+`` words of the normalised text (``normalised``: ``text`` already is)."""
    return _WORD.findall(text if normalised else normalise_text(text))


def word_hashes(tokens: list[str]) -> npt.NDArray[np.uint64]:
    """CRC-32 of each word, as uint64 (for the wrapping arithmetic of :func:`shingle_hashes`)."""
    crc = zlib.crc32
    return np.fromiter((crc(w.encode("utf-8")) for w in tokens), dtype=np.uint64, count=len(tokens))


def _fmix64(h: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def shingle_hashes(hashed_words: npt.NDArray[np.uint64], n: int) -> U32:
    """The sorted, distinct 32-bit hashes of the ``n``-word shingles.

    A text shorter than ``n`` words gives one shingle of all its words; no words give an empty
    array.
    """
    count = len(hashed_words)
    if count == 0:
        return np.zeros(0, dtype=np.uint32)
    width = min(n, count)
    rows = count - width + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(rows, dtype=np.uint64)
        for j in range(width):
            acc += hashed_words[j : j + rows] * _MULTIPLIERS[j]
        mixed = _fmix64(acc + np.uint64(width))
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))
