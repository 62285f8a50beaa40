"""Extractive choice of a story's summary points: every point is one source sentence, verbatim.

A sentence scores by how central it is to the story (TF-IDF cosine to the story's centroid),
how early it comes in its article (news puts the gist first), and how many independent outlets
report it (aligned sentences of other articles); redundant sentences (cosine above
``REDUNDANCY`` to a chosen one) are skipped. Headlines in title case, questions, very short or
very long lines (furniture, captions, lists) are not candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.corroborate.facts import title_case
from storyline.corroborate.text import STOPWORDS, Sentence, fold, stem, tokens
from storyline.records import Article

#: Weight of the lead bonus (1 / (1 + position in article)) against centrality (set on GUM
#: train+dev news documents; see docs/benchmarks-corroborate.md).
LEAD_WEIGHT = 1.0
#: Weight of cross-outlet support (per extra independent outlet).
SUPPORT_WEIGHT = 0.15
#: Cosine to an already chosen point above which a sentence is redundant.
REDUNDANCY = 0.7
MIN_WORDS, MAX_WORDS = 6, 70
_FURNITURE = re.compile(r"^(read more|read entire|source link|tags?:|login|click|subscribe|"
                        r"check out|for continuous updates)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    article: Article
    sentence: Sentence
    position: int
    score: float


def _terms(text: str) -> Counter[str]:
    return Counter(stem(fold(t.text)) for t in tokens(text)
                   if fold(t.text) not in STOPWORDS and t.text[:1].isalpha() and len(t.text) > 1)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def eligible(article: Article, sentence: Sentence) -> bool:
    """Whether a sentence can be a summary point (not a headline, caption, list or furniture)."""
    toks = tokens(sentence.text)
    if not MIN_WORDS <= len(toks) <= MAX_WORDS or sentence.text.rstrip().endswith("?"):
        return False
    if title_case(toks) or _FURNITURE.match(sentence.text.strip(" -•*")):
        return False
    return sentence.text.rstrip()[-1:] in '.!"”\'’)' or len(toks) >= 12


def rank(items: Sequence[tuple[Article, Sentence]],
         support: Mapping[tuple[str, int], int] | None = None) -> list[Candidate]:
    """All eligible sentences, best first. ``support`` maps (article id, sentence start) to the
    number of independent outlets that report the sentence."""
    support = support or {}
    vectors = [_terms(s.text) for _, s in items]
    df: Counter[str] = Counter()
    for v in vectors:
        df.update(v.keys())
    n = len(items) or 1
    weighted = [{k: c * math.log(1 + n / df[k]) for k, c in v.items()} for v in vectors]
    centroid: Counter[str] = Counter()
    for w in weighted:
        centroid.update(w)
    positions: dict[str, int] = {}
    out: list[Candidate] = []
    for (article, sentence), w in zip(items, weighted, strict=True):
        position = positions.get(article.id, 0)
        if not eligible(article, sentence):
            continue
        positions[article.id] = position + 1
        outlets = support.get((article.id, sentence.start), 1)
        score = (_cosine(w, centroid) + LEAD_WEIGHT / (1 + position)
                 + SUPPORT_WEIGHT * max(0, outlets - 1))
        out.append(Candidate(article, sentence, position, score))
    out.sort(key=lambda c: -c.score)
    return out


def select(candidates: Sequence[Candidate], limit: int) -> list[Candidate]:
    """The best ``limit`` candidates, skipping ones redundant with those already chosen."""
    chosen: list[Candidate] = []
    vectors: list[Counter[str]] = []
    for c in candidates:
        v = _terms(c.sentence.text)
        if any(_cosine(v, other) > REDUNDANCY for other in vectors):
            continue
        chosen.append(c)
        vectors.append(v)
        if len(chosen) >= limit:
            break
    return chosen
