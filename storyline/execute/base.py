"""The Executor interface: stream a pure per-record function over records, keeping order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
R = TypeVar("R")


@runtime_checkable
class Executor(Protocol):
    """Runs ``fn`` over ``items`` and yields the results in the same order, lazily, with a
    bounded number of items in flight (memory does not grow with the input).

    ``fn`` must be a picklable, module-level function that never raises for a bad record (it
    returns a rejection instead). When a worker dies on an item (a crash in native code),
    ``on_crash(item, message)`` supplies that item's result so the stream goes on.
    """

    def imap(self, fn: Callable[[T], R], items: Iterable[T],
             on_crash: Callable[[T, str], R]) -> Iterator[R]: ...

    def close(self) -> None: ...


class SerialExecutor:
    """Runs everything in this process, one item after another: the public fake for tests and
    the right choice for small inputs."""

    def imap(self, fn: Callable[[T], R], items: Iterable[T],
             on_crash: Callable[[T, str], R]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
