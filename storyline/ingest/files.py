"""Single-document formats: plain text and HTML, from bytes already read under the size cap."""

from __future__ import annotations

from collections.abc import Iterator

from storyline.errors import Rejected
from storyline.ids import content_id
from storyline.ingest.base import Item
from storyline.ingest.decode import decode_bytes, sniff_html_charset
from storyline.records import ContentType, RawDocument


def document_from_bytes(
    data: bytes,
    name: str,
    content_type: ContentType,
    meta: dict[str, str] | None = None,
    declared: str | None = None,
    doc_id: str | None = None,
) -> Item:
    """Decode one document; its id is the hash of the raw bytes unless ``doc_id`` is given."""
    if content_type == "html" and declared is None:
        declared = sniff_html_charset(data)
    decoded = decode_bytes(data, name, declared)
    if isinstance(decoded, Rejected):
        return decoded
    text, encoding = decoded
    return RawDocument(
        id=doc_id or content_id(data),
        input=name,
        content=text,
        content_type=content_type,
        meta=dict(meta or {}),
        encoding=encoding,
    )


def read_text(data: bytes, name: str) -> Iterator[Item]:
    """A ``.txt`` file: one document, encoding detected."""
    yield document_from_bytes(data, name, "text")


def read_html(data: bytes, name: str) -> Iterator[Item]:
    """An ``.html`` file: one document; the charset comes from ``<meta charset>`` or detection.

    The HTML is not parsed here: main-text extraction (and the rejection of pages that cannot
    be parsed, such as absurdly deep nesting) happens in the clean stage.
    """
    yield document_from_bytes(data, name, "html")
