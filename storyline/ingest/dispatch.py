"""From paths, URLs and ``-`` to documents: pick a reader by extension (or by sniffing bytes).

Plain files (text, HTML, JSON, feeds) are capped as a whole by ``ingest.max_bytes`` (checked
with ``stat`` before anything is read, then again while reading). Streaming containers
(JSON Lines, WARC) are read record by record and the cap applies to each record, so a 1 GB
CC-NEWS WARC is fine while a 1 GB line is not.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.config import Settings
from storyline.errors import reject
from storyline.ingest.base import STAGE, Item, read_capped, too_large
from storyline.ingest.feeds import looks_like_feed, read_feed
from storyline.ingest.files import read_html, read_text
from storyline.ingest.jsonl import read_json, read_jsonl
from storyline.ingest.warc import read_warc

#: Extension → format. ``.gz`` is peeled off first (``page.html.gz`` is HTML).
FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
STREAMING = {"jsonl", "warc"}
_GZIP_ERRORS = (OSError, EOFError, zlib.error, gzip.BadGzipFile)


def format_of(path: str) -> tuple[str | None, bool]:
    """``(format, gzipped)`` from a file name; format ``None`` when the extension is unknown
    and ``""`` when there is no extension (the bytes are sniffed)."""
    name = os.path.basename(path).lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    if name.endswith(".warc"):
        return "warc", gzipped
    suffix = os.path.splitext(name)[1]
    if not suffix:
        return "", gzipped
    return FORMATS.get(suffix), gzipped


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes of an input without a usable name."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = text[:1024].lower()
    if text.startswith(b"WARC/"):
        return "warc"
    if looks_like_feed(text):
        return "feed"
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or b"<html" in lower:
        return "html"
    if text.startswith(b"{"):
        first_line = text.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") and b"\n{" in text else "json"
    if text.startswith(b"["):
        return "json"
    return "text"


def _read_whole(fmt: str, data: bytes, name: str, settings: Settings) -> Iterator[Item]:
    if fmt == "text":
        yield from read_text(data, name)
    elif fmt == "html":
        yield from read_html(data, name)
    elif fmt == "json":
        yield from read_json(data, name, settings)
    elif fmt == "feed":
        yield from read_feed(data, name, settings)
    else:  # pragma: no cover - formats are closed
        yield reject("unsupported", f"unknown format {fmt!r}", STAGE, name)


class _Prefixed(io.RawIOBase):
    """A stream that replays ``head`` and then continues with ``rest`` (for sniffed stdin)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_stream(stream: BinaryIO, name: str, settings: Settings, fmt: str = "", gzipped: bool = False) -> Iterator[Item]:
    """Read an open binary stream in ``fmt`` (sniffed when empty); gzip is detected from bytes."""
    max_bytes = settings["ingest.max_bytes"]
    try:
        head = stream.read(4096)
    except _GZIP_ERRORS as exc:
        if gzipped:
            yield reject("malformed", f"truncated or corrupt gzip data ({type(exc).__name__}: {exc})", STAGE, name)
        else:
            yield reject("unreachable", f"cannot read the input ({exc})", STAGE, name)
        return
    if head.startswith(b"\x1f\x8b") and fmt != "warc":
        replay = io.BufferedReader(_Prefixed(head, stream))  # type: ignore[type-var]
        yield from read_stream(gzip.GzipFile(fileobj=replay), name, settings, fmt, True)  # type: ignore[arg-type]
        return
    if not fmt:
        try:
            head += stream.read(max(0, 65536 - len(head)))
        except _GZIP_ERRORS as exc:
            yield reject("malformed", f"truncated or corrupt gzip data ({exc})", STAGE, name)
            return
        fmt = sniff(head)
    full: BinaryIO = io.BufferedReader(_Prefixed(head, stream))  # type: ignore[assignment,type-var]
    if fmt in STREAMING:
        reader = read_warc if fmt == "warc" else read_jsonl
        yield from reader(full, name, settings)
        return
    try:
        data = read_capped(full, max_bytes)
    except _GZIP_ERRORS as exc:
        yield reject("malformed", f"truncated or corrupt gzip data ({type(exc).__name__}: {exc})", STAGE, name)
        return
    if data is None:
        yield too_large(name, max_bytes, "the decompressed input" if gzipped else "the input")
        return
    yield from _read_whole(fmt, data, name, settings)


def read_file(path: str, settings: Settings) -> Iterator[Item]:
    """One regular file, by extension."""
    fmt, gzipped = format_of(path)
    if fmt is None:
        suffix = "".join(Path(path).suffixes[-2:]) or "(none)"
        yield reject("unsupported", f"unknown file type {suffix!r} (storyline reads .txt, .html, .json, .jsonl, .warc[.gz], .rss, .atom, .xml, and .gz of these)", STAGE, path)
        return
    max_bytes = settings["ingest.max_bytes"]
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        yield reject("unreachable", f"cannot read the file ({exc.strerror or exc})", STAGE, path)
        return
    if size == 0:
        yield reject("empty", "the file is empty", STAGE, path)
        return
    if size > max_bytes and not (fmt in STREAMING or gzipped):
        yield too_large(path, max_bytes, f"the file ({size:,} bytes)")
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 — closed in finally, the reader is lazy
    except OSError as exc:
        yield reject("unreachable", f"cannot open the file ({exc.strerror or exc})", STAGE, path)
        return
    try:
        yield from read_stream(handle, path, settings, fmt, gzipped)
    finally:
        handle.close()


def _walk(folder: str, errors: list[OSError] | None = None) -> Iterator[str]:
    """Files under ``folder``, recursively, sorted by path; hidden files and folders skipped.

    Folders that cannot be listed are appended to ``errors`` (when given) instead of being
    skipped silently.
    """
    for root, dirs, files in os.walk(folder, onerror=errors.append if errors is not None else None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def read_path(path: str, settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """One command-line input: ``-``, a URL, a folder or a file."""
    from storyline.ingest.url import is_url, read_url  # httpx is imported only when needed

    if path == "-":
        stream = stdin
        if stream is None:
            import sys

            stream = sys.stdin.buffer
        yield from read_stream(stream, "-", settings)
        return
    if is_url(path):
        yield from read_url(path, settings)
        return
    if os.path.isdir(path):
        found = False
        errors: list[OSError] = []
        for file in _walk(path, errors):
            found = True
            yield from read_file(file, settings)
        for error in errors:
            found = True
            where = getattr(error, "filename", None) or path
            yield reject("unreachable", f"cannot list the folder ({error.strerror or error})", STAGE, str(where))
        if not found:
            yield reject("empty", "the folder holds no files", STAGE, path)
        return
    if not os.path.exists(path):
        yield reject("unreachable", "no such file or folder", STAGE, path)
        return
    if not os.path.isfile(path):
        yield reject("unsupported", "not a regular file (a device, socket or pipe)", STAGE, path)
        return
    yield from read_file(path, settings)
