"""The Store interface every backend implements, and the batch it writes in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import Engine

from storyline.errors import Rejected
from storyline.records import Article


@dataclass
class StoreBatch:
    """What one executor batch adds: written atomically, so a killed run loses at most the
    batch in flight and a resumed run redoes exactly that batch."""

    articles: list[Article] = field(default_factory=list)
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    rejections: list[Rejected] = field(default_factory=list)
    duplicate_updates: dict[str, str | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.articles) + len(self.rejections)


@runtime_checkable
class Store(Protocol):
    """Where storyline keeps its record. ``engine`` is the read path for :mod:`store.queries`."""

    url: str
    engine: Engine

    def begin_run(self, command: str, inputs: list[str], settings: Mapping[str, Any]) -> int: ...

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, int]) -> None: ...

    def known_record_ids(self, ids: Iterable[str]) -> set[str]: ...

    def write_batch(self, run_id: int, batch: StoreBatch) -> None: ...

    def iter_dedupe_state(self) -> Iterator[tuple[str, bytes, str | None, str | None]]: ...

    def close(self) -> None: ...
