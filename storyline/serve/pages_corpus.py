"""The web UI's corpus pages: story list, story page, entity list, entity page.

They read the same functions as the JSON API (:mod:`.api_stories`, :mod:`.api_entities`, over
:mod:`storyline.store.queries`). The story page is rendered in one response (cited summary,
positions, quotes by speaker, conflicts side by side, coverage, articles); the timeline and the
actor network are drawn by ``/static/story.js`` from ``/api/stories/{id}/timeline`` and
``/network``, with a plain list in the page for readers without JavaScript.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from storyline.serve.api_articles import engine_of
from storyline.serve.api_entities import ENTITY_TYPE, NAME_Q, load_entity
from storyline.serve.api_stories import STORIES_PARAMS, load_story, story_filters
from storyline.serve.brief import briefing_dict
from storyline.serve.cache import cached
from storyline.serve.pages import pagination
from storyline.serve.params import OFFSET, Param, parse_all
from storyline.serve.render import render
from storyline.serve.routing import RouteGroup
from storyline.serve.story_view import conflicts_view, quotes_by_speaker
from storyline.serve.summary import cite_url, cited_summary
from storyline.store import queries
from storyline.store.queries import web

PAGE_ROWS = 50
#: Rows of each panel on a story page (quotes, positions); the API pages through the rest.
PANEL_ROWS = 200


def stories(request: Request) -> Response:
    args = parse_all(STORIES_PARAMS, request.query_params)
    engine = engine_of(request)
    filters = story_filters(args)
    rows = queries.list_stories(engine, **filters, limit=args["limit"], offset=args["offset"])
    total = queries.count_stories(engine, **filters)
    params = {k: args[k] for k in ("since", "until", "outlet", "entity", "q")}
    if args["level"] != "story":
        params["level"] = args["level"]
    entity = (_entity_name(engine, args["entity"]) or args["entity"]) if args["entity"] else None
    return render(request, "stories.html", rows=rows, args=args, entity_name=entity,
                  outlets=queries.list_outlets(engine, limit=300),
                  entities=queries.list_entities(engine, limit=40),
                  pager=pagination("/stories", params, total, args["limit"], args["offset"]))


def _entity_name(engine: Any, entity_id: str) -> str | None:
    for node in web.iter_entity_nodes(engine, [entity_id]):
        return str(node["name"])
    return None


def story(request: Request) -> Response:
    story_id = request.path_params["id"]

    def build() -> Response:
        record = load_story(request)
        if record["id"] != story_id:
            return RedirectResponse(f"/stories/{record['id']}", 302)
        engine = engine_of(request)
        brief = briefing_dict(engine, record)
        summary = cited_summary(record) if brief is None else None
        quotes = queries.list_quotes(engine, story=record["id"], limit=PANEL_ROWS)
        positions = queries.list_positions(engine, story=record["id"], limit=PANEL_ROWS)
        for position in positions:
            evidence = position.get("evidence") or {}
            position["href"] = cite_url(position["article"], evidence.get("start"), evidence.get("end"))
        return render(request, "story.html", s=record, summary=summary, brief=brief,
                      speakers=quotes_by_speaker(quotes), n_quotes=len(quotes),
                      positions=positions, entities=web.story_entities(engine, record["id"], limit=30),
                      conflicts=conflicts_view(record["conflicts"], record["article_summaries"]),
                      panel_rows=PANEL_ROWS)

    return cached(request, build)


ENTITY_PAGE_PARAMS = (NAME_Q, ENTITY_TYPE, Param("limit", "integer", PAGE_ROWS, "Rows per page.",
                                                 minimum=1, maximum=200), OFFSET)


def entities(request: Request) -> Response:
    args = parse_all(ENTITY_PAGE_PARAMS, request.query_params)
    engine = engine_of(request)
    rows = queries.list_entities(engine, q=args["q"], type=args["type"], limit=args["limit"] + 1,
                                 offset=args["offset"])
    params = {k: args[k] for k in ("q", "type")}
    known = args["offset"] + min(len(rows), args["limit"]) + (1 if len(rows) > args["limit"] else 0)
    return render(request, "entities.html", rows=rows[:args["limit"]], args=args,
                  pager=pagination("/entities", params, known, args["limit"], args["offset"]))


def entity(request: Request) -> Response:
    def build() -> Response:
        record = load_entity(request)
        engine = engine_of(request)
        summaries = queries.article_summaries(engine, record["articles"][:PANEL_ROWS])
        for quote in record["quotes"]:
            quote["href"] = cite_url(quote["article"], quote.get("start"), quote.get("end"))
        for item in record["events"] + record["positions"]:
            span = item.get("sentence") or item.get("evidence") or {}
            item["href"] = cite_url(item["article"], span.get("start"), span.get("end"))
        return render(request, "entity.html", e=record, summaries=summaries)

    return cached(request, build)


GROUP = RouteGroup(
    "corpus-pages", requires=("stories", "story_articles", "story_results", "conflicts", "entities",
                              "entity_articles", "quotes", "events", "positions"),
    pages=(Route("/stories", stories, name="stories"), Route("/stories/{id}", story, name="story"),
           Route("/entities", entities, name="entities"),
           Route("/entities/{id}", entity, name="entity")),
    nav=(("Stories", "/stories"), ("Entities", "/entities")),
)
