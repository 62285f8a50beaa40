"""Main text and metadata from HTML with trafilatura, and the reasons a page yields none."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

#: libxml2 gives up on trees deeper than this; trafilatura then finds nothing.
MAX_DEPTH = 255

#: Attributes are bounded so a page of unclosed ``<a<a<a…`` cannot make the scan quadratic.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})[^<>]{0,2000}?(/?)>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame keygen".split()
)


@dataclass(frozen=True)
class Extracted:
    """What trafilatura found on a page (any field may be ``None``)."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    hostname: str | None = None


def nesting_depth(html: str, limit: int = MAX_DEPTH + 1) -> int:
    """Estimate the element nesting depth, stopping early once ``limit`` is reached."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= limit:
                    break
    return deepest


def extract_html(html: str, url: str | None = None, favor_precision: bool = False) -> Extracted | None:
    """Run trafilatura; ``None`` when it finds no main text."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=favor_precision,
    )
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = data.get("text") or ""
    if not text.strip():
        return None
    return Extracted(
        text=text,
        title=data.get("title") or None,
        author=data.get("author") or None,
        date=data.get("date") or None,
        sitename=data.get("sitename") or None,
        url=data.get("url") or None,
        hostname=data.get("hostname") or None,
    )
