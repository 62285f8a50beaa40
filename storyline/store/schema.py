"""The database tables, as SQLAlchemy Core metadata shared by every backend.

Tables are created and changed only by :mod:`storyline.store.migrations`; this module says
what they look like after the latest migration.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
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

# -- corpus level (migration 3): written by storyline.corpus after the per-article stages ------
# Quotes, events and positions keep the article-local entity ids of the analysis JSON
# (``*_local``); ``entity_articles`` maps them to corpus-wide ids, so a later merge of two
# identities updates one table.
corpus_state = Table(
    "corpus_state",
    metadata,
    Column("name", String(64), primary_key=True),  # "stories", "entities"
    Column("data", LargeBinary, nullable=False),
    Column("articles", Integer, nullable=False),  # articles folded into this state
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("level", String(12), nullable=False),  # story | storyline
    Column("parent", String(40), index=True),
    Column("title", Text, nullable=False),
    Column("start", String(32)),
    Column("end", String(32)),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("key_phrases", Text, nullable=False),  # JSON list
    Index("ix_stories_level_start", "level", "start"),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("storyline_id", String(40), nullable=False, index=True),
    Column("score", Float, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("aliases", Text, nullable=False),  # JSON list
    Column("roles", Text, nullable=False),  # JSON list
    Column("affiliation", Text),
    Column("acts_for", String(32)),
    Column("n_articles", Integer, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("merges", Text, nullable=False),  # JSON list: evidence and confidence per merge
    Index("ix_entities_name", "name"),
    Index("ix_entities_type_articles", "type", "n_articles"),
)

entity_articles = Table(
    "entity_articles",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("local_id", String(32), primary_key=True),
    Column("entity_id", String(32), nullable=False, index=True),
    Column("mentions", Integer, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(12), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_local", String(32)),
    Column("speaker_name", Text),
    Column("cue", String(40)),
)

events = Table(
    "events",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column("source_local", String(32)),
    Column("source_name", Text),
    Column("target_local", String(32)),
    Column("target_name", Text),
    Column("location", Text),
    Column("date", String(32)),
    Column("granularity", String(16)),
    Column("date_resolved", Boolean, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("hypothetical", Boolean, nullable=False),
    Column("future", Boolean, nullable=False),
    Column("historical", Boolean, nullable=False),
    Column("condition", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

positions = Table(
    "positions",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id"), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("actor_local", String(32)),
    Column("actor_name", Text),
    Column("issue", Text, nullable=False, index=True),
    Column("stance", String(16), nullable=False),
    Column("condition", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

story_results = Table(
    "story_results",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("claims", Text, nullable=False),  # JSON list of Claim records
    Column("events", Text, nullable=False),  # JSON list of merged events
    Column("articles", Integer, nullable=False),  # articles the results were computed from
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(40), nullable=False, index=True),
    Column("kind", String(24), nullable=False, index=True),
    Column("about", Text, nullable=False),
    Column("sides", Text, nullable=False),  # JSON list
)

#: The stored body of ``GET /api/stories/{id}`` per story (migration 5, written at the end of
#: the corpus phase by :mod:`storyline.store.story_pages`).
story_pages = Table(
    "story_pages",
    metadata,
    Column("story_id", String(64), primary_key=True),
    Column("etag", String(40), nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("written_at", DateTime(timezone=True), nullable=False),
)

#: Tables of migration 3, in creation order.
CORPUS_TABLES = (corpus_state, stories, story_articles, entities, entity_articles, quotes, events,
                 positions, story_results, conflicts)
