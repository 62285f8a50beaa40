"""Timeline date selection: referenced days and publication bursts, span limits, Date-F1."""

from __future__ import annotations

import datetime as dt

from storyline.records import DateMention
from storyline.stories.timeline_dates import (
    TimelineArticle,
    date_f1,
    mentioned_days,
    score_dates,
    select_dates,
)

D = dt.date


def _m(value: str | None, granularity: str | None = "day", resolved: bool = True
       ) -> DateMention:
    return DateMention(text="x", start=0, end=1, value=value, granularity=granularity,
                       resolved=resolved)


def test_only_resolved_days_count() -> None:
    days = mentioned_days([_m("2010-04-20"), _m("2010-04"), _m("2010", "year"),
                           _m(None, None, False), _m("P3D", "duration"), _m("2010-13-45"),
                           _m("2010-04-20")])
    assert days == {D(2010, 4, 20)}


def test_a_day_many_articles_refer_to_wins() -> None:
    blowout = _m("2010-04-20")
    articles = [TimelineArticle(D(2010, 5, i), (blowout,), f"a{i}") for i in range(1, 6)]
    articles += [TimelineArticle(D(2010, 5, 9), (_m("2010-05-02"),), "b")]
    best = select_dates(articles, 1)
    assert [d.day for d in best] == [D(2010, 4, 20)]
    assert best[0].articles == 5 and set(best[0].sources) == {f"a{i}" for i in range(1, 6)}


def test_publication_burst_counts() -> None:
    articles = [TimelineArticle(D(2010, 6, 1)) for _ in range(4)]
    articles.append(TimelineArticle(D(2010, 6, 7), (_m("2010-06-03"),)))
    ranked = score_dates(articles, pub_weight=0.5)
    assert ranked[0].day == D(2010, 6, 1) and ranked[0].published == 4
    assert score_dates(articles, pub_weight=0.0)[0].day == D(2010, 6, 3)


def test_routine_same_day_reference_weighs_less() -> None:
    own = [TimelineArticle(D(2010, 6, 10), (_m("2010-06-10"),)) for _ in range(3)]
    back = [TimelineArticle(D(2010, 6, 12 + i), (_m("2010-06-05"),)) for i in range(2)]
    ranked = score_dates(own + back, pub_weight=0.0, same_day_weight=0.25)
    assert ranked[0].day == D(2010, 6, 5)


def test_span_and_k() -> None:
    articles = [TimelineArticle(D(2010, 1, i + 1), (_m(f"2010-01-{i + 1:02d}"),))
                for i in range(9)]
    chosen = select_dates(articles, 3, start=D(2010, 1, 4), end=D(2010, 1, 6))
    assert sorted(c.day for c in chosen) == [D(2010, 1, 4), D(2010, 1, 5), D(2010, 1, 6)]
    assert select_dates(articles, 0) == []
    assert select_dates([], 5) == []


def test_date_f1() -> None:
    assert date_f1([D(2010, 1, 1), D(2010, 1, 2)], [D(2010, 1, 2), D(2010, 1, 3)])["f1"] == 0.5
    assert date_f1([], [D(2010, 1, 1)])["f1"] == 0.0
