"""Clean: main text and metadata from HTML, page-furniture removal, language check.

>>> from storyline.clean import clean_document
>>> from storyline.ingest import MemorySource
>>> doc = next(iter(MemorySource(["Headline here\\n\\n" + "An article sentence is here. " * 5])))
>>> clean_document(doc).title
'Headline here'

See ``docs/clean.md``.
"""

from __future__ import annotations

from storyline.clean.dates import parse_published
from storyline.clean.document import STAGE, clean_document, headline_of, normalise_lines
from storyline.clean.furniture import FurnitureResult, looks_like_sentence, remove_furniture
from storyline.clean.html import Extracted, extract_html, nesting_depth
from storyline.clean.language import detect_language

__all__ = [
    "STAGE",
    "Extracted",
    "FurnitureResult",
    "clean_document",
    "detect_language",
    "extract_html",
    "headline_of",
    "looks_like_sentence",
    "nesting_depth",
    "normalise_lines",
    "parse_published",
    "remove_furniture",
]
