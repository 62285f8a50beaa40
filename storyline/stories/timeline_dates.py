"""Date selection for timelines: which days of a storyline deserve a timeline entry.

DATEWISE-style (Gholipour Ghalandari & Ifrim 2020, news-tls): a day is important when many
articles *refer* to it (a day-precise date in their text: "on April 20", "last Tuesday"
anchored to the publication date) and when coverage *bursts* on it or the day after (news of
an event is published the same day or the next). Unsupervised, a few lines of arithmetic per
article; no model.

    from storyline.stories.timeline_dates import TimelineArticle, select_dates
    items = [TimelineArticle(published=a_day, dates=article.dates) for article in articles]
    for d in select_dates(items, k=10):
        print(d.day, d.score, d.articles, d.published)

``dates`` are :class:`storyline.records.DateMention` records from ``storyline.extract.dates``
(only resolved day-granularity mentions count; months, years, durations and unresolved
mentions are ignored). ``select_dates`` returns the ``k`` best days, best first (sort by
``day`` for display). Measured on Timeline17 against the journalists' timelines:
docs/benchmarks-stories.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.records import DateMention

#: Weight of one article published on the day (or the day after: ``PUB_LAG`` days) relative to
#: one article referring to the day in its text.
PUB_WEIGHT = 0.25
#: Days after an event within which its coverage counts as its burst.
PUB_LAG = 0
#: A reference to the article's own publication day (or the day before) is routine ("on
#: Tuesday", "yesterday"); one to an earlier or later day singles it out. Weight of the routine.
SAME_DAY_WEIGHT = 0.25
#: References further back than this from their article are history, not the storyline.
MAX_LOOKBACK_DAYS = 3650


@dataclass(frozen=True)
class TimelineArticle:
    """What date selection needs of one article: its publication day (``None`` if unknown)
    and its date mentions (``DateMention`` records; only resolved days are used)."""

    published: dt.date | None
    dates: Sequence[DateMention] = ()
    id: str | None = None


@dataclass(frozen=True)
class DateScore:
    """One candidate day. ``articles``: articles referring to it in their text; ``published``:
    articles published on it or within ``PUB_LAG`` days after; ``score`` combines both."""

    day: dt.date
    score: float
    articles: int
    published: int
    sources: tuple[str, ...] = ()  # ids of the articles that refer to the day (when given)


def mentioned_days(mentions: Iterable[DateMention]) -> set[dt.date]:
    """The distinct days an article refers to (resolved, day granularity)."""
    out: set[dt.date] = set()
    for m in mentions:
        if not m.resolved or m.granularity != "day" or not m.value or len(m.value) < 10:
            continue
        try:
            out.add(dt.date.fromisoformat(m.value[:10]))
        except ValueError:
            continue
    return out


def score_dates(articles: Iterable[TimelineArticle], *, start: dt.date | None = None,
                end: dt.date | None = None, pub_weight: float = PUB_WEIGHT,
                pub_lag: int = PUB_LAG, same_day_weight: float = SAME_DAY_WEIGHT
                ) -> list[DateScore]:
    """Every candidate day in ``[start, end]`` (inclusive, either open) with its score, best
    first (ties: earlier day first). A day is a candidate when an article refers to it or was
    published on it."""
    refs: dict[dt.date, float] = defaultdict(float)
    ref_ids: dict[dt.date, list[str]] = defaultdict(list)
    ref_count: dict[dt.date, int] = defaultdict(int)
    pubs: dict[dt.date, int] = defaultdict(int)
    for article in articles:
        pub = article.published
        if pub is not None:
            pubs[pub] += 1
        for day in mentioned_days(article.dates):
            weight = 1.0
            if pub is not None:
                lag = (pub - day).days
                if lag > MAX_LOOKBACK_DAYS:
                    continue
                if 0 <= lag <= 1:
                    weight = same_day_weight
            refs[day] += weight
            ref_count[day] += 1
            if article.id is not None:
                ref_ids[day].append(article.id)
    candidates = set(refs) | set(pubs)
    out: list[DateScore] = []
    for day in candidates:
        if (start is not None and day < start) or (end is not None and day > end):
            continue
        burst = sum(pubs.get(day + dt.timedelta(days=i), 0) for i in range(pub_lag + 1))
        out.append(DateScore(day, round(refs.get(day, 0.0) + pub_weight * burst, 4),
                             ref_count.get(day, 0), burst, tuple(ref_ids.get(day, ()))))
    out.sort(key=lambda s: (-s.score, s.day))
    return out


def select_dates(articles: Iterable[TimelineArticle], k: int, *, start: dt.date | None = None,
                 end: dt.date | None = None, **weights: float) -> list[DateScore]:
    """The ``k`` most important days of a storyline, best first (see :func:`score_dates`;
    ``weights``: ``pub_weight``, ``same_day_weight``; ``pub_lag`` as an int)."""
    if k <= 0:
        return []
    lag = int(weights.pop("pub_lag", PUB_LAG))
    return score_dates(articles, start=start, end=end, pub_lag=lag, **weights)[:k]


def date_f1(predicted: Iterable[dt.date], gold: Iterable[dt.date]) -> dict[str, float]:
    """Date-selection precision, recall and F1 (news-tls / tilse ``Date-F1``: exact days)."""
    pred, ref = set(predicted), set(gold)
    hit = len(pred & ref)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(ref) if ref else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
