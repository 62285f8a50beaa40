"""Dates: the publication date from the text when metadata has none, and every temporal
expression of an article normalised against it.

* :func:`find_dates` — ``"last Thursday"`` → ``DateMention(value="2025-03-13", granularity="day")``;
  explicit dates, weekdays (read by verb tense), deictic days, relative weeks / months /
  seasons / quarters / years, offsets ("two days ago"), durations (``P15M``, granularity
  ``duration``), sets (``P1W``, ``set``), times of day folded into their day. Without an anchor
  (or for "recently", "a week earlier") ``value`` is ``None`` and ``resolved`` false: never guessed.
* :func:`published_from_text` — a dateline or byline date, also in removed page furniture.
* :func:`extract_dates` — the pipeline stage (pure; a few milliseconds per article).

Conventions and limits: ``docs/dates.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.config import Settings
from storyline.extract.temporal.published import published_from_text as _published_from_text
from storyline.extract.temporal.tagger import tag
from storyline.records import Article, DateMention, DateValue, EventDate

__all__ = ["anchor_of", "event_date", "extract_dates", "find_dates", "published_from_text"]


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """Temporal expressions of ``text`` in order, normalised against ``anchor`` (the article's
    publication date). Offsets index ``text``, end exclusive."""
    return [timex.to_mention() for timex in tag(text, anchor)]


def published_from_text(text: str, removed: Sequence[str] = ()) -> DateValue | None:
    """The publication date stated in a dateline or byline of ``text`` or of the removed
    furniture blocks: ``DateValue("2026-03-08", "day", source="text")``, else ``None``."""
    return _published_from_text(text, removed)


def anchor_of(published: DateValue) -> date | None:
    """The day to resolve relative expressions against: only a day-level publication date
    anchors ("last Thursday" cannot be read against a bare month)."""
    value = published.value
    if not value or len(value) != 10 or published.granularity not in (None, "day"):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def extract_dates(article: Article, settings: Settings | None = None) -> Article:
    """Pipeline stage: fill ``published`` from the text when it is unresolved, then ``dates``
    anchored to it. Pure: returns a new ``Article``."""
    published = article.published
    if published.value is None:
        found = published_from_text(article.text, article.removed)
        if found is not None:
            published = found
    mentions = tuple(find_dates(article.text, anchor_of(published)))
    return article.replace(published=published, dates=mentions)


def event_date(dates: Sequence[DateMention], start: int, end: int, published: DateValue,
               near: int | None = None) -> EventDate:
    """The date of an event stated in ``text[start:end]`` (its sentence), for the events stage.

    The date expression in the span (durations and sets aside) nearest to ``near`` (the event
    word's offset; default: the first one) governs. If it could not be resolved, the event date
    is unresolved too (``value=None``): the publication date would be a guess. With no date
    expression in the span, the publication date is returned flagged ``resolved=False``
    (``value=None`` when that is unknown too).
    """
    inside = [d for d in dates if d.start < end and start < d.end
              and d.granularity not in ("duration", "set")
              and not (d.value is None and d.granularity is None)]   # vague: "recently"
    if inside:
        point = near if near is not None else start
        chosen = min(inside, key=lambda d: (0 if d.start <= point < d.end else
                                            min(abs(d.start - point), abs(d.end - point)),
                                            d.start))
        return EventDate(chosen.value, chosen.granularity, chosen.resolved)
    return EventDate(published.value, published.granularity, False)
