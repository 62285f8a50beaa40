"""WARC and WARC.gz files (CC-NEWS style): one document per HTTP ``response`` record.

``response`` records with an HTML or plain-text payload become documents; their URL
(``WARC-Target-URI``) and crawl date go into ``meta``. ``resource`` records with an HTML or text
content type are read the same way. ``warcinfo``, ``request`` and ``metadata`` records carry no
article and are skipped. A response that is not a 2xx, or whose payload is not text, is
rejected with its record number. A truncated or corrupt file keeps every record read so far and
rejects the rest with one reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from storyline.config import Settings
from storyline.errors import reject
from storyline.ingest.base import STAGE, Item, clean_meta, read_capped, record_id, too_large
from storyline.ingest.files import document_from_bytes

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_SKIPPED = {"warcinfo", "request", "metadata", "revisit", "conversion", "continuation"}


class _QuietIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without its stderr warnings (bad lengths surface as rejections)."""

    INC_RECORD = ""


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``text/html; charset=utf-8`` → ``("text/html", "utf-8")``."""
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return parts[0].lower(), charset


def _record_item(record: Any, where: str, settings: Settings) -> Item | None:
    rec_type = record.rec_type
    if rec_type in _SKIPPED:
        return None
    if rec_type not in ("response", "resource"):
        return reject("unsupported", f"WARC record type {rec_type!r} is not read", STAGE, where)
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if rec_type == "response":
        if record.http_headers is None:
            return reject("unsupported", "a response record without an HTTP payload", STAGE, where)
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return reject("unsupported", f"HTTP status {status or '?'} for {url}", STAGE, where)
        media, charset = _media_type(record.http_headers.get_header("Content-Type"))
    else:
        media, charset = _media_type(record.rec_headers.get_header("Content-Type"))
    if media in _HTML_TYPES or media == "":
        content_type = "html"
    elif media in _TEXT_TYPES:
        content_type = "text"
    else:
        return reject("unsupported", f"payload type {media!r} is not text or HTML ({url})", STAGE, where)
    max_bytes = settings["ingest.max_bytes"]
    payload = read_capped(record.content_stream(), max_bytes)
    if payload is None:
        return too_large(where, max_bytes, "the record's payload")
    meta = clean_meta({"url": url, "crawled": record.rec_headers.get_header("WARC-Date")})
    return document_from_bytes(
        payload, where, content_type, meta=meta, declared=charset,  # type: ignore[arg-type]
        doc_id=record_id(payload, url),
    )


def read_warc(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Item]:
    """Stream the records of a WARC (plain or gzip, detected from the bytes)."""
    limit = settings["ingest.max_records"]
    produced = 0
    number = 0
    try:
        records = iter(_QuietIterator(stream, no_record_parse=False))
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            number += 1
            if getattr(record, "format", "warc") != "warc":
                yield reject("malformed", f"record {number} is not a WARC record (no WARC/1.x header)", STAGE, f"{name}#record-{number}")
                return
            if number > limit:
                yield reject("too_large", f"more than {limit:,} records (setting ingest.max_records); the rest were not read", STAGE, name)
                return
            item = _record_item(record, f"{name}#record-{number}", settings)
            if item is not None:
                produced += 1
                yield item
    except Exception as exc:  # noqa: BLE001 — warcio, gzip and zlib raise many types on bad input
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        kept = f"; the {number} records before it were read" if number else ""
        yield reject(
            "malformed",
            f"the WARC is truncated or corrupt after record {number} ({type(exc).__name__}: {detail}){kept}",
            STAGE, f"{name}#record-{number + 1}",
        )
        return
    if produced == 0:
        yield reject("no_text", f"the WARC holds no response records ({number} records read)", STAGE, name)
