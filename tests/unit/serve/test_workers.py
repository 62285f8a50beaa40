"""``storyline serve`` with worker processes: one ``SO_REUSEPORT`` socket each (TCP, so asyncio
sets ``TCP_NODELAY``), every worker answers, and SIGTERM stops them all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from storyline.config import Settings, load_settings
from storyline.errors import ConfigError
from storyline.serve import server

pytestmark = pytest.mark.skipif(not server.supports_workers(), reason="needs fork and SO_REUSEPORT")


def test_sockets_share_a_port_and_are_tcp() -> None:
    sockets = server.bind_sockets("127.0.0.1", 0, 2)
    try:
        ports = {s.getsockname()[1] for s in sockets}
        assert len(ports) == 1
        for sock in sockets:
            assert sock.proto == socket.IPPROTO_TCP  # else asyncio leaves Nagle on (+40 ms)
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT)
    finally:
        for sock in sockets:
            sock.close()


def test_a_taken_port_is_an_error() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(OSError):
            server.bind_sockets("127.0.0.1", taken.getsockname()[1], 2)
    finally:
        taken.close()


def test_workers_from_the_setting_and_the_environment() -> None:
    assert server.workers_for(load_settings(environ={"STORYLINE_SERVE_WORKERS": "3"})) == 3
    assert server.workers_for(Settings({"serve.workers": 2})) == 2
    assert 1 <= server.workers_for(Settings()) <= server.MAX_DEFAULT_WORKERS
    with pytest.raises(ConfigError, match="serve.workers"):
        load_settings(environ={"STORYLINE_SERVE_WORKERS": "many"})


SERVE = """
import sys
from storyline.config import Settings, load_settings
from storyline.errors import ConfigError
from storyline.serve import serve
serve(Settings({"db": sys.argv[1], "serve.port": int(sys.argv[2])}), workers=2, log_level="warning",
      announce=lambda url: print(url, flush=True))
"""


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_two_workers_answer_and_stop_on_sigterm(serve_db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", SERVE, str(serve_db), str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/articles?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        workers = children_of(proc.pid)
        assert len(workers) == 2, workers
        statuses = [httpx.get(f"{url}/api/articles?limit=1", timeout=10).status_code for _ in range(20)]
        assert statuses == [200] * 20
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        for pid in workers:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_over_share_sheds_only_beyond_the_slack() -> None:
    assert server.over_share(14, [6]) and server.over_share(13, [10, 5])
    assert not server.over_share(11, [9]) and not server.over_share(10, [10])
    assert not server.over_share(5, [])  # one worker: nothing to move to


def test_connection_counts_are_shared_across_fork() -> None:
    counts = server.ConnectionCounts(2)
    pid = os.fork()
    if pid == 0:  # the child writes its slot
        counts.report(1, 7)
        os._exit(0)
    os.waitpid(pid, 0)
    assert counts.report(0, 3) == [7]


def test_rebalance_adds_connection_close_when_over_share() -> None:
    import asyncio

    async def app(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        await send({"type": "http.response.start", "status": 200,  # type: ignore[operator]
                    "headers": [(b"connection", b"keep-alive"), (b"x", b"1")]})
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]

    def run(open_connections: int, other: int) -> list[tuple[bytes, bytes]]:
        counts = server.ConnectionCounts(2)
        counts.report(1, other)
        sent: list[dict] = []  # type: ignore[type-arg]

        async def send(message: dict) -> None:  # type: ignore[type-arg]
            sent.append(message)

        middleware = server.Rebalance(app, counts, 0, lambda: open_connections)
        # a thread of its own: an earlier test of the session may leave an event loop running
        # in this one, and asyncio.run refuses to nest
        worker = threading.Thread(target=asyncio.run, args=(middleware({"type": "http"}, None, send),))
        worker.start()
        worker.join()
        assert sent[1]["body"] == b"ok"
        return list(sent[0]["headers"])

    assert run(14, 6) == [(b"x", b"1"), (b"connection", b"close")]
    assert run(10, 10) == [(b"connection", b"keep-alive"), (b"x", b"1")]
