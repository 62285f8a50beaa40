import sqlite3
from pathlib import Path

import pytest

from storyline.errors import NotFoundError, StoreError, reject
from storyline.ids import content_id, text_hash
from storyline.records import Article, DateValue
from storyline.store import StoreBatch, open_store, queries
from storyline.store.migrations import LATEST_VERSION


def make_article(text: str, **kw: object) -> Article:
    return Article(id=content_id(text), input=kw.pop("input", "x.txt"), text=text,  # type: ignore[arg-type]
                   text_hash=text_hash(text), **kw)  # type: ignore[arg-type]


def test_migrations_are_recorded_once(db_path: Path) -> None:
    open_store(str(db_path)).close()
    open_store(str(db_path)).close()
    con = sqlite3.connect(db_path)
    versions = [v for (v,) in con.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, LATEST_VERSION + 1))
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_write_batch_is_idempotent_and_searchable(db_path: Path) -> None:
    store = open_store(str(db_path))
    run_id = store.begin_run("test", ["x"], {})
    a = make_article("The ceasefire talks in Riyadh ended without agreement.", title="Talks end",
                     outlet="Wire", published=DateValue("2025-03-14", "day", "metadata"))
    b = make_article("Drones struck an oil refinery overnight, officials said.", title="Refinery hit")
    bad = reject("malformed", "line 2 is not JSON", "ingest", input="feed.jsonl#L2")
    store.write_batch(run_id, StoreBatch(articles=[a, b], fingerprints={a.id: b"\x01"},
                                         rejections=[bad]))
    store.write_batch(run_id, StoreBatch(articles=[a], rejections=[bad]))  # again: no change
    assert queries.stats(store.engine) == {"articles": 2, "canonical": 2, "rejections": 1}
    assert store.known_record_ids([a.id, "nope"]) == {a.id}
    hits = queries.search(store.engine, "ceasefire Riyadh")
    assert [h["id"] for h in hits] == [a.id]
    assert queries.search(store.engine, 'ceasefire" OR 1=1 --') == []
    full = queries.get_article(store.engine, a.id[:6])
    assert full["published"] == {"value": "2025-03-14", "granularity": "day", "source": "metadata"}
    assert full["schema"] == "storyline/1" and full["entities"] == []
    assert list(store.iter_dedupe_state()) == [(a.id, b"\x01", None, "2025-03-14")]


def test_duplicate_updates_and_groups(db_path: Path) -> None:
    store = open_store(str(db_path))
    run_id = store.begin_run("test", [], {})
    a, b = make_article("one text here"), make_article("one text here, longer")
    store.write_batch(run_id, StoreBatch(articles=[a, b.replace(duplicate_of=a.id)]))
    store.write_batch(run_id, StoreBatch(duplicate_updates={a.id: b.id, b.id: None}))
    groups = queries.duplicate_groups(store.engine)
    assert groups == [{"canonical": b.id, "duplicates": [a.id]}]
    assert queries.get_article(store.engine, a.id)["duplicates"] == [b.id]


def test_not_found_and_bad_database(db_path: Path, tmp_path: Path) -> None:
    store = open_store(str(db_path))
    with pytest.raises(NotFoundError):
        queries.get_article(store.engine, "ffffffffffffffff")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(str(garbage))
