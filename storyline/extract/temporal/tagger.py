"""Find temporal expressions: run every rule, keep the longest non-overlapping matches, then
give times of day their day. Work is linear in the text length and capped per article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from storyline.extract.temporal import absolute, holidays, relative
from storyline.extract.temporal.absolute import Builder
from storyline.extract.temporal.lexicon import (
    MONTHS,
    NUMBERS,
    SEASONS,
    STANDALONE_REFS,
    UNITS,
    VAGUE_REFS,
    WEEKDAYS,
)
from storyline.extract.temporal.model import Context, Timex

RULES: list[tuple[str, re.Pattern[str], Builder]] = [*absolute.RULES, *relative.RULES,
                                                     *holidays.RULES]

#: Upper bounds that keep one hostile article cheap.
MAX_TEXT = 300_000          # characters analysed per text (about 50,000 words)
MAX_MATCHES_PER_RULE = 5_000
#: A rule only runs near one of its trigger words: this many characters before / after it
#: (longer than any prefix / suffix a rule can match around its trigger).
LEFT_MARGIN, RIGHT_MARGIN = 40, 40

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_TOKEN = re.compile(r"[A-Za-z]+|\d+")

_UNIT_WORDS = {w + suffix for w in UNITS for suffix in ("", "s")} | {"centuries", "weekend"}
_VAGUE_WORDS = {w for phrase in VAGUE_REFS for w in phrase.split()} - {
    "the", "in", "at", "right", "very", "more", "near", "long", "short", "coming", "this"} | {
    "recent", "current", "ongoing", "later", "term"}
_TRIGGERS: dict[str, set[str]] = {
    "iso": {"#"}, "numeric": {"#"}, "year": {"#"}, "decade": {"#"}, "apos_year": {"#"},
    "clock": {"#"}, "clock_ampm": {"#"}, "clock_tz": {"#"}, "quarter_q": {"#"},
    "month_day": set(MONTHS), "day_month": set(MONTHS), "ordinal_day": set(MONTHS),
    "month_year": set(MONTHS), "bare_month": set(MONTHS), "week_of_month": {"week"},
    "quarter": {"quarter"}, "season": set(SEASONS),
    "weekday": set(WEEKDAYS) | {w + "s" for w in WEEKDAYS if len(w) > 3},
    "deictic": {"today", "tonight", "yesterday", "tomorrow", "day", "morning", "afternoon",
                "evening", "night"},
    "relative_unit": {"week", "weekend", "month", "year", "quarter", "decade", "century"},
    "offset": _UNIT_WORDS, "duration": _UNIT_WORDS, "range_head": {"#"} | set(NUMBERS),
    "vague_plural": {"years", "decades", "months", "weeks", "days", "hours", "minutes",
                     "centuries"},
    "anaphor": {"day"}, "anaphor_bare": {"day"},
    "same_period": {"period", "month", "quarter", "time", "week", "year", "previous", "before",
                    "earlier"},
    "frequency": {"annual", "annually", "yearly", "monthly", "weekly", "daily", "hourly",
                  "quarterly", "nightly", "day", "week", "month", "year", "hour"},
    "vague": _VAGUE_WORDS,
    "holiday": holidays.TRIGGERS,
}


_BY_WORD: dict[str, list[str]] = {}
for _name, _words in _TRIGGERS.items():
    for _word in _words:
        _BY_WORD.setdefault(_word, []).append(_name)
#: every rule must be reachable from some trigger word, or it would silently never run
assert {name for name, _, _ in RULES} == set(_TRIGGERS), "rules and triggers disagree"


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged character windows around its trigger words."""
    by_word = _BY_WORD
    spans: dict[str, list[tuple[int, int]]] = {}
    length = len(text)
    for match in _TOKEN.finditer(text):
        token = match.group()
        key = "#" if token[0].isdigit() else token.lower()
        names = by_word.get(key)
        if not names:
            continue
        lo, hi = max(0, match.start() - LEFT_MARGIN), min(length, match.end() + RIGHT_MARGIN)
        for name in names:
            current = spans.setdefault(name, [])
            if current and lo <= current[-1][1]:
                current[-1] = (current[-1][0], hi)
            else:
                current.append((lo, hi))
    return spans


def candidates(text: str, anchor: date | None) -> Iterator[Timex]:
    """Every match of every rule that its builder accepts (overlapping, unordered)."""
    text = text[:MAX_TEXT]
    ctx = Context(text=text, anchor=anchor)
    windows = _windows(text)
    for name, pattern, build in RULES:
        count = 0
        for lo, hi in windows.get(name, ()):
            for match in pattern.finditer(text, lo, hi):
                if match.end() == match.start():
                    continue
                count += 1
                if count > MAX_MATCHES_PER_RULE:
                    break
                try:
                    result = build(match, ctx)
                except (ValueError, KeyError, IndexError, OverflowError):
                    continue   # defensive: a surprising match never fails the article
                if result is None:
                    continue
                kind, value, granularity = result
                start, end = _trim(text, match.start(), match.end())
                yield Timex(start, end, text[start:end], kind, value, granularity,  # type: ignore[arg-type]
                            name)
            if count > MAX_MATCHES_PER_RULE:
                break


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t,.\u00a0" and not text[start:end].lower().endswith(
            ("a.m.", "p.m.", "sept.", "jan.", "feb.", "aug.", "oct.", "nov.", "dec.", "apr.")):
        end -= 1
    if end - start > 2 and text[end - 2:end] in ("'s", "’s"):
        end -= 2      # "Thursday's meeting": the expression is "Thursday"
    while start < end and text[start] in " \t,\u00a0":
        start += 1
    lead = _LEADING_PREPOSITION.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()     # TIMEX3 extents leave the preposition out ("for 33 years")
    return start, end


_LEADING_PREPOSITION = re.compile(r"(?:in|at(?![ \t]{1,3}least)|for|just|within)[ \t]{1,3}(?=\S)",
                                  re.IGNORECASE)


def select(found: list[Timex]) -> list[Timex]:
    """Longest matches first; a match overlapping a kept one is dropped. Sorted by offset."""
    if not found:
        return []
    size = max(t.end for t in found)
    covered = bytearray(size + 1)
    kept: list[Timex] = []
    for timex in sorted(found, key=lambda t: (-(t.end - t.start), t.start, t.rule)):
        if covered.find(1, timex.start, timex.end) != -1:
            continue
        kept.append(timex)
        covered[timex.start:timex.end] = b"\x01" * (timex.end - timex.start)
    return sorted(kept, key=lambda t: t.start)


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = (a, b) if a <= b else (b, a)
    return hi - lo < 200 and not _SENTENCE_BREAK.search(text, lo, hi)


def attach_times(text: str, timexes: list[Timex]) -> list[Timex]:
    """A clock time takes the day next to it ("12:00 UTC Monday" becomes one expression),
    else the nearest day-level date of its sentence; without one it stays on the anchor."""
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        t = timexes[i]
        if t.rule.startswith("clock") and t.value is not None:
            clock = t.value.split("T", 1)[1]
            nxt = timexes[i + 1] if i + 1 < len(timexes) else None
            if (nxt is not None and nxt.value and _DAY_VALUE.match(nxt.value)
                    and re.fullmatch(r"[ \t]{1,3}(?:on[ \t]{1,2})?", text[t.end:nxt.start])):
                merged = Timex(t.start, nxt.end, text[t.start:nxt.end], "TIME",
                               f"{nxt.value[:10]}T{clock}", "time", t.rule)
                out.append(merged)
                i += 2
                continue
            near = timexes[max(0, i - 8):i + 9]
            days = [o for o in near if o is not t and o.value and _DAY_VALUE.match(o.value)
                    and not o.rule.startswith("clock") and _same_sentence(text, o.start, t.start)]
            if days:
                nearest = min(days, key=lambda o: abs(o.start - t.start))
                t = Timex(t.start, t.end, t.text, "TIME", f"{nearest.value[:10]}T{clock}",  # type: ignore[index]
                          "time", t.rule)
        out.append(t)
        i += 1
    return out


REFERENCE_WINDOW = 400   # characters back to the date an anaphoric expression refers to


_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?(?:T.*)?$")
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:$|-)")


def _previous(timexes: list[Timex], before: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The value of the last expression before ``before`` (within REFERENCE_WINDOW) that
    ``pattern`` matches: the reference time at that granularity."""
    for other in reversed(timexes):
        if before - other.end > REFERENCE_WINDOW:
            return None
        if other.end > before or other.value is None or other.type in ("DURATION", "SET"):
            continue
        match = pattern.match(other.value)
        if match:
            return match
    return None


def _resolve_reference(spec: str, before: int, timexes: list[Timex],
                       anchor: date | None) -> tuple[str, str] | None:
    """Value of an anaphoric expression; ``spec`` is ``unit:amount`` (``day:-7``, ``year:-1``,
    ``period:-1`` for "the same period last year")."""
    from storyline.extract.temporal import calendar as cal
    from storyline.extract.temporal.relative import shift_value

    unit, amount_text = spec.split(":")
    amount = int(amount_text)
    if unit == "period":
        month = _previous(timexes, before, _MONTH_VALUE)
        quarter = _previous(timexes, before, _QUARTER_VALUE)
        if quarter and (not month or month.start() < 0):
            return cal.quarter_value(int(quarter.group(1)) + amount, int(quarter.group(2))), "quarter"
        if month:
            y, m = cal.add_months(int(month.group(1)), int(month.group(2)), 12 * amount)
            return cal.month_value(y, m), "month"
        return (f"{anchor.year + amount:04d}", "year") if anchor else None
    if unit == "year":
        year = _previous(timexes, before, _YEAR_VALUE)
        if year:
            return f"{int(year.group(1)) + amount:04d}", "year"
        return (f"{anchor.year + amount:04d}", "year") if anchor else None
    day = _previous(timexes, before, _DAY_VALUE)
    ref = None
    if day:
        try:
            ref = date.fromisoformat(day.string[:10])
        except ValueError:
            ref = None
    if ref is None and unit == "day" and amount == 0:
        ref = anchor   # "the day", "late in the day": the article's own day by default
    if ref is not None and unit in ("week", "fortnight"):
        # "a week earlier" than a given day is a day
        return shift_value(ref, "day", amount * (14 if unit == "fortnight" else 7))
    return shift_value(ref, unit, amount) if ref else None


def resolve_references(text: str, timexes: list[Timex], anchor: date | None) -> list[Timex]:
    """"the same day", "a week earlier", "the year previous": resolved against the reference
    time, as in TimeML: the date mentioned just before (within REFERENCE_WINDOW characters).
    Without one, "the day" / "the entire year" fall back to the anchor (the article's own day
    and year); offsets such as "three months later" stay unresolved."""
    out: list[Timex] = []
    for t in timexes:
        if t.value is None and t.granularity and t.granularity.startswith("ref:"):
            spec = t.granularity[4:]
            resolved = _resolve_reference(spec, t.start, out, anchor)
            unit = spec.split(":")[0]
            granularity = resolved[1] if resolved else ("month" if unit == "period" else unit)
            t = Timex(t.start, t.end, t.text, t.type, resolved[0] if resolved else None,
                      granularity, "ref:" + t.rule)
        out.append(t)
    return out


def tag(text: str, anchor: date | None) -> list[Timex]:
    """All temporal expressions of ``text``, normalised against ``anchor``, in text order."""
    return attach_times(text, resolve_references(text, select(list(candidates(text, anchor))),
                                                 anchor))


def normalise_span(text: str, start: int, end: int, anchor: date | None,
                   found: list[Timex] | None = None) -> str | None:
    """Our TIMEX3 value for a given span of ``text`` (an expression someone else found): the
    rule match covering it best, in context; else the span read on its own."""
    if found is None:
        found = list(candidates(text, anchor))
    best = _best_candidate(found, start, end)
    if best is None:
        alone = list(candidates(text[start:end], anchor))
        best = _best_candidate(alone, 0, end - start)
        if best is None:
            return STANDALONE_REFS.get(" ".join(text[start:end].lower().split()))
    if best.rule.startswith("clock") or (best.value is None and best.granularity
                                         and best.granularity.startswith("ref:")):
        tagged = tag(text, anchor)
        same = [t for t in tagged if t.start <= best.start < t.end or best.start <= t.start < best.end]
        if same:
            best = same[0]
    return best.value


def _best_candidate(found: list[Timex], start: int, end: int) -> Timex | None:
    """The candidate covering a span best: most overlap, then the closest length."""
    best, key = None, None
    for t in found:
        overlap = min(end, t.end) - max(start, t.start)
        if overlap <= 0:
            continue
        k = (overlap, -abs((t.end - t.start) - (end - start)))
        if key is None or k > key:
            best, key = t, k
    return best
