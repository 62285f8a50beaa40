"""What every reader shares: the :class:`Source` protocol, the in-memory fake, capped reads.

A reader turns one input (a file, a URL, a stream) into an iterator of
:class:`~storyline.records.RawDocument` or :class:`~storyline.errors.Rejected`. Readers never
raise for bad input: a problem with one record becomes one ``Rejected`` and the reader goes on
with the next record when it can.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, Protocol, runtime_checkable

from storyline.errors import Rejected, reject
from storyline.ids import content_id
from storyline.records import ContentType, RawDocument

STAGE = "ingest"

#: Bytes read at a time when streaming a file or a response body.
CHUNK = 1 << 16

Item = RawDocument | Rejected


@runtime_checkable
class Source(Protocol):
    """Anything that yields raw documents (or rejections) in a deterministic order."""

    def iter_documents(self) -> Iterator[Item]:
        """Yield each document or rejection once, lazily."""
        ...


class MemorySource:
    """A public fake :class:`Source` over in-memory texts, for tests and plugin authors.

    Each item is either a ``str`` (plain text), a ``(input, content)`` pair, or a ready
    ``RawDocument``/``Rejected``. Ids are content hashes, as for real files.

    >>> [d.input for d in MemorySource(["Some text."]).iter_documents()]
    ['memory#1']
    """

    def __init__(
        self,
        items: Iterable[str | tuple[str, str] | Item],
        content_type: ContentType = "text",
    ) -> None:
        self._items = list(items)
        self._content_type = content_type

    def iter_documents(self) -> Iterator[Item]:
        for number, item in enumerate(self._items, start=1):
            if isinstance(item, (RawDocument, Rejected)):
                yield item
                continue
            name, content = item if isinstance(item, tuple) else (f"memory#{number}", item)
            if not content.strip():
                yield reject("empty", "the text is empty", STAGE, name)
                continue
            yield RawDocument(
                id=content_id(content),
                input=name,
                content=content,
                content_type=self._content_type,
                encoding="utf-8",
            )

    def __iter__(self) -> Iterator[Item]:
        return self.iter_documents()


def read_capped(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """Read at most ``max_bytes`` from ``stream``; ``None`` if there is more than that.

    The stream is read in chunks, so a huge input costs at most ``max_bytes + CHUNK`` of memory.
    """
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return None


def too_large(name: str, max_bytes: int, what: str = "the input") -> Rejected:
    return reject(
        "too_large",
        f"{what} is larger than {max_bytes:,} bytes (setting ingest.max_bytes)",
        STAGE,
        name,
    )


def record_id(content: bytes, url: str | None) -> str:
    """Id of one record inside a container: its own content plus its URL."""
    return content_id((url or "").encode("utf-8", "surrogatepass") + b"\n" + content)


def clean_meta(meta: dict[str, object]) -> dict[str, str]:
    """Keep only non-empty string-able values, stripped and bounded to 2,000 characters."""
    result: dict[str, str] = {}
    for key, value in meta.items():
        if value is None or isinstance(value, (dict, list)):
            continue
        text = str(value).strip()
        if text:
            result[key] = text[:2000]
    return result
