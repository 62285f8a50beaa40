"""Precomputed story pages (:mod:`storyline.store.story_pages`): the API answers the stored bytes,
which equal the live query's; ETags revalidate; a changed story gets a new page; databases
without the table are answered live."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from storyline.config import Settings
from storyline.serve import create_app
from storyline.store import open_store
from storyline.store.queries import web
from storyline.store.story_pages import (
    etag_of,
    has_pages,
    page_body,
    read_story_page,
    story_pages,
    write_story_pages,
)


@pytest.fixture(scope="module")
def paged_db(serve_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the serve database with every story page stored."""
    db = tmp_path_factory.mktemp("pages") / "paged.db"
    shutil.copyfile(serve_db, db)
    store = open_store(str(db))
    try:
        write_story_pages(store.engine)
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def paged_client(paged_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings({"db": str(paged_db)})), base_url="http://127.0.0.1") as c:
        yield c


def story_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute("SELECT id FROM stories ORDER BY id")]


def test_every_story_has_a_page_equal_to_the_live_query(paged_db: Path) -> None:
    store = open_store(str(paged_db))
    try:
        ids = story_ids(paged_db)
        assert ids and has_pages(store.engine)
        with store.engine.connect() as conn:
            stored = {i: read_story_page(conn, i) for i in ids}
        for story_id, hit in stored.items():
            assert hit is not None, story_id
            etag, body = hit
            assert body == page_body(store.engine, story_id)
            assert etag == etag_of(body)
            assert json.loads(body)["id"] == story_id
    finally:
        store.close()


def test_api_answers_stored_bytes_and_revalidates(paged_client: TestClient, client: TestClient,
                                                  paged_db: Path) -> None:
    for story_id in story_ids(paged_db)[:5]:
        stored = paged_client.get(f"/api/stories/{story_id}")
        live = client.get(f"/api/stories/{story_id}")  # the database without stored pages
        assert stored.status_code == live.status_code == 200
        assert stored.json() == live.json()
        etag = stored.headers["etag"]
        assert etag == etag_of(stored.content)
        again = paged_client.get(f"/api/stories/{story_id}", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        stale = paged_client.get(f"/api/stories/{story_id}", headers={"If-None-Match": '"other"'})
        assert stale.status_code == 200 and stale.content == stored.content


def test_prefix_and_unknown_ids_fall_back_to_the_live_route(paged_client: TestClient,
                                                           paged_db: Path) -> None:
    story_id = story_ids(paged_db)[0]
    by_prefix = paged_client.get(f"/api/stories/{story_id[:12]}")
    assert by_prefix.status_code == 200 and by_prefix.json()["id"] == story_id
    missing = paged_client.get("/api/stories/st-0000000000000000")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "SL-NOTFOUND"
    assert paged_client.get("/api/stories/" + "x" * 65).status_code == 404


def test_a_changed_story_gets_a_new_page_and_removed_ones_go(tmp_path: Path, paged_db: Path) -> None:
    db = tmp_path / "changed.db"
    shutil.copyfile(paged_db, db)
    story_id, gone = story_ids(db)[:2]
    store = open_store(str(db))
    try:
        with store.engine.connect() as conn:
            before = read_story_page(conn, story_id)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE stories SET title = 'A changed title' WHERE id = ?", (story_id,))
            conn.exec_driver_sql("DELETE FROM stories WHERE id = ?", (gone,))
        assert write_story_pages(store.engine, [story_id, gone]) >= 1
        with store.engine.connect() as conn:
            after = read_story_page(conn, story_id)
            assert read_story_page(conn, gone) is None
        assert before is not None and after is not None and before[0] != after[0]
        assert json.loads(after[1])["title"] == "A changed title"
        assert after[1] == page_body(store.engine, story_id)
    finally:
        store.close()


def test_a_storyline_page_is_rewritten_with_its_story(tmp_path: Path, paged_db: Path) -> None:
    with sqlite3.connect(paged_db) as con:
        row = con.execute("SELECT id, parent FROM stories WHERE parent IS NOT NULL LIMIT 1").fetchone()
    if row is None:
        pytest.skip("the sample corpus has no story inside a storyline")
    db = tmp_path / "line.db"
    shutil.copyfile(paged_db, db)
    store = open_store(str(db))
    try:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE stories SET title = 'Renamed story' WHERE id = ?", (row[0],))
        write_story_pages(store.engine, [row[0]])
        with store.engine.connect() as conn:
            line = read_story_page(conn, row[1])
        assert line is not None
        titles = [s["title"] for s in json.loads(line[1]).get("stories", [])]
        assert "Renamed story" in titles
    finally:
        store.close()


def test_database_without_the_table_is_served_live(tmp_path: Path, paged_db: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(paged_db, db)
    with sqlite3.connect(db) as con:
        con.execute("DROP TABLE story_pages")
    story_id = story_ids(db)[0]
    store = open_store(str(db))
    try:
        assert not has_pages(store.engine)
        with store.engine.connect() as conn:
            assert read_story_page(conn, story_id) is None
        live = page_body(store.engine, story_id)
    finally:
        store.close()
    with TestClient(create_app(Settings({"db": str(db)})), base_url="http://127.0.0.1") as c:
        response = c.get(f"/api/stories/{story_id}")
    assert response.status_code == 200 and response.headers["etag"]
    assert response.json() == json.loads(live)


def test_write_is_idempotent(tmp_path: Path, paged_db: Path) -> None:
    db = tmp_path / "again.db"
    shutil.copyfile(paged_db, db)
    store = open_store(str(db))
    try:
        with store.engine.connect() as conn:
            first = {r.story_id: r.etag for r in conn.execute(story_pages.select())}
        write_story_pages(store.engine)
        with store.engine.connect() as conn:
            second = {r.story_id: r.etag for r in conn.execute(story_pages.select())}
        assert first == second and len(first) == len(story_ids(db))
    finally:
        store.close()


def test_search_hits_equal_the_one_statement_search(serve_db: Path) -> None:
    from storyline.store import queries

    store = open_store(str(serve_db))
    try:
        engine = store.engine
        for q in ("ceasefire", "Putin talks", "the", "zzzz-no-such-word", "", "\"x OR", "Zelensky*"):
            for offset in (0, 3, 500):
                expected: Any = queries.search_marked(engine, q, start="<", end=">", limit=5, offset=offset)
                assert web.search_hits(engine, q, start="<", end=">", limit=5, offset=offset) == expected
        assert web.search_hits(engine, "ceasefire", start="<", end=">", limit=5)
    finally:
        store.close()


def test_pages_built_on_a_stored_story_equal_the_live_ones(tmp_path: Path, paged_db: Path,
                                                          paged_client: TestClient) -> None:
    """The story page, brief, timeline and network read the stored record: same answers."""
    db = tmp_path / "live.db"
    shutil.copyfile(paged_db, db)
    with sqlite3.connect(db) as con:
        con.execute("DROP TABLE story_pages")
    paths = [suffix.format(i) for i in story_ids(db)[:4]
             for suffix in ("/stories/{}", "/api/stories/{}/brief", "/api/stories/{}/brief?format=md",
                            "/api/stories/{}/timeline", "/api/stories/{}/network")]
    with TestClient(create_app(Settings({"db": str(db)})), base_url="http://127.0.0.1") as live:
        for path in paths:
            ours, theirs = paged_client.get(path), live.get(path)
            assert ours.status_code == theirs.status_code == 200, path
            assert ours.content == theirs.content, path


def test_search_is_etag_cached(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "ceasefire"})
    assert first.status_code == 200 and first.headers["etag"]
    again = client.get("/api/search", params={"q": "ceasefire"}, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    other = client.get("/api/search", params={"q": "ceasefire", "offset": 1})
    assert other.headers["etag"] != first.headers["etag"]
    assert client.get("/api/search", params={"q": "x", "limit": 0}).status_code == 400


def test_compacting_the_search_index_keeps_the_hits(tmp_path: Path, paged_db: Path) -> None:
    from storyline.store.story_pages import compact_search_index, refresh_serving_tables

    db = tmp_path / "compact.db"
    shutil.copyfile(paged_db, db)
    store = open_store(str(db))
    try:
        queries = ("ceasefire", "Putin talks", "the", "Zelensky")
        before = [web.search_hits(store.engine, q, start="<", end=">", limit=10) for q in queries]
        assert compact_search_index(store.engine)
        after = [web.search_hits(store.engine, q, start="<", end=">", limit=10) for q in queries]
        assert after == before and any(before)
        assert refresh_serving_tables(store.engine, []) == 0  # nothing changed: no page, no merge
    finally:
        store.close()


def test_the_corpus_phase_stores_every_page(serve_db: Path) -> None:
    """``build_corpus`` ends with :func:`refresh_serving_tables`: the serve database (built by
    ``storyline run`` and a corpus rebuild) has a current page for every story."""
    store = open_store(str(serve_db))
    try:
        with store.engine.connect() as conn:
            for story_id in story_ids(serve_db):
                hit = read_story_page(conn, story_id)
                assert hit is not None and hit[1] == page_body(store.engine, story_id), story_id
    finally:
        store.close()
