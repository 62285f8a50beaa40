"""``StoryDoc``: the little an article contributes to story clustering.

Built from a cleaned :class:`storyline.records.Article` (or its ``storyline/1`` JSON). Entity
keys and lemmas are optional: when the resolve stage (canonical entity ids) and the NLP stage
(lemmas) have run, :func:`story_doc` picks them up and the features use them; until then the
clusterer works from text, title, outlet and date alone. An article without a publication date
takes the first fully written date near its top (its dateline), if any. A duplicate (reprint,
syndicated copy) names its canonical article in ``duplicate_of`` and joins its story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.records import Article, DateMention

# Entity types that identify a story (people, organisations, places, named events).
KEY_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})


@dataclass(frozen=True)
class StoryDoc:
    """One article as the clusterer sees it. ``published`` is a day or ``None`` (undated)."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    entities: tuple[str, ...] = ()
    lemmas: tuple[str, ...] | None = None
    duplicate_of: str | None = None  # the canonical article of its duplicate group, if a copy


def parse_day(value: str | None) -> dt.date | None:
    """A day from an ISO value (``2025-03-14``, ``2025-03-14T10:00``; ``2025-03`` → the 1st);
    ``None`` when absent or coarser than a month (a year says nothing about a story window)."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7 and value[4] == "-":
            return dt.date(int(value[:4]), int(value[5:7]), 1)
    except ValueError:
        return None
    return None


_MONTH = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december")
_DATELINE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s*,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))\b", re.IGNORECASE)
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH.split("|"))}


def dateline(text: str, head: int = 300) -> dt.date | None:
    """A fully written date in the first ``head`` characters ("Sunday, 8 March 2026",
    "March 8, 2026", "2026-03-08"): the dateline of an article whose metadata had no date."""
    m = _DATELINE.search(text[:head])
    if not m:
        return None
    try:
        if m.group("d1"):
            return dt.date(int(m.group("y1")), _MONTHS[m.group("m1").lower()], int(m.group("d1")))
        if m.group("d2"):
            return dt.date(int(m.group("y2")), _MONTHS[m.group("m2").lower()], int(m.group("d2")))
        return dt.date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None


def _published(value: str | None, text: str, dates: Sequence[DateMention]) -> dt.date | None:
    day = parse_day(value)
    if day is not None:
        return day
    for mention in dates:  # the dates stage, when it has run: a resolved day near the top
        if mention.start < 300 and mention.resolved and mention.granularity == "day":
            day = parse_day(mention.value)
            if day is not None:
                return day
    return dateline(text)


def story_doc(article: Article) -> StoryDoc:
    """The clustering view of a cleaned article (entity ids used when resolved)."""
    entities = tuple(e.id for e in article.entities
                     if e.type in KEY_ENTITY_TYPES for _ in (e.mentions or (None,)))
    return StoryDoc(
        id=article.id,
        text=article.text,
        title=article.title,
        published=_published(article.published.value, article.text, article.dates),
        outlet=article.outlet,
        entities=entities,
        duplicate_of=article.duplicate_of,
    )


def story_doc_from_output(record: Mapping[str, Any]) -> StoryDoc:
    """The same from a ``storyline/1`` per-article JSON record (``storyline analyse`` output)."""
    published = record.get("published") or {}
    entities = tuple(
        str(e["id"]) for e in record.get("entities") or ()
        if e.get("type") in KEY_ENTITY_TYPES and e.get("id")
        for _ in (e.get("mentions") or (None,))
    )
    return StoryDoc(
        id=str(record["id"]),
        text=str(record.get("text") or ""),
        title=record.get("title"),
        published=_published(published.get("value") if isinstance(published, Mapping) else None,
                             str(record.get("text") or ""), ()),
        outlet=record.get("outlet"),
        entities=entities,
        duplicate_of=str(record["duplicate_of"]) if record.get("duplicate_of") else None,
    )
