"""Recorded schema migrations, shared by SQLite and PostgreSQL.

Each migration has a version, a name and a function over a connection; applied versions are
recorded in ``schema_migrations`` and never run twice. A migration that adds to an existing
table checks what is there first, because a fresh database gets every table of
:mod:`storyline.store.schema` in its latest shape from migration 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select, text

from storyline.store import schema


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _create_tables(conn: Connection) -> None:
    schema.metadata.create_all(
        conn,
        tables=[schema.runs, schema.articles, schema.fingerprints, schema.rejections],
    )


def _full_text_search(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "title, text, content='articles', content_rowid='rowid', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END"
        ))
        conn.execute(text(
            "CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text "
            "ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        ))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        ))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING gin (tsv)"))


def _corpus_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.CORPUS_TABLES))


def _story_page_indexes(conn: Connection) -> None:
    """Covering indexes for the story page (members of a story or storyline in one index scan)
    and, on SQLite, the article summary columns; measured 18 ms → 3 ms for a 1,487-article
    story. (PostgreSQL's B-tree rows are limited to ~2.7 kB, and titles are article text of any
    length, so it gets the member indexes only.)"""
    statements = [
        "CREATE INDEX IF NOT EXISTS ix_story_articles_story_article "
        "ON story_articles (story_id, article_id)",
        "CREATE INDEX IF NOT EXISTS ix_story_articles_line_article "
        "ON story_articles (storyline_id, article_id)",
    ]
    if conn.dialect.name == "sqlite":
        statements.append("CREATE INDEX IF NOT EXISTS ix_articles_summary ON articles "
                          "(id, published, seq, outlet, duplicate_of, title, published_granularity)")
    for statement in statements:
        conn.execute(text(statement))


def _story_pages(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.story_pages])


def _search_index_automerge(conn: Connection) -> None:
    """SQLite: the full-text index merges its segments 16 at a time instead of 4 (FTS5
    ``automerge``), so a bulk load spends less time re-merging: 100,000 articles written in
    batches of 500 took 0.37 → 0.32 ms per article on average, with the same search latency
    (docs/benchmarks-scale.md). The corpus phase still merges the index into one segment."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16)"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, fingerprints, rejections, runs", _create_tables),
    Migration(2, "full-text search over article titles and text", _full_text_search),
    Migration(3, "stories, entities, quotes, events, positions, conflicts", _corpus_tables),
    Migration(4, "covering indexes for story pages", _story_page_indexes),
    Migration(5, "precomputed story pages", _story_pages),
    Migration(6, "full-text index merges 16 segments at a time (SQLite)", _search_index_automerge),
)


def applied_versions(conn: Connection) -> set[int]:
    schema.metadata.create_all(conn, tables=[schema.schema_migrations])
    return set(conn.execute(select(schema.schema_migrations.c.version)).scalars())


#: Key of the PostgreSQL advisory lock held while migrating (any constant 64-bit integer).
_MIGRATION_LOCK = 0x53544F52594C4E  # "STORYLN"


def migrate(conn: Connection) -> list[Migration]:
    """Apply every migration not yet recorded, in order; return those applied.

    On PostgreSQL a transaction-scoped advisory lock serialises concurrent migrators (two
    ``storyline`` processes opening a fresh database at once); SQLite's write lock does the same
    there.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
    done = applied_versions(conn)
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        migration.apply(conn)
        conn.execute(schema.schema_migrations.insert().values(
            version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
        ))
        applied.append(migration)
    return applied


LATEST_VERSION = MIGRATIONS[-1].version
