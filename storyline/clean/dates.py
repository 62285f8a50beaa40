"""Publication dates from metadata (JSON fields, feeds, HTML meta tags) → ``DateValue``.

Only metadata is read here; dates written in the article text are resolved by a later stage.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from storyline.records import UNRESOLVED_DATE, DateValue

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]|\s*$)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def _valid(year: int, month: int = 1, day: int = 1) -> bool:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return False
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def parse_published(value: str | None) -> DateValue:
    """``"2025-03-14T10:00:00Z"``, ``"Fri, 14 Mar 2025 10:00:00 GMT"``, ``"March 14, 2025"``
    → ``DateValue("2025-03-14", "day", "metadata")``; anything unreadable → unresolved."""
    if not value or len(value) > 100:
        return UNRESOLVED_DATE
    text = value.strip()
    match = _ISO.match(text) or _COMPACT.match(text)
    if match:
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if day is not None and month is not None and _valid(year, month, day):
            return DateValue(f"{year:04d}-{month:02d}-{day:02d}", "day", "metadata")
        if month is not None and day is None and _valid(year, month):
            return DateValue(f"{year:04d}-{month:02d}", "month", "metadata")
        if month is None and _valid(year):
            return DateValue(f"{year:04d}", "year", "metadata")
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is None:
        try:
            from dateutil import parser as dateutil_parser

            parsed = dateutil_parser.parse(text, fuzzy=False)
        except (ImportError, ValueError, OverflowError, TypeError, ArithmeticError):
            return UNRESOLVED_DATE
    if not _valid(parsed.year, parsed.month, parsed.day):
        return UNRESOLVED_DATE
    return DateValue(parsed.strftime("%Y-%m-%d"), "day", "metadata")
