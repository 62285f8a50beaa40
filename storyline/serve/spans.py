"""Highlight spans of an article record, and the text cut into segments for rendering.

Spans come from the record's analysis (OUTPUT.md): entity mentions, quotes, event sentences,
position evidence and dates. Offsets index the cleaned ``text`` (end exclusive). Offsets that
are not integers, fall outside the text or are empty are dropped: a bad analysis must never
break the page. Overlapping spans are fine (a quote contains mentions): the text is cut at
every span boundary and each segment lists the spans covering it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("entity", "quote", "event", "position", "date", "cite")


@dataclass(frozen=True)
class Segment:
    text: str
    spans: tuple[int, ...]  # indexes into the span list; empty for plain text
    kinds: tuple[str, ...]


def _offsets(item: Any) -> tuple[int, int] | None:
    if not isinstance(item, Mapping):
        return None
    start, end = item.get("start"), item.get("end")
    if type(start) is not int or type(end) is not int:
        return None
    return start, end


def _raw_spans(record: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for i, entity in enumerate(record.get("entities") or []):
        if not isinstance(entity, Mapping):
            continue
        label = f"{entity.get('name') or ''} ({entity.get('type') or 'entity'})"
        for j, mention in enumerate(entity.get("mentions") or []):
            yield {"kind": "entity", "offsets": _offsets(mention), "label": label,
                   "ref": f"entities/{i}/mentions/{j}", "entity": entity.get("id")}
    for i, quote in enumerate(record.get("quotes") or []):
        speaker = (quote.get("speaker") or {}) if isinstance(quote, Mapping) else {}
        name = speaker.get("name") if isinstance(speaker, Mapping) else None
        yield {"kind": "quote", "offsets": _offsets(quote), "label": f"quote: {name or 'unattributed'}",
               "ref": f"quotes/{i}"}
    for i, event in enumerate(record.get("events") or []):
        if not isinstance(event, Mapping):
            continue
        yield {"kind": "event", "offsets": _offsets(event.get("sentence")),
               "label": f"event: {event.get('type') or '?'}", "ref": f"events/{i}"}
    for i, position in enumerate(record.get("positions") or []):
        if not isinstance(position, Mapping):
            continue
        yield {"kind": "position", "offsets": _offsets(position.get("evidence")),
               "label": f"position: {position.get('stance') or '?'} on {position.get('issue') or '?'}",
               "ref": f"positions/{i}"}
    for i, date in enumerate(record.get("dates") or []):
        if not isinstance(date, Mapping):
            continue
        yield {"kind": "date", "offsets": _offsets(date), "label": f"date: {date.get('value') or 'unresolved'}",
               "ref": f"dates/{i}"}


def spans(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Valid spans of a record, sorted by start then longest first:
    ``{"kind", "start", "end", "label", "ref"}`` (``ref`` is a JSON pointer into the record)."""
    length = len(record.get("text") or "")
    found = []
    for raw in _raw_spans(record):
        offsets = raw.pop("offsets")
        if offsets is None:
            continue
        start, end = offsets
        if 0 <= start < end <= length:
            found.append({"kind": raw["kind"], "start": start, "end": end, "label": raw["label"],
                          "ref": raw["ref"], **({"entity": raw["entity"]} if raw.get("entity") else {})})
    found.sort(key=lambda s: (s["start"], -s["end"]))
    return found


def segments(text: str, span_list: list[dict[str, Any]], limit: int | None = None) -> list[Segment]:
    """``text[:limit]`` cut at every span boundary; each segment knows the spans covering it."""
    view = text if limit is None else text[:limit]
    n = len(view)
    cuts = {0, n}
    for span in span_list:
        cuts.add(min(span["start"], n))
        cuts.add(min(span["end"], n))
    points = sorted(cuts)
    starts: dict[int, list[int]] = {}
    for index, span in enumerate(span_list):
        if span["start"] < n:
            starts.setdefault(span["start"], []).append(index)
    active: set[int] = set()
    result: list[Segment] = []
    for left, right in zip(points, points[1:], strict=False):
        active.update(starts.get(left, ()))
        active = {i for i in active if span_list[i]["end"] > left}
        ids = tuple(sorted(active))
        kinds = tuple(k for k in KINDS if any(span_list[i]["kind"] == k for i in ids))
        result.append(Segment(view[left:right], ids, kinds))
    return result


#: Match markers for search snippets: private-use characters, bound as SQL parameters.
MARK_START, MARK_END = "\ue000", "\ue001"


def split_marked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A marked snippet → its plain text and the ``[start, end)`` of each match in it."""
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    length, opened = 0, None
    for char in snippet:
        if char == MARK_START:
            opened = length
        elif char == MARK_END:
            if opened is not None and length > opened:
                highlights.append((opened, length))
            opened = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), highlights


def snippet_parts(plain: str, highlights: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``(text, is_match)`` pieces of a snippet, for a template to wrap matches in ``<mark>``."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for start, end in highlights:
        if start > at:
            parts.append((plain[at:start], False))
        parts.append((plain[start:end], True))
        at = end
    if at < len(plain):
        parts.append((plain[at:], False))
    return parts
