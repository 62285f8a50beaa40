"""Reads the web UI and the HTTP API need beyond :mod:`.corpus`: the actor network (who acts on
whom, from events' source → target), the entities of one story, coverage by outlet, and a cheap
"has the database changed" token for HTTP caching.

Like every query module: a SQLAlchemy ``Engine`` in, plain dicts out, parameterised SQL only.
Article-local entity ids are mapped to corpus-wide identities through ``entity_articles``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, text

from storyline.records import Article, article_from_output
from storyline.store import schema
from storyline.store.queries.articles import (
    SNIPPET_MAX_CHARS,
    _bounded,
    _long_snippet,
    fts_query,
    search_marked,
)
from storyline.store.rows import row_to_output

a = schema.articles.c
sa = schema.story_articles.c
e = schema.entities.c
ea = schema.entity_articles.c
ev = schema.events.c


def _in_story(story: str) -> Any:
    return schema.events.c.article_id.in_(
        select(sa.article_id).where(or_(sa.story_id == story, sa.storyline_id == story)))


def actor_edges(engine: Engine, *, story: str | None = None, entity: str | None = None,
                limit: int = 500) -> list[dict[str, Any]]:
    """Directed edges source → target over events with a target, heaviest first:
    ``{"source": {"entity", "name"}, "target": {...}, "count", "types": {TYPE: n}}``.
    Actors without a corpus identity are keyed by their name as written."""
    src = schema.entity_articles.alias("ea_src")
    tgt = schema.entity_articles.alias("ea_tgt")
    src_e = schema.entities.alias("e_src")
    tgt_e = schema.entities.alias("e_tgt")
    query = (select(src.c.entity_id.label("s_id"), func.coalesce(src_e.c.name, ev.source_name).label("s_name"),
                    src_e.c.type.label("s_type"),
                    tgt.c.entity_id.label("t_id"), func.coalesce(tgt_e.c.name, ev.target_name).label("t_name"),
                    tgt_e.c.type.label("t_type"), ev.type, func.count().label("n"))
             .select_from(schema.events
                          .outerjoin(src, and_(src.c.article_id == ev.article_id,
                                               src.c.local_id == ev.source_local))
                          .outerjoin(src_e, src_e.c.id == src.c.entity_id)
                          .outerjoin(tgt, and_(tgt.c.article_id == ev.article_id,
                                               tgt.c.local_id == ev.target_local))
                          .outerjoin(tgt_e, tgt_e.c.id == tgt.c.entity_id))
             .where(or_(ev.target_local.is_not(None), ev.target_name.is_not(None)),
                    ev.negated.is_(False))
             .group_by("s_id", "s_name", "s_type", "t_id", "t_name", "t_type", ev.type))
    if story:
        query = query.where(_in_story(story))
    if entity:
        query = query.where(or_(src.c.entity_id == entity, tgt.c.entity_id == entity))
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    with engine.connect() as conn:
        for row in conn.execute(query).mappings():
            if not row["s_name"] or not row["t_name"]:
                continue
            key = (row["s_id"] or "name:" + row["s_name"], row["t_id"] or "name:" + row["t_name"])
            if key[0] == key[1]:
                continue
            edge = edges.setdefault(key, {
                "source": {"entity": row["s_id"], "name": row["s_name"], "type": row["s_type"]},
                "target": {"entity": row["t_id"], "name": row["t_name"], "type": row["t_type"]},
                "count": 0, "types": {}})
            edge["count"] += row["n"]
            edge["types"][row["type"]] = edge["types"].get(row["type"], 0) + row["n"]
    ranked = sorted(edges.values(), key=lambda x: (-x["count"], x["source"]["name"], x["target"]["name"]))
    return ranked[:max(1, limit)]


def story_entities(engine: Engine, story: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The corpus-wide entities of one story or storyline, most mentioned in it first, with the
    number of the story's articles (``in_articles``) and mentions (``in_mentions``) they have."""
    limit, _ = _bounded(limit, 0)
    members = select(sa.article_id).where(or_(sa.story_id == story, sa.storyline_id == story))
    query = (select(e.id, e.name, e.type, e.roles, func.count(func.distinct(ea.article_id)).label("in_articles"),
                    func.sum(ea.mentions).label("in_mentions"))
             .join(schema.entities, e.id == ea.entity_id)
             .where(ea.article_id.in_(members))
             .group_by(e.id, e.name, e.type, e.roles)
             .order_by(func.count(func.distinct(ea.article_id)).desc(), func.sum(ea.mentions).desc(), e.name)
             .limit(limit))
    with engine.connect() as conn:
        return [{"id": r["id"], "name": r["name"], "type": r["type"], "roles": json.loads(r["roles"]),
                 "in_articles": int(r["in_articles"]), "in_mentions": int(r["in_mentions"] or 0)}
                for r in conn.execute(query).mappings()]


def entity_stories(engine: Engine, entity: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The stories an entity appears in, with the number of its articles in each."""
    limit, _ = _bounded(limit, 0)
    s = schema.stories.c
    query = (select(s.id, s.title, s.start, s.end, s.n_articles,
                    func.count(func.distinct(ea.article_id)).label("with_entity"))
             .select_from(schema.entity_articles
                          .join(schema.story_articles, sa.article_id == ea.article_id)
                          .join(schema.stories, s.id == sa.story_id))
             .where(ea.entity_id == entity)
             .group_by(s.id, s.title, s.start, s.end, s.n_articles)
             .order_by(func.count(func.distinct(ea.article_id)).desc(), s.end.desc().nulls_last())
             .limit(limit))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def iter_entity_nodes(engine: Engine, ids: list[str]) -> Iterator[dict[str, Any]]:
    """``id, name, type, n_articles`` of the given entities (any number, fetched in chunks)."""
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            query = select(e.id, e.name, e.type, e.n_articles).where(e.id.in_(ids[i:i + 500]))
            for row in conn.execute(query).mappings():
                yield dict(row)


def change_token(engine: Engine) -> str:
    """A short string that changes whenever a run starts or finishes (the only way the database
    changes under a running server): used as the ETag basis of cacheable responses."""
    r = schema.runs.c
    with engine.connect() as conn:
        row = conn.execute(select(func.max(r.id), func.count(r.finished_at))).one()
        state = conn.execute(select(r.status).where(r.id == row[0])).scalar() if row[0] else None
    return f"{row[0] or 0}.{row[1] or 0}.{state or '-'}"


def article_context(engine: Engine, article_id: str) -> dict[str, Any]:
    """The story and storyline an article was placed in (``{"id", "title", "level"}`` each) and
    the corpus-wide entity ids linked from it (``linked``)."""
    s = schema.stories.c
    with engine.connect() as conn:
        row = conn.execute(select(sa.story_id, sa.storyline_id)
                           .where(sa.article_id == article_id)).first()
        stories = []
        if row is not None:
            found = {r["id"]: dict(r) for r in conn.execute(
                select(s.id, s.title, s.level).where(s.id.in_([row[0], row[1]]))).mappings()}
            stories = [found[i] for i in (row[0], row[1]) if i in found]
        linked = set(conn.execute(select(ea.entity_id).where(ea.article_id == article_id)).scalars())
    return {"stories": stories, "linked": linked}


def article_records(engine: Engine, ids: list[str], *, max_chars: int = 200_000) -> list[Article]:
    """The stored articles with these ids as :class:`~storyline.records.Article` records (text,
    outlet and analysis), in the order given; texts longer than ``max_chars`` are cut (their
    analysis offsets beyond the cut are kept, readers check bounds)."""
    found: dict[str, Article] = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 400):
            rows = conn.execute(select(schema.articles).where(a.id.in_(ids[i:i + 400]))).mappings()
            for row in rows:
                output = row_to_output(row)
                output["text"] = output["text"][:max_chars]
                found[row["id"]] = article_from_output(output | {"text_hash": row["text_hash"]})
    return [found[i] for i in ids if i in found]


SUMMARY_FIELDS = ("id", "title", "outlet", "published", "published_granularity", "duplicate_of",
                  "story_id")


def _conflicts(conn: Any, story_ids: list[str], *, limit: int) -> list[dict[str, Any]]:
    from storyline.store.queries.corpus import _conflict_row

    c = schema.conflicts.c
    rows = conn.execute(select(schema.conflicts).where(c.story_id.in_(story_ids))
                        .order_by(c.story_id, c.kind, c.id).limit(limit)).mappings()
    return [_conflict_row(r) for r in rows]


def _results(conn: Any, column: str, story_ids: list[str], limit: int) -> tuple[list[Any], int]:
    """The first ``limit`` items of the ``story_results`` JSON lists ``column`` of these
    stories, most independent outlets first (stored order among equals), and their total. On
    SQLite the lists are cut inside the database (``json_each``): a story of thousands of
    claims holds megabytes of JSON, and only the page's worth is parsed."""
    r = schema.story_results.c
    if conn.dialect.name == "sqlite" and story_ids:
        marks = ", ".join(f":s{i}" for i in range(len(story_ids)))
        params = {f"s{i}": sid for i, sid in enumerate(story_ids)}
        total = conn.execute(text(f"SELECT coalesce(sum(json_array_length({column})), 0) "  # noqa: S608
                                  f"FROM story_results WHERE story_id IN ({marks})"), params).scalar()
        rows = conn.execute(text(
            f"SELECT j.value FROM story_results r, json_each(r.{column}) j "  # noqa: S608
            f"WHERE r.story_id IN ({marks}) ORDER BY coalesce(json_extract(j.value, '$.outlets'), 1) "
            "DESC, r.story_id, CAST(j.key AS INTEGER) LIMIT :limit"), {**params, "limit": limit})
        return [json.loads(v) for (v,) in rows], int(total or 0)
    items = [x for (data,) in conn.execute(select(getattr(r, column)).where(r.story_id.in_(story_ids))
                                            .order_by(r.story_id)) for x in json.loads(data)]
    ranked = sorted(items, key=lambda x: -(x.get("outlets") or 1) if isinstance(x, dict) else -1)
    return ranked[:limit], len(items)


def story_page(engine: Engine, story_id: str, *, article_limit: int = 200, claim_limit: int = 300,
               conflict_limit: int = 100, event_limit: int = 300) -> dict[str, Any]:
    """:func:`storyline.store.queries.get_story` for pages and the HTTP API: the same record,
    bounded. ``article_summaries`` holds the first ``article_limit`` articles (oldest first;
    ``articles`` still lists every id, ``articles_total`` counts them), ``coverage`` (articles
    and copies per outlet) is counted over all of them; ``claims`` and ``events`` are the
    ``*_limit`` with most independent outlets, ``conflicts`` the first ``conflict_limit``
    (``claims_total``, ``events_total``, ``conflicts_total`` count them all;
    ``GET /api/conflicts?story=`` pages through the rest). Rows are read as tuples."""
    from storyline.store.queries.corpus import STORY_COLUMNS, _story_row, resolve_story_id

    s = schema.stories.c
    full = resolve_story_id(engine, story_id)
    with engine.connect() as conn:
        story = _story_row(conn.execute(select(*STORY_COLUMNS).where(s.id == full)).one())
        member = sa.story_id if story["level"] == "story" else sa.storyline_id
        joined = schema.articles.join(schema.story_articles, sa.article_id == a.id)
        order = (a.published.nulls_last(), a.seq)
        story["articles"] = list(conn.execute(
            select(a.id).select_from(joined).where(member == full).order_by(*order)).scalars())
        story["articles_total"] = len(story["articles"])
        rows = conn.execute(select(a.id, a.title, a.outlet, a.published, a.published_granularity,
                                   a.duplicate_of, sa.story_id).select_from(joined)
                            .where(member == full).order_by(*order).limit(max(1, article_limit)))
        story["article_summaries"] = [dict(zip(SUMMARY_FIELDS, r, strict=True)) for r in rows]
        outlet = func.coalesce(a.outlet, "unknown outlet")
        counts = conn.execute(select(outlet, func.count(), func.count(a.duplicate_of))
                              .select_from(joined).where(member == full).group_by(outlet)).all()
        top = max((n for _, n, _ in counts), default=1)
        story["coverage"] = [{"outlet": o, "articles": n, "copies": c, "share": round(n / top, 3)}
                             for o, n, c in sorted(counts, key=lambda r: (-r[1], r[0]))]
        if story["level"] == "storyline":
            story["stories"] = [_story_row(r) for r in conn.execute(
                select(*STORY_COLUMNS).where(s.parent == full).order_by(s.start.nulls_last(), s.seq))]
        else:
            story["storyline"] = story["parent"]
        ids = [full] if story["level"] == "story" else [x["id"] for x in story["stories"]]
        c = schema.conflicts.c
        story["conflicts_total"] = int(conn.execute(
            select(func.count()).where(c.story_id.in_(ids))).scalar() or 0)
        story["conflicts"] = _conflicts(conn, ids, limit=conflict_limit)
        story["claims"], story["claims_total"] = _results(conn, "claims", ids, claim_limit)
        story["events"], story["events_total"] = _results(conn, "events", ids, event_limit)
    return story


#: The best ``limit`` matches first (bm25, then ingest order: ``rowid`` follows ``seq``),
#: without touching the article rows; snippets are then made for those rows only (SQLite
#: computes every selected column of every match before sorting, so one statement with
#: ``snippet()`` and the join tokenised all matching articles: 20–30 ms for a common word).
_TOP_SQL = ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
            "ORDER BY bm25(articles_fts), rowid LIMIT :limit OFFSET :offset")
_HIT_SQL = ("SELECT articles_fts.rowid, articles.id, articles.title, articles.outlet, articles.published, "
            "articles.duplicate_of, CASE WHEN length(articles.text) <= :max_chars "
            "THEN snippet(articles_fts, 1, :start, :end, ' … ', 24) END AS snippet "
            "FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH :match AND articles_fts.rowid IN (SELECT value FROM json_each(:rows))")
_HIT_FIELDS = ("id", "title", "outlet", "published", "duplicate_of", "snippet")


def search_hits(engine: Engine, q: str, *, start: str, end: str, limit: int = 20,
                offset: int = 0) -> list[dict[str, Any]]:
    """:func:`storyline.store.queries.search_marked`'s hits (same fields, same order), in two
    steps on SQLite: rank the matches in the full-text index alone, then read and snippet the
    page's rows."""
    limit, offset = _bounded(limit, offset)
    if engine.dialect.name != "sqlite":
        return search_marked(engine, q, start=start, end=end, limit=limit, offset=offset)
    match = fts_query(q)
    if not match:
        return []
    with engine.connect() as conn:
        top = list(conn.execute(text(_TOP_SQL), {"match": match, "limit": limit, "offset": offset}).scalars())
        if not top:
            return []
        found = {row[0]: dict(zip(_HIT_FIELDS, row[1:], strict=True)) for row in conn.execute(
            text(_HIT_SQL), {"match": match, "rows": json.dumps(top), "max_chars": SNIPPET_MAX_CHARS,
                             "start": start, "end": end})}
        hits = [found[r] for r in top if r in found]
        for hit in hits:
            if hit["snippet"] is None:
                hit["snippet"] = _long_snippet(conn, hit["id"], q, start, end)
    return hits
