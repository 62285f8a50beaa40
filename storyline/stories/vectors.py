"""Sparse term vectors: incremental document frequencies, cosine against centroids, pruning.

Centroids hold *unweighted* per-article term frequencies (each article scaled to unit length
under the IDF of its arrival); IDF is applied at comparison time with the current document
frequencies, so early articles are not stuck with the flat IDF of a tiny corpus.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


class DocFreq:
    """Document frequencies that grow one article at a time."""

    def __init__(self, n_docs: int = 0, df: dict[str, int] | None = None) -> None:
        self.n_docs = n_docs
        self.df: dict[str, int] = df if df is not None else {}
        self.top = math.log(n_docs + 1) + 1.0  # idf(t) = top - log(df(t) + 1)

    def add(self, terms: Iterable[str]) -> None:
        self.n_docs += 1
        df = self.df
        for t in terms:
            df[t] = df.get(t, 0) + 1
        self.top = math.log(self.n_docs + 1) + 1.0

    def set_docs(self, n_docs: int) -> None:
        """Set the article count (restoring a saved state)."""
        self.n_docs = n_docs
        self.top = math.log(n_docs + 1) + 1.0

    def idf(self, term: str) -> float:
        return self.top - math.log(self.df.get(term, 0) + 1)


def top_terms(weights: Mapping[str, float], k: int) -> list[str]:
    """The ``k`` heaviest terms, ties broken by the term itself (deterministic)."""
    return [t for t, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def weigh(tf: Mapping[str, float], df: DocFreq, keep: int) -> tuple[dict[str, float],
                                                                   dict[str, float]]:
    """``(weighted, unit_tf)``: TF-IDF weights of the ``keep`` heaviest terms, and the same
    terms' raw frequencies scaled so that the TF-IDF vector has unit length."""
    top, get, log = df.top, df.df.get, math.log
    weighted = {t: w * (top - log(get(t, 0) + 1)) for t, w in tf.items()}
    if len(weighted) > keep:
        weighted = {t: weighted[t] for t in top_terms(weighted, keep)}
    norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
    return weighted, {t: tf[t] / norm for t in weighted}


def centroid_norm(centroid: Mapping[str, float], df: DocFreq,
                  only: tuple[str, ...] | None = None) -> float:
    """Length of a centroid weighted with the current IDF (``only``: terms with these
    prefixes, e.g. ``("w:", "l:")``)."""
    total = 0.0
    top, get, log = df.top, df.df.get, math.log
    for t, c in centroid.items():
        if only is not None and not t.startswith(only):
            continue
        x = c * (top - log(get(t, 0) + 1))
        total += x * x
    return math.sqrt(total)


def idf_scaled(weighted: Mapping[str, float], df: DocFreq) -> dict[str, float]:
    """Each weight times its term's current IDF: the article side of :func:`cosine_scaled`,
    computed once per article instead of once per candidate."""
    top, get, log = df.top, df.df.get, math.log
    return {t: w * (top - log(get(t, 0) + 1)) for t, w in weighted.items()}


def cosine_scaled(scaled: Mapping[str, float], doc_norm: float, centroid: Mapping[str, float],
                  centroid_length: float) -> float:
    """:func:`cosine` with the article side already multiplied by the IDF
    (:func:`idf_scaled`): one dictionary look-up per article term."""
    if centroid_length <= 0.0:
        return 0.0
    dot = 0.0
    get = centroid.get
    for t, v in scaled.items():
        c = get(t)
        if c is not None:
            dot += v * c
    return max(dot, 0.0) / (doc_norm * centroid_length)


def norm_delta(centroid: Mapping[str, float], unit_tf: Mapping[str, float], df: DocFreq,
               only: tuple[str, ...] | None = None) -> float:
    """How much adding ``unit_tf`` to ``centroid`` changes its squared IDF-weighted length
    (terms with the ``only`` prefixes), so a cached length can be updated, not recomputed."""
    top, get, log = df.top, df.df.get, math.log
    delta = 0.0
    for t, v in unit_tf.items():
        if only is not None and not t.startswith(only):
            continue
        c = centroid.get(t, 0.0)
        i = top - log(get(t, 0) + 1)
        delta += ((c + v) * (c + v) - c * c) * i * i
    return delta


def cosine(weighted: Mapping[str, float], doc_norm: float, centroid: Mapping[str, float],
           df: DocFreq, centroid_length: float) -> float:
    """Cosine between a TF-IDF article vector and an IDF-weighted centroid of known length
    (the article vector filtered to the same term kinds as the length)."""
    if centroid_length <= 0.0:
        return 0.0
    dot = 0.0
    top, get, log = df.top, df.df.get, math.log
    for t, w in weighted.items():
        c = centroid.get(t)
        if c is not None:
            dot += w * c * (top - log(get(t, 0) + 1))
    return max(dot, 0.0) / (doc_norm * centroid_length)


def restrict(weighted: Mapping[str, float], only: tuple[str, ...] | None
             ) -> tuple[dict[str, float], float]:
    """The terms of a vector with the given prefixes (all if ``None``), and their norm."""
    kept = dict(weighted) if only is None else {t: w for t, w in weighted.items()
                                                 if t.startswith(only)}
    return kept, math.sqrt(sum(w * w for w in kept.values())) or 1.0


def add_into(centroid: dict[str, float], unit_tf: Mapping[str, float], df: DocFreq,
             cap: int) -> bool:
    """Add an article to a centroid; past twice ``cap`` terms, keep the ``cap`` heaviest
    (then return ``True``: the centroid was pruned)."""
    for t, v in unit_tf.items():
        centroid[t] = centroid.get(t, 0.0) + v
    if len(centroid) > 2 * cap:
        top, get, log = df.top, df.df.get, math.log
        keep = top_terms({t: c * (top - log(get(t, 0) + 1)) for t, c in centroid.items()}, cap)
        kept = {t: centroid[t] for t in keep}
        centroid.clear()
        centroid.update(kept)
        return True
    return False
