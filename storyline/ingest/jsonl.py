"""JSON and JSON Lines: one article per object.

Fields: ``text`` or ``html`` (the body; ``body``, ``content`` and ``articleBody`` are accepted as
aliases of ``text``), ``url``, ``title``, ``published`` (or ``date``), ``outlet`` (or ``source``,
``site``) and ``author`` (a string or a list of strings).

A ``.json`` file holds one article object, a list of them, or an object with the list under
``articles``, ``items``, ``records`` or ``data``. In JSON Lines each line is one object; a
malformed line is one rejection and the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.config import Settings
from storyline.errors import reject
from storyline.ingest.base import STAGE, Item, clean_meta, record_id, too_large
from storyline.ingest.decode import control_ratio
from storyline.records import RawDocument

_TEXT_FIELDS = ("text", "body", "content", "articleBody")
_META_FIELDS = {
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "datePublished"),
    "outlet": ("outlet", "source", "site", "sitename"),
    "author": ("author", "authors", "byline"),
}
_LIST_KEYS = ("articles", "items", "records", "data")


def _field(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for key in names:
        value = obj.get(key)
        if value not in (None, "", []):
            return value
    return None


def record_to_document(obj: Any, name: str, settings: Settings) -> Item:
    """One JSON value → a document, or the reason it is not one."""
    if not isinstance(obj, dict):
        return reject("malformed", f"expected a JSON object, found {type(obj).__name__}", STAGE, name)
    html = obj.get("html")
    text = _field(obj, _TEXT_FIELDS)
    if text is None:
        text = next((obj[key] for key in _TEXT_FIELDS if key in obj), None)
    body, content_type = (html, "html") if html not in (None, "") else (text, "text")
    if body is None:
        return reject("no_text", "the record has no 'text' or 'html' field", STAGE, name)
    if not isinstance(body, str):
        return reject("malformed", f"the record's body is a {type(body).__name__}, not a string", STAGE, name)
    if not body.strip():
        return reject("empty", "the record's text is empty", STAGE, name)
    raw = body.encode("utf-8", "surrogatepass")
    if len(raw) > settings["ingest.max_bytes"]:
        return too_large(name, settings["ingest.max_bytes"], "the record's text")
    if "\x00" in body or control_ratio(body) > 0.01:
        return reject("binary", "the record's text holds control characters (binary content)", STAGE, name)
    meta: dict[str, Any] = {}
    for key, names in _META_FIELDS.items():
        value = _field(obj, names)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        elif isinstance(value, dict):
            value = value.get("name")
        meta[key] = value
    meta = clean_meta(meta)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return reject("encoding", "the record's text holds unpaired surrogates", STAGE, name)
    return RawDocument(
        id=record_id(raw, meta.get("url")),
        input=name,
        content=body,
        content_type=content_type,  # type: ignore[arg-type]
        meta=meta,
        encoding="utf-8",
    )


def _loads(data: bytes | str) -> Any:
    return json.loads(data)


def read_json(data: bytes, name: str, settings: Settings) -> Iterator[Item]:
    """A ``.json`` file (already read under the size cap)."""
    try:
        obj = _loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield reject("encoding", f"JSON must be UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", STAGE, name)
        return
    except RecursionError:
        yield reject("malformed", "the JSON is nested too deeply", STAGE, name)
        return
    except ValueError as exc:
        if "Extra data" in str(exc):  # several objects, one per line: JSON Lines named .json
            yield from read_jsonl_lines(data.splitlines(keepends=True), name, settings)
            return
        yield reject("malformed", f"not valid JSON ({exc})", STAGE, name)
        return
    if isinstance(obj, dict):
        for key in _LIST_KEYS:
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
    if isinstance(obj, dict):
        yield record_to_document(obj, name, settings)
        return
    if not isinstance(obj, list):
        yield reject("malformed", f"expected a JSON object or a list of objects, found {type(obj).__name__}", STAGE, name)
        return
    if not obj:
        yield reject("empty", "the JSON list is empty", STAGE, name)
        return
    limit = settings["ingest.max_records"]
    for number, item in enumerate(obj, start=1):
        if number > limit:
            yield reject("too_large", f"more than {limit:,} records (setting ingest.max_records); the rest were not read", STAGE, name)
            return
        yield record_to_document(item, f"{name}#record-{number}", settings)


def _iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None | Exception]:
    """Lines of at most ``max_bytes``; ``None`` for a longer line (skipped); an exception ends it."""
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except Exception as exc:  # noqa: BLE001 — gzip/zlib/OS errors of a broken stream
            yield exc
            return
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            try:
                while True:  # skip the rest of the over-long line without keeping it
                    rest = stream.readline(1 << 16)
                    if not rest or rest.endswith(b"\n"):
                        break
            except Exception as exc:  # noqa: BLE001
                yield None
                yield exc
                return
            yield None
            continue
        yield line


def read_jsonl(stream: BinaryIO, name: str, settings: Settings) -> Iterator[Item]:
    """A ``.jsonl`` stream, line by line; only one line is held in memory at a time."""
    yield from read_jsonl_lines(_iter_lines(stream, settings["ingest.max_bytes"]), name, settings)


def read_jsonl_lines(lines: Any, name: str, settings: Settings) -> Iterator[Item]:
    limit = settings["ingest.max_records"]
    records = seen = 0
    for number, line in enumerate(lines, start=1):
        where = f"{name}#L{number}"
        if isinstance(line, Exception):
            yield reject("malformed", f"the file is truncated or corrupt at line {number} ({type(line).__name__}: {line}); the {records} records before it were kept", STAGE, where)
            return
        seen += 1
        if line is None:
            yield too_large(where, settings["ingest.max_bytes"], "the line")
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            seen -= 1
            continue
        records += 1
        if records > limit:
            yield reject("too_large", f"more than {limit:,} records (setting ingest.max_records); the rest were not read", STAGE, name)
            return
        try:
            obj = _loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield reject("encoding", f"line {number} is not UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start})", STAGE, where)
            continue
        except RecursionError:
            yield reject("malformed", f"line {number} is nested too deeply", STAGE, where)
            continue
        except ValueError as exc:
            yield reject("malformed", f"line {number} is not valid JSON ({exc})", STAGE, where)
            continue
        yield record_to_document(obj, where, settings)
    if seen == 0:
        yield reject("empty", "the JSON Lines file has no records", STAGE, name)
