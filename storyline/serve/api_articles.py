"""The JSON API over articles: list, detail, search, duplicates, rejections, runs, stats.

Every handler reads through :mod:`storyline.store.queries` (the one read path) and declares its
parameters once (:mod:`storyline.serve.params`), which also documents it in ``/openapi.json``.
Handlers are plain functions: Starlette runs them in its thread pool.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import Response

from storyline.errors import NotFoundError
from storyline.serve.cache import cached
from storyline.serve.http import ApiError, JSONResponse
from storyline.serve.params import CANONICAL, LIMIT, OFFSET, OUTLET, Q_REQUIRED, Param, Q, parse_all
from storyline.serve.routing import Endpoint, RouteGroup
from storyline.serve.schemas import page_of, ref
from storyline.serve.spans import MARK_END, MARK_START, spans, split_marked
from storyline.store import queries
from storyline.store.queries import web

MAX_ID = 64


def engine_of(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def load_article(engine: Engine, article_id: str) -> dict[str, Any]:
    """The article record with its duplicate group and spans; 404 ``ApiError`` when unknown."""
    if not article_id or len(article_id) > MAX_ID:
        raise ApiError(404, "SL-NOTFOUND", "no article with that id")
    try:
        record = queries.get_article(engine, article_id)
    except NotFoundError as exc:
        raise ApiError(404, exc.code, exc.message, "GET /api/articles lists them") from None
    record["spans"] = spans(record)
    return record


def search_hits(engine: Engine, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Search hits whose snippet is plain text plus match offsets (``highlights``)."""
    hits = web.search_hits(engine, q, start=MARK_START, end=MARK_END, limit=limit, offset=offset)
    for hit in hits:
        plain, marks = split_marked(hit.get("snippet") or "")
        hit["snippet"], hit["highlights"] = plain, [list(m) for m in marks]
    return hits


def _page(items: list[Any], total: int, args: dict[str, Any]) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": args["limit"], "offset": args["offset"]}


ARTICLES_PARAMS = (Q, OUTLET, CANONICAL, LIMIT, OFFSET)


def list_articles(request: Request) -> JSONResponse:
    args = parse_all(ARTICLES_PARAMS, request.query_params)
    engine = engine_of(request)
    filters = {"q": args["q"], "outlet": args["outlet"], "canonical_only": args["canonical"]}
    items, total = queries.filter_articles(engine, **filters, limit=args["limit"], offset=args["offset"])
    return JSONResponse(_page(items, total, args))


def article_detail(request: Request) -> JSONResponse:
    return JSONResponse(load_article(engine_of(request), request.path_params["id"]))


SEARCH_PARAMS = (Q_REQUIRED, Param("limit", "integer", 20, "Hits per page.", minimum=1, maximum=200),
                 OFFSET)


def search(request: Request) -> Response:
    """Hits and total; ETag-cached like the story responses (a repeated search, the back
    button, costs no query)."""
    args = parse_all(SEARCH_PARAMS, request.query_params)
    engine = engine_of(request)

    def build() -> Response:
        items = search_hits(engine, args["q"], args["limit"], args["offset"])
        body = _page(items, queries.count_search(engine, args["q"]), args)
        return JSONResponse({"q": args["q"], **body})

    return cached(request, build)


PAGE_PARAMS = (LIMIT, OFFSET)


def duplicates(request: Request) -> JSONResponse:
    args = parse_all(PAGE_PARAMS, request.query_params)
    engine = engine_of(request)
    items = queries.duplicate_groups_page(engine, limit=args["limit"], offset=args["offset"])
    return JSONResponse(_page(items, queries.count_duplicate_groups(engine), args))


def rejections(request: Request) -> JSONResponse:
    args = parse_all(PAGE_PARAMS, request.query_params)
    engine = engine_of(request)
    items = queries.list_rejections(engine, limit=args["limit"], offset=args["offset"])
    return JSONResponse(_page(items, queries.count_rejections(engine), args))


RUNS_PARAMS = (Param("limit", "integer", 20, "Most recent runs to list.", minimum=1, maximum=200),)


def runs(request: Request) -> JSONResponse:
    args = parse_all(RUNS_PARAMS, request.query_params)
    items = queries.list_runs(engine_of(request), limit=args["limit"])
    for run in items:
        try:
            run["settings"] = json.loads(run.get("settings") or "{}")
        except (TypeError, ValueError):
            run["settings"] = {}
        run["settings"].pop("serve.token", None)
    return JSONResponse({"items": items})


def corpus_stats(engine: Engine) -> dict[str, int]:
    return {**queries.stats(engine), "duplicate_groups": queries.count_duplicate_groups(engine),
            "outlets": queries.count_outlets(engine)}


def stats(request: Request) -> JSONResponse:
    return JSONResponse(corpus_stats(engine_of(request)))


def outlets(request: Request) -> JSONResponse:
    return JSONResponse({"items": queries.list_outlets(engine_of(request), limit=1000)})


ID = (("id", "Article id, or a unique prefix of at least 4 hex characters."),)

ENDPOINTS = (
    Endpoint("/api/articles", list_articles, "List articles in ingest order", "listArticles",
             params=ARTICLES_PARAMS, response=page_of(ref("ArticleSummary"))),
    Endpoint("/api/articles/{id}", article_detail, "One article: the OUTPUT.md record with spans",
             "getArticle", path_params=ID, response=ref("Article"), errors=(404,)),
    Endpoint("/api/search", search, "Full-text search with highlighted snippets", "search",
             params=SEARCH_PARAMS, response={**page_of(ref("SearchHit")),
                                             "properties": {**page_of(ref("SearchHit"))["properties"],
                                                            "q": {"type": "string"}}}),
    Endpoint("/api/duplicates", duplicates, "Duplicate groups (canonical article and copies)",
             "listDuplicates", params=PAGE_PARAMS, response=page_of(ref("DuplicateGroup")),
             tag="corpus"),
    Endpoint("/api/rejections", rejections, "Rejected inputs with their reasons", "listRejections",
             params=PAGE_PARAMS, response=page_of(ref("Rejection")), tag="corpus"),
    Endpoint("/api/runs", runs, "Recent runs, newest first", "listRuns", params=RUNS_PARAMS,
             response={"type": "object", "properties": {"items": {"type": "array", "items": ref("Run")}}},
             tag="corpus"),
    Endpoint("/api/stats", stats, "Corpus counts", "getStats", response=ref("Stats"), errors=(),
             tag="corpus"),
    Endpoint("/api/outlets", outlets, "Outlets with article counts", "listOutlets", errors=(),
             response={"type": "object", "properties": {"items": {"type": "array", "items": ref("Outlet")}}},
             tag="corpus"),
)

GROUP = RouteGroup("articles", requires=("articles", "rejections", "runs"), endpoints=ENDPOINTS)
