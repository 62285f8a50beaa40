"""HTTP caching of read-only responses by ETag.

The database only changes when a run starts or finishes, so a response is a function of its URL
and :func:`storyline.store.queries.web.change_token`. Cacheable handlers answer
``ETag: "<hash>"`` with ``Cache-Control: no-cache`` (browsers revalidate; a matching
``If-None-Match`` gets ``304 Not Modified`` without touching the data), and the app keeps the
most recent bodies in a small in-memory LRU (:class:`BodyCache`, bounded in bytes), so a
repeated request for the same story page is served without re-running its queries.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import Response

from storyline.store.queries import web

#: Bytes of response bodies the in-memory cache keeps (0 disables it).
CACHE_BYTES = 32 * 1024 * 1024
#: Larger bodies are never kept.
MAX_ENTRY = 2 * 1024 * 1024
#: Seconds the database's change token is trusted before it is read again.
TOKEN_TTL = 1.0


class BodyCache:
    """A thread-safe LRU of ``etag → (status, media type, body)``, bounded in bytes."""

    def __init__(self, capacity: int = CACHE_BYTES) -> None:
        self.capacity = capacity
        self.size = 0
        self.entries: OrderedDict[str, tuple[int, str, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str) -> tuple[int, str, bytes] | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, status: int, media_type: str, body: bytes) -> None:
        if not self.capacity or len(body) > min(MAX_ENTRY, self.capacity):
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (status, media_type, body)
            self.size += len(body)
            while self.size > self.capacity and self.entries:
                _, (_, _, old) = self.entries.popitem(last=False)
                self.size -= len(old)


class ChangeToken:
    """:func:`storyline.store.queries.web.change_token`, re-read at most every ``ttl`` seconds
    (a run that starts or finishes is seen within that time)."""

    def __init__(self, ttl: float = TOKEN_TTL) -> None:
        self.ttl = ttl
        self.value = ""
        self.read_at = -1e9
        self.lock = threading.Lock()

    def get(self, engine: Engine) -> str:
        now = time.monotonic()
        if now - self.read_at > self.ttl:
            with self.lock:
                if now - self.read_at > self.ttl:
                    self.value, self.read_at = web.change_token(engine), now
        return self.value


def etag_for(request: Request) -> str:
    clock: ChangeToken | None = getattr(request.app.state, "change_token", None)
    engine = request.app.state.engine
    token = clock.get(engine) if clock is not None else web.change_token(engine)
    url = request.url.path + "?" + request.url.query
    return '"' + hashlib.blake2b(f"{token}\n{url}".encode(), digest_size=12).hexdigest() + '"'


def cached(request: Request, build: Callable[[], Response]) -> Response:
    """``build()``'s response, served from the cache or as ``304`` when the client has it."""
    etag = etag_for(request)
    headers = {"etag": etag, "cache-control": "no-cache"}
    if etag in (t.strip() for t in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    store: BodyCache | None = getattr(request.app.state, "body_cache", None)
    hit = store.get(etag) if store is not None else None
    if hit is not None:
        status, media_type, body = hit
        return Response(body, status_code=status, media_type=media_type, headers=headers)
    response = build()
    if response.status_code == 200 and store is not None and isinstance(response.body, bytes):
        store.put(etag, response.status_code, response.media_type or "application/octet-stream",
                  response.body)
    response.headers.update(headers)
    return response
