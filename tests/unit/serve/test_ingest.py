"""POST /api/ingest: off without a token, bearer token checked, bounded body, then stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from storyline.config import Settings
from storyline.serve import create_app
from storyline.store import open_store

TEXT = ("Port Elsin, Tuesday. Valdoria's foreign minister said the truce plan could hold if the "
        "other side agreed to the same terms, and that the talks would resume next week.\n")


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "w.db"
    open_store(str(db)).close()
    app = create_app(Settings({"db": str(db), "serve.token": "s3cret", "ingest.max_bytes": 5000}))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


def test_ingest_off_without_token(client: TestClient) -> None:
    response = client.post("/api/ingest", content=TEXT.encode())
    assert response.status_code == 403 and response.json()["error"]["code"] == "SL-DISABLED"


def test_ingest_needs_the_right_token(writable: TestClient) -> None:
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": "Basic s3cret"}):
        response = writable.post("/api/ingest", content=TEXT.encode(), headers=headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "SL-AUTH"
        assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_stores_and_is_idempotent(writable: TestClient) -> None:
    auth = {"authorization": "Bearer s3cret", "content-type": "text/plain"}
    first = writable.post("/api/ingest", content=TEXT.encode(), headers=auth, params={"analyse": "false"})
    assert first.status_code == 200, first.text
    assert first.json()["counts"]["stored"] == 1
    again = writable.post("/api/ingest", content=TEXT.encode(), headers=auth)
    assert again.json()["counts"].get("already_stored") == 1
    assert writable.get("/api/stats").json()["articles"] == 1


def test_ingest_body_is_bounded(writable: TestClient) -> None:
    auth = {"authorization": "Bearer s3cret"}
    response = writable.post("/api/ingest", content=b"x" * 6000, headers=auth)
    assert response.status_code == 413 and response.json()["error"]["code"] == "SL-TOOLARGE"

    def chunks() -> Iterator[bytes]:  # no content-length: counted while streaming
        for _ in range(10):
            yield b"y" * 1000

    streamed = writable.post("/api/ingest", content=chunks(), headers=auth)
    assert streamed.status_code == 413
    empty = writable.post("/api/ingest", content=b"", headers=auth)
    assert empty.status_code == 400


def test_ingest_rejection_is_reported(writable: TestClient) -> None:
    auth = {"authorization": "Bearer s3cret"}
    response = writable.post("/api/ingest", content=b"\x00\x01\x02" * 100, headers=auth)
    assert response.status_code == 200
    assert response.json()["counts"]["rejected"] == 1 and response.json()["status"] == "partial"
    assert writable.get("/api/rejections").json()["total"] == 1


def test_ingest_is_one_at_a_time_across_workers(tmp_path: Path) -> None:
    """The workers share a ``multiprocessing`` lock: held by another process, the answer is 409."""
    import multiprocessing
    import os

    db = tmp_path / "shared.db"
    open_store(str(db)).close()
    app = create_app(Settings({"db": str(db), "serve.token": "s3cret"}))
    lock = multiprocessing.get_context("fork").Lock()
    app.state.ingest_lock = lock
    ready, done = os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:  # another worker holding the lock until told to stop
        lock.acquire()
        os.write(ready[1], b"x")
        os.read(done[0], 1)
        lock.release()
        os._exit(0)
    try:
        os.read(ready[0], 1)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            busy = client.post("/api/ingest", content=TEXT.encode(), headers={"authorization": "Bearer s3cret"})
            assert busy.status_code == 409 and busy.json()["error"]["code"] == "SL-BUSY"
            os.write(done[1], b"x")
            os.waitpid(pid, 0)
            pid = 0
            free = client.post("/api/ingest", content=TEXT.encode(), headers={"authorization": "Bearer s3cret"})
            assert free.status_code == 200, free.text
    finally:
        if pid:
            os.write(done[1], b"x")
            os.waitpid(pid, 0)
