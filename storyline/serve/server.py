"""Running the app: one uvicorn process, or several worker processes sharing the port.

Request handlers are Python: one process uses one core however many threads it has (the GIL).
On a POSIX system with ``SO_REUSEPORT`` (Linux, the BSDs, macOS), :func:`run` binds one
listening socket per worker on the same address, forks the workers, and each worker builds its
own app (its own SQLite connections, response cache and thread pool) and serves its own socket;
the kernel spreads new connections across the sockets, so concurrent clients use every core.
Elsewhere, or with ``workers=1``, the app runs in this process as before.

The parent only binds, forks, forwards SIGINT/SIGTERM to the workers and waits; when a worker
dies the others are stopped too, so a broken server never half-answers.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import multiprocessing
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

from storyline.config import Settings

log = logging.getLogger("storyline.serve")

#: Worker processes when not told otherwise: one per core, at most this many.
MAX_DEFAULT_WORKERS = 4
#: Pending connections each worker's socket queues before refusing.
BACKLOG = 2048


def default_workers() -> int:
    """One worker per available core (at most :data:`MAX_DEFAULT_WORKERS`), 1 without fork or
    ``SO_REUSEPORT``."""
    if not supports_workers():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_WORKERS, cores))


def workers_for(settings: Settings) -> int:
    """Worker processes to run: setting ``serve.workers`` (environment
    ``STORYLINE_SERVE_WORKERS``), 0 = :func:`default_workers`."""
    count = int(settings["serve.workers"])
    return count if count > 0 else default_workers()


def supports_workers() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "SO_REUSEPORT") and sys.platform != "win32"


def uvicorn_config(app: Any, settings: Settings, log_level: str, **extra: Any) -> Any:
    """The uvicorn settings storyline serves with (no proxy headers, no server header)."""
    import uvicorn

    return uvicorn.Config(app, host=settings["serve.host"], port=settings["serve.port"],
                          log_level=log_level, proxy_headers=False, server_header=False,
                          date_header=True, h11_max_incomplete_event_size=64 * 1024, **extra)


def bind_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` listening sockets on ``host:port`` with ``SO_REUSEPORT`` (port 0: the first
    one picks a free port and the others share it). Raises ``OSError`` when the address is
    taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP
            # (without it a response's headers and body meet delayed ACKs: +40 ms each)
            sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            port = sock.getsockname()[1]
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _worker(settings: Settings, sock: socket.socket, log_level: str, counts: ConnectionCounts,
            index: int, ingest_lock: Any) -> None:
    """One worker process: its own app over its own socket, until SIGINT/SIGTERM."""
    import uvicorn

    from storyline.serve.app import create_app

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    servers: list[uvicorn.Server] = []
    inner = create_app(settings)
    inner.state.ingest_lock = ingest_lock  # POST /api/ingest: one at a time across the workers
    app = Rebalance(inner, counts, index,
                    lambda: len(servers[0].server_state.connections) if servers else 0)
    servers.append(uvicorn.Server(uvicorn_config(app, settings, log_level)))
    servers[0].run(sockets=[sock])


class ConnectionCounts:
    """Open connections per worker, in an anonymous shared memory map made before the fork
    (each worker writes its own slot and reads the others')."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.buffer = mmap.mmap(-1, 4 * workers)
        self.slots = memoryview(self.buffer).cast("i")

    def report(self, index: int, mine: int) -> list[int]:
        """Record this worker's count; the others' last known counts."""
        self.slots[index] = mine
        return [self.slots[i] for i in range(self.workers) if i != index]


#: A worker with more than this many connections above the least loaded one closes the
#: connection it is answering (``Connection: close``); the client reconnects, and the kernel
#: places the new connection on a random worker. 2 keeps 20 clients within 11/9 without churn.
SLACK = 2


def over_share(mine: int, others: list[int], slack: int = SLACK) -> bool:
    """Whether a worker holding ``mine`` connections should shed one."""
    return bool(others) and mine > min(others) + slack


class Rebalance:
    """ASGI middleware: sheds a keep-alive connection when this worker holds more than its share.

    ``SO_REUSEPORT`` places each connection on a worker by a hash of its addresses, so 20
    keep-alive clients split like coin flips (14/6 was seen): the busier worker's clients
    wait longer while the other core idles. Asking one client to reconnect moves the excess."""

    def __init__(self, app: Any, counts: ConnectionCounts, index: int, open_connections: Callable[[], int]) -> None:
        self.app, self.counts, self.index, self.open_connections = app, counts, index, open_connections

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        mine = self.open_connections()
        if not over_share(mine, self.counts.report(self.index, mine)):
            await self.app(scope, receive, send)
            return

        async def closing(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, closing)


def _stop(children: list[int], sig: int = signal.SIGTERM) -> None:
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def run_workers(settings: Settings, workers: int, *, log_level: str = "info",
                announce: Callable[[str], None] | None = None) -> int:
    """Serve with ``workers`` forked processes; return the exit status (0 after a signal)."""
    from storyline.serve.app import check_database
    from storyline.store import open_store

    check_database(settings["db"])
    open_store(settings["db"]).close()  # migrate once, before the workers open it
    sockets = bind_sockets(settings["serve.host"], settings["serve.port"], workers)
    port = sockets[0].getsockname()[1]
    counts = ConnectionCounts(workers)
    ingest_lock = multiprocessing.get_context("fork").Lock()
    children: list[int] = []
    for index, sock in enumerate(sockets):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            status = 0
            try:
                for other in sockets:
                    if other is not sock:
                        other.close()
                _worker(settings, sock, log_level, counts, index, ingest_lock)
            except BaseException:  # noqa: BLE001 — report and leave without running the parent's code
                log.exception("serve worker failed")
                status = 1
            finally:
                os._exit(status)
        children.append(pid)
    for sock in sockets:
        sock.close()
    stopping = False

    def on_signal(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        _stop(children, signal.SIGTERM)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    if announce:
        host = settings["serve.host"]
        announce(f"http://{'[' + host + ']' if ':' in host else host}:{port}/")
    status = 0
    try:
        while children:
            try:
                pid, code = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:  # pragma: no cover - PEP 475 retries wait()
                continue
            if pid in children:
                children.remove(pid)
            if not stopping:  # a worker died on its own: stop the rest
                log.error("serve worker %d exited (status %d); stopping", pid, code)
                stopping, status = True, 1
                _stop(children, signal.SIGTERM)
    finally:
        _stop(children, signal.SIGKILL)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status


def run_single(settings: Settings, *, log_level: str = "info",
               announce: Callable[[str], None] | None = None) -> None:
    """Serve in this process (one core)."""
    import uvicorn

    from storyline.serve.app import create_app

    app = create_app(settings)
    if announce:
        host = settings["serve.host"]
        announce(f"http://{'[' + host + ']' if ':' in host else host}:{settings['serve.port']}/")
    uvicorn.Server(uvicorn_config(app, settings, log_level)).run()
