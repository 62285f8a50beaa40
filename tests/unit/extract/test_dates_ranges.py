"""extract.dates: the first number of a duration range takes the range's unit."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.extract.dates import find_dates

ANCHOR = date(2009, 6, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("The process would take between 60 and 90 days.", [("60", "P60D"), ("90 days", "P90D")]),
    ("It lasted two to three weeks.", [("two", "P2W"), ("three weeks", "P3W")]),
    ("It will take 5 or 6 years.", [("5", "P5Y"), ("6 years", "P6Y")]),
])
def test_range_head_is_a_duration(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(d.text, d.value) for d in find_dates(text, ANCHOR)] == expected


@pytest.mark.parametrize("text", ["between 2014 and 2016", "from 2009 to 2011",
                                  "a 1 to 2 percent rise", "2 and 3 officials"])
def test_numbers_without_a_time_unit_are_not_range_heads(text: str) -> None:
    assert all(d.granularity != "duration" for d in find_dates(text, ANCHOR))
