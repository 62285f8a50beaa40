"""Verification of an LSH candidate: shingle containment computed from two fingerprints.

MinHash LSH proposes candidates by (estimated) Jaccard similarity, which a reprint loses when it
gains or drops paragraphs: a copy cut to half its length has Jaccard 0.5 with the original but
every one of its shingles occurs there. The decision therefore uses **containment**: the share
of the smaller article's distinct shingles that also occur in the other one. On the benchmark
(docs/benchmarks-dedupe.md) distinct articles about one event that share names, facts and quotes
stay at or below ~0.45 containment of word 5-shingles, while reprints with 5–20% of sentences
edited and paragraphs added or dropped stay above ~0.6.

Both sketches are complete below a common cut-off (the smaller of the two largest kept hashes
when a sketch was truncated), so the comparison is exact for articles up to
:data:`~storyline.dedupe.fingerprint.SKETCH_SIZE` distinct shingles and a consistent sample
otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storyline.dedupe.fingerprint import Fingerprint

#: Below this many distinct shingles in the smaller article, containment is too coarse to trust
#: (a one-line text is "contained" in many articles): such pairs need Jaccard instead.
MIN_SHINGLES = 8


@dataclass(frozen=True)
class Overlap:
    """Shared shingles of two fingerprints: ``containment`` (over the smaller) and ``jaccard``."""

    containment: float
    jaccard: float
    smaller: int


def _cutoff(fp: Fingerprint) -> int:
    truncated = len(fp.sketch) < fp.shingles
    return int(fp.sketch[-1]) if truncated and len(fp.sketch) else 2**32


def overlap(a: Fingerprint, b: Fingerprint) -> Overlap:
    """Containment and Jaccard of the shingle sets of ``a`` and ``b`` (exact or sampled)."""
    cut = min(_cutoff(a), _cutoff(b))
    sa = a.sketch[: np.searchsorted(a.sketch, cut, side="right")]
    sb = b.sketch[: np.searchsorted(b.sketch, cut, side="right")]
    if not len(sa) or not len(sb):
        return Overlap(0.0, 0.0, 0)
    shared = len(np.intersect1d(sa, sb, assume_unique=True))
    smaller = min(len(sa), len(sb))
    return Overlap(shared / smaller, shared / (len(sa) + len(sb) - shared),
                   min(a.shingles, b.shingles))


def duplicate_score(a: Fingerprint, b: Fingerprint) -> float:
    """The score compared with ``dedupe.containment``: containment of the smaller article, or
    Jaccard when the smaller one has fewer than :data:`MIN_SHINGLES` shingles."""
    o = overlap(a, b)
    return o.containment if o.smaller >= MIN_SHINGLES else o.jaccard
