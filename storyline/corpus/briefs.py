"""Briefings and timelines of stored stories: the glue between the store and the pure
:mod:`storyline.report` functions (``storyline brief``, ``make run``, the web UI)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.corpus.build import ENTITIES_STATE
from storyline.corpus.corroboration import bounded, corroborate_records
from storyline.corpus.identities import Identities
from storyline.records import Story
from storyline.report import Briefing, Timeline, briefing, timeline
from storyline.store import SqlStore, queries
from storyline.store import corpus as db

FORMATS = ("md", "html", "json")


@dataclass(frozen=True)
class StoryBrief:
    story: Story
    briefing: Briefing
    timeline: Timeline

    def render(self, fmt: str) -> str:
        """The briefing as Markdown, a standalone HTML page (all article text escaped) or JSON."""
        if fmt == "md":
            return self.briefing.to_markdown()
        if fmt == "html":
            return self.briefing.to_html()
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story.to_dict(), **self.briefing.to_dict(),
                "timeline": self.timeline.to_dict()}


def _canonical(store: SqlStore) -> Any:
    data = db.load_state(store.engine, ENTITIES_STATE)
    if data is None:
        return lambda local: local
    return Identities.from_bytes(data).resolver.canonical_id


def brief(store: SqlStore, story_id: str, *, max_articles: int = 200,
          max_chars: int = 100_000) -> StoryBrief:
    """The cited briefing and timeline of one stored story or storyline (an id or a unique
    prefix). Raises :class:`storyline.errors.NotFoundError` for an unknown id."""
    found = queries.get_story(store.engine, story_id)
    story = Story(id=found["id"], title=found["title"], level=found["level"],
                  articles=tuple(found["articles"]), parent=found["parent"],
                  start=found["start"], end=found["end"])
    articles = db.story_articles(store.engine, [story.id], level=story.level)[story.id]
    result = corroborate_records(story.id, bounded(articles, max_articles), _canonical(store),
                                 max_chars)
    return StoryBrief(story, briefing(story, result.articles, result.claims, result.conflicts),
                      timeline(story, result.articles, result.events))


def write_briefs(store: SqlStore, folder: Path, *, limit: int = 20,
                 formats: tuple[str, ...] = ("md", "html")) -> list[Path]:
    """Write the briefings of the largest storylines and their stories to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    lines = sorted(queries.list_stories(store.engine, level="storyline", limit=limit),
                   key=lambda s: -s["n_articles"])
    for line in lines:
        stories = [s["id"] for s in queries.get_story(store.engine, line["id"])["stories"]]
        ids = stories if len(stories) == 1 else [line["id"], *stories]
        for story_id in dict.fromkeys(ids):
            result = brief(store, story_id)
            for fmt in formats:
                path = folder / f"{story_id}.{fmt}"
                path.write_text(result.render(fmt), encoding="utf-8")
                written.append(path)
    return written
