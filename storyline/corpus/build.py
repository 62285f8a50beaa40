"""The corpus-level phase of ``storyline run``: after the per-article stages have stored their
records, place each new article in a story and a storyline, give its entities corpus-wide
identities, flatten its quotes, events and positions for queries, then recompute the
corroboration, conflicts and merged events of every story that changed.

::

    stored articles (not yet placed, ingest order)
        └─ stories.StoryIndex.add ─▶ story_articles, stories
        └─ resolve.EntityResolver.add ─▶ entity_articles, entities
        └─ flatten ─▶ quotes, events, positions
    changed stories ─▶ corroborate (claims, conflicts, merged events) ─▶ story_results, conflicts

Each chunk of articles is committed together with the clustering and identity state it leaves
behind, so a killed run resumes exactly where the last chunk ended. The per-article cost does
not grow with the corpus: the story index and the resolver look candidates up by key.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storyline.config import Settings
from storyline.corpus.identities import Identities
from storyline.records import Article
from storyline.store import SqlStore
from storyline.store import corpus as db
from storyline.stories import StoryIndex, StoryParams, story_doc, story_records

ProgressHook = Callable[[int], None]

STORIES_STATE = "stories"
ENTITIES_STATE = "entities"


@dataclass
class CorpusReport:
    placed: int = 0
    stories: int = 0
    storylines: int = 0
    entities: int = 0
    changed_stories: int = 0
    conflicts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _add_time(report: CorpusReport, name: str, started: float) -> None:
    report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - started


def _load_index(store: SqlStore, settings: Settings) -> StoryIndex:
    data = db.load_state(store.engine, STORIES_STATE)
    if data is None:
        return StoryIndex(StoryParams.from_settings(settings))
    return StoryIndex.from_bytes(data)


def _load_identities(store: SqlStore) -> Identities:
    data = db.load_state(store.engine, ENTITIES_STATE)
    return Identities() if data is None else Identities.from_bytes(data)


def build_corpus(store: SqlStore, settings: Settings, *, progress: ProgressHook | None = None,
                 chunk: int | None = None) -> CorpusReport:
    """Place every stored article that is not yet in a story, and refresh what depends on it.
    ``chunk`` articles are committed at a time (default: 500 or ``execute.batch_size``)."""
    report = CorpusReport()
    index = _load_index(store, settings)
    identities = _load_identities(store)
    changed: set[str] = set()
    chunk_size = chunk or max(settings["execute.batch_size"], 500)
    pending = db.pending_articles(store.engine, chunk=chunk_size)
    while True:
        started = time.perf_counter()
        articles = list(itertools.islice(pending, chunk_size))
        _add_time(report, "read", started)
        if not articles:
            break
        _place(articles, index, identities, store, report, changed)
        if progress:
            progress(len(articles))
    started = time.perf_counter()
    records = [r.to_dict() for r in story_records(index)]
    outlets = db.outlet_counts(store.engine)
    for record in records:
        record["n_outlets"] = outlets.get(record["id"], 0)
    with store.engine.begin() as conn:
        db.replace_stories(conn, records)
        db.move_stories(conn, {sid: index.storyline_of(sid) for sid in changed})
        db.replace_entities(conn, identities.rows(changed_only=True))
    identities.clear_changes()
    _add_time(report, "write_stories", started)
    report.stories = sum(1 for r in records if r["level"] == "story")
    report.storylines = len(records) - report.stories
    report.entities = identities.count()
    report.changed_stories = len(changed)
    return report


def _place(chunk: Iterable[Article], index: StoryIndex, identities: Identities, store: SqlStore,
           report: CorpusReport, changed: set[str]) -> None:
    started = time.perf_counter()
    assignments = []
    placed: list[tuple[Article, str]] = []
    for article in chunk:
        assignment = index.add(story_doc(article))
        assignments.append((article.id, assignment.story_id, assignment.storyline_id,
                            assignment.score))
        placed.append((article, assignment.story_id))
        changed.add(assignment.story_id)
    _add_time(report, "stories", started)
    started = time.perf_counter()
    links = [identities.add(article.id, article.entities, story=story, outlet=article.outlet)
             for article, story in placed]
    renamed = identities.take_renamed()
    _add_time(report, "resolve", started)
    started = time.perf_counter()
    with store.engine.begin() as conn:
        db.write_assignments(conn, assignments)
        for (article, _), article_links in zip(placed, links, strict=True):
            db.write_article_facts(conn, article, article_links)
        db.relink_entities(conn, renamed)
        db.save_state(conn, STORIES_STATE, index.state_to_bytes(), len(index.assigned))
        db.save_state(conn, ENTITIES_STATE, identities.to_bytes(), identities.articles)
    _add_time(report, "write", started)
    report.placed += len(assignments)
