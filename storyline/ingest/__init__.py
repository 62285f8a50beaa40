"""Ingest: turn paths, URLs, folders and stdin into raw documents, lazily and in order.

>>> from storyline.ingest import read_inputs
>>> for item in read_inputs(["articles/"]):  # doctest: +SKIP
...     print(item.input, getattr(item, "reason", "ok"))

Every input yields at least one item: a :class:`~storyline.records.RawDocument` or a
:class:`~storyline.errors.Rejected` with a reason code from :data:`storyline.errors.REASONS`.
Nothing raises for bad input. See ``docs/ingest.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from storyline.config import DEFAULT_SETTINGS, Settings
from storyline.errors import Rejected
from storyline.ingest.base import STAGE, Item, MemorySource, Source
from storyline.ingest.dispatch import FORMATS, format_of, read_file, read_path, read_stream, sniff
from storyline.records import RawDocument

__all__ = [
    "FORMATS",
    "STAGE",
    "Item",
    "MemorySource",
    "PathSource",
    "Source",
    "format_of",
    "read_file",
    "read_inputs",
    "read_path",
    "read_stream",
    "sniff",
]


def read_inputs(
    paths: Sequence[str],
    settings: Settings = DEFAULT_SETTINGS,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | Rejected]:
    """Yield every document (or rejection) from ``paths``, in order, reading lazily.

    ``paths`` holds files, folders (read recursively in sorted order, hidden files skipped),
    ``http(s)://`` URLs and ``-`` for ``stdin`` (``sys.stdin.buffer`` when not given).
    """
    for path in paths:
        yield from read_path(str(path), settings, stdin)


class PathSource:
    """The :class:`Source` over command-line inputs (what ``storyline run PATH...`` reads)."""

    def __init__(self, paths: Sequence[str], settings: Settings = DEFAULT_SETTINGS,
                 stdin: BinaryIO | None = None) -> None:
        self.paths = list(paths)
        self.settings = settings
        self.stdin = stdin

    def iter_documents(self) -> Iterator[Item]:
        return read_inputs(self.paths, self.settings, self.stdin)
