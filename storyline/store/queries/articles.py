"""Reads of articles, duplicates, rejections and runs (see :mod:`storyline.store.queries`).

Functions take a SQLAlchemy ``Engine`` and return plain dicts and lists, ready for JSON.
All SQL is parameterised; user search text is turned into quoted FTS terms, never spliced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, text

from storyline.errors import NotFoundError
from storyline.store import schema
from storyline.store.rows import row_to_output

a = schema.articles.c
MAX_LIMIT = 1000
_TERM = re.compile(r"\w+", re.UNICODE)

SUMMARY_COLUMNS = (a.id, a.seq, a.title, a.outlet, a.published, a.published_granularity,
                   a.input, a.url, a.language, a.supported, a.duplicate_of)


def _bounded(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _summary(row: Any) -> dict[str, Any]:
    data = dict(row._mapping)
    data["supported"] = bool(data["supported"])
    return data


def count_articles(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar() or 0)


def fts_query(q: str) -> str:
    """User text → an FTS5 query of quoted terms (all must match); empty when no terms."""
    return " ".join(f'"{term}"' for term in _TERM.findall(q)[:32])


def list_articles(engine: Engine, *, q: str | None = None, outlet: str | None = None,
                  canonical_only: bool = False, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles in ingest order, optionally filtered by a full-text query and outlet."""
    if q:
        return filter_articles(engine, q=q, outlet=outlet, canonical_only=canonical_only,
                               limit=limit, offset=offset)[0]
    limit, offset = _bounded(limit, offset)
    query = select(*SUMMARY_COLUMNS).order_by(a.seq).limit(limit).offset(offset)
    conditions = []
    if outlet:
        conditions.append(a.outlet == outlet)
    if canonical_only:
        conditions.append(a.duplicate_of.is_(None))
    if conditions:
        query = query.where(and_(*conditions))
    with engine.connect() as conn:
        return [_summary(row) for row in conn.execute(query)]


def search(engine: Engine, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Full-text search over titles and texts, best first, with a short snippet."""
    limit, offset = _bounded(limit, offset)
    if engine.dialect.name == "postgresql":
        sql = text(
            "SELECT id, title, outlet, published, "
            "ts_headline('english', text, plainto_tsquery('english', :q), "
            "'MaxWords=30, MinWords=10, StartSel=[, StopSel=]') AS snippet "
            "FROM articles WHERE tsv @@ plainto_tsquery('english', :q) "
            "ORDER BY ts_rank(tsv, plainto_tsquery('english', :q)) DESC, seq "
            "LIMIT :limit OFFSET :offset"
        )
        params: dict[str, Any] = {"q": q, "limit": limit, "offset": offset}
    else:
        return search_marked(engine, q, start="[", end="]", limit=limit, offset=offset)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(sql, params)]


def resolve_id(engine: Engine, article_id: str) -> str:
    """The full id for an id or a unique prefix of at least 4 characters."""
    with engine.connect() as conn:
        if conn.execute(select(a.id).where(a.id == article_id)).first():
            return article_id
        if len(article_id) >= 4 and re.fullmatch(r"[0-9a-f]+", article_id):
            found = list(conn.execute(select(a.id).where(a.id.like(f"{article_id}%")).limit(2)).scalars())
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise NotFoundError(f"id prefix {article_id!r} matches more than one article",
                                    hint="give more characters of the id")
    raise NotFoundError(f"no article with id {article_id!r}", hint="storyline articles lists them")


def get_article(engine: Engine, article_id: str) -> dict[str, Any]:
    """The full per-article record (OUTPUT.md) plus its duplicate group."""
    full_id = resolve_id(engine, article_id)
    with engine.connect() as conn:
        row = conn.execute(select(schema.articles).where(a.id == full_id)).mappings().one()
        output = canonicalise(row_to_output(row), entity_links(conn, full_id))
        canonical = row["duplicate_of"] or row["id"]
        output["duplicates"] = list(conn.execute(
            select(a.id).where(or_(a.duplicate_of == canonical, a.id == canonical), a.id != full_id)
            .order_by(a.seq)).scalars())
    return output


def iter_article_outputs(engine: Engine, *, canonical_only: bool = False) -> Iterator[dict[str, Any]]:
    """Every stored article as its OUTPUT.md record, in ingest order (streamed)."""
    query = select(schema.articles).order_by(a.seq)
    if canonical_only:
        query = query.where(a.duplicate_of.is_(None))
    with engine.connect() as conn:
        rows = conn.execution_options(yield_per=200).execute(query).mappings()
        with engine.connect() as links:
            for row in rows:
                yield canonicalise(row_to_output(row), entity_links(links, row["id"]))


def list_rejections(engine: Engine, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    limit, offset = _bounded(limit, offset)
    r = schema.rejections.c
    query = (select(r.id, r.input, r.record_id, r.code, r.reason, r.stage, r.run_id)
             .order_by(r.id).limit(limit).offset(offset))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def duplicate_groups(engine: Engine) -> list[dict[str, Any]]:
    """Groups with more than one member: the canonical id and its duplicates."""
    query = (select(a.duplicate_of, func.count(), func.min(a.seq))
             .where(a.duplicate_of.is_not(None)).group_by(a.duplicate_of).order_by(func.min(a.seq)))
    with engine.connect() as conn:
        groups = []
        for canonical, _count, _first in conn.execute(query):
            members = list(conn.execute(select(a.id).where(a.duplicate_of == canonical)
                                        .order_by(a.seq)).scalars())
            groups.append({"canonical": canonical, "duplicates": members})
        return groups


def list_runs(engine: Engine, *, limit: int = 20) -> list[dict[str, Any]]:
    r = schema.runs.c
    with engine.connect() as conn:
        rows = conn.execute(select(schema.runs).order_by(r.id.desc()).limit(limit)).mappings()
        return [{**row, "inputs": json.loads(row["inputs"]),
                 "counts": json.loads(row["counts"]) if row["counts"] else None} for row in rows]


def stats(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            "articles": int(conn.execute(select(func.count()).select_from(schema.articles)).scalar() or 0),
            "canonical": int(conn.execute(select(func.count()).select_from(schema.articles)
                                          .where(a.duplicate_of.is_(None))).scalar() or 0),
            "rejections": int(conn.execute(select(func.count()).select_from(schema.rejections)).scalar() or 0),
        }


# --- added for storyline serve (HTTP API and web UI) ------------------------------------------

def latest_articles(engine: Engine, *, limit: int = 10) -> list[dict[str, Any]]:
    """The most recently ingested articles, newest first."""
    limit, _ = _bounded(limit, 0)
    query = select(*SUMMARY_COLUMNS).order_by(a.seq.desc()).limit(limit)
    with engine.connect() as conn:
        return [_summary(row) for row in conn.execute(query)]


def list_outlets(engine: Engine, *, limit: int = 500) -> list[dict[str, Any]]:
    """Outlets with their article counts, most articles first."""
    limit, _ = _bounded(limit, 0)
    query = (select(a.outlet, func.count().label("articles")).where(a.outlet.is_not(None))
             .group_by(a.outlet).order_by(func.count().desc(), a.outlet).limit(limit))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def article_summaries(engine: Engine, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Summary rows (no text) for the given ids, keyed by id; unknown ids are left out."""
    found: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for row in conn.execute(select(*SUMMARY_COLUMNS).where(a.id.in_(chunk))):
                found[row.id] = _summary(row)
    return found


def count_duplicate_groups(engine: Engine) -> int:
    query = select(func.count(func.distinct(a.duplicate_of))).where(a.duplicate_of.is_not(None))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def duplicate_groups_page(engine: Engine, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """A page of :func:`duplicate_groups` (same shape), in order of the group's first article."""
    limit, offset = _bounded(limit, offset)
    groups_query = (select(a.duplicate_of).where(a.duplicate_of.is_not(None))
                    .group_by(a.duplicate_of).order_by(func.min(a.seq)).limit(limit).offset(offset))
    with engine.connect() as conn:
        canonicals = list(conn.execute(groups_query).scalars())
        members: dict[str, list[str]] = {c: [] for c in canonicals}
        if canonicals:
            rows = conn.execute(select(a.id, a.duplicate_of).where(a.duplicate_of.in_(canonicals))
                                .order_by(a.seq))
            for article_id, canonical in rows:
                members[canonical].append(article_id)
    return [{"canonical": c, "duplicates": members[c]} for c in canonicals]


def count_rejections(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.rejections)).scalar() or 0)


#: Texts longer than this get a snippet from :func:`_long_snippet` instead of FTS5 ``snippet()``,
#: whose cost grows with the number of matches in one document (minutes on a 10 MB article).
SNIPPET_MAX_CHARS = 200_000


def _long_snippet(conn: Any, article_id: str, q: str, start: str, end: str) -> str:
    """A snippet around the first occurrence of the first query term, terms marked in Python."""
    terms = _TERM.findall(q)[:32]
    row = None
    for variant in dict.fromkeys([terms[0], terms[0].lower(), terms[0].capitalize()] if terms else []):
        row = conn.execute(text(
            "SELECT substr(text, max(1, instr(text, :term) - 120), 320) FROM articles "
            "WHERE id = :id AND instr(text, :term) > 0"), {"term": variant, "id": article_id}).first()
        if row:
            break
    if row is None:
        row = conn.execute(text("SELECT substr(text, 1, 320) FROM articles WHERE id = :id"),
                           {"id": article_id}).first()
    piece = (row[0] if row else "") or ""
    if not terms:
        return piece
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
    return " … " + pattern.sub(lambda m: f"{start}{m.group(0)}{end}", piece) + " … "


def search_marked(engine: Engine, q: str, *, start: str, end: str, limit: int = 20,
                  offset: int = 0) -> list[dict[str, Any]]:
    """Like :func:`search`, but the snippet marks matches with ``start``/``end`` (bound as SQL
    parameters), so a renderer can use markers that cannot be confused with article text.
    Very long articles get a cheap snippet (see :data:`SNIPPET_MAX_CHARS`)."""
    limit, offset = _bounded(limit, offset)
    if engine.dialect.name == "postgresql":
        hits = search(engine, q, limit=limit, offset=offset)
        for hit in hits:
            hit["snippet"] = (hit.get("snippet") or "").replace("[", start).replace("]", end)
        return hits
    match = fts_query(q)
    if not match:
        return []
    sql = text(
        "SELECT articles.id, articles.title, articles.outlet, articles.published, "
        "articles.duplicate_of, CASE WHEN length(articles.text) <= :max_chars "
        "THEN snippet(articles_fts, 1, :start, :end, ' … ', 24) END AS snippet "
        "FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH :match ORDER BY bm25(articles_fts), articles.seq "
        "LIMIT :limit OFFSET :offset"
    )
    params = {"match": match, "start": start, "end": end, "limit": limit, "offset": offset,
              "max_chars": SNIPPET_MAX_CHARS}
    with engine.connect() as conn:
        hits = [dict(row._mapping) for row in conn.execute(sql, params)]
        for hit in hits:
            if hit["snippet"] is None:
                hit["snippet"] = _long_snippet(conn, hit["id"], q, start, end)
    return hits


def filter_articles(engine: Engine, *, q: str | None = None, outlet: str | None = None,
                    canonical_only: bool = False, limit: int = 50,
                    offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """A page of :func:`list_articles` and the total, matching ``q`` without computing
    snippets (cheap however long the matching articles are)."""
    limit, offset = _bounded(limit, offset)
    conditions: list[Any] = []
    if outlet:
        conditions.append(a.outlet == outlet)
    if canonical_only:
        conditions.append(a.duplicate_of.is_(None))
    if q:
        if engine.dialect.name == "postgresql" or not fts_query(q):
            conditions.append(a.id.in_([h["id"] for h in search(engine, q, limit=MAX_LIMIT)]))
        else:
            conditions.append(text("articles.rowid IN (SELECT rowid FROM articles_fts "
                                   "WHERE articles_fts MATCH :match)").bindparams(match=fts_query(q)))
    where = and_(*conditions) if conditions else None
    page = select(*SUMMARY_COLUMNS).order_by(a.seq).limit(limit).offset(offset)
    total = select(func.count()).select_from(schema.articles)
    if where is not None:
        page, total = page.where(where), total.where(where)
    with engine.connect() as conn:
        rows = [_summary(row) for row in conn.execute(page)]
        return rows, int(conn.execute(total).scalar() or 0)


def count_search(engine: Engine, q: str) -> int:
    """How many articles match a full-text query (capped at 10,000 for speed)."""
    if engine.dialect.name == "postgresql":
        return len(search(engine, q, limit=MAX_LIMIT))
    match = fts_query(q)
    if not match:
        return 0
    sql = text("SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match "
               "LIMIT 10000)")
    with engine.connect() as conn:
        return int(conn.execute(sql, {"match": match}).scalar() or 0)


def count_outlets(engine: Engine) -> int:
    """How many distinct outlet names are stored."""
    query = select(func.count(func.distinct(a.outlet))).where(a.outlet.is_not(None))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


from storyline.store.queries.corpus import canonicalise, entity_links  # noqa: E402  (builds on this module)
