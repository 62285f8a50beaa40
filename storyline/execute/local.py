"""The local executor: a process pool on this machine.

Workers are started with ``spawn`` (safe next to threads such as progress bars) once per
executor and reused, so per-process set-up (loading the NLP pipeline) happens once per worker.
Items go to workers in chunks, with a bounded window of chunks in flight, while this process
keeps reading input and writing results. A worker that dies takes only its own item down: the
chunk is retried item by item in a fresh pool and the item that kills a worker again gets
``on_crash``.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class _Chunk(Generic[T, R]):
    """Calls ``fn`` on every item of a chunk inside a worker (picklable)."""

    def __init__(self, fn: Callable[[T], R]) -> None:
        self.fn = fn

    def __call__(self, items: list[T]) -> list[R]:
        return [self.fn(item) for item in items]


class LocalExecutor:
    """A reusable process pool; ``workers=1`` runs in this process with no pool at all."""

    def __init__(self, workers: int = 0, chunk_size: int = 16, window: int = 4) -> None:
        self.workers = workers if workers > 0 else default_workers()
        self.chunk_size = chunk_size
        self.window = window
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def _reset_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def imap(self, fn: Callable[[T], R], items: Iterable[T],
             on_crash: Callable[[T, str], R]) -> Iterator[R]:
        if self.workers == 1:
            for item in items:
                yield fn(item)
            return
        run_chunk: _Chunk[T, R] = _Chunk(fn)
        source = iter(items)

        def next_chunk() -> list[T]:
            return list(itertools.islice(source, self.chunk_size))

        chunks = iter(next_chunk, [])
        in_flight: deque[tuple[list[T], Future[list[R]]]] = deque()
        limit = self.workers * self.window
        for chunk in chunks:
            in_flight.append((chunk, self._get_pool().submit(run_chunk, chunk)))
            while len(in_flight) >= limit:
                yield from self._collect(in_flight, fn, on_crash)
        while in_flight:
            yield from self._collect(in_flight, fn, on_crash)

    def _collect(self, in_flight: deque[tuple[list[T], Future[list[R]]]], fn: Callable[[T], R],
                 on_crash: Callable[[T, str], R]) -> list[R]:
        chunk, future = in_flight.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pending = [chunk] + [c for c, _ in in_flight]
            in_flight.clear()
            self._reset_pool()
            results = [self._one_by_one(item, fn, on_crash) for item in pending[0]]
            run_chunk: _Chunk[T, R] = _Chunk(fn)
            for other in pending[1:]:
                in_flight.append((other, self._get_pool().submit(run_chunk, other)))
            return results

    def _one_by_one(self, item: T, fn: Callable[[T], R], on_crash: Callable[[T, str], R]) -> R:
        try:
            return self._get_pool().submit(fn, item).result()
        except BrokenProcessPool as exc:
            self._reset_pool()
            return on_crash(item, f"a worker process died on this record ({exc.__class__.__name__})")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
