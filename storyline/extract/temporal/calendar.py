"""Calendar arithmetic and TIMEX3-style values: days, ISO weeks, months, seasons, quarters."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

MIN_YEAR, MAX_YEAR = 1000, 2999


def valid_day(year: int, month: int, day: int) -> bool:
    """True for a real calendar day in the supported year range."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and day >= 1):
        return False
    return day <= _calendar.monthrange(year, month)[1]


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Shift a (year, month) by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_value(d: date) -> str:
    """ISO week of a day: ``2026-W10``."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def shift_week(d: date, weeks: int) -> date:
    return d + timedelta(weeks=weeks)


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def nearest_quarter_year(anchor: date, quarter: int) -> int:
    """The year whose ``quarter`` lies closest to the anchor's quarter."""
    here = anchor.year * 4 + quarter_of(anchor.month) - 1
    best = min((anchor.year + dy for dy in (-1, 0, 1)),
               key=lambda y: (abs(y * 4 + quarter - 1 - here), -y))
    return best


def season_of(month: int) -> tuple[str, int]:
    """Season code of a month and the year offset of its start (January → winter of last year)."""
    if month in (12, 1, 2):
        return "WI", (-1 if month in (1, 2) else 0)
    if month in (3, 4, 5):
        return "SP", 0
    if month in (6, 7, 8):
        return "SU", 0
    return "FA", 0


def season_year(anchor: date, season: str, relation: str) -> int:
    """The (season-)year of ``season`` relative to the anchor. ``relation``: ``last`` / ``next``
    (strictly before / after the current season), ``this``, ``past`` / ``future`` (a bare "in
    the summer" read by tense: the current season counts). Winter belongs to the year in which
    it starts (``2025-WI`` = December 2025 - February 2026)."""
    current, offset = season_of(anchor.month)
    current_year = anchor.year + offset
    order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
    here = current_year * 4 + order[current]
    same = current_year * 4 + order[season]
    if relation == "this":
        # the nearest one: in March "this winter" is the one just ended, "this summer" the next
        target = min((same - 4, same, same + 4), key=lambda i: (abs(i - here), i < here))
        return target // 4
    if relation == "last":
        target = same if same < here else same - 4
    elif relation == "past":
        target = same if same <= here else same - 4
    elif relation == "next":
        target = same if same > here else same + 4
    else:
        target = same if same >= here else same + 4
    return target // 4


def weekday_before(anchor: date, weekday: int, inclusive: bool) -> date:
    """The most recent ``weekday`` on or before (``inclusive``) / strictly before the anchor."""
    delta = (anchor.weekday() - weekday) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return anchor - timedelta(days=delta)


def weekday_after(anchor: date, weekday: int, inclusive: bool) -> date:
    """The first ``weekday`` on or after (``inclusive``) / strictly after the anchor."""
    delta = (weekday - anchor.weekday()) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return anchor + timedelta(days=delta)


def weekday_in_week(anchor: date, weekday: int) -> date:
    """``weekday`` of the anchor's ISO week ("this Friday")."""
    return anchor + timedelta(days=weekday - anchor.weekday())


def nearest_year_for(anchor: date, month: int, day: int | None) -> int:
    """The year that puts ``month`` (and ``day``) closest to the anchor (ties: the past)."""
    def distance(year: int) -> int:
        d = day or 15
        if not valid_day(year, month, d):
            d = 28
        return abs((date(year, month, d) - anchor).days)

    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    return min(candidates, key=lambda y: (distance(y), y > anchor.year))


def weeks_of_month(year: int, month: int) -> list[str]:
    """The ISO weeks whose Thursday falls in the month, in order (``2009-W10`` … ``2009-W13``
    for March 2009)."""
    first = date(year, month, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    weeks = []
    while thursday.month == month:
        weeks.append(week_value(thursday))
        thursday += timedelta(weeks=1)
    return weeks
