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

from sqlalchemy import Connection

from storyline.config import Settings
from storyline.corpus.corroboration import bounded, corroborate
from storyline.corpus.identities import Identities
from storyline.records import Article
from storyline.store import SqlStore
from storyline.store import corpus as db
from storyline.store.story_pages import refresh_serving_tables
from storyline.stories import StoryIndex, StoryParams, story_doc, story_records

ProgressHook = Callable[[int], None]

STORIES_STATE = "stories"
ENTITIES_STATE = "entities"
#: Articles placed between two saves of the clustering and identity state. A run killed between
#: saves replays the articles placed since the last save (cheap) instead of saving every chunk.
STATE_EVERY = 5000


@dataclass
class CorpusReport:
    placed: int = 0
    replayed: int = 0
    stories: int = 0
    storylines: int = 0
    entities: int = 0
    changed_stories: int = 0
    conflicts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _add_time(report: CorpusReport, name: str, started: float) -> None:
    report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - started


class _State:
    """The story index and the identities, loaded from the store and brought up to date with
    every article already placed (replaying those placed after the last save)."""

    def __init__(self, store: SqlStore, settings: Settings, report: CorpusReport) -> None:
        data = db.load_state(store.engine, STORIES_STATE)
        self.index = (StoryIndex.from_bytes(data) if data is not None
                      else StoryIndex(StoryParams.from_settings(settings)))
        data = db.load_state(store.engine, ENTITIES_STATE)
        self.identities = Identities.from_bytes(data) if data is not None else Identities()
        self.unsaved = 0
        done = min(len(self.index.assigned), self.identities.articles)
        for article, story_id in db.placed_articles(store.engine, skip=done):
            if article.id not in self.index.assigned:
                self.index.add(story_doc(article))
            self.identities.add(article.id, article.entities, story=story_id,
                                outlet=article.outlet)
            report.replayed += 1
            self.unsaved += 1

    def save(self, conn: Connection) -> None:
        db.save_state(conn, STORIES_STATE, self.index.state_to_bytes(), len(self.index.assigned))
        db.save_state(conn, ENTITIES_STATE, self.identities.to_bytes(), self.identities.articles)
        self.unsaved = 0


def build_corpus(store: SqlStore, settings: Settings, *, progress: ProgressHook | None = None,
                 chunk: int | None = None, state_every: int = STATE_EVERY) -> CorpusReport:
    """Place every stored article that is not yet in a story, and refresh what depends on it.
    ``chunk`` articles are committed at a time (default: 500 or ``execute.batch_size``)."""
    report = CorpusReport()
    started = time.perf_counter()
    state = _State(store, settings, report)
    _add_time(report, "load_state", started)
    changed: set[str] = set()
    chunk_size = chunk or max(settings["execute.batch_size"], 500)
    pending = db.pending_articles(store.engine, chunk=chunk_size)
    while True:
        started = time.perf_counter()
        articles = list(itertools.islice(pending, chunk_size))
        _add_time(report, "read", started)
        if not articles:
            break
        _place(articles, state, store, report, changed, state_every)
        if progress:
            progress(len(articles))
    started = time.perf_counter()
    index, identities = state.index, state.identities
    records = [r.to_dict() for r in story_records(index)]
    outlets = db.outlet_counts(store.engine)
    for record in records:
        record["n_outlets"] = outlets.get(record["id"], 0)
    with store.engine.begin() as conn:
        db.relink_entities(conn, identities.relinks())
        if changed or state.unsaved:
            db.replace_stories(conn, records)
            db.move_stories(conn, {sid: index.storyline_of(sid) for sid in changed})
            db.replace_entities(conn, identities.rows())
        state.save(conn)
    if changed:
        db.analyze(store.engine)
    _add_time(report, "write_stories", started)
    started = time.perf_counter()
    # A storyline of one story is covered by that story.
    lines = {line for line in (index.storyline_of(sid) for sid in changed)
             if len(index.storylines[line].members) > 1}
    report.conflicts = _corroborate(store, settings, sorted(changed), sorted(lines), identities)
    _add_time(report, "corroborate", started)
    refresh_serving_tables(store.engine, sorted(changed | lines))  # stored story pages, compact FTS
    report.stories = sum(1 for r in records if r["level"] == "story")
    report.storylines = len(records) - report.stories
    report.entities = identities.count()
    report.changed_stories = len(changed)
    return report


def _corroborate(store: SqlStore, settings: Settings, stories: list[str], lines: list[str],
                 identities: Identities) -> int:
    """Recompute claims, conflicts and merged events of changed stories and storylines."""
    cap = settings["corroborate.max_articles"]
    found = 0
    for level, ids in (("story", stories), ("storyline", lines)):
        for i in range(0, len(ids), 50):
            part = ids[i:i + 50]
            by_cluster = db.story_articles(store.engine, part, level=level)
            with store.engine.begin() as conn:
                for cluster_id in part:
                    articles = by_cluster.get(cluster_id, [])
                    if not articles or (level == "storyline" and len(articles) > cap):
                        continue
                    claims, conflicts, events = corroborate(
                        cluster_id, bounded(articles, cap), identities.resolver.canonical_id,
                        settings["nlp.max_chars"])
                    db.write_story_results(conn, cluster_id, claims=claims, events=events,
                                           conflicts=conflicts, articles=len(articles))
                    found += len(conflicts)
    return found


def _place(chunk: Iterable[Article], state: _State, store: SqlStore, report: CorpusReport,
           changed: set[str], state_every: int) -> None:
    started = time.perf_counter()
    assignments = []
    placed: list[tuple[Article, str]] = []
    for article in chunk:
        assignment = state.index.add(story_doc(article))
        assignments.append((article.id, assignment.story_id, assignment.storyline_id,
                            assignment.score))
        placed.append((article, assignment.story_id))
        changed.add(assignment.story_id)
    _add_time(report, "stories", started)
    started = time.perf_counter()
    links = [state.identities.add(article.id, article.entities, story=story,
                                  outlet=article.outlet)
             for article, story in placed]
    _add_time(report, "resolve", started)
    started = time.perf_counter()
    with store.engine.begin() as conn:
        db.write_assignments(conn, assignments)
        for (article, _), article_links in zip(placed, links, strict=True):
            db.write_article_facts(conn, article, article_links)
        state.unsaved += len(assignments)
        if state.unsaved >= state_every:
            state.save(conn)
    _add_time(report, "write", started)
    report.placed += len(assignments)
