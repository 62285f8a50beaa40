"""Rules for calendar dates written out: ISO and numeric dates, "July 16, 2018", "16 July
2018", "the fifteenth of April", "March 2025", bare months, years, decades, quarters, seasons."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from storyline.extract.temporal import calendar as cal
from storyline.extract.temporal.lexicon import MONTHS, ORDINALS, SEASONS
from storyline.extract.temporal.model import Context
from storyline.extract.temporal.patterns import (
    COMMA,
    DAYNUM,
    MONTH,
    MONTH_FULL,
    ORDINAL_DAY,
    SP,
    WEEKDAY_ANY,
    YEAR,
)
from storyline.extract.temporal.tense import tense_near

#: A rule's answer: (TIMEX3 type, value or None, granularity), or None to drop the match.
Result = tuple[str, str | None, str | None] | None
Builder = Callable[[re.Match[str], Context], Result]

_I = re.IGNORECASE


def month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _day(match: re.Match[str], group: str) -> int:
    return int(re.sub(r"\D", "", match.group(group)))


def _resolve_day(ctx: Context, year: int | None, month: int, day: int) -> Result:
    if year is None:
        if ctx.anchor is None:
            return ("DATE", None, "day")
        year = cal.nearest_year_for(ctx.anchor, month, day)
    if not cal.valid_day(year, month, day):
        return None
    return ("DATE", date(year, month, day).isoformat(), "day")


def iso_date(m: re.Match[str], ctx: Context) -> Result:
    year, month, day = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    if not cal.valid_day(year, month, day):
        return None
    return ("DATE", date(year, month, day).isoformat(), "day")


def numeric_date(m: re.Match[str], ctx: Context) -> Result:
    """``7/8/07`` is read month first (US); a first number over 12 makes it day first."""
    a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
    year = int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 50 else 1900 + int(y)
    month, day = (a, b) if a <= 12 else (b, a)
    if not cal.valid_day(year, month, day):
        return None
    return ("DATE", date(year, month, day).isoformat(), "day")


def month_day(m: re.Match[str], ctx: Context) -> Result:
    """"July 16, 2018", "Sept. 23", "Sunday, March 8"."""
    if not _capitalised(m.group("mon")):
        return None
    month = month_number(m.group("mon"))
    if month is None:
        return None
    year = int(m.group("y")) if m.group("y") else None
    return _resolve_day(ctx, year, month, _day(m, "d"))


def day_month(m: re.Match[str], ctx: Context) -> Result:
    """"16 July 2018", "Sunday, 8 March 2026", "Sat 25 Apr 2009", "the fifteenth of April"."""
    if not _capitalised(m.group("mon")):
        return None
    month = month_number(m.group("mon"))
    if month is None:
        return None
    if m.groupdict().get("ord"):
        day = ORDINALS[m.group("ord").lower()]
    else:
        day = _day(m, "d")
    year = int(m.group("y")) if m.group("y") else None
    return _resolve_day(ctx, year, month, day)


def month_year(m: re.Match[str], ctx: Context) -> Result:
    if not _capitalised(m.group("mon")):
        return None
    month = month_number(m.group("mon"))
    if month is None:
        return None
    return ("DATE", cal.month_value(int(m.group("y")), month), "month")


_BARE_MONTH_CUES = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|to|of|during|before|after|on|until|and|or|"
    r"between|early|mid|late|last|next|this|that|each|every|the|end|start|beginning)[ \t-]{1,2}|,"
    r"[ \t]{0,2})$", _I)


def bare_month(m: re.Match[str], ctx: Context) -> Result:
    """"in February", "late February", "last September": a month without day or year, read
    by tense (past → the latest such month up to the anchor's, future → the next)."""
    word = m.group("mon")
    if not _capitalised(word) or word.lower() not in MONTH_FULL.split("|"):
        return None
    month = MONTHS[word.lower()]
    rel = (m.group("rel") or "").lower()
    yrel = (m.group("yrel") or "").lower()
    if word.lower() in ("may", "march") and not rel and not yrel:
        before = ctx.text[max(0, m.start() - 14):m.start()]
        if not _BARE_MONTH_CUES.search(before) or word.isupper():
            return None
    if ctx.anchor is None:
        return ("DATE", None, "month")
    a = ctx.anchor
    if yrel:
        year = a.year + {"last": -1, "this": 0, "next": 1}[yrel]
    elif rel == "last":
        year = a.year if month < a.month else a.year - 1
    elif rel == "next":
        year = a.year if month > a.month else a.year + 1
    elif rel == "this":
        year = a.year
    else:
        tense = tense_near(ctx.text, m.start(), m.end())
        if tense == "future":
            year = a.year if month >= a.month else a.year + 1
        else:
            year = a.year if month <= a.month else a.year - 1
    return ("DATE", cal.month_value(year, month), "month")


_WEEK_ORD = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3, "last": -1, "final": -1}


def week_of_month(m: re.Match[str], ctx: Context) -> Result:
    """"the last week of March" → the ISO week. A week belongs to the month holding its
    Thursday (the ISO rule), so the last week of March 2009 is 2009-W13, not the week of the
    31st (a Tuesday, whose Thursday is in April)."""
    if not _capitalised(m.group("mon")):
        return None
    month = month_number(m.group("mon"))
    if month is None:
        return None
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.anchor is None:
        return ("DATE", None, "week")
    else:
        year = cal.nearest_year_for(ctx.anchor, month, None)
    weeks = cal.weeks_of_month(year, month)
    index = _WEEK_ORD[m.group("ord").lower()]
    if index >= len(weeks):
        return None
    return ("DATE", weeks[index], "week")


_YEAR_BAD_AFTER = re.compile(r"^(?:[.,]\d|\s?%|\s?per\s?cent|-\d|\d|\s?(?:km|kg|mm|cm|m|mph|"
                             r"kilometres|kilometers|miles|metres|meters|feet|tons|tonnes|"
                             r"people|troops|soldiers|units|votes|jobs|points)\b)", _I)
_YEAR_BAD_BEFORE = re.compile(r"(?:[$£€#:/,.\d-]|\bno\.?\s?|\bnumber\s|\b[A-Z]{1,4}-?)$")


_COUNTED = re.compile(r"^[ \t]{1,2}[a-z]{2,}s\b")
_YEAR_MODIFIER = re.compile(r"\b(?:the|its|his|her|their|our|this|that|in|since|by|of the)\s+$",
                            _I)


def year_only(m: re.Match[str], ctx: Context) -> Result:
    """"in 2014", "since 2014", "2009": a four-digit year not part of a number or quantity."""
    after = ctx.text[m.end():m.end() + 12]
    before = ctx.text[max(0, m.start() - 7):m.start()]
    if _YEAR_BAD_AFTER.match(after) or _YEAR_BAD_BEFORE.search(before):
        return None
    if _COUNTED.match(after) and not _YEAR_MODIFIER.search(before + " "):
        return None   # "a fleet of 2000 drones": a count, not a year
    year = int(m.group("y"))
    if not 1000 <= year <= 2099:
        return None
    half = (m.group("half") or "").lower()
    if half:
        return ("DATE", f"{year:04d}-H{1 if 'first' in half else 2}", "half")
    return ("DATE", f"{year:04d}", "year")


def decade(m: re.Match[str], ctx: Context) -> Result:
    """"the 1990s" → ``199``; "the '80s" / "the 70s" → ``198`` / ``197`` (20th century)."""
    century = m.group("c") or "19"
    return ("DATE", f"{century}{m.group('dd')}", "decade")


def two_digit_year(m: re.Match[str], ctx: Context) -> Result:
    yy = int(m.group("yy"))
    year = 2000 + yy if yy < 30 else 1900 + yy
    return ("DATE", f"{year:04d}", "year")


_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "final": 4}


def quarter(m: re.Match[str], ctx: Context) -> Result:
    """"the fourth quarter of 2005", "Q3", "third-quarter", "the last quarter"."""
    groups = m.groupdict()
    word = (groups.get("q") or "").lower()
    rel = (groups.get("qrel") or "").lower()
    explicit_year = int(groups["y"]) if groups.get("y") else None
    if word in ("last", "final") and (explicit_year or rel):
        word = "fourth"
    if word in ("last", "previous", "past", "this", "next"):
        if ctx.anchor is None:
            return ("DATE", None, "quarter")
        shift = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1}[word]
        index = ctx.anchor.year * 4 + cal.quarter_of(ctx.anchor.month) - 1 + shift
        return ("DATE", cal.quarter_value(index // 4, index % 4 + 1), "quarter")
    number = int(word[1]) if word.startswith("q") else _QUARTER_ORD.get(word)
    if number is None:
        return None
    if explicit_year:
        year = explicit_year
    elif ctx.anchor is None:
        return ("DATE", None, "quarter")
    elif rel:
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    else:
        year = cal.nearest_quarter_year(ctx.anchor, number)
    return ("DATE", cal.quarter_value(year, number), "quarter")


_SEASON_CUE = re.compile(r"\b(?:in|during|since|until|over|through|by|this|last|next|early|"
                         r"late|mid|the|of|that)[ \t-]{1,2}$", _I)


def season(m: re.Match[str], ctx: Context) -> Result:
    """"last summer" → ``2025-SU``; "in the autumn" read by tense; "summer 2014"."""
    word = m.group("s").lower()
    code = SEASONS[word]
    rel = (m.group("srel") or "").lower()
    if m.group("y"):
        return ("DATE", f"{int(m.group('y')):04d}-{code}", "season")
    if not rel and word in ("fall", "spring"):
        before = ctx.text[max(0, m.start() - 10):m.start()]
        if word == "fall" or not _SEASON_CUE.search(before):
            return None
    if word == "fall" and rel in ("the", ""):
        before = ctx.text[max(0, m.start() - 8):m.start()]
        if not re.search(r"\b(?:in|this|last|next|by|until|during)\s$", before, _I):
            return None
    if ctx.anchor is None:
        return ("DATE", None, "season")
    if rel in ("last", "this", "next"):
        relation = rel
    else:
        relation = "future" if tense_near(ctx.text, m.start(), m.end()) == "future" else "past"
    return ("DATE", f"{cal.season_year(ctx.anchor, code, relation):04d}-{code}", "season")


_WD = r"(?:(?P<wd>" + WEEKDAY_ANY + r")" + COMMA + r")?"
RULES: list[tuple[str, re.Pattern[str], Builder]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T\d{2}:\d{2}(?::\d{2})?"
                       r"(?:\.\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})?)?\b"), iso_date),
    ("numeric", re.compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
     numeric_date),
    ("month_day", re.compile(_WD + r"\b(?P<mon>" + MONTH + r")" + SP + r"(?P<d>" + DAYNUM +
                             r")\b(?:" + COMMA + r"(?P<y>" + YEAR + r")\b)?(?![.,]?\d)", _I),
     month_day),
    ("day_month", re.compile(_WD + r"\b(?:the" + SP + r")?(?P<d>" + DAYNUM + r")" + SP +
                             r"(?:of" + SP + r")?(?P<mon>" + MONTH + r")(?:" + COMMA +
                             r"(?P<y>" + YEAR + r")\b)?", _I), day_month),
    ("ordinal_day", re.compile(r"\b(?:the" + SP + r")?(?P<ord>" + ORDINAL_DAY + r")" + SP + r"of" +
                               SP + r"(?P<mon>" + MONTH + r")(?:" + COMMA + r"(?P<y>" + YEAR +
                               r")\b)?", _I), day_month),
    ("month_year", re.compile(r"\b(?:(?:early|mid|late)[ \t-]{1,2})?(?P<mon>" + MONTH + r")" +
                              COMMA + r"(?:of" + SP + r")?(?P<y>" + YEAR + r")\b", _I),
     month_year),
    ("week_of_month", re.compile(r"\b(?:the" + SP + r")?(?P<ord>first|1st|second|2nd|third|3rd|"
                                 r"fourth|4th|last|final)" + SP + r"week" + SP + r"of" + SP +
                                 r"(?P<mon>" + MONTH_FULL + r")(?:" + COMMA + r"(?P<y>" + YEAR +
                                 r")\b)?", _I), week_of_month),
    ("bare_month", re.compile(r"\b(?:(?P<rel>last|next|this|early|mid|late)[ \t-]{1,2})?(?P<mon>"
                              + MONTH_FULL + r")\b(?![ \t]?\d)(?:" + SP + r"of" + SP + r"(?P<yrel>last|this|next)" + SP +
                              r"year\b)?", _I), bare_month),
    ("year", re.compile(r"\b(?:(?P<half>(?:the" + SP + r")?(?:first|second)" + SP + r"half" + SP +
                        r"of)" + SP + r"|(?:early|mid|late)[ \t-]{1,2})?(?P<y>" + YEAR + r")\b",
                        _I), year_only),
    ("decade", re.compile(r"(?:\bthe" + SP + r")?(?:\b(?P<c>1[0-9]|20)|(?P<apos>['’])|\b)"
                          r"(?P<dd>\d)0['’]?s\b", _I), decade),
    ("apos_year", re.compile(r"(?<![\w'’])['’](?P<yy>\d{2})\b(?!['’]?s)"), two_digit_year),
    ("quarter", re.compile(r"\b(?:the" + SP + r")?(?P<q>first|second|third|fourth|final|last|"
                           r"previous|past|this|next|1st|2nd|3rd|4th)[ \t-]{1,2}quarter(?:" + SP
                           + r"(?:of" + SP + r")?(?:(?P<y>" + YEAR + r")|(?P<qrel>last|this|next)"
                           + SP + r"year))?\b", _I), quarter),
    ("quarter_q", re.compile(r"\b(?P<q>Q[1-4])(?:" + SP + r"(?P<y>" + YEAR + r"))?\b"), quarter),
    ("season", re.compile(r"\b(?:(?P<srel>last|this|next|early|late|mid|the)[ \t-]{1,2})?(?P<s>"
                          r"spring|summer|autumn|fall|winter)\b(?:" + SP + r"(?:of" + SP + r")?"
                          r"(?P<y>" + YEAR + r")\b)?", _I), season),
]
