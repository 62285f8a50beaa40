"""Store writes and reads for the corpus-level phase (:mod:`storyline.corpus`).

Everything here runs inside a connection the caller opened with ``engine.begin()``, so the
phase can make one chunk of articles and the state it leaves behind atomic: a run killed in
the middle resumes from the last committed chunk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from storyline.records import Article, article_from_output
from storyline.store import schema
from storyline.store.rows import row_to_output


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _article(row: Mapping[Any, Any]) -> Article:
    """The stored article of an ``articles`` row as a record."""
    return article_from_output(row_to_output(row) | {"text_hash": row["text_hash"]})


# -- what is left to do -------------------------------------------------------------------------
def pending_articles(engine: Engine, *, chunk: int = 500) -> Iterator[Article]:
    """Stored, analysed articles not yet placed in a story, in ingest order."""
    a, sa = schema.articles.c, schema.story_articles.c
    last = 0
    while True:
        query = (select(schema.articles)
                 .where(a.seq > last, a.supported.is_(True),
                        ~select(sa.article_id).where(sa.article_id == a.id).exists())
                 .order_by(a.seq).limit(chunk))
        with engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        if not rows:
            return
        for row in rows:
            yield _article(row)
        last = int(rows[-1]["seq"])


def placed_articles(engine: Engine, *, skip: int = 0,
                    chunk: int = 500) -> Iterator[tuple[Article, str]]:
    """Articles already placed in a story, with their story id, in ingest (= placement) order,
    skipping the first ``skip`` (those a saved state already holds)."""
    a, sa = schema.articles.c, schema.story_articles.c
    offset = skip
    while True:
        query = (select(schema.articles, sa.story_id)
                 .join(schema.story_articles, sa.article_id == a.id)
                 .order_by(a.seq).limit(chunk).offset(offset))
        with engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        if not rows:
            return
        for row in rows:
            yield (_article(row),
                   row["story_id"])
        offset += len(rows)


def count_pending(engine: Engine) -> int:
    a, sa = schema.articles.c, schema.story_articles.c
    query = select(func.count()).select_from(schema.articles).where(
        a.supported.is_(True), ~select(sa.article_id).where(sa.article_id == a.id).exists())
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def story_articles(engine: Engine, story_ids: Sequence[str], *,
                   level: str = "story") -> dict[str, list[Article]]:
    """The stored articles of each story (or storyline), in ingest order."""
    a, sa = schema.articles.c, schema.story_articles.c
    key = sa.story_id if level == "story" else sa.storyline_id
    out: dict[str, list[Article]] = {sid: [] for sid in story_ids}
    with engine.connect() as conn:
        for i in range(0, len(story_ids), 400):
            part = list(story_ids[i:i + 400])
            query = (select(schema.articles, key.label("cluster"))
                     .join(schema.story_articles, sa.article_id == a.id)
                     .where(key.in_(part)).order_by(a.seq))
            for row in conn.execute(query).mappings():
                out[row["cluster"]].append(
                    _article(row))
    return out


# -- state blobs ------------------------------------------------------------------------------
def load_state(engine: Engine, name: str) -> bytes | None:
    c = schema.corpus_state.c
    with engine.connect() as conn:
        data = conn.execute(select(c.data).where(c.name == name)).scalar()
    return None if data is None else bytes(data)


def save_state(conn: Connection, name: str, data: bytes, articles: int) -> None:
    c = schema.corpus_state.c
    conn.execute(delete(schema.corpus_state).where(c.name == name))
    conn.execute(schema.corpus_state.insert().values(name=name, data=data, articles=articles))


# -- per-article results ------------------------------------------------------------------------
def write_assignments(conn: Connection, rows: Iterable[tuple[str, str, str, float]]) -> None:
    """``(article_id, story_id, storyline_id, score)`` for newly placed articles."""
    values = [{"article_id": a, "story_id": s, "storyline_id": line, "score": score}
              for a, s, line, score in rows]
    if values:
        conn.execute(schema.story_articles.insert(), values)


def move_stories(conn: Connection, storyline_of: Mapping[str, str]) -> None:
    """Re-point articles whose story now belongs to another storyline (storylines merged)."""
    c = schema.story_articles.c
    for story_id, line_id in storyline_of.items():
        conn.execute(update(schema.story_articles)
                     .where(c.story_id == story_id, c.storyline_id != line_id)
                     .values(storyline_id=line_id))


def write_article_facts(conn: Connection, article: Article, links: Mapping[str, str]) -> None:
    """Entity links, quotes, events and positions of one article, flattened for queries.
    ``links`` maps the article's local entity ids to corpus-wide ids."""
    counts = {e.id: len(e.mentions) for e in article.entities}
    if links:
        conn.execute(schema.entity_articles.insert(), [
            {"article_id": article.id, "local_id": local, "entity_id": canonical,
             "mentions": counts.get(local, 0)} for local, canonical in links.items()])
    if article.quotes:
        conn.execute(schema.quotes.insert(), [
            {"article_id": article.id, "idx": i, "kind": q.kind, "text": q.text, "start": q.start,
             "end": q.end, "speaker_local": q.speaker.entity if q.speaker else None,
             "speaker_name": (q.speaker.name if q.speaker and q.speaker.name else
                              q.speaker_mention.text if q.speaker_mention else None),
             "cue": q.cue} for i, q in enumerate(article.quotes)])
    if article.events:
        conn.execute(schema.events.insert(), [
            {"article_id": article.id, "idx": i, "type": e.type, "mode": e.mode, "cameo": e.cameo,
             "source_local": e.source.entity, "source_name": e.source.name,
             "target_local": e.target.entity if e.target else None,
             "target_name": e.target.name if e.target else None, "location": e.location,
             "date": e.date.value if e.date else None,
             "granularity": e.date.granularity if e.date else None,
             "date_resolved": bool(e.date and e.date.resolved), "negated": e.negated,
             "hypothetical": e.hypothetical, "future": e.future, "historical": e.historical,
             "condition": e.condition, "start": e.sentence[0], "end": e.sentence[1]}
            for i, e in enumerate(article.events)])
    if article.positions:
        conn.execute(schema.positions.insert(), [
            {"article_id": article.id, "idx": i, "actor_local": p.actor.entity,
             "actor_name": p.actor.name, "issue": p.issue, "stance": p.stance,
             "condition": p.condition, "start": p.evidence[0], "end": p.evidence[1]}
            for i, p in enumerate(article.positions)])


def relink_entities(conn: Connection, relinks: Mapping[str, str]) -> None:
    """Point every link of a local entity id at its new corpus-wide id (identities merged,
    or a surname that became ambiguous)."""
    c = schema.entity_articles.c
    for local, new in relinks.items():
        conn.execute(update(schema.entity_articles).where(c.local_id == local)
                     .values(entity_id=new))


# -- corpus-wide tables, rewritten from the phase's state -----------------------------------
def replace_stories(conn: Connection, records: Sequence[Mapping[str, Any]]) -> None:
    """Rewrite the stories table: ``records`` are story dicts with ``n_outlets`` added."""
    conn.execute(delete(schema.stories))
    rows = [{"id": r["id"], "seq": i, "level": r["level"], "parent": r["parent"],
             "title": r["title"], "start": r["start"], "end": r["end"],
             "n_articles": len(r["articles"]), "n_outlets": r["n_outlets"],
             "key_phrases": _dumps(r.get("key_phrases", []))} for i, r in enumerate(records)]
    for i in range(0, len(rows), 1000):
        conn.execute(schema.stories.insert(), rows[i:i + 1000])


def replace_entities(conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rewrite the entities table from canonical entities (``id, name, type, aliases, roles,
    affiliation, acts_for, n_articles, merges``); ``n_mentions`` is summed from the links."""
    c = schema.entity_articles.c
    mentions = {eid: int(n or 0) for eid, n in conn.execute(
        select(c.entity_id, func.sum(c.mentions)).group_by(c.entity_id))}
    conn.execute(delete(schema.entities))
    values = [{**r, "aliases": _dumps(list(r["aliases"])), "roles": _dumps(list(r["roles"])),
               "merges": _dumps(list(r["merges"])), "n_mentions": int(mentions.get(r["id"], 0))}
              for r in rows]
    for i in range(0, len(values), 1000):
        conn.execute(schema.entities.insert(), values[i:i + 1000])


def write_story_results(conn: Connection, story_id: str, *, claims: Sequence[dict[str, Any]],
                        events: Sequence[dict[str, Any]], conflicts: Sequence[dict[str, Any]],
                        articles: int) -> None:
    c = schema.story_results.c
    conn.execute(delete(schema.story_results).where(c.story_id == story_id))
    conn.execute(schema.story_results.insert().values(
        story_id=story_id, claims=_dumps(list(claims)), events=_dumps(list(events)),
        articles=articles))
    conn.execute(delete(schema.conflicts).where(schema.conflicts.c.story_id == story_id))
    if conflicts:
        conn.execute(schema.conflicts.insert(), [
            {"id": k["id"], "story_id": story_id, "kind": k["kind"], "about": k["about"],
             "sides": _dumps(k["sides"])} for k in conflicts])


def outlet_counts(engine: Engine) -> dict[str, int]:
    """Distinct outlets per story and per storyline (an article without an outlet counts as
    its own source)."""
    a, sa = schema.articles.c, schema.story_articles.c
    source = func.count(func.distinct(func.coalesce(a.outlet, a.input)))
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for key in (sa.story_id, sa.storyline_id):
            query = (select(key, source).join(schema.articles, a.id == sa.article_id)
                     .group_by(key))
            out.update({cid: int(n) for cid, n in conn.execute(query)})
    return out


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics after a corpus phase changed the tables."""
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
