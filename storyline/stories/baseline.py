"""The reference point: one-pass TF-IDF cosine-threshold clustering (and the B³ metric).

The classic single-pass clusterer of topic detection and tracking: each article, as a TF-IDF
vector (same tokens as ours, IDF as of its arrival, no name weighting, no dates), is compared
with *every* existing cluster centroid and joins the most similar one at or above the threshold,
else starts a cluster. Exhaustive, so its cost grows with the number of clusters.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

from storyline.stories.doc import StoryDoc
from storyline.stories.features import normalise_token, tokens
from storyline.stories.vectors import DocFreq


def bag(doc: StoryDoc) -> dict[str, float]:
    counts = Counter(t for t in (normalise_token(w) for w, _ in tokens(doc.text)) if t)
    return {t: 1.0 + math.log(n) for t, n in counts.items()}


def one_pass(docs: Sequence[StoryDoc], threshold: float,
             bags: Sequence[dict[str, float]] | None = None) -> list[int]:
    """Cluster number per document."""
    df = DocFreq()
    inverted: dict[str, dict[int, float]] = {}  # term -> cluster -> centroid weight
    norms2: list[float] = []
    labels: list[int] = []
    for i, doc in enumerate(docs):
        tf = bags[i] if bags is not None else bag(doc)
        df.add(tf)
        vec = {t: w * df.idf(t) for t, w in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {t: v / norm for t, v in vec.items()}
        dots: dict[int, float] = {}
        for t, v in vec.items():
            for c, w in inverted.get(t, {}).items():
                dots[c] = dots.get(c, 0.0) + v * w
        best, best_score = -1, threshold
        for c, dot in dots.items():
            score = dot / math.sqrt(norms2[c]) if norms2[c] > 0 else 0.0
            if score >= best_score and (score > best_score or best < 0 or c < best):
                best, best_score = c, score
        if best < 0:
            best = len(norms2)
            norms2.append(0.0)
        # centroid = sum of unit vectors; keep its squared norm up to date
        delta = 0.0
        for t, v in vec.items():
            col = inverted.setdefault(t, {})
            old = col.get(best, 0.0)
            col[best] = old + v
            delta += (old + v) ** 2 - old * old
        norms2[best] += delta
        labels.append(best)
    return labels


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B³ precision, recall and F1 (item-averaged)."""
    n = len(pred)
    if n == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pair = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    p = sum(c * c / psize[k[0]] for k, c in pair.items()) / n
    r = sum(c * c / gsize[k[1]] for k, c in pair.items()) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
