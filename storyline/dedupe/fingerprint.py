"""The per-article fingerprint: a pure function of the text and the dedupe settings.

``fingerprint(text, settings)`` runs in worker processes (and later on Spark executors); the
result is a small frozen value with a stable byte form, stored with the article so the in-memory
:class:`~storyline.dedupe.index.DuplicateIndex` can be rebuilt without re-reading any text.

A fingerprint holds:

* ``text_hash`` — :func:`storyline.ids.text_hash` of the text (exact duplicates);
* ``minhash`` — the datasketch MinHash (scheme ``affine32``, seed 1) of the distinct word
  ``n``-shingle hashes, ``num_perm`` uint32 values (LSH candidates);
* ``sketch`` — the smallest :data:`SKETCH_SIZE` distinct shingle hashes, sorted. For articles up
  to that many distinct shingles (almost all news: 2,048 shingles is ~2,050 words) this is the
  whole shingle set; for longer ones it is a consistent sample (bottom-k), so the shingle
  containment of two articles can be computed exactly or estimated without bias
  (:func:`storyline.dedupe.verify.containment`);
* ``shingles`` — the number of distinct shingles (the size of the full set).

Byte form (little endian): ``b"SLD1"``, shingle length (u8), 3 pad bytes, ``num_perm`` (u32),
shingle count (u32), sketch length (u32), 8 bytes of the text hash, then the MinHash values and
the sketch as uint32. About 560 bytes plus 4 per sketched shingle.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash

from storyline.config import Settings
from storyline.dedupe.shingles import shingle_hashes, word_hashes, words
from storyline.ids import ID_LENGTH, content_id, normalise_text

SKETCH_SIZE = 2048
SEED = 1
SCHEME = "affine32"
_MAGIC = b"SLD1"
_HEADER = struct.Struct("<4sB3xIII8s")

U32 = npt.NDArray[np.uint32]


def _identity(value: int) -> int:
    """The shingle hashes are already uniform 32-bit values; datasketch pre-mixes them again."""
    return value


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """What dedupe keeps of one article (see the module docstring)."""

    text_hash: str
    shingle: int
    minhash: U32
    sketch: U32
    shingles: int

    @property
    def num_perm(self) -> int:
        return len(self.minhash)

    @property
    def empty(self) -> bool:
        """True when the text has no words (only exact-duplicate detection applies)."""
        return self.shingles == 0

    def lean_minhash(self) -> LeanMinHash:
        """The datasketch LeanMinHash for LSH insert and query."""
        return LeanMinHash(seed=SEED, hashvalues=self.minhash, scheme=SCHEME)

    def to_bytes(self) -> bytes:
        head = _HEADER.pack(_MAGIC, self.shingle, self.num_perm, self.shingles,
                            len(self.sketch), bytes.fromhex(self.text_hash))
        return head + self.minhash.astype("<u4").tobytes() + self.sketch.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        """The fingerprint written by :meth:`to_bytes`; ``ValueError`` for anything else."""
        if len(data) < _HEADER.size:
            raise ValueError("fingerprint bytes are truncated")
        magic, shingle, num_perm, shingles, sketch_len, digest = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a storyline dedupe fingerprint (bad magic)")
        if len(data) != _HEADER.size + 4 * (num_perm + sketch_len):
            raise ValueError("fingerprint bytes have the wrong length")
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        return cls(digest.hex()[:ID_LENGTH], shingle, values[:num_perm].copy(),
                   values[num_perm:].copy(), shingles)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fingerprint):
            return NotImplemented
        return (self.text_hash == other.text_hash and self.shingle == other.shingle
                and self.shingles == other.shingles
                and np.array_equal(self.minhash, other.minhash)
                and np.array_equal(self.sketch, other.sketch))

    def __hash__(self) -> int:
        return hash((self.text_hash, self.shingle, self.shingles, self.minhash.tobytes()))


@functools.lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """datasketch's permutations for (seed, scheme, num_perm), made once per process (building
    them costs more than hashing a short article)."""
    a, b = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return a, b


def fingerprint(text: str, settings: Settings | None = None) -> Fingerprint:
    """The fingerprint of ``text`` under ``dedupe.shingle`` and ``dedupe.num_perm``."""
    settings = settings or Settings()
    n = int(settings["dedupe.shingle"])
    num_perm = int(settings["dedupe.num_perm"])
    folded = normalise_text(text)
    hashes = shingle_hashes(word_hashes(words(folded, normalised=True)), n)
    mh = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme=SCHEME,
                 permutations=_permutations(num_perm))
    if len(hashes):
        mh.update_batch(hashes.tolist())
    return Fingerprint(
        text_hash=content_id(folded),  # == storyline.ids.text_hash(text), folding done once
        shingle=n,
        minhash=np.asarray(mh.hashvalues, dtype=np.uint32),
        sketch=hashes[:SKETCH_SIZE].copy(),
        shingles=len(hashes),
    )
