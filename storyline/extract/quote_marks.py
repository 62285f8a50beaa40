"""Quotation marks in raw text: which characters open and close a quoted span.

Pure text, no parse. :func:`find_quoted` pairs straight (``"``) and curly (``“ ”``) double marks
within a paragraph, follows the news convention for a quote that runs over paragraphs (each
paragraph opens again, only the last one closes), and pairs single curly marks (``‘ ’``) that
are not apostrophes (``‘Manipulative’`` in a headline, nested quotes are left alone).

Offsets: ``start``/``end`` include the marks; ``inner_start``/``inner_end`` exclude them (the
content convention of :class:`storyline.records.Quote`). End exclusive, as everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuoteMarkSpan", "find_quoted"]

_OPENERS = {"“": "double", "‘": "single", "«": "double", "„": "double"}
_CLOSERS = {"”": "double", "’": "single", "»": "double"}
_PARAGRAPH = re.compile(r"\n\s*")
#: Characters after which a straight mark opens a quote ("(", "—", ":" ...).
_OPEN_BEFORE = set(" \t\n([{—–-:;/")
#: Characters before which a straight mark closes a quote.
_CLOSE_AFTER = set(" \t\n)]}.,;:!?—–-/")


@dataclass(frozen=True)
class QuoteMarkSpan:
    """A span between an opening and a closing mark (possibly over several paragraphs)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    style: str                  #: "double" or "single"
    paragraphs: int = 1         #: how many paragraphs it runs over
    closed: bool = True         #: False when the closing mark is missing (ends at the paragraph)
    #: one (start, end) per paragraph without the marks, and with them
    parts: tuple[tuple[int, int], ...] = ()
    marked_parts: tuple[tuple[int, int], ...] = ()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        if match.start() > pos:
            spans.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _straight_role(text: str, i: int) -> str:
    """"open", "close" or "either" for a straight double mark at ``text[i]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after == "\x00":
        after = text[i + 2] if i + 2 < len(text) else " "
    can_open = before in _OPEN_BEFORE and not after.isspace()
    can_close = after in _CLOSE_AFTER and not before.isspace()
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    marks: list[tuple[int, str]] = []
    for i in range(start, end):
        ch = text[i]
        if ch == '"':
            marks.append((i, _straight_role(text, i)))
        elif ch in _OPENERS and _OPENERS[ch] == "double":
            marks.append((i, "open"))
        elif ch in _CLOSERS and _CLOSERS[ch] == "double":
            marks.append((i, "close"))
    return marks


def _pair_paragraph(text: str, start: int, end: int, carried: int | None
                    ) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Pair the double marks of one paragraph.

    ``carried`` is the opening offset of a quote still open from the previous paragraph.
    Returns (closed (open, close) pairs, the offset still open at the paragraph end or None,
    the offset of a mark that re-opened a carried quote at the paragraph start or None)."""
    pairs: list[tuple[int, int]] = []
    marks = _double_marks(text, start, end)
    open_at: int | None = None
    reopened: int | None = None
    first = next((i for i in range(start, end) if not text[i].isspace()), end)
    if carried is not None:
        if marks and marks[0][0] == first and marks[0][1] in ("open", "either"):
            open_at, reopened = carried, marks[0][0]
            marks = marks[1:]
        else:
            carried = None
    for offset, role in marks:
        if open_at is None:
            if role in ("open", "either"):
                open_at = offset
        elif role in ("close", "either"):
            pairs.append((open_at, offset))
            open_at = None
        else:  # a second opener: the first one was never closed; restart here
            open_at = offset
    return pairs, open_at, reopened


def _singles(text: str, start: int, end: int, taken: list[tuple[int, int]]
             ) -> list[tuple[int, int]]:
    """‘…’ pairs outside double-quoted spans; a ’ between letters is an apostrophe."""
    pairs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if text[i] == "‘" and not any(a <= i < b for a, b in taken):
            before = text[i - 1] if i > start else " "
            if not before.isalnum():
                j = i + 1
                while j < end:
                    if text[j] == "’":
                        after = text[j + 1] if j + 1 < end else " "
                        if not after.isalnum():
                            break
                    if text[j] == "\n":
                        j = end
                        break
                    j += 1
                if j < end and j > i + 1:
                    pairs.append((i, j))
                    i = j
        i += 1
    return pairs


def find_quoted(text: str) -> list[QuoteMarkSpan]:
    """Every quoted span of ``text`` in order (see the module docstring). Two apostrophes
    (``''…''``, as some archives print quotation marks) count as one straight mark."""
    if "''" not in text:
        return _find_quoted(text)
    shadow = text.replace("''", '"\x00')
    spans = []
    for s in _find_quoted(shadow):
        start, end, inner_start, inner_end = s.start, s.end, s.inner_start, s.inner_end
        if shadow[start:start + 2] == '"\x00':
            inner_start += 1
        if shadow[end - 1:end + 1] == '"\x00':
            end += 1
        parts = tuple((a + 1 if shadow[a - 1:a + 1] == '"\x00' else a, b) for a, b in s.parts)
        marked = tuple((a, b + 1 if shadow[b - 1:b + 1] == '"\x00' else b)
                       for a, b in s.marked_parts)
        spans.append(QuoteMarkSpan(start, end, inner_start, inner_end, s.style, s.paragraphs,
                                   s.closed, parts, marked))
    return spans


def _find_quoted(text: str) -> list[QuoteMarkSpan]:
    spans: list[QuoteMarkSpan] = []
    carried: int | None = None
    #: (marked start, paragraph end) of the earlier paragraphs of a quote still open
    pieces: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    for index, (p_start, p_end) in enumerate(paragraphs):
        pairs, still_open, reopened = _pair_paragraph(text, p_start, p_end, carried)
        paragraph_spans: list[tuple[int, int]] = []
        for open_at, close_at in pairs:
            if carried is not None and open_at == carried and reopened is not None:
                parts = (*pieces, (reopened, close_at + 1))
            else:
                parts = ((open_at, close_at + 1),)
            spans.append(_span(text, parts, closed=True))
            paragraph_spans.append((open_at, close_at + 1))
        continuing = carried is not None and reopened is not None and still_open == carried
        if still_open is not None:
            here = (reopened if continuing and reopened is not None else still_open, p_end)
            so_far = [*pieces, here] if continuing else [here]
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt[0]] in '"“«„':
                carried, pieces = still_open, so_far
            else:   # never closed: the quote ends with its paragraph
                spans.append(_span(text, tuple(so_far), closed=False))
                paragraph_spans.append((here[0], p_end))
                carried, pieces = None, []
        else:
            carried, pieces = None, []
        for open_at, close_at in _singles(text, p_start, p_end, paragraph_spans):
            spans.append(_span(text, ((open_at, close_at + 1),), closed=True, style="single"))
    spans.sort(key=lambda s: s.start)
    return spans


def _span(text: str, parts: tuple[tuple[int, int], ...], closed: bool,
          style: str = "double") -> QuoteMarkSpan:
    """A span from its per-paragraph (marked) parts; the last part ends with its closing mark
    when ``closed``, the others end at their paragraph's end (no closing mark)."""
    inner: list[tuple[int, int]] = []
    marked: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(parts):
        has_close = closed and k == len(parts) - 1
        while b > a + 1 and text[b - 1].isspace():
            b -= 1
        marked.append((a, b))
        inner.append((a + 1, b - 1 if has_close else b))
    return QuoteMarkSpan(parts[0][0], marked[-1][1], inner[0][0], inner[-1][1], style,
                         paragraphs=len(parts), closed=closed, parts=tuple(inner),
                         marked_parts=tuple(marked))
