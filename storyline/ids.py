"""Content-hash ids shared by ingest, dedupe and store.

An id is the first 16 hex digits of a SHA-256, so the same content always gets the same id and
re-ingesting changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

ID_LENGTH = 16

_SPACE = re.compile(r"\s+")
_FOLDS = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
          ("\u2014", "-"))


def content_id(data: bytes | str) -> str:
    """The id of a piece of raw content (bytes, or text encoded as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:ID_LENGTH]


def normalise_text(text: str) -> str:
    """Text folded for exact-duplicate comparison: NFKC, curly quotes straightened, lower case,
    white space collapsed."""
    text = unicodedata.normalize("NFKC", text)
    for old, new in _FOLDS:  # chained replace: ~4x faster than str.translate with a dict table
        if old in text:
            text = text.replace(old, new)
    text = text.lower()
    return _SPACE.sub(" ", text).strip()


def text_hash(text: str) -> str:
    """Hash of the normalised text: equal for exact duplicates that differ only in spacing,
    case or quote style."""
    return content_id(normalise_text(text))


def derived_id(*parts: str) -> str:
    """An id derived from other ids or names (entities, stories, claims)."""
    return content_id("\x1f".join(parts))
