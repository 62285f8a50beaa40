"""Word lists for the temporal tagger: months, weekdays, number words, units, seasons."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}

#: Cardinal number words (and the indefinite article) up to the sizes news durations use.
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "half a": 0.5, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}

#: Quantities that make a duration vague (TIMEX3 ``X``): "several years" → ``PXY``.
VAGUE_QUANTITIES = frozenset({"several", "a few", "few", "many", "some", "numerous",
                              "multiple", "countless", "a number of"})

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "last": 4, "final": 4,
}

#: Duration unit → (TIMEX3 letter, is a time unit (``PT``), granularity of "N units ago").
UNITS: dict[str, tuple[str, bool, str]] = {
    "second": ("S", True, "time"), "minute": ("M", True, "time"), "hour": ("H", True, "time"),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "week"),
    "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA",
                           "winter": "WI"}
#: First month of each season (northern hemisphere, meteorological).
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV",
                                "night": "NI", "overnight": "NI", "midday": "MI",
                                "noon": "MI", "lunchtime": "MI", "dawn": "MO"}

#: Vague references TIMEX3 writes as PAST_REF / PRESENT_REF / FUTURE_REF (never resolved).
VAGUE_REFS: dict[str, str] = {
    "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF",
    "in recent days": "PAST_REF", "in recent weeks": "PAST_REF", "in recent months": "PAST_REF",
    "in recent years": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF",
    "once": "PAST_REF", "formerly": "PAST_REF",
    "currently": "PRESENT_REF", "now": "PRESENT_REF", "right now": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "the time being": "PRESENT_REF", "at this time": "PRESENT_REF",
    "soon": "FUTURE_REF", "very soon": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the short term": "FUTURE_REF", "in the coming days":
    "FUTURE_REF", "in the coming weeks": "FUTURE_REF", "in the coming months": "FUTURE_REF",
    "in the coming years": "FUTURE_REF",
}

#: Words that are temporal only when someone else has already marked them as an expression
#: (``normalise_span``); the tagger does not look for them in running text.
STANDALONE_REFS: dict[str, str] = {"later": "FUTURE_REF", "history": "PAST_REF",
                                   "the past": "PAST_REF", "earlier": "PAST_REF",
                                   "before": "PAST_REF", "then": "PAST_REF"}
