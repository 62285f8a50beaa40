"""The publication date written in the text: a dateline or byline date.

Looked for in the lines the cleaner removed as page furniture (``Article.removed``) and in the
first lines of the text: "Eastern Dispatch | Sunday, 8 March 2026", "Updated: March 14, 2025",
"Sat 25 Apr 2009 18.00 BST", "WASHINGTON, March 14, 2025 (Reuters) -". A line qualifies only
when the date dominates it (a label, an outlet or a byline around it, not a sentence), so a
caption such as "…their summit on July 16, 2018, in Helsinki" is never taken for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract.temporal.tagger import candidates, select
from storyline.records import DateValue

HEAD_LINES = 12          # lines of the text searched from the top
MAX_LINE = 160           # longer lines are prose, not datelines
MAX_OTHER_WORDS = 8      # words besides the date on a dateline
MAX_BARE_WORDS = 4       # words besides the date on an unlabelled line (not a headline)
MAX_REMOVED = 200        # removed blocks looked at

_WORD = re.compile(r"[A-Za-z]{2,}")
_LABEL = re.compile(r"\b(?:published|posted|updated|last\s+updated|modified|date|dated|first\s+"
                    r"published)\b(?:\s+on)?\s*:?\s*$", re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|first\s+published)\b", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40},(?:\s[A-Z][a-z]+\.?)?\s")
_FULL_DATE_RULES = {"iso", "numeric", "month_day", "day_month", "ordinal_day"}


def _full_date(line: str) -> tuple[str, int, int] | None:
    """The first day-level date with an explicit year on the line: (value, start, end)."""
    for timex in select(list(candidates(line, None))):
        if timex.rule in _FULL_DATE_RULES and timex.value and len(timex.value) == 10:
            return timex.value, timex.start, timex.end
    return None


def _score(line: str) -> int | None:
    """How strongly a line reads as a dateline (higher is better), or None."""
    line = line.strip()
    if not line or len(line) > MAX_LINE:
        return None
    found = _full_date(line)
    if found is None:
        return None
    _, start, end = found
    rest = line[:start] + " " + line[end:]
    rest = re.sub(r"\b\d{1,2}[.:]\d{2}\b|\b(?:[AP]M|[ap]\.m\.|GMT|UTC|BST|EST|EDT|CET|CEST|PST|"
                  r"PDT|IST)\b", " ", rest)
    other = len(_WORD.findall(rest))
    if _PUBLISHED_LABEL.search(line[:start]):
        return 3
    if _LABEL.search(line[:start]) or "|" in line or other == 0:
        return 2 if other <= MAX_OTHER_WORDS else None
    if (other <= MAX_BARE_WORDS or _DATELINE.match(line)) and not line.rstrip().endswith(
            (".", "?", "!")):
        return 1
    return None


def published_from_text(text: str, removed: Sequence[str] = ()) -> DateValue | None:
    """The publication date stated in the text, as ``DateValue(value, "day", source="text")``;
    ``None`` when no dateline or byline date is found (nothing is guessed)."""
    best: tuple[int, int, str] | None = None
    lines: list[str] = [line for line in list(removed)[:MAX_REMOVED]]
    lines += [line for line in text[:20_000].splitlines() if line.strip()][:HEAD_LINES]
    for order, line in enumerate(lines):
        score = _score(line)
        if score is not None:
            found = _full_date(line)
            if found and (best is None or score > best[0]):
                best = (score, order, found[0])
    if best is None:
        first = text.lstrip()[:300]
        match = _DATELINE.match(first)
        if match:
            found = _full_date(first[: match.end() + 40])
            if found and found[1] <= match.end() + 2:
                return DateValue(found[0], "day", "text")
        return None
    return DateValue(best[2], "day", "text")
