"""Find temporal expressions: run every rule, keep the longest non-overlapping matches, then
give times of day their day. Work is linear in the text length and capped per article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from storyline.extract.temporal import absolute, relative
from storyline.extract.temporal.absolute import Builder
from storyline.extract.temporal.model import Context, Timex

RULES: list[tuple[str, re.Pattern[str], Builder]] = [*absolute.RULES, *relative.RULES]

#: Upper bounds that keep one hostile article cheap.
MAX_TEXT = 2_000_000
MAX_MATCHES_PER_RULE = 5_000

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def candidates(text: str, anchor: date | None) -> Iterator[Timex]:
    """Every match of every rule that its builder accepts (overlapping, unordered)."""
    text = text[:MAX_TEXT]
    ctx = Context(text=text, anchor=anchor)
    for name, pattern, build in RULES:
        for count, match in enumerate(pattern.finditer(text)):
            if count >= MAX_MATCHES_PER_RULE:
                break
            if match.end() == match.start():
                continue
            result = build(match, ctx)
            if result is None:
                continue
            kind, value, granularity = result
            start, end = _trim(text, match.start(), match.end())
            yield Timex(start, end, text[start:end], kind, value, granularity, name)  # type: ignore[arg-type]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t,.\u00a0" and not text[start:end].lower().endswith(
            ("a.m.", "p.m.", "sept.", "jan.", "feb.", "aug.", "oct.", "nov.", "dec.", "apr.")):
        end -= 1
    while start < end and text[start] in " \t,\u00a0":
        start += 1
    return start, end


def select(found: list[Timex]) -> list[Timex]:
    """Longest matches first; a match overlapping a kept one is dropped. Sorted by offset."""
    kept: list[Timex] = []
    taken: list[tuple[int, int]] = []
    for timex in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if any(timex.start < e and s < timex.end for s, e in taken):
            continue
        kept.append(timex)
        taken.append((timex.start, timex.end))
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
            days = [o for o in timexes if o is not t and o.value and _DAY_VALUE.match(o.value)
                    and not o.rule.startswith("clock") and _same_sentence(text, o.start, t.start)]
            if days:
                nearest = min(days, key=lambda o: abs(o.start - t.start))
                t = Timex(t.start, t.end, t.text, "TIME", f"{nearest.value[:10]}T{clock}",  # type: ignore[index]
                          "time", t.rule)
        out.append(t)
        i += 1
    return out


def tag(text: str, anchor: date | None) -> list[Timex]:
    """All temporal expressions of ``text``, normalised against ``anchor``, in text order."""
    return attach_times(text, select(list(candidates(text, anchor))))
