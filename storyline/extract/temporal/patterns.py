"""Regular-expression building blocks. Every quantifier is bounded or over a single character
class, so matching stays linear in the text length (no nested repetition)."""

from __future__ import annotations

from storyline.extract.temporal.lexicon import NUMBERS, ORDINALS, UNITS, VAGUE_QUANTITIES


def alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """``(?:longest|long|...)`` with spaces as ``\\s`` and the longest words first."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(w.replace(".", r"\.").replace(" ", r"\s") for w in ordered) + ")"


MONTH_FULL = ("january|february|march|april|may|june|july|august|september|october|november|"
              "december")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY_FULL = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WEEKDAY_ANY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
               r"thur?s?|fri|sat|sun)\.?")
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
DAYNUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL_DAY = alternation({k for k, v in ORDINALS.items() if k not in ("last", "final")})
NUMBER_WORD = alternation(set(NUMBERS))
TENS = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
UNITWORD = r"(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")(?:s|es)?"
QUANTITY = (r"(?:\d{1,4}(?:[.,]\d{1,2})?|" + TENS + r"[\s-](?:one|two|three|four|five|six|seven|"
            r"eight|nine)|" + NUMBER_WORD + "|" + alternation(VAGUE_QUANTITIES) + ")")
SP = r"[ \t\u00a0]{1,3}"          # horizontal space between words
OSP = r"[ \t\u00a0]{0,3}"
COMMA = r"[ \t\u00a0]{0,2},?[ \t\u00a0]{0,3}"
