"""The story briefing of :mod:`storyline.report` (``briefing(...)``: summary points, actors and
positions, key quotes, conflicts, single-source claims, coverage; ``[n]`` → source sentence),
fed from the query layer, with links that open each cited sentence highlighted.

:func:`story_briefing` rebuilds the records the report needs from what
:func:`storyline.store.queries.get_story` returns (claims, conflicts) and the story's stored
articles. When the report cannot be built (a malformed stored record), the page falls back to
the claims-only summary of :mod:`.summary`; the failure is logged, never shown as a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from storyline.records import Claim, Conflict, ConflictSide, Source, Story
from storyline.serve.summary import cite_url
from storyline.store.queries import web

log = logging.getLogger("storyline.serve")

#: Text the briefing reads, in characters: its sentence ranking costs grow with the number of
#: sentences (about 10 s for 2,000 sentences on this machine), so a story of hundreds of
#: articles is summarised from its earliest canonical articles up to this budget (at least
#: :data:`MIN_ARTICLES`) rather than making the page slow.
MAX_CHARS = 40_000
MIN_ARTICLES = 3
#: Claims and conflicts handed to the briefing, best supported first: it compares actor names
#: pairwise (quadratic), so a story with thousands of claims would take tens of seconds; the
#: briefing shows a few dozen of them anyway.
MAX_CLAIMS = 300
MAX_CONFLICTS = 60


def _source(d: Mapping[str, Any]) -> Source:
    return Source(str(d["article"]), int(d["start"]), int(d["end"]), str(d.get("text") or ""),
                  d.get("outlet"))


def _claim(d: Mapping[str, Any]) -> Claim:
    return Claim(str(d.get("id") or ""), str(d.get("story") or ""), str(d["kind"]),
                 str(d.get("about") or ""), str(d.get("value") or ""),
                 tuple(_source(s) for s in d.get("sources") or []), int(d.get("outlets") or 1))


def _conflict(d: Mapping[str, Any]) -> Conflict:
    sides = tuple(ConflictSide(str(s["article"]), str(s.get("value") or ""), str(s.get("text") or ""),
                               s.get("start"), s.get("end"), s.get("date"))
                  for s in d.get("sides") or [])
    return Conflict(str(d["id"]), str(d["story"]), str(d["kind"]), str(d.get("about") or ""), sides)


def _budgeted_articles(engine: Engine, story: Mapping[str, Any]) -> list[Any]:
    """The story's articles the briefing reads: canonical copies first, oldest first, until
    :data:`MAX_CHARS` characters of text (every article when the story is small)."""
    summaries = story.get("article_summaries") or []
    ordered = [r["id"] for r in summaries if not r.get("duplicate_of")]
    ordered += [r["id"] for r in summaries if r.get("duplicate_of")]
    seen = set(ordered)
    ordered += [i for i in story.get("articles") or [] if i not in seen][:200]
    chosen: list[Any] = []
    size = 0
    for start in range(0, len(ordered), 20):
        for article in web.article_records(engine, ordered[start:start + 20]):
            if len(chosen) >= MIN_ARTICLES and size + len(article.text) > MAX_CHARS:
                return chosen
            chosen.append(article)
            size += len(article.text)
    return chosen


def build_briefing(engine: Engine, story: Mapping[str, Any]) -> Any:
    """The :class:`storyline.report.Briefing` of a story record from ``get_story``."""
    from storyline.report import briefing

    articles = _budgeted_articles(engine, story)
    record = Story(id=story["id"], title=story["title"], level=story["level"],
                   articles=tuple(a.id for a in articles), parent=story.get("parent"),
                   start=story.get("start"), end=story.get("end"))
    ranked = sorted(story.get("claims") or [], key=lambda c: -int(c.get("outlets") or 1))
    claims = [_claim(c) for c in ranked[:MAX_CLAIMS]]
    conflicts = [_conflict(c) for c in (story.get("conflicts") or [])[:MAX_CONFLICTS]]
    return briefing(record, articles, claims, conflicts)


def briefing_dict(engine: Engine, story: Mapping[str, Any]) -> dict[str, Any] | None:
    """The briefing as JSON (``Briefing.to_dict()``) with an ``href`` on every source that opens
    its sentence highlighted; ``None`` when it cannot be built from the stored records."""
    try:
        data: dict[str, Any] = build_briefing(engine, story).to_dict()
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        log.exception("briefing of story %s failed; showing the claims summary", story.get("id"))
        return None
    for source in data.get("sources", []):
        source["href"] = cite_url(source.get("article", ""), source.get("start"), source.get("end"))
    return data
