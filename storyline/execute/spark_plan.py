"""Input splits for Spark: what each input partition reads, in the same order as
:func:`storyline.ingest.read_inputs`.

The driver only lists files (and counts the lines of uncompressed JSON Lines files); the records
themselves are read by the executors. A split is one of:

* ``lines`` — lines ``first_line … first_line + count - 1`` of an uncompressed JSON Lines file,
  starting at byte ``offset`` (a large file becomes several splits of
  ``execute.partition_records`` lines);
* ``files`` — up to ``execute.partition_records`` consecutive small files (text, HTML, JSON,
  feeds), or one WARC / compressed JSON Lines file (a stream that cannot be cut cheaply: one
  partition per file, as CC-NEWS tooling does);
* ``path`` — an input that is not a local file or folder (a URL, a missing path): the executor
  reads it with :func:`storyline.ingest.read_path` exactly as the local run would.

Records keep the names the local reader gives them (``file.jsonl#L12``), so ids, inputs and
rejections are identical to a local run. Each record's position is ``(split index, record
index)``: sorting by it gives the input order.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from storyline.config import Settings
from storyline.errors import ConfigError, Rejected
from storyline.ingest import format_of, read_file, read_path
from storyline.ingest.dispatch import STREAMING, _walk
from storyline.ingest.jsonl import _iter_lines, read_jsonl_lines
from storyline.records import RawDocument

Item = RawDocument | Rejected


@dataclass(frozen=True)
class Split:
    """One input partition (see the module docstring)."""

    index: int
    kind: str  # "lines" | "files" | "path"
    paths: tuple[str, ...]
    first_line: int = 1
    offset: int = 0
    count: int = 0


def _line_ranges(path: str, per_split: int, max_records: int) -> list[tuple[int, int, int]] | None:
    """``(first_line, byte offset, line count)`` ranges of ``per_split`` lines, or ``None`` when
    the file should stay whole (one range, or more records than ``ingest.max_records``)."""
    ranges: list[tuple[int, int, int]] = []
    offset = start_offset = 0
    lines = records = 0
    start_line = 1
    try:
        with open(path, "rb") as handle:
            for line in handle:
                lines += 1
                if line.strip():
                    records += 1
                offset += len(line)
                if lines - start_line + 1 == per_split:
                    ranges.append((start_line, start_offset, per_split))
                    start_line, start_offset = lines + 1, offset
    except OSError:
        return None
    if lines >= start_line:
        ranges.append((start_line, start_offset, lines - start_line + 1))
    if len(ranges) <= 1 or records > max_records:
        return None
    return ranges


def plan_splits(paths: Sequence[str], settings: Settings) -> list[Split]:
    """The splits for ``paths`` in input order (``-`` for stdin is refused: executors cannot
    read the driver's standard input)."""
    per_split = int(settings["execute.partition_records"])
    splits: list[Split] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            splits.append(Split(len(splits), "files", tuple(group)))
            group.clear()

    def add_file(file: str) -> None:
        fmt, gzipped = format_of(file)
        if fmt not in STREAMING:
            group.append(file)
            if len(group) >= per_split:
                flush()
            return
        flush()
        ranges = None
        if fmt == "jsonl" and not gzipped:
            ranges = _line_ranges(file, per_split, int(settings["ingest.max_records"]))
        if not ranges:
            splits.append(Split(len(splits), "files", (file,)))
            return
        for first_line, offset, count in ranges:
            splits.append(Split(len(splits), "lines", (file,), first_line, offset, count))

    for path in paths:
        path = str(path)
        if path == "-":
            raise ConfigError("the Spark executor cannot read standard input",
                              hint="write the input to a file first, or use execute.executor=local")
        if os.path.isdir(path):
            files = list(_walk(path))
            if not files:
                flush()
                splits.append(Split(len(splits), "path", (path,)))
            for file in files:
                add_file(file)
        elif os.path.isfile(path):
            add_file(path)
        else:
            flush()
            splits.append(Split(len(splits), "path", (path,)))
    flush()
    return splits


def _read_lines(split: Split, settings: Settings) -> Iterator[Item]:
    path = split.paths[0]
    try:
        handle = open(path, "rb")  # noqa: SIM115 — closed in finally, the reader is lazy
    except OSError as exc:
        from storyline.errors import reject

        yield reject("unreachable", f"cannot open the file ({exc.strerror or exc})", "ingest", path)
        return
    try:
        handle.seek(split.offset)
        # Blank placeholder lines keep the local reader's line numbers (``file#L123``); the
        # reader skips blank lines without parsing them.
        lines = itertools.chain(itertools.repeat(b"\n", split.first_line - 1),
                                itertools.islice(_iter_lines(handle, settings["ingest.max_bytes"]),
                                                 split.count))
        for item in read_jsonl_lines(lines, path, settings):
            if (split.first_line > 1 and isinstance(item, Rejected) and item.code == "empty"
                    and item.input == path):
                continue  # a range of blank lines in a file that has records
            yield item
    finally:
        handle.close()


def read_split(split: Split, settings: Settings) -> Iterator[Item]:
    """Every record of a split, in input order (runs on the executors)."""
    if split.kind == "lines":
        yield from _read_lines(split, settings)
    elif split.kind == "files":
        for file in split.paths:
            yield from read_file(file, settings)
    else:
        yield from read_path(split.paths[0], settings)
