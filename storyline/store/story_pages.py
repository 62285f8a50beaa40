"""Precomputed story pages: the body of ``GET /api/stories/{id}`` stored once per corpus change.

A story page (:func:`storyline.store.queries.web.story_page`: the story record, article
summaries, coverage, the best-supported claims and merged events, conflicts) costs ~10–20 ms
of queries and JSON work, and it only changes when the corpus phase changes the story. So the
corpus phase ends with :func:`write_story_pages`, which stores each changed story's page as
compact UTF-8 JSON bytes with a content hash (the HTTP ETag) in ``story_pages``; the server
answers ``/api/stories/{id}`` from that row (:func:`read_story_page`, one primary-key read)
and ``304 Not Modified`` when the client already has that hash.

The table (:data:`storyline.store.schema.story_pages`) is created by migration 5 and, for a
database opened without migrating, by :func:`ensure_table` (idempotent). A story without a stored page is served by
the live query, so a missing or stale-free empty table never changes what clients get.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    select,
)
from sqlalchemy.exc import DBAPIError

from storyline.store import schema

story_pages = schema.story_pages

#: Limits of a stored page; equal to the live API's (``storyline.serve.api_stories``).
ARTICLE_SUMMARIES = 200
#: Stories written per transaction.
BATCH = 100


def ensure_table(engine: Engine) -> None:
    """Create ``story_pages`` when missing (a database opened without migrating, from before
    migration 5)."""
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[story_pages])


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON, dates and other plain values as strings (the API's encoding)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def etag_of(body: bytes) -> str:
    """The quoted HTTP entity tag of a stored body (a 24-hex-digit content hash)."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def page_body(engine: Engine, story_id: str) -> bytes:
    """The JSON bytes the API answers for one story (the live query, serialised)."""
    from storyline.store.queries import web

    return dumps(web.story_page(engine, story_id, article_limit=ARTICLE_SUMMARIES))


def _with_parents(engine: Engine, ids: Iterable[str]) -> list[str]:
    """The ids, the storylines above them (a storyline's page lists its stories) and nothing
    that no longer exists, in a stable order."""
    s = schema.stories.c
    wanted = set(ids)
    found: set[str] = set()
    with engine.connect() as conn:
        chunk = sorted(wanted)
        for i in range(0, len(chunk), 500):
            for sid, parent in conn.execute(select(s.id, s.parent).where(s.id.in_(chunk[i:i + 500]))):
                found.add(sid)
                if parent:
                    found.add(parent)
    return sorted(found)


def write_story_pages(engine: Engine, story_ids: Sequence[str] | None = None) -> int:
    """Store the page of each story and storyline (all of them when ``story_ids`` is None or
    no page is stored yet; else those and their storylines) and drop pages of stories that no
    longer exist.

    Returns the number of pages written. Called at the end of the corpus phase, after
    corroboration, so the page holds the story's final claims and conflicts."""
    from storyline.errors import NotFoundError

    ensure_table(engine)
    s = schema.stories.c
    with engine.connect() as conn:
        existing = set(conn.execute(select(s.id)).scalars())
    if story_ids is not None and not has_pages(engine):
        story_ids = None  # first write (a database from before the table existed): every page
    ids = sorted(existing) if story_ids is None else _with_parents(engine, story_ids)
    written = 0
    for i in range(0, len(ids), BATCH):
        rows = []
        for story_id in ids[i:i + BATCH]:
            try:
                body = page_body(engine, story_id)
            except NotFoundError:  # removed by a concurrent phase: nothing to serve
                continue
            rows.append({"story_id": story_id, "etag": etag_of(body), "body": body,
                         "written_at": datetime.now(UTC)})
        with engine.begin() as conn:
            if rows:
                conn.execute(story_pages.delete().where(story_pages.c.story_id.in_([r["story_id"] for r in rows])))
                conn.execute(story_pages.insert(), rows)
        written += len(rows)
    with engine.begin() as conn:
        stale = [sid for sid in conn.execute(select(story_pages.c.story_id)).scalars() if sid not in existing]
        for i in range(0, len(stale), 500):
            conn.execute(story_pages.delete().where(story_pages.c.story_id.in_(stale[i:i + 500])))
    return written


def compact_search_index(engine: Engine) -> bool:
    """Merge the SQLite full-text index into one segment (FTS5 ``optimize``), so a search reads
    one b-tree per term instead of one per ingest batch: the page-snippet step of a search
    went from ~1.9 to ~0.8 ms of CPU, ranking ~2.0 → 1.8 ms, on the 20,000-article benchmark
    database (0.8 s to run there). Same hits, same order. Returns whether it ran (SQLite with
    the ``articles_fts`` table only)."""
    if engine.dialect.name != "sqlite":
        return False
    from sqlalchemy import inspect, text

    if "articles_fts" not in inspect(engine).get_table_names():
        return False
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')"))
    return True


def refresh_serving_tables(engine: Engine, story_ids: Sequence[str] | None = None) -> int:
    """What the corpus phase calls at its end: :func:`write_story_pages` for the changed
    stories, then :func:`compact_search_index` (new articles came with this run). Returns the
    number of pages written."""
    written = write_story_pages(engine, story_ids)
    if written or story_ids is None or story_ids:  # nothing placed, nothing new to index
        compact_search_index(engine)
    return written


def read_story_page(conn: Connection, story_id: str) -> tuple[str, bytes] | None:
    """``(etag, body)`` of a stored page, or None when the story has none (or the table is
    missing): the caller then answers from the live query."""
    query = select(story_pages.c.etag, story_pages.c.body).where(story_pages.c.story_id == story_id)
    try:
        row = conn.execute(query).first()
    except DBAPIError:  # no table yet (a database from before migration 5): serve live
        conn.rollback()
        return None
    return (str(row[0]), bytes(row[1])) if row is not None else None


def has_pages(engine: Engine) -> bool:
    """Whether the database holds any stored page (used by benchmarks and ``storyline serve``)."""
    from sqlalchemy import inspect

    if "story_pages" not in inspect(engine).get_table_names():
        return False
    with engine.connect() as conn:
        return conn.execute(select(story_pages.c.story_id).limit(1)).first() is not None
