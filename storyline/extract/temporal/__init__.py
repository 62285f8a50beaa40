"""Temporal tagging and normalisation for English news (used by :mod:`storyline.extract.dates`).

``tagger`` finds expressions with the rules of ``absolute`` (calendar dates) and ``relative``
(weekdays, deictic days, offsets, durations, sets, vague references, clock times);
``calendar`` does the date arithmetic, ``tense`` reads the verb tense around an expression,
``published`` finds a dateline, ``model`` holds the ``Timex`` record.
"""

from storyline.extract.temporal.model import Timex
from storyline.extract.temporal.published import published_from_text
from storyline.extract.temporal.tagger import tag

__all__ = ["Timex", "published_from_text", "tag"]
