"""RSS and Atom feed files (feedparser): one document per entry with content or a summary.

The entry's full ``content`` is preferred over its ``summary``; ``link``, ``title``,
``published`` (ISO 8601, UTC), ``author`` and the feed's title (as ``outlet``) go into ``meta``.
An entry with neither content nor summary is rejected (``no_text``) with its link, so it can be
fetched as a URL instead.
"""

from __future__ import annotations

import io
import re
import time
import warnings
from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.config import Settings
from storyline.errors import reject
from storyline.ingest.base import STAGE, Item, clean_meta, record_id
from storyline.ingest.decode import control_ratio
from storyline.records import RawDocument

_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    except (TypeError, ValueError, OverflowError):
        return None


def _body(entry: Any) -> tuple[str, str]:
    """The entry's best body and whether it is HTML."""
    contents = entry.get("content") or []
    best = None
    for content in contents:
        if isinstance(content, dict) and content.get("value"):
            if best is None or len(content["value"]) > len(best.get("value", "")):
                best = content
    if best is None:
        summary = entry.get("summary") or ""
        detail = entry.get("summary_detail") or {}
        best = {"value": summary, "type": detail.get("type", "text/html")}
    value = str(best.get("value") or "")
    is_html = "html" in str(best.get("type", "")) and bool(_TAG.search(value))
    return value, "html" if is_html else "text"


_FEED_SUFFIX = re.compile(
    r"\s*[-–—|:»]\s*(latest( news| stories| headlines)?|top stories|headlines|all( stories| news)?|"
    r"rss( feed)?|feed|news feed|home( page)?|front page|most recent)\s*$",
    re.I,
)


def outlet_of(feed_title: str | None) -> str | None:
    """The outlet's name from a feed title: ``The Observer - Latest`` → ``The Observer``."""
    if not feed_title:
        return None
    return _FEED_SUFFIX.sub("", feed_title).strip() or feed_title.strip()


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return any(marker in head for marker in (b"<rss", b"<feed", b"<rdf:rdf"))


def read_feed(data: bytes, name: str, settings: Settings) -> Iterator[Item]:
    """A feed file (already read under the size cap)."""
    try:
        # a stream, never bytes or str: feedparser opens a str/bytes that names a file or URL
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            parsed = feedparser.parse(io.BytesIO(data))
            documents = list(_entries(parsed, name, settings))
    except Exception as exc:  # noqa: BLE001 — feedparser can raise on pathological input
        yield reject("malformed", f"not a readable feed ({type(exc).__name__}: {exc})", STAGE, name)
        return
    yield from documents


def _entries(parsed: Any, name: str, settings: Settings) -> Iterator[Item]:
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and problem is not None:
            yield reject("malformed", f"not a valid RSS/Atom feed ({str(problem)[:200]})", STAGE, name)
        elif not parsed.get("version"):
            yield reject("malformed", "not an RSS or Atom feed", STAGE, name)
        else:
            yield reject("empty", "the feed has no entries", STAGE, name)
        return
    outlet = outlet_of((parsed.get("feed") or {}).get("title"))
    limit = settings["ingest.max_records"]
    for number, entry in enumerate(entries, start=1):
        where = f"{name}#record-{number}"
        if number > limit:
            yield reject("too_large", f"more than {limit:,} entries (setting ingest.max_records); the rest were not read", STAGE, name)
            return
        body, content_type = _body(entry)
        link = entry.get("link")
        if not body.strip():
            yield reject("no_text", f"the entry has no content or summary (link: {link or 'none'})", STAGE, where)
            continue
        if control_ratio(body) > 0.01:
            yield reject("binary", "the entry holds control characters (binary content)", STAGE, where)
            continue
        meta = clean_meta({
            "url": link,
            "title": entry.get("title"),
            "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            or entry.get("published") or entry.get("updated"),
            "author": entry.get("author"),
            "outlet": outlet,
        })
        raw = body.encode("utf-8", "replace")
        yield RawDocument(
            id=record_id(raw, link),
            input=where,
            content=body.encode("utf-8", "replace").decode("utf-8"),
            content_type=content_type,  # type: ignore[arg-type]
            meta=meta,
            encoding="utf-8",
        )
