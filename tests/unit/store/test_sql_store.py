"""The SQL store on both backends: SQLite (a real file) and PostgreSQL (a real server).

``store_url`` (tests/unit/store/conftest.py) runs each test once per backend."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from storyline.errors import NotFoundError, StoreError, reject
from storyline.ids import content_id, text_hash
from storyline.records import Article, DateValue
from storyline.store import StoreBatch, open_store, queries, schema
from storyline.store.migrations import LATEST_VERSION


def make_article(text: str, **kw: object) -> Article:
    return Article(id=content_id(text), input=kw.pop("input", "x.txt"), text=text,  # type: ignore[arg-type]
                   text_hash=text_hash(text), **kw)  # type: ignore[arg-type]


def test_migrations_are_recorded_once(store_url: str) -> None:
    open_store(store_url).close()
    store = open_store(store_url)
    with store.engine.connect() as conn:
        versions = list(conn.execute(select(schema.schema_migrations.c.version)
                                     .order_by(schema.schema_migrations.c.version)).scalars())
    store.close()
    assert versions == list(range(1, LATEST_VERSION + 1))


def test_sqlite_runs_in_wal_mode(db_path: Path) -> None:
    open_store(str(db_path)).close()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_search_index_merges_sixteen_segments_at_a_time(db_path: Path) -> None:
    open_store(str(db_path)).close()
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone() == (16,)


def test_write_batch_is_idempotent_and_searchable(store_url: str) -> None:
    store = open_store(store_url)
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
    assert "ceasefire" in hits[0]["snippet"].lower()
    assert queries.search(store.engine, 'ceasefire" OR 1=1 --') == []
    assert queries.search(store.engine, "  ;; ") == []
    full = queries.get_article(store.engine, a.id[:6])
    assert full["published"] == {"value": "2025-03-14", "granularity": "day", "source": "metadata"}
    assert full["schema"] == "storyline/1" and full["entities"] == []
    assert list(store.iter_dedupe_state()) == [(a.id, b"\x01", None, "2025-03-14")]
    assert [r["id"] for r in queries.list_articles(store.engine, q="refinery")] == [b.id]
    assert [r["id"] for r in queries.list_articles(store.engine, outlet="Wire")] == [a.id]
    assert [r["code"] for r in queries.list_rejections(store.engine)] == ["malformed"]
    store.finish_run(run_id, "ok", {"stored": 2})
    assert queries.list_runs(store.engine)[0]["counts"] == {"stored": 2}
    store.close()


def test_search_stems_and_ranks(store_url: str) -> None:
    store = open_store(store_url)
    run_id = store.begin_run("test", [], {})
    a = make_article("Negotiators negotiated for hours; the negotiations continue tomorrow.",
                     title="Negotiations")
    b = make_article("A short note that mentions negotiation once among many other words here.")
    store.write_batch(run_id, StoreBatch(articles=[a, b]))
    assert [h["id"] for h in queries.search(store.engine, "negotiation")] == [a.id, b.id]
    store.close()


def test_duplicate_updates_and_groups(store_url: str) -> None:
    store = open_store(store_url)
    run_id = store.begin_run("test", [], {})
    a, b = make_article("one text here"), make_article("one text here, longer")
    store.write_batch(run_id, StoreBatch(articles=[a, b.replace(duplicate_of=a.id)]))
    store.write_batch(run_id, StoreBatch(duplicate_updates={a.id: b.id, b.id: None}))
    groups = queries.duplicate_groups(store.engine)
    assert groups == [{"canonical": b.id, "duplicates": [a.id]}]
    assert queries.get_article(store.engine, a.id)["duplicates"] == [b.id]
    assert [o["id"] for o in queries.iter_article_outputs(store.engine, canonical_only=True)] == [b.id]
    store.close()


def test_sequence_continues_after_reopen(store_url: str) -> None:
    store = open_store(store_url)
    run_id = store.begin_run("test", [], {})
    store.write_batch(run_id, StoreBatch(articles=[make_article("first article text")]))
    store.close()
    store = open_store(store_url)
    run_id = store.begin_run("test", [], {})
    store.write_batch(run_id, StoreBatch(articles=[make_article("second article text")]))
    with store.engine.connect() as conn:
        seqs = list(conn.execute(select(schema.articles.c.seq).order_by(schema.articles.c.seq)).scalars())
    store.close()
    assert seqs == [1, 2]


def test_not_found_and_bad_database(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    with pytest.raises(NotFoundError):
        queries.get_article(store.engine, "ffffffffffffffff")
    store.close()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(str(garbage))


@pytest.mark.postgres
def test_postgres_full_text_search_is_a_generated_tsvector(postgres_url: str) -> None:
    store = open_store(postgres_url)
    with store.engine.connect() as conn:
        kind = conn.execute(text(
            "SELECT data_type, is_generated FROM information_schema.columns "
            "WHERE table_name = 'articles' AND column_name = 'tsv'")).one()
        index = conn.execute(text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_articles_tsv'")).scalar()
    store.close()
    assert tuple(kind) == ("tsvector", "ALWAYS")
    assert "gin" in str(index).lower()


@pytest.mark.postgres
def test_postgres_url_spellings(postgres_url: str) -> None:
    for url in (postgres_url, postgres_url.replace("postgresql://", "postgres://", 1),
                postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)):
        store = open_store(url)
        assert store.dialect == "postgresql"
        store.close()


def test_unreachable_postgres_is_a_clean_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as info:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/nowhere")
    message = str(info.value)
    assert "s3cret" not in message and "***" in message
    assert "hint:" in message and "server is running" in message


def test_missing_driver_or_malformed_url_is_a_clean_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    with pytest.raises(StoreError) as info:
        open_store("postgresql://u@127.0.0.1:1/db")
    assert "storyline[postgres]" in str(info.value)
    monkeypatch.undo()
    with pytest.raises(StoreError):
        open_store("nosuchdialect://x/y")
    with pytest.raises(StoreError):
        open_store("postgresql://user@host:notaport/db")
