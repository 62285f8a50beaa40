"""The JSON API over the corpus-wide record: entities, quotes, events, positions, and the actor
network as GraphML.

Registered when the corpus tables exist (migration 3). Lists answer
``{"items", "limit", "offset", "more"}``: ``more`` says whether a next page exists (counting
every match of a filtered join on a large corpus costs more than the page itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from storyline.errors import NotFoundError
from storyline.serve.api_articles import engine_of
from storyline.serve.cache import cached
from storyline.serve.http import ApiError, JSONResponse
from storyline.serve.network import graphml, network
from storyline.serve.params import LIMIT, OFFSET, Param, parse_all
from storyline.serve.routing import Endpoint, RouteGroup
from storyline.serve.schemas import ref
from storyline.store import queries
from storyline.store.queries import web

MAX_ID = 64
STORY = Param("story", "string", None, "Only within this story or storyline id.", max_length=64)
ENTITY = Param("entity", "string", None, "Only those involving this entity id.", max_length=64)
ENTITY_TYPE = Param("type", "string", None, "Entity type: PERSON, ORG, GPE, LOC, ...", max_length=16)
NAME_Q = Param("q", "string", None, "Words in the name or an alias.", max_length=200)


def _more(fetch: Callable[[int], list[dict[str, Any]]], args: dict[str, Any]) -> dict[str, Any]:
    rows = fetch(args["limit"] + 1)
    return {"items": rows[:args["limit"]], "more": len(rows) > args["limit"],
            "limit": args["limit"], "offset": args["offset"]}


ENTITIES_PARAMS = (NAME_Q, ENTITY_TYPE, STORY, LIMIT, OFFSET)


def list_entities(request: Request) -> JSONResponse:
    args = parse_all(ENTITIES_PARAMS, request.query_params)
    engine = engine_of(request)
    return JSONResponse(_more(lambda n: queries.list_entities(
        engine, q=args["q"], type=args["type"], story=args["story"], limit=n, offset=args["offset"]),
        args))


def load_entity(request: Request) -> dict[str, Any]:
    entity_id = request.path_params["id"]
    if not entity_id or len(entity_id) > MAX_ID:
        raise ApiError(404, "SL-NOTFOUND", "no entity with that id")
    engine = engine_of(request)
    try:
        entity = queries.get_entity(engine, entity_id, limit=200)
    except NotFoundError as exc:
        raise ApiError(404, exc.code, exc.message, "GET /api/entities lists them") from None
    entity["stories"] = web.entity_stories(engine, entity_id, limit=50)
    return entity


def entity_detail(request: Request) -> Response:
    return cached(request, lambda: JSONResponse(load_entity(request)))


QUOTES_PARAMS = (Param("speaker", "string", None, "Words in the speaker's name or an alias.",
                       max_length=200), ENTITY, STORY,
                 Param("kind", "string", None, "direct, partial or indirect.",
                       choices=("direct", "partial", "indirect")), LIMIT, OFFSET)


def list_quotes(request: Request) -> JSONResponse:
    args = parse_all(QUOTES_PARAMS, request.query_params)
    engine = engine_of(request)
    return JSONResponse(_more(lambda n: queries.list_quotes(
        engine, speaker=args["speaker"], entity=args["entity"], story=args["story"],
        kind=args["kind"], limit=n, offset=args["offset"]), args))


EVENTS_PARAMS = (ENTITY, STORY, Param("type", "string", None, "PLOVER event type, e.g. CONSULT.",
                                      max_length=16), LIMIT, OFFSET)


def list_events(request: Request) -> JSONResponse:
    args = parse_all(EVENTS_PARAMS, request.query_params)
    engine = engine_of(request)
    return JSONResponse(_more(lambda n: queries.list_events(
        engine, entity=args["entity"], story=args["story"], type=args["type"], limit=n,
        offset=args["offset"]), args))


POSITIONS_PARAMS = (ENTITY, STORY, Param("issue", "string", None, "The issue, as stored.",
                                         max_length=200), LIMIT, OFFSET)


def list_positions(request: Request) -> JSONResponse:
    args = parse_all(POSITIONS_PARAMS, request.query_params)
    engine = engine_of(request)
    return JSONResponse(_more(lambda n: queries.list_positions(
        engine, entity=args["entity"], story=args["story"], issue=args["issue"], limit=n,
        offset=args["offset"]), args))


GRAPH_PARAMS = (STORY, ENTITY, Param("limit", "integer", 2000, "Edges, heaviest first.",
                                     minimum=1, maximum=20000))


def export_graphml(request: Request) -> StreamingResponse:
    args = parse_all(GRAPH_PARAMS, request.query_params)
    edges = web.actor_edges(engine_of(request), story=args["story"], entity=args["entity"],
                            limit=args["limit"])
    return StreamingResponse(graphml(network(edges)), media_type="application/graphml+xml", headers={
        "content-disposition": 'attachment; filename="storyline-actors.graphml"'})


def _list(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["items", "more", "limit", "offset"], "properties": {
        "items": {"type": "array", "items": item}, "more": {"type": "boolean"},
        "limit": {"type": "integer"}, "offset": {"type": "integer"}}}


ID = (("id", "Entity id (corpus-wide)."),)

ENDPOINTS = (
    Endpoint("/api/entities", list_entities, "Canonical entities, most widely reported first",
             "listEntities", params=ENTITIES_PARAMS, response=_list(ref("EntitySummary")),
             tag="entities"),
    Endpoint("/api/entities/{id}", entity_detail, "One entity: aliases, roles, stories, articles, "
             "quotes, events, positions", "getEntity", path_params=ID, response=ref("EntityDetail"),
             errors=(404,), tag="entities"),
    Endpoint("/api/quotes", list_quotes, "Quotes with their speakers", "listQuotes",
             params=QUOTES_PARAMS, response=_list(ref("QuoteRow")), tag="entities"),
    Endpoint("/api/events", list_events, "Coded events (PLOVER) with actors", "listEvents",
             params=EVENTS_PARAMS, response=_list(ref("EventRow")), tag="entities"),
    Endpoint("/api/positions", list_positions, "Actors' positions on issues", "listPositions",
             params=POSITIONS_PARAMS, response=_list(ref("PositionRow")), tag="entities"),
    Endpoint("/api/export/network.graphml", export_graphml, "The actor network (who acts on whom) "
             "as GraphML", "exportGraphml", params=GRAPH_PARAMS, media_type="application/graphml+xml",
             response={"type": "string"}, tag="exports"),
)

GROUP = RouteGroup("entities", requires=("entities", "entity_articles", "quotes", "events",
                                         "positions", "story_articles"),
                   endpoints=ENDPOINTS)
