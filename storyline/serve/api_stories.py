"""The JSON API over stories: list, detail, cited brief, timeline, actor network, conflicts.

Registered when the ``stories`` tables exist (migration 3). Reads go through
:mod:`storyline.store.queries`; detail responses are cached by ETag (:mod:`.cache`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from storyline.errors import NotFoundError
from storyline.serve.api_articles import engine_of
from storyline.serve.brief import build_briefing
from storyline.serve.cache import cached
from storyline.serve.http import ApiError, JSONResponse
from storyline.serve.network import network
from storyline.serve.params import LIMIT, OFFSET, OUTLET, Param, parse_all
from storyline.serve.routing import Endpoint, RouteGroup
from storyline.serve.schemas import ref
from storyline.serve.story_view import conflicts_view, timeline
from storyline.serve.summary import cite_url, cited_summary, to_markdown
from storyline.store import queries
from storyline.store.queries import web
from storyline.store.story_pages import read_story_page

log = logging.getLogger("storyline.serve")
MAX_ID = 64
DATE = r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?"
SINCE = Param("since", "string", None, "Stories ending on or after this date (YYYY[-MM[-DD]]).",
              pattern=DATE, max_length=10)
UNTIL = Param("until", "string", None, "Stories starting on or before this date (YYYY[-MM[-DD]]).",
              pattern=DATE, max_length=10)
ENTITY = Param("entity", "string", None, "Only stories mentioning this entity id.", max_length=64)
TITLE_Q = Param("q", "string", None, "Words in the story title.", max_length=200)
LEVEL = Param("level", "string", "story", "story (one event or episode) or storyline (weeks).",
              choices=("story", "storyline"))
STORIES_PARAMS = (SINCE, UNTIL, OUTLET, ENTITY, TITLE_Q, LEVEL, LIMIT, OFFSET)


def story_filters(args: dict[str, Any]) -> dict[str, Any]:
    return {"level": args["level"], "start": args["since"], "end": args["until"],
            "outlet": args["outlet"], "entity": args["entity"], "q": args["q"]}


def list_stories(request: Request) -> JSONResponse:
    args = parse_all(STORIES_PARAMS, request.query_params)
    engine = engine_of(request)
    filters = story_filters(args)
    items = queries.list_stories(engine, **filters, limit=args["limit"], offset=args["offset"])
    return JSONResponse({"items": items, "total": queries.count_stories(engine, **filters),
                         "limit": args["limit"], "offset": args["offset"]})


#: Article summaries in a story response (oldest first); ``articles`` lists every id.
ARTICLE_SUMMARIES = 200


def load_story(request: Request) -> dict[str, Any]:
    """The story named in the path (id or unique prefix): :func:`web.story_page` (the
    ``get_story`` record with coverage by outlet and at most 200 article summaries), parsed
    from the stored page when there is one."""
    story_id = request.path_params["id"]
    if not story_id or len(story_id) > MAX_ID:
        raise ApiError(404, "SL-NOTFOUND", "no story with that id")
    with engine_of(request).connect() as conn:
        hit = read_story_page(conn, story_id)
    if hit is not None:
        story: dict[str, Any] = json.loads(hit[1])
        return story
    try:
        return web.story_page(engine_of(request), story_id, article_limit=ARTICLE_SUMMARIES)
    except NotFoundError as exc:
        raise ApiError(404, exc.code, exc.message, "GET /api/stories lists them") from None


def stored_page(request: Request) -> Response | None:
    """The story's precomputed page (:mod:`storyline.store.story_pages`) as stored bytes with
    its content hash as ETag (``304`` when the client has it), or None when none is stored."""
    story_id = request.path_params["id"]
    if not story_id or len(story_id) > MAX_ID:
        return None
    with engine_of(request).connect() as conn:
        hit = read_story_page(conn, story_id)
    if hit is None:
        return None
    etag, body = hit
    headers = {"etag": etag, "cache-control": "no-cache"}
    if etag in (t.strip() for t in request.headers.get("if-none-match", "").split(",")):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def story_detail(request: Request) -> Response:
    stored = stored_page(request)
    if stored is not None:
        return stored
    return cached(request, lambda: JSONResponse(load_story(request)))


BRIEF_PARAMS = (Param("format", "string", "json", "md, html or json.", choices=("md", "html", "json")),)


def brief(request: Request) -> Response:
    args = parse_all(BRIEF_PARAMS, request.query_params)

    def build() -> Response:
        story = load_story(request)
        engine = engine_of(request)
        report = None
        try:
            report = build_briefing(engine, story)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            log.exception("briefing of story %s failed; answering the claims summary", story["id"])
        if report is not None:
            if args["format"] == "md":
                return Response(report.to_markdown(), media_type="text/markdown; charset=utf-8")
            if args["format"] == "html":
                return HTMLResponse(report.to_html())
            data = report.to_dict()
            for source in data["sources"]:
                source["href"] = cite_url(source["article"], source["start"], source["end"])
            return JSONResponse(data)
        summary = cited_summary(story)  # fallback: the claims-only summary
        if args["format"] == "md":
            return Response(to_markdown(story, summary), media_type="text/markdown; charset=utf-8")
        if args["format"] == "html":
            env = request.app.state.templates
            html = env.get_template("_brief.html").render(story=story, summary=summary, standalone=True)
            return HTMLResponse(html)
        return JSONResponse({"story": story["id"], "headline": story["title"], **summary})

    return cached(request, build)


def story_timeline(request: Request) -> Response:
    def build() -> Response:
        story = load_story(request)
        events = queries.list_events(engine_of(request), story=story["id"], limit=500)
        return JSONResponse(timeline(story, events))

    return cached(request, build)


NETWORK_LIMIT = Param("limit", "integer", 60, "Edges, heaviest first.", minimum=1, maximum=500)


def story_network(request: Request) -> Response:
    args = parse_all((NETWORK_LIMIT,), request.query_params)

    def build() -> Response:
        story = load_story(request)
        edges = web.actor_edges(engine_of(request), story=story["id"], limit=args["limit"])
        return JSONResponse(network(edges))

    return cached(request, build)


CONFLICT_PARAMS = (Param("story", "string", None, "Only conflicts of this story or storyline id.",
                         max_length=64),
                   Param("kind", "string", None, "name, number, date, place, title, negation, "
                         "position, quote_variant ...", max_length=40), LIMIT, OFFSET)


def list_conflicts(request: Request) -> JSONResponse:
    args = parse_all(CONFLICT_PARAMS, request.query_params)
    engine = engine_of(request)
    rows = queries.list_conflicts(engine, story=args["story"], kind=args["kind"],
                                  limit=args["limit"] + 1, offset=args["offset"])
    ids = list({s["article"] for c in rows for s in c["sides"] if isinstance(s.get("article"), str)})
    summaries = list(queries.article_summaries(engine, ids).values()) if ids else []
    items = conflicts_view(rows[:args["limit"]], summaries)
    return JSONResponse({"items": items, "more": len(rows) > args["limit"],
                         "limit": args["limit"], "offset": args["offset"]})


ID = (("id", "Story id (st-… or sl-…), or a unique prefix of at least 6 characters."),)
_OBJ = {"type": "object"}


def _page(item: dict[str, Any], total: bool = True) -> dict[str, Any]:
    props: dict[str, Any] = {"items": {"type": "array", "items": item},
                             "limit": {"type": "integer"}, "offset": {"type": "integer"}}
    props["total" if total else "more"] = {"type": "integer" if total else "boolean"}
    return {"type": "object", "required": list(props), "properties": props}


ENDPOINTS = (
    Endpoint("/api/stories", list_stories, "Stories or storylines, latest first", "listStories",
             params=STORIES_PARAMS, response=_page(ref("StorySummary")), tag="stories"),
    Endpoint("/api/stories/{id}", story_detail, "One story: articles, coverage, claims, events, "
             "conflicts", "getStory", path_params=ID, response=ref("Story"), errors=(404,), tag="stories"),
    Endpoint("/api/stories/{id}/brief", brief, "The story's cited brief (md, html or json)",
             "getBrief", path_params=ID, params=BRIEF_PARAMS, errors=(400, 404), tag="stories",
             response=ref("Brief"), alt_media=("text/markdown", "text/html")),
    Endpoint("/api/stories/{id}/timeline", story_timeline, "Dated events and articles of a story",
             "getTimeline", path_params=ID, errors=(404,), tag="stories", response=ref("Timeline")),
    Endpoint("/api/stories/{id}/network", story_network, "Who acts on whom in a story (from events)",
             "getNetwork", path_params=ID, params=(NETWORK_LIMIT,), errors=(400, 404), tag="stories",
             response=ref("Network")),
    Endpoint("/api/conflicts", list_conflicts, "Where sources disagree", "listConflicts",
             params=CONFLICT_PARAMS, response=_page(ref("Conflict"), total=False), tag="stories"),
)

GROUP = RouteGroup("stories", requires=("stories", "story_articles", "story_results", "conflicts",
                                        "entities", "entity_articles", "events"),
                   endpoints=ENDPOINTS)
