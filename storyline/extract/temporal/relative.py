"""Rules for expressions read against the anchor: weekdays, "yesterday", "last week", "two
days ago", "earlier this month"; and for durations, sets, vague references and times of day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.temporal import calendar as cal
from storyline.extract.temporal.absolute import Builder, Result
from storyline.extract.temporal.lexicon import (
    NUMBERS,
    PARTS_OF_DAY,
    UNITS,
    VAGUE_QUANTITIES,
    VAGUE_REFS,
    WEEKDAYS,
)
from storyline.extract.temporal.model import Context
from storyline.extract.temporal.patterns import (
    MONTH_FULL,
    NUMBER_WORD,
    QUANTITY,
    SP,
    UNITWORD,
    WEEKDAY_FULL,
    alternation,
)
from storyline.extract.temporal.tense import tense_near

_I = re.IGNORECASE
_PART = r"(?:morning|afternoon|evening|night)"


def _with_part(day: date, part: str | None) -> tuple[str, str, str]:
    code = PARTS_OF_DAY.get((part or "").lower())
    if code:
        return ("TIME", f"{day.isoformat()}T{code}", "day")
    return ("DATE", day.isoformat(), "day")


def weekday(m: re.Match[str], ctx: Context) -> Result:
    """"on Friday" (news tense: past → the latest Friday up to the anchor, future → the next
    one), "last Thursday" (strictly before), "next Tuesday" (strictly after), "this Friday"
    (the anchor's week), "Tuesday evening", "overnight into Sunday"."""
    name = m.group("wd")
    if m.group("rel") and m.group("rel")[:1].isupper() and not m.group("rel").istitle():
        return None
    if not name[:1].isupper() or re.search(r"\b(?:Black|Cyber|Easter|Good|Ash|Super|Holy|Blue|"
                                            r"Bloody|Red)\s$", ctx.text[max(0, m.start() - 8):
                                                                         m.start()]):
        return None
    wd = WEEKDAYS[name.lower()]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    part = m.group("part") or ("night" if rel.startswith("overnight") else None)
    if m.group("plural"):
        return ("SET", f"XXXX-WXX-{wd + 1}", "set")
    if ctx.anchor is None:
        return ("DATE", None, "day")
    a = ctx.anchor
    if rel in ("last", "past", "previous"):
        day = cal.weekday_before(a, wd, inclusive=False)
    elif rel in ("next", "coming", "this coming"):
        day = cal.weekday_after(a, wd, inclusive=False)
    elif rel == "this":
        day = cal.weekday_in_week(a, wd)
    elif rel.startswith("overnight"):
        day = cal.weekday_after(a, wd, inclusive=True) if tense_near(
            ctx.text, m.start(), m.end()) == "future" else cal.weekday_before(a, wd, True)
        part = None
    else:
        tense = tense_near(ctx.text, m.start(), m.end())
        if tense == "future":
            day = cal.weekday_after(a, wd, inclusive=True)
        else:
            day = cal.weekday_before(a, wd, inclusive=True)
    return _with_part(day, part)


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2, "earlier today": 0,
            "later today": 0, "earlier in the day": 0, "later in the day": 0,
            "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1,
            "last evening": -1, "tomorrow night": 1, "overnight": 0}


def deictic(m: re.Match[str], ctx: Context) -> Result:
    """"today", "yesterday", "tonight", "last night", "this morning", "earlier today"."""
    word = re.sub(r"\s+", " ", m.group("w").lower())
    part = m.group("part")
    if word in ("tonight", "last night", "tomorrow night"):
        part = "night"
    elif word.startswith("this ") or word == "last evening":
        part = word.split()[-1]
    if ctx.anchor is None:
        return ("DATE", None, "day")
    return _with_part(ctx.anchor + timedelta(days=_DEICTIC[word]), part)


def _unit(word: str) -> str:
    w = word.lower()
    for suffix in ("es", "s"):
        if w.endswith(suffix) and w[: -len(suffix)] in UNITS:
            return w[: -len(suffix)]
    return w if w in UNITS else ("century" if w == "centuries" else w)


def shift_value(anchor: date, unit: str, n: int) -> tuple[str, str] | None:
    """The anchor moved by ``n`` units, as a value at that unit's granularity."""
    if unit in ("day", "night"):
        return (anchor + timedelta(days=n)).isoformat(), "day"
    if unit in ("week", "fortnight"):
        return cal.week_value(anchor + timedelta(weeks=n * (2 if unit == "fortnight" else 1))), "week"
    if unit == "weekend":
        return cal.week_value(anchor + timedelta(weeks=n)) + "-WE", "weekend"
    if unit == "month":
        y, mo = cal.add_months(anchor.year, anchor.month, n)
        return cal.month_value(y, mo), "month"
    if unit == "quarter":
        index = anchor.year * 4 + cal.quarter_of(anchor.month) - 1 + n
        return cal.quarter_value(index // 4, index % 4 + 1), "quarter"
    if unit == "year":
        return f"{anchor.year + n:04d}", "year"
    if unit == "decade":
        return f"{(anchor.year // 10 + n):03d}", "decade"
    if unit == "century":
        return f"{(anchor.year // 100 + n):02d}", "century"
    return None


_REL_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
              "coming": 1, "following": None, "same": 0, "the": 0}


def relative_unit(m: re.Match[str], ctx: Context) -> Result:
    """"last week" → ``2025-W10``, "earlier this month", "early next week", "this year",
    "the previous year", "the end of last year", "this weekend"."""
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = m.group("unit").lower()
    key = rel.split()[-1]
    if rel in ("the past", "the coming", "the next") and unit != "weekend":
        return ("DURATION", duration_value(1, unit), "duration")
    if rel == "the" and unit != "weekend":
        return None
    shift = _REL_SHIFT.get(key)
    if shift is None or ctx.anchor is None:
        return ("DATE", None, unit)
    shifted = shift_value(ctx.anchor, unit, shift)
    if shifted is None:
        return None
    return ("DATE", shifted[0], shifted[1])


def _quantity(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.lower().replace(",", "."))
    if w in VAGUE_QUANTITIES:
        return None
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return NUMBERS[w]
    parts = re.split(r"[ -]", w)
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def _number_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def offset(m: re.Match[str], ctx: Context) -> Result:
    """"two days ago" / "15 months ago" / "three weeks from now" against the anchor;
    "a week earlier" / "three days later" refer to another event: unresolved, never guessed."""
    unit = _unit(m.group("unit"))
    if unit not in UNITS or UNITS[unit][1]:
        return ("DATE", None, None) if unit in UNITS else None
    n = _quantity(m.group("n"))
    direction = re.sub(r"\s+", " ", m.group("dir").lower())
    if n is None or n != int(n):
        return ("DATE", "PAST_REF" if direction == "ago" else None, None)
    if direction not in ("ago", "from now", "hence"):
        # "a week earlier": against the date mentioned just before (tagger.resolve_references)
        after = ctx.text[m.end():m.end() + 2]
        if direction in ("earlier", "later") or re.match(r"\s?[,.;)]|$", after):
            sign = -1 if direction in ("earlier", "before") else 1
            return ("DATE", None, f"ref:{unit}:{sign * int(n)}")
        # "two years after the merger": a duration ("two years") and a signal, as in TimeML
        return None
    if ctx.anchor is None:
        return ("DATE", None, UNITS[unit][2])
    sign = -1 if direction == "ago" else 1
    shifted = shift_value(ctx.anchor, unit, sign * int(n))
    if shifted is None:
        return None
    return ("DATE", shifted[0], shifted[1])


def duration(m: re.Match[str], ctx: Context) -> Result:
    """"15 months", "30-day", "over an hour", "almost two and a half years", "several years"
    → ``P15M``, ``P30D``, ``PT1H``, ``P2.5Y``, ``PXY``: durations, not dates."""
    unit = _unit(m.group("unit"))
    if unit not in UNITS:
        return None
    letter, is_time, _ = UNITS[unit]
    quantity = m.group("n").lower()
    if unit == "second" and quantity in ("a", "an") and re.match(r"[ \t]{1,3}[a-z]", ctx.text[
            m.end():m.end() + 4]):
        return None   # "a second consecutive day": an ordinal, not one second
    if unit == "fortnight":
        n: float | None = 2 * (_quantity(m.group("n")) or 0) or None
    else:
        n = _quantity(m.group("n"))
    if n is not None and m.group("half"):
        n += 0.5
    return ("DURATION", duration_value(n, unit), "duration")


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration; decades and centuries in years (``P10Y``), vague ones ``PXDE``."""
    letter, is_time, _ = UNITS[unit]
    if n is not None and unit in ("decade", "century"):
        n, letter = n * (10 if unit == "decade" else 100), "Y"
    amount = "X" if n is None else _number_text(n)
    return f"P{'T' if is_time else ''}{amount}{letter}"


def range_head(m: re.Match[str], ctx: Context) -> Result:
    """The first number of a range shares the range's unit: "between [60] and 90 days",
    "[two] to three weeks" → ``P60D``, ``P2W`` (TimeML annotates both ends)."""
    unit = _unit(m.group("unit"))
    if unit not in UNITS:
        return None
    n = _quantity(m.group("n"))
    if n is None:
        return None
    return ("DURATION", duration_value(n, unit), "duration")


def vague_plural(m: re.Match[str], ctx: Context) -> Result:
    """"for years", "over the years", "decades-long", "in minutes" → ``PXY``, ``PXDE``, ``PTXM``."""
    unit = m.group("unit") or m.group("unit2")
    u = _unit(unit)
    if u not in UNITS:
        return None
    letter, is_time, _ = UNITS[u]
    return ("DURATION", f"P{'T' if is_time else ''}X{letter}", "duration")


_SET = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W",
        "daily": "P1D", "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D",
        "biannual": "P6M", "biennial": "P2Y"}


def frequency(m: re.Match[str], ctx: Context) -> Result:
    """"annual", "weekly", "every day", "once a month" → TIMEX3 sets (``P1Y`` …)."""
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if m.group(0)[:1].isupper() and ctx.text[max(0, m.start() - 2):m.start()].strip() not in (
            "", ".", '"'):
        return None
    if word in _SET:
        return ("SET", _SET[word], "set")
    unit = _unit(word.split()[-1])
    if unit in UNITS:
        return ("SET", f"P{'T' if UNITS[unit][1] else ''}1{UNITS[unit][0]}", "set")
    return None


def vague(m: re.Match[str], ctx: Context) -> Result:
    """"recently", "in recent days", "currently", "soon": TIMEX3 ``PAST_REF`` etc., unresolved."""
    word = re.sub(r"\s+", " ", m.group(0).lower())
    value = VAGUE_REFS.get(word)
    if value is None:
        value = {"recent": "PAST_REF", "current": "PRESENT_REF", "ongoing": "PRESENT_REF",
                 "later": "FUTURE_REF", "short-term": "FUTURE_REF",
                 "long-term": "FUTURE_REF"}.get(word)
    if value is None:
        return None
    return ("DATE", value, None)


_TZ = r"(?P<tz>UTC|GMT|Z|BST|CET|CEST|EST|EDT|PST|PDT|local\stime)"


def clock(m: re.Match[str], ctx: Context) -> Result:
    """"18:00 UTC", "6:40 p.m.", "0800 GMT": a time of day on the day it goes with (the day
    named next to it, else the nearest day-level date in the sentence, else the anchor)."""
    groups = m.groupdict()
    hour, minute = int(groups["h"]), int(groups.get("mi") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    if ctx.anchor is None:
        return ("TIME", None, "time")
    tz = (groups.get("tz") or "").upper()
    suffix = "Z" if tz in ("UTC", "GMT", "Z") else ""
    return ("TIME", f"{ctx.anchor.isoformat()}T{hour:02d}:{minute:02d}{suffix}", "time")


_ANAPHOR_SHIFT = {"previous": -1, "following": 1, "next": 1, "before": -1, "after": 1,
                  "earlier": -1, "later": 1}


def anaphoric_day(m: re.Match[str], ctx: Context) -> Result:
    """"the day", "that day", "the same day", "late in the day", "the previous day", "a day
    later": the day of the date mentioned just before (tagger.resolve_references), else
    unresolved."""
    words = re.sub(r"\s+", " ", m.group(0).lower()).split()
    shift = 0
    if words[0] in ("a", "an", "one"):
        shift = _ANAPHOR_SHIFT.get(words[-1], 0)
    elif words[-1] in ("before", "after"):
        shift = _ANAPHOR_SHIFT[words[-1]]
    elif len(words) >= 3 and words[-2] in _ANAPHOR_SHIFT and words[0] == "the":
        shift = _ANAPHOR_SHIFT[words[-2]]
    return ("DATE", None, f"ref:day:{shift}")


def same_period(m: re.Match[str], ctx: Context) -> Result:
    """"the same period last year" (the month or quarter mentioned before, a year back), "the
    entire year" / "the year previous" (the year mentioned before)."""
    what = re.sub(r"\s+", " ", m.group("what").lower())
    when = m.group("when")
    if what.startswith("same"):
        if not when:
            return None
        return ("DATE", None, "ref:period:-1")
    if what.endswith("year"):
        return ("DATE", None, "ref:year:0")
    return ("DATE", None, "ref:year:-1" if what.startswith("year") else "ref:period:0")


_REL_WORDS = (r"(?:last|next|this|the\spast|the\slast|the\scoming|the\snext|the\sprevious|the\s"
              r"following|the\scurrent|earlier\sthis|later\sthis|early\snext|late\snext|earlier"
              r"\slast|early\slast|late\slast|early\sthis|late\sthis|(?:at\s)?the\s(?:end|start|"
              r"beginning|middle)\sof\s(?:last|this|next|the)|(?:in\s)?the\ssame|past|the)")
_VAGUE = alternation(set(VAGUE_REFS)) + r"|recent|current|ongoing|short-term|long-term"

RULES: list[tuple[str, re.Pattern[str], Builder]] = [
    ("weekday", re.compile(r"\b(?:(?P<rel>last|next|this(?:" + SP + r"coming)?|coming|past|"
                           r"previous|overnight" + SP + r"(?:into|to)|(?:early|late)(?:" + SP +
                           r"on)?)" + SP + r")?(?P<wd>" + WEEKDAY_FULL + r")(?P<plural>s\b)?"
                           r"(?:['’]s)?(?:[ \t-]{1,2}(?P<part>" + _PART + r"))?\b", _I), weekday),
    ("deictic", re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow(?:" + SP + r"night)?|the"
                           + SP + r"day" + SP + r"(?:before" + SP + r"yesterday|after" + SP +
                           r"tomorrow)|earlier" + SP + r"today|later" + SP + r"today|(?:earlier"
                           r"|later)" + SP + r"in" + SP + r"the" + SP + r"day|this" + SP +
                           r"(?:morning|afternoon|evening)|last" + SP + r"(?:night|evening))"
                           r"(?:['’]s)?(?:" + SP + r"(?P<part>" + _PART + r"))?\b", _I), deictic),
    ("relative_unit", re.compile(r"\b(?P<rel>" + _REL_WORDS + r")" + SP + r"(?P<unit>week|weekend"
                                 r"|month|year|quarter|decade|century)\b(?![ \t]{1,2}of[ \t]{1,2}"
                                 r"(?:" + MONTH_FULL + r"|\d|the|this|last|next)\b)", _I),
     relative_unit),
    ("offset", re.compile(r"\b(?P<n>" + QUANTITY + r")" + SP + r"(?P<unit>" + UNITWORD + r")" + SP
                          + r"(?P<dir>ago|earlier|later|before|after|from" + SP + r"now|hence)\b",
                          _I), offset),
    ("duration", re.compile(r"\b(?:(?:the" + SP + r"(?:past|last|next|coming|previous|following|"
                            r"first)|over|almost|nearly|about|around|more" + SP + r"than|less" + SP
                            + r"than|at" + SP + r"least|roughly|up" + SP + r"to|another|for|some)"
                            + SP + r")?(?P<n>" + QUANTITY + r")(?P<half>" + SP + r"and" + SP +
                            r"a" + SP + r"half)?(?:" + SP + r"(?:straight|consecutive|successive|"
                            r"full|more|additional|further|trading|business|working|whole|"
                            r"calendar|long))?[ \t-]{1,2}(?P<unit>" + UNITWORD + r")(?:[ \t-]"
                            r"(?:old|long))?\b", _I), duration),
    ("range_head", re.compile(r"\b(?P<n>\d{1,4}|" + NUMBER_WORD + r")(?=" + SP + r"(?:and|to|or)"
                              + SP + r"(?:" + QUANTITY + r")[ \t-]{1,2}(?P<unit>" + UNITWORD +
                              r")\b)", _I), range_head),
    ("vague_plural", re.compile(r"(?:\b(?:for|over" + SP + r"the|in|within|just|recent|past|several|"
                                r"many)" + SP + r"(?P<unit>years|decades|months|weeks|days|hours|"
                                r"minutes|centuries)\b|\b(?P<unit2>decades|years)-long\b)", _I),
     vague_plural),
    ("anaphor", re.compile(r"\b(?:(?:late|early|earlier|later)" + SP + r"(?:in" + SP + r")?(?:the|"
                           r"that)" + SP + r"day|the" + SP + r"(?:same|previous|following|next)" +
                           SP + r"day|the" + SP + r"(?:start|end|beginning)" + SP + r"of" + SP +
                           r"(?:the|that)" + SP + r"day|(?:a|one)" + SP + r"day" + SP +
                           r"(?:earlier|later)|the" + SP + r"day" + SP + r"(?:before|after)(?=" +
                           r"[ \t]?[,.;])|an?" + SP + r"(?:second|third|fourth|fifth|sixth|"
                           r"seventh)" + SP + r"(?:straight|consecutive|successive)" + SP +
                           r"day)\b(?!['’]s)", _I), anaphoric_day),
    ("anaphor_bare", re.compile(r"\b(?:the|that)" + SP + r"day\b(?!['’]s|" + SP + r"(?:of|when|"
                                r"that|before|after|on|in|which|they|he|she|it|we|I)\b)", _I),
     anaphoric_day),
    ("same_period", re.compile(r"\bthe" + SP + r"(?P<what>same" + SP + r"(?:period|month|quarter|"
                               r"time|week)|(?:entire|whole|full)" + SP + r"year|(?:year|month)" +
                               SP + r"(?:previous|before|earlier))(?:" + SP + r"(?P<when>last" + SP
                               + r"year|a" + SP + r"year" + SP + r"(?:ago|earlier|before)|(?:of" +
                               SP + r")?the" + SP + r"(?:previous|prior|last)" + SP + r"year))?\b",
                               _I), same_period),
    ("frequency", re.compile(r"\b(?:annual|annually|yearly|monthly|weekly|daily|hourly|quarterly|"
                             r"nightly|(?:every|each|once" + SP + r"a|per)" + SP + r"(?:day|week|"
                             r"month|year|hour))\b", _I), frequency),
    ("vague", re.compile(r"\b(?:" + _VAGUE + r")\b", _I), vague),
    ("clock", re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))(?:" + SP + r"?(?P<ampm>"
                         r"[ap]\.?m\.?)(?![\w]))?(?:" + SP + _TZ + r"\b)?", _I), clock),
    ("clock_ampm", re.compile(r"\b(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<mi>[0-5]\d))?" + SP + r"?(?P<ampm>"
                              r"[ap]\.m\.|[ap]m\b)(?:" + SP + _TZ + r"\b)?", _I), clock),
    ("clock_tz", re.compile(r"\b(?P<h>[01]\d|2[0-3])[.:]?(?P<mi>[0-5]\d)" + SP + _TZ + r"\b"),
     clock),
]
