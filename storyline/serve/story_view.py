"""What a story's page and its API pieces are made of, assembled from the query layer: coverage
by outlet, the timeline, quotes grouped by speaker, conflicts with their sources' metadata.

Pure functions over the dicts :mod:`storyline.store.queries` returns, so the JSON API, the HTML
page and the tests see the same data. Values from the database are untrusted: anything missing
or of the wrong type is skipped, never an exception.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.serve.summary import cite_url


def coverage(summaries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Articles per outlet (copies counted, and flagged apart), most first."""
    counts: Counter[str] = Counter()
    copies: Counter[str] = Counter()
    for row in summaries:
        outlet = row.get("outlet") or "unknown outlet"
        counts[outlet] += 1
        if row.get("duplicate_of"):
            copies[outlet] += 1
    top = max(counts.values(), default=1)
    return [{"outlet": o, "articles": n, "copies": copies[o], "share": round(n / top, 3)}
            for o, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _day(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return None
    return value[:10]


def _actor(actor: Any) -> str:
    return str(actor.get("name") or "") if isinstance(actor, Mapping) else ""


def _event_label(event: Mapping[str, Any]) -> str:
    label = f"{_actor(event.get('source')) or '?'} {event.get('type') or 'EVENT'}"
    target = _actor(event.get("target"))
    if target:
        label += f" → {target}"
    if event.get("negated"):
        label = "not: " + label
    if event.get("hypothetical") or event.get("future"):
        label += " (expected)"
    return label


def timeline(story: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Dated items of a story: ``{"items": [{"date", "granularity", "kind": "event"|"article",
    "label", "href", "sources"}], "undated_events": n}``, oldest first. Merged events (one per
    real-world event, from corroboration) are used when present, else the per-article events."""
    items: list[dict[str, Any]] = []
    undated = 0
    summaries = {s["id"]: s for s in story.get("article_summaries") or [] if isinstance(s, Mapping)}
    merged = [x for x in story.get("events") or [] if isinstance(x, Mapping)]
    for event in merged or events:
        raw = event.get("date")
        date: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        day = _day(date.get("value"))
        if not day:
            undated += 1
            continue
        sources = event.get("sources") if merged else [
            {"article": event.get("article"), **(event.get("sentence") or {})}]
        sources = [s for s in sources or [] if isinstance(s, Mapping) and s.get("article")]
        first = sources[0] if sources else {}
        items.append({"date": day, "granularity": date.get("granularity"), "kind": "event",
                      "type": event.get("type"), "label": _event_label(event),
                      "href": cite_url(first.get("article", ""), first.get("start"), first.get("end"))
                      if first else None,
                      "sources": len({s.get("article") for s in sources}) or 1})
    for article_id, row in summaries.items():
        day = _day(row.get("published"))
        if day:
            items.append({"date": day, "granularity": row.get("published_granularity"),
                          "kind": "article", "type": None,
                          "label": f"{row.get('outlet') or 'unknown outlet'}: {row.get('title') or '(untitled)'}",
                          "href": f"/articles/{article_id}", "sources": 1})
    items.sort(key=lambda x: (x["date"], x["kind"] != "event", x["label"]))
    return {"items": items, "undated_events": undated}


def quotes_by_speaker(quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker (identity when resolved, else the name), most quoted first;
    unattributed quotes last."""
    groups: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        raw = quote.get("speaker")
        speaker: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        name = speaker.get("name") or None
        key = speaker.get("entity") or (f"name:{name}" if name else "")
        group = groups.setdefault(key, {"entity": speaker.get("entity"), "name": name,
                                        "quotes": []})
        group["quotes"].append({**quote, "href": cite_url(quote.get("article", ""), quote.get("start"),
                                                          quote.get("end"))})
    return sorted(groups.values(), key=lambda g: (g["name"] is None, -len(g["quotes"]), g["name"] or ""))


def conflicts_view(conflicts: Sequence[Mapping[str, Any]],
                   summaries: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Conflicts with each side's outlet, title and a link to its sentence."""
    meta = {s["id"]: s for s in summaries if isinstance(s, Mapping)}
    out = []
    for conflict in conflicts:
        sides = []
        for side in conflict.get("sides") or []:
            if not isinstance(side, Mapping):
                continue
            article = str(side.get("article") or "")
            row = meta.get(article, {})
            sides.append({**side, "outlet": row.get("outlet"), "title": row.get("title"),
                          "published": row.get("published"),
                          "href": cite_url(article, side.get("start"), side.get("end"))})
        if len(sides) >= 2:
            out.append({**conflict, "sides": sides})
    return out
