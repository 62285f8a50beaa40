"""The internal record of the tagger and how it maps onto the public ``DateMention``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from storyline.records import DateMention

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression with its TIMEX3-style ``value``.

    ``value`` is the full TIMEX3 value (``2025-03-14``, ``2025-W11``, ``2025-SU``, ``P15M``,
    ``2025-03-14TEV``, ``2025-03-14T18:00Z``, ``PAST_REF``) or ``None`` when the expression
    needs an anchor we do not have (or refers to another event: "a week earlier").
    ``granularity`` is the unit of the value: day, week, weekend, month, season, quarter,
    half, year, decade, century, time (a time of day), duration, set.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    granularity: str | None
    rule: str = ""

    @property
    def resolved(self) -> bool:
        return self.value is not None and not self.value.endswith("_REF")

    def to_mention(self) -> DateMention:
        """The public form: times of day folded into their day; vague references and
        expressions we cannot anchor carry ``value=None, resolved=False``."""
        value, granularity = self.value, self.granularity
        if value is None:
            return DateMention(self.text, self.start, self.end, None, granularity, False)
        if value.endswith("_REF"):
            return DateMention(self.text, self.start, self.end, None, None, False)
        if self.type == "TIME" or (self.type == "DATE" and "T" in value[4:] and value[:1] != "P"):
            day = value.split("T", 1)[0]
            if len(day) == 10:
                return DateMention(self.text, self.start, self.end, day, "day", True)
            return DateMention(self.text, self.start, self.end, None, None, False)
        return DateMention(self.text, self.start, self.end, value, granularity, True)


@dataclass(frozen=True)
class Context:
    """What a rule needs to normalise a match: the whole text and the anchor (or ``None``)."""

    text: str
    anchor: date | None
