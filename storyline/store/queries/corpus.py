"""Reads of the corpus-level record: stories, entities, quotes, events, positions, conflicts.

Article-local entity ids (in the stored analysis JSON and the flattened tables) are mapped to
corpus-wide identities through ``entity_articles`` here, at read time, so every renderer sees
corpus-wide ids and canonical names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select

from storyline.errors import NotFoundError
from storyline.store import schema
from storyline.store.queries.articles import _bounded

a = schema.articles.c
s = schema.stories.c
sa = schema.story_articles.c
e = schema.entities.c
ea = schema.entity_articles.c


# -- canonical identities for one article's analysis -------------------------------------------
def entity_links(conn: Connection, article_id: str) -> dict[str, tuple[str, str]]:
    """Local entity id → (corpus id, canonical name) for one article."""
    query = (select(ea.local_id, ea.entity_id, e.name)
             .select_from(schema.entity_articles.outerjoin(schema.entities, e.id == ea.entity_id))
             .where(ea.article_id == article_id))
    return {local: (eid, name) for local, eid, name in conn.execute(query)}


def _map_actor(actor: dict[str, Any] | None, links: Mapping[str, tuple[str, str]]) -> None:
    if actor and actor.get("entity") in links:
        eid, name = links[actor["entity"]]
        actor["entity"], actor["name"] = eid, name or actor.get("name")


def canonicalise(output: dict[str, Any], links: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """Rewrite an article record's entity ids (entities, quote speakers, event and position
    actors) to corpus-wide ids and names; the article's own name forms stay in ``aliases``."""
    if not links:
        return output
    for entity in output.get("entities", []):
        if entity["id"] in links:
            eid, name = links[entity["id"]]
            if name and name != entity["name"] and entity["name"] not in entity["aliases"]:
                entity["aliases"] = [entity["name"], *entity["aliases"]]
            entity["id"], entity["name"] = eid, name or entity["name"]
    for quote in output.get("quotes", []):
        _map_actor(quote.get("speaker"), links)
    for event in output.get("events", []):
        _map_actor(event.get("source"), links)
        _map_actor(event.get("target"), links)
    for position in output.get("positions", []):
        _map_actor(position.get("actor"), links)
    return output


# -- stories --------------------------------------------------------------------------------
def _story_row(row: Any) -> dict[str, Any]:
    data = dict(row._mapping)
    data["key_phrases"] = json.loads(data["key_phrases"])
    return data


STORY_COLUMNS = (s.id, s.level, s.parent, s.title, s.start, s.end, s.n_articles, s.n_outlets,
                 s.key_phrases)


def _story_filter(level: str | None, start: str | None, end: str | None, outlet: str | None,
                  entity: str | None, q: str | None) -> list[Any]:
    where: list[Any] = []
    if level:
        where.append(s.level == level)
    if start:
        where.append(or_(s.end.is_(None), s.end >= start))
    if end:
        where.append(or_(s.start.is_(None), s.start <= end + "\uffff"))
    member = sa.story_id if level != "storyline" else sa.storyline_id
    if outlet:
        where.append(s.id.in_(select(member).join(schema.articles, a.id == sa.article_id)
                              .where(a.outlet == outlet)))
    if entity:
        where.append(s.id.in_(select(member).join(schema.entity_articles,
                                                  ea.article_id == sa.article_id)
                              .where(ea.entity_id == entity)))
    if q:
        where.append(s.title.ilike(f"%{q[:200]}%"))
    return where


def list_stories(engine: Engine, *, level: str | None = "story", start: str | None = None,
                 end: str | None = None, outlet: str | None = None, entity: str | None = None,
                 q: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories (or storylines), latest first, filtered by date overlap, outlet, entity, title."""
    limit, offset = _bounded(limit, offset)
    query = (select(*STORY_COLUMNS).where(*_story_filter(level, start, end, outlet, entity, q))
             .order_by(s.end.desc().nulls_last(), s.n_articles.desc(), s.seq)
             .limit(limit).offset(offset))
    with engine.connect() as conn:
        return [_story_row(r) for r in conn.execute(query)]


def count_stories(engine: Engine, *, level: str | None = "story", start: str | None = None,
                  end: str | None = None, outlet: str | None = None, entity: str | None = None,
                  q: str | None = None) -> int:
    query = select(func.count()).select_from(schema.stories).where(
        *_story_filter(level, start, end, outlet, entity, q))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def resolve_story_id(engine: Engine, story_id: str) -> str:
    with engine.connect() as conn:
        if conn.execute(select(s.id).where(s.id == story_id)).scalar():
            return story_id
        if len(story_id) >= 6:
            found = list(conn.execute(select(s.id).where(s.id.startswith(story_id, autoescape=True))
                                      .limit(2)).scalars())
            if len(found) == 1:
                return str(found[0])
    raise NotFoundError(f"no story with id {story_id!r}", hint="storyline stories lists them")


def get_story(engine: Engine, story_id: str) -> dict[str, Any]:
    """One story or storyline: its record (OUTPUT.md), article summaries, child stories,
    conflicts, claims and merged events."""
    full = resolve_story_id(engine, story_id)
    with engine.connect() as conn:
        story = _story_row(conn.execute(select(*STORY_COLUMNS).where(s.id == full)).one())
        member = sa.story_id if story["level"] == "story" else sa.storyline_id
        rows = conn.execute(
            select(a.id, a.title, a.outlet, a.published, a.published_granularity, a.duplicate_of,
                   sa.story_id).join(schema.story_articles, sa.article_id == a.id)
            .where(member == full).order_by(a.published.nulls_last(), a.seq)).mappings().all()
        story["articles"] = [r["id"] for r in rows]
        story["article_summaries"] = [dict(r) for r in rows]
        if story["level"] == "storyline":
            story["stories"] = [_story_row(r) for r in conn.execute(
                select(*STORY_COLUMNS).where(s.parent == full).order_by(s.start.nulls_last(), s.seq))]
        else:
            story["storyline"] = story["parent"]
        ids = [full] if story["level"] == "story" else [x["id"] for x in story["stories"]]
        story["conflicts"] = _conflicts(conn, ids)
        results = conn.execute(select(schema.story_results).where(
            schema.story_results.c.story_id.in_(ids))).mappings().all()
        story["claims"] = [c for r in results for c in json.loads(r["claims"])]
        story["events"] = [x for r in results for x in json.loads(r["events"])]
    return story


def story_article_ids(engine: Engine, story_id: str) -> list[str]:
    return get_story(engine, story_id)["articles"]


# -- conflicts ------------------------------------------------------------------------------
def _conflict_row(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {"id": row["id"], "story": row["story_id"], "kind": row["kind"],
            "about": row["about"], "sides": json.loads(row["sides"])}


def _conflicts(conn: Connection, story_ids: list[str]) -> list[dict[str, Any]]:
    c = schema.conflicts.c
    rows = conn.execute(select(schema.conflicts).where(c.story_id.in_(story_ids))
                        .order_by(c.story_id, c.kind, c.id)).mappings()
    return [_conflict_row(r) for r in rows]


def list_conflicts(engine: Engine, *, story: str | None = None, kind: str | None = None,
                   limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    limit, offset = _bounded(limit, offset)
    c = schema.conflicts.c
    where = []
    if story:
        where.append(or_(c.story_id == story,
                         c.story_id.in_(select(s.id).where(s.parent == story))))
    if kind:
        where.append(c.kind == kind)
    with engine.connect() as conn:
        rows = conn.execute(select(schema.conflicts).where(*where).order_by(c.story_id, c.kind, c.id)
                            .limit(limit).offset(offset)).mappings()
        return [_conflict_row(r) for r in rows]


# -- entities -------------------------------------------------------------------------------
def _entity_row(row: Mapping[Any, Any]) -> dict[str, Any]:
    data = dict(row)
    for key in ("aliases", "roles", "merges"):
        data[key] = json.loads(data[key])
    return data


def list_entities(engine: Engine, *, q: str | None = None, type: str | None = None,
                  story: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Canonical entities, most widely reported first."""
    limit, offset = _bounded(limit, offset)
    where: list[Any] = []
    if q:
        pattern = f"%{q[:200]}%"
        where.append(or_(e.name.ilike(pattern), e.aliases.ilike(pattern)))
    if type:
        where.append(e.type == type.upper())
    if story:
        where.append(e.id.in_(select(ea.entity_id).join(schema.story_articles,
                                                         sa.article_id == ea.article_id)
                              .where(or_(sa.story_id == story, sa.storyline_id == story))))
    query = (select(schema.entities).where(*where)
             .order_by(e.n_articles.desc(), e.n_mentions.desc(), e.name).limit(limit).offset(offset))
    with engine.connect() as conn:
        return [_entity_row(r) for r in conn.execute(query).mappings()]


def get_entity(engine: Engine, entity_id: str, *, limit: int = 200) -> dict[str, Any]:
    """One identity with its articles, quotes, events and positions."""
    with engine.connect() as conn:
        row = conn.execute(select(schema.entities).where(e.id == entity_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id!r}",
                                hint="storyline entities lists them")
        entity = _entity_row(row)
        entity["articles"] = list(conn.execute(
            select(ea.article_id).join(schema.articles, a.id == ea.article_id)
            .where(ea.entity_id == entity_id).order_by(a.published.nulls_last(), a.seq)
            .limit(limit)).scalars())
    entity["quotes"] = list_quotes(engine, entity=entity_id, limit=limit)
    entity["events"] = list_events(engine, entity=entity_id, limit=limit)
    entity["positions"] = list_positions(engine, entity=entity_id, limit=limit)
    return entity


# -- quotes, events, positions --------------------------------------------------------------
def _resolved(table: Any, local: Any, label: str) -> tuple[Any, Any, Any]:
    """Aliased entity_articles and entities joined to ``table.local`` (outer joins)."""
    alias = schema.entity_articles.alias(f"ea_{label}")
    ent = schema.entities.alias(f"e_{label}")
    joined = and_(alias.c.article_id == table.c.article_id, alias.c.local_id == local)
    return alias, ent, joined


def _in_story(table: Any, story: str) -> Any:
    """``table``'s row belongs to an article of the story or storyline ``story``."""
    return table.c.article_id.in_(select(sa.article_id).where(
        or_(sa.story_id == story, sa.storyline_id == story)))


def list_quotes(engine: Engine, *, speaker: str | None = None, entity: str | None = None,
                story: str | None = None, kind: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Quotes with their corpus-wide speaker; ``speaker`` matches the speaker's name or alias."""
    limit, offset = _bounded(limit, offset)
    t = schema.quotes
    link, ent, joined = _resolved(t, t.c.speaker_local, "speaker")
    query = (select(t, link.c.entity_id.label("speaker_entity"), ent.c.name.label("speaker_canonical"),
                    a.title, a.outlet, a.published)
             .select_from(t.join(schema.articles, a.id == t.c.article_id)
                          .outerjoin(link, joined).outerjoin(ent, ent.c.id == link.c.entity_id)))
    if speaker:
        pattern = f"%{speaker[:200]}%"
        query = query.where(or_(t.c.speaker_name.ilike(pattern), ent.c.name.ilike(pattern),
                                ent.c.aliases.ilike(pattern)))
    if entity:
        query = query.where(link.c.entity_id == entity)
    if kind:
        query = query.where(t.c.kind == kind)
    if story:
        query = query.where(_in_story(t, story))
    query = query.order_by(a.published.nulls_last(), a.seq, t.c.idx).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [{"article": r["article_id"], "title": r["title"], "outlet": r["outlet"],
                 "published": r["published"], "text": r["text"], "kind": r["kind"],
                 "start": r["start"], "end": r["end"], "cue": r["cue"],
                 "speaker": {"entity": r["speaker_entity"],
                             "name": r["speaker_canonical"] or r["speaker_name"]}}
                for r in conn.execute(query).mappings()]


def list_events(engine: Engine, *, entity: str | None = None, story: str | None = None,
                type: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    limit, offset = _bounded(limit, offset)
    t = schema.events
    src, src_e, src_on = _resolved(t, t.c.source_local, "source")
    tgt, tgt_e, tgt_on = _resolved(t, t.c.target_local, "target")
    query = (select(t, src.c.entity_id.label("source_entity"), src_e.c.name.label("source_canonical"),
                    tgt.c.entity_id.label("target_entity"), tgt_e.c.name.label("target_canonical"),
                    a.title, a.outlet, a.published.label("article_published"))
             .select_from(t.join(schema.articles, a.id == t.c.article_id)
                          .outerjoin(src, src_on).outerjoin(src_e, src_e.c.id == src.c.entity_id)
                          .outerjoin(tgt, tgt_on).outerjoin(tgt_e, tgt_e.c.id == tgt.c.entity_id)))
    if entity:
        query = query.where(or_(src.c.entity_id == entity, tgt.c.entity_id == entity))
    if type:
        query = query.where(t.c.type == type.upper())
    if story:
        query = query.where(_in_story(t, story))
    query = query.order_by(t.c.date.nulls_last(), a.seq, t.c.idx).limit(limit).offset(offset)
    with engine.connect() as conn:
        out = []
        for r in conn.execute(query).mappings():
            out.append({
                "article": r["article_id"], "title": r["title"], "outlet": r["outlet"],
                "type": r["type"], "mode": r["mode"], "cameo": r["cameo"],
                "source": {"entity": r["source_entity"],
                           "name": r["source_canonical"] or r["source_name"]},
                "target": ({"entity": r["target_entity"],
                            "name": r["target_canonical"] or r["target_name"]}
                           if r["target_name"] or r["target_entity"] else None),
                "location": r["location"],
                "date": {"value": r["date"], "granularity": r["granularity"],
                         "resolved": bool(r["date_resolved"])},
                "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
                "future": bool(r["future"]), "historical": bool(r["historical"]),
                "condition": r["condition"], "sentence": {"start": r["start"], "end": r["end"]}})
        return out


def list_positions(engine: Engine, *, entity: str | None = None, story: str | None = None,
                   issue: str | None = None, limit: int = 100,
                   offset: int = 0) -> list[dict[str, Any]]:
    limit, offset = _bounded(limit, offset)
    t = schema.positions
    link, ent, joined = _resolved(t, t.c.actor_local, "actor")
    query = (select(t, link.c.entity_id.label("actor_entity"), ent.c.name.label("actor_canonical"),
                    a.title, a.outlet, a.published)
             .select_from(t.join(schema.articles, a.id == t.c.article_id)
                          .outerjoin(link, joined).outerjoin(ent, ent.c.id == link.c.entity_id)))
    if entity:
        query = query.where(link.c.entity_id == entity)
    if issue:
        query = query.where(t.c.issue == issue)
    if story:
        query = query.where(_in_story(t, story))
    query = query.order_by(a.published.nulls_last(), a.seq, t.c.idx).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [{"article": r["article_id"], "title": r["title"], "outlet": r["outlet"],
                 "published": r["published"],
                 "actor": {"entity": r["actor_entity"], "name": r["actor_canonical"] or r["actor_name"]},
                 "issue": r["issue"], "stance": r["stance"], "condition": r["condition"],
                 "evidence": {"start": r["start"], "end": r["end"]}}
                for r in conn.execute(query).mappings()]
