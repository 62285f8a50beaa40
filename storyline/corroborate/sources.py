"""Which articles are independent sources: reprints and syndicated copies count once.

Two articles belong to one *source group* when dedupe put them in one duplicate group
(``duplicate_of``), when their normalised text is the same (``text_hash``) or when they come from
the same outlet. ``outlets`` of a claim is the number of distinct groups among its sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from storyline.corroborate.text import Sentence
from storyline.records import Article, Source


def source_groups(articles: Sequence[Article],
                  duplicate_of: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """Map each article id to the id that represents its group of non-independent copies."""
    parent: dict[str, str] = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    dupes = dict(duplicate_of or {})
    by_hash: dict[str, str] = {}
    by_outlet: dict[str, str] = {}
    for article in articles:
        original = dupes.get(article.id) or article.duplicate_of
        if original:
            union(article.id, original)
        if article.text_hash:
            union(article.id, by_hash.setdefault(article.text_hash, article.id))
        if article.outlet:
            union(article.id, by_outlet.setdefault(article.outlet.strip().lower(), article.id))
    return {a.id: find(a.id) for a in articles}


def count_outlets(article_ids: Iterable[str], groups: Mapping[str, str]) -> int:
    """Independent outlets among ``article_ids`` (each source group counts once)."""
    return len({groups.get(a, a) for a in article_ids})


def source_of(article: Article, sentence: Sentence) -> Source:
    """The :class:`Source` citing ``sentence`` of ``article``."""
    return Source(article=article.id, start=sentence.start, end=sentence.end,
                  text=sentence.text, outlet=article.outlet)
