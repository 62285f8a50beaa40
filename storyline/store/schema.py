"""The database tables, as SQLAlchemy Core metadata shared by every backend.

Tables are created and changed only by :mod:`storyline.store.migrations`; this module says
what they look like after the latest migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(40), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(20), nullable=False),  # running | ok | partial | failed
    Column("inputs", Text, nullable=False),  # JSON list
    Column("settings", Text, nullable=False),  # JSON object (changed settings only)
    Column("counts", Text),  # JSON object
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),  # ingest order, stable across resumes
    Column("input", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("published_granularity", String(16)),
    Column("published_source", String(16), nullable=False),
    Column("language", String(8)),
    Column("supported", Boolean, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_hash", String(32), nullable=False, index=True),
    Column("removed", Text, nullable=False),  # JSON list of removed blocks
    Column("duplicate_of", String(32), index=True),
    Column("analysis", Text, nullable=False),  # JSON: entities, quotes, events, positions, dates
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_outlet", "outlet"),
)

fingerprints = Table(
    "fingerprints",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("record_id", String(32)),
    Column("code", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("stage", String(40), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    UniqueConstraint("input", "stage", "code", name="uq_rejections_input_stage_code"),
    Index("ix_rejections_record", "record_id"),
)
