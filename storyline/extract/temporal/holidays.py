"""Named days: "Christmas", "Easter", "Orthodox Easter", "Thanksgiving", "New Year's Eve",
"Victory Day" → the day in the right year: an explicit year; `last` / `next` / `this`; a
future clause → the next one; otherwise the nearest one to the anchor."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from storyline.extract.temporal.absolute import Builder, Result
from storyline.extract.temporal.model import Context
from storyline.extract.temporal.patterns import SP, YEAR
from storyline.extract.temporal.tense import tense_near


def western_easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday (Julian computus, as a Gregorian date; valid 1900-2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month = (d + e + 114) // 31
    day = (d + e + 114) % 31 + 1
    return date(year, month, day) + timedelta(days=13)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    return last - timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "boxing day": lambda y: date(y, 12, 26),
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "orthodox christmas": lambda y: date(y, 1, 7),
    "easter": western_easter, "easter sunday": western_easter,
    "easter monday": lambda y: western_easter(y) + timedelta(days=1),
    "good friday": lambda y: western_easter(y) - timedelta(days=2),
    "orthodox easter": orthodox_easter,
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "may day": lambda y: date(y, 5, 1), "victory day": lambda y: date(y, 5, 9),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _last_weekday(y, 5, 0),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "independence day": lambda y: date(y, 7, 4),
}

_NAMES = sorted(HOLIDAYS, key=len, reverse=True)
_NAME_PATTERN = "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s") for n in _NAMES)


def holiday(m: re.Match[str], ctx: Context) -> Result:
    """A named day; capitalised, as news writes it."""
    name = re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))
    if not m.group("h")[:1].isupper():
        return None
    rule = HOLIDAYS[name]
    if m.group("y"):
        return ("DATE", rule(int(m.group("y"))).isoformat(), "day")
    if ctx.anchor is None:
        return ("DATE", None, "day")
    a = ctx.anchor
    rel = (m.group("rel") or "").lower()
    this_year = rule(a.year)
    if rel == "last":
        day = this_year if this_year < a else rule(a.year - 1)
    elif rel == "next":
        day = this_year if this_year > a else rule(a.year + 1)
    elif rel == "this":
        day = this_year
    elif tense_near(ctx.text, m.start(), m.end()) == "future":
        day = this_year if this_year >= a else rule(a.year + 1)
    else:
        # a named day is usually the nearest one ("declared an Easter truce" the day before)
        day = min((rule(a.year - 1), this_year, rule(a.year + 1)),
                  key=lambda d: (abs((d - a).days), d > a))
    return ("DATE", day.isoformat(), "day")


TRIGGERS = {w for name in _NAMES for w in re.findall(r"[a-z]+", name)} - {"day", "s", "eve",
                                                                          "sunday", "monday"}
RULES: list[tuple[str, re.Pattern[str], Builder]] = [
    ("holiday", re.compile(r"\b(?:(?P<rel>last|next|this)" + SP + r")?(?P<h>" + _NAME_PATTERN +
                           r")\b(?:" + SP + r"(?P<y>" + YEAR + r")\b)?", re.IGNORECASE), holiday),
]
