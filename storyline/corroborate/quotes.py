"""Quote variants: one speaker's statement rendered in different words by different outlets
(Zelensky called Putin's reaction "manipulative" in one report, "highly controlling" in another).
These are reported as variants, never as contradictions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.corroborate.facts import QuoteSpan, quote_spans
from storyline.corroborate.text import Sentence, content_words, fold, same_name
from storyline.records import Article

#: Words a short characterising quote ("manipulative") may have.
SHORT_QUOTE_WORDS = 6
#: Content words (besides the speaker's name and the quotes) two sentences must share.
MIN_CONTEXT = 3


@dataclass(frozen=True)
class QuoteItem:
    article: Article
    sentence: Sentence
    quote: QuoteSpan


def quote_items(items: Sequence[tuple[Article, Sentence]]) -> list[QuoteItem]:
    """Every quotation with a speaker, in every sentence."""
    return [QuoteItem(a, s, q) for a, s in items for q in quote_spans(a, s) if q.speaker]


def _outside(item: QuoteItem) -> set[str]:
    s = item.sentence
    rel_start, rel_end = item.quote.start - s.start, item.quote.end - s.start
    text = s.text[:max(0, rel_start)] + " " + s.text[max(0, rel_end):]
    return content_words(text) - content_words(item.quote.speaker or "")


def variants(quotes: Sequence[QuoteItem]) -> list[tuple[QuoteItem, QuoteItem]]:
    """Pairs of quotes by one speaker, in different articles, in sentences about the same thing,
    that word the statement differently."""
    out: list[tuple[QuoteItem, QuoteItem]] = []
    seen: set[tuple[str, str]] = set()
    buckets: dict[str, list[QuoteItem]] = defaultdict(list)
    for q in quotes:  # spelling variants of one surname start alike: compare within a bucket
        buckets[speaker_key(q.quote.speaker or "")].append(q)
    for group in buckets.values():
        _pairs(group, seen, out)
    return out


def speaker_key(name: str) -> str:
    """A blocking key for a speaker: the first two letters of the folded surname."""
    words = fold(name).split()
    return words[-1][:2] if words else ""


def _pairs(quotes: list[QuoteItem], seen: set[tuple[str, str]],
           out: list[tuple[QuoteItem, QuoteItem]]) -> None:
    for i, x in enumerate(quotes):
        for y in quotes[i + 1:]:
            if x.article.id == y.article.id or not same_name(x.quote.speaker or "",
                                                               y.quote.speaker or ""):
                continue
            qx, qy = fold(x.quote.text).strip(" .,"), fold(y.quote.text).strip(" .,")
            if qx == qy or qx in qy or qy in qx:
                continue
            if max(len(qx.split()), len(qy.split())) > SHORT_QUOTE_WORDS:
                continue
            if len(_outside(x) & _outside(y)) < MIN_CONTEXT:
                continue
            key = (qx, qy)
            if key not in seen:
                seen.add(key)
                out.append((x, y))
