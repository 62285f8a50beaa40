"""The web UI's pages: overview, article list, article, search, rejects, API docs.

Pages read through the same functions as the JSON API (:mod:`storyline.serve.api_articles`,
which reads :mod:`storyline.store.queries`). Bad parameters give an HTML error page with the
right status; the API's JSON errors are for ``/api`` paths only.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from storyline.serve.api_articles import corpus_stats, engine_of, load_article, search_hits
from storyline.serve.http import ApiError
from storyline.serve.params import CANONICAL, OFFSET, OUTLET, Param, Q, parse_all
from storyline.serve.render import query_url, render
from storyline.serve.routing import RouteGroup
from storyline.serve.spans import KINDS, segments, snippet_parts
from storyline.serve.summary import cite_url
from storyline.store import queries
from storyline.store.queries import web

#: Characters of article text rendered on a page; longer texts are cut, with a note and a link
#: to the full JSON record, so one huge article cannot make the page unusable.
TEXT_VIEW_LIMIT = 200_000
PAGE_LIMIT = Param("limit", "integer", 50, "Rows per page.", minimum=1, maximum=200)
HIGHLIGHT = Param("hl", "string", None, "Character range START-END to highlight.", max_length=40)
_RANGE = re.compile(r"^(\d{1,10})-(\d{1,10})$")


def pagination(path: str, params: dict[str, Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """Numbers and links for a pager (``prev``/``next`` are ``None`` at the ends)."""
    shown_to = min(total, offset + limit)
    return {
        "total": total, "start": offset + 1 if total else 0, "end": shown_to,
        "prev": query_url(path, params, offset=max(0, offset - limit) or None) if offset > 0 else None,
        "next": query_url(path, params, offset=offset + limit) if offset + limit < total else None,
    }


def home(request: Request) -> HTMLResponse:
    engine = engine_of(request)
    groups = queries.duplicate_groups_page(engine, limit=8)
    ids = [g["canonical"] for g in groups] + [d for g in groups for d in g["duplicates"]]
    stories = []
    if "stories" in request.app.state.groups:
        stories = queries.list_stories(engine, level="story", limit=8)
    return render(request, "home.html", stats=corpus_stats(engine), stories=stories,
                  latest=queries.latest_articles(engine, limit=12), groups=groups,
                  summaries=queries.article_summaries(engine, ids),
                  outlets=queries.list_outlets(engine, limit=12), runs=queries.list_runs(engine, limit=5))


def articles(request: Request) -> HTMLResponse:
    args = parse_all((Q, OUTLET, CANONICAL, PAGE_LIMIT, OFFSET), request.query_params)
    engine = engine_of(request)
    filters = {"q": args["q"], "outlet": args["outlet"], "canonical_only": args["canonical"]}
    rows, total = queries.filter_articles(engine, **filters, limit=args["limit"], offset=args["offset"])
    params = {k: args[k] for k in ("q", "outlet", "canonical")}
    if args["limit"] != 50:
        params["limit"] = args["limit"]
    return render(request, "articles.html", rows=rows, args=args,
                  outlets=queries.list_outlets(engine, limit=500),
                  pager=pagination("/articles", params, total, args["limit"], args["offset"]))


def _cite(raw: str | None, length: int) -> dict[str, Any] | None:
    match = _RANGE.match(raw or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if not 0 <= start < end <= length:
        return None
    return {"kind": "cite", "start": start, "end": end, "label": "cited passage", "ref": "cite"}


def _rendered_segments(record: dict[str, Any], cite: dict[str, Any] | None,
                       linked: frozenset[str] | set[str] = frozenset()) -> list[dict[str, Any]]:
    """Text segments with their highlight classes and labels; an entity mention with a corpus
    identity (``linked``) links to its entity page, the cited range gets ``id="cite"``."""
    span_list = list(record["spans"]) + ([cite] if cite else [])
    out, cite_seen = [], False
    for seg in segments(record["text"], span_list, TEXT_VIEW_LIMIT):
        item: dict[str, Any] = {"text": seg.text}
        if seg.spans:
            item["classes"] = " ".join(f"hl-{k}" for k in seg.kinds)
            item["title"] = "; ".join(dict.fromkeys(span_list[i]["label"] for i in seg.spans))
            entity = next((span_list[i].get("entity") for i in seg.spans
                           if span_list[i].get("entity") in linked), None)
            if entity:
                item["href"] = "/entities/" + quote(str(entity), safe="")
            if "cite" in seg.kinds and not cite_seen:
                item["id"], cite_seen = "cite", True
        out.append(item)
    return out


def article(request: Request) -> Response:
    args = parse_all((HIGHLIGHT,), request.query_params)
    engine = engine_of(request)
    record = load_article(engine, request.path_params["id"])
    if record["id"] != request.path_params["id"]:  # a prefix: redirect to the canonical URL
        return RedirectResponse(query_url(f"/articles/{record['id']}", {"hl": args["hl"]}), 302)
    canonical = record["duplicate_of"] or record["id"]
    group_ids = [canonical] + [i for i in record["duplicates"] if i != canonical]
    counts = {k: sum(1 for s in record["spans"] if s["kind"] == k) for k in KINDS if k != "cite"}
    context: dict[str, Any] = {"stories": [], "linked": set()}
    if "stories" in request.app.state.groups:
        context = web.article_context(engine, record["id"])
    for item in record.get("quotes", []) + record.get("events", []) + record.get("positions", []):
        if isinstance(item, dict):
            span = item.get("sentence") or item.get("evidence") or item
            span = span if isinstance(span, dict) else {}
            item["_href"] = cite_url(record["id"], span.get("start"), span.get("end"))
    return render(request, "article.html", a=record, counts=counts, context=context,
                  segments=_rendered_segments(record, _cite(args["hl"], len(record["text"])),
                                              context["linked"]),
                  cut=len(record["text"]) > TEXT_VIEW_LIMIT, view_limit=TEXT_VIEW_LIMIT,
                  group=[i for i in group_ids if i != record["id"]] if record["duplicates"] else [],
                  canonical=canonical, summaries=queries.article_summaries(engine, group_ids))


def search(request: Request) -> HTMLResponse:
    args = parse_all((Q, Param("limit", "integer", 20, minimum=1, maximum=100), OFFSET),
                     request.query_params)
    engine = engine_of(request)
    q = (args["q"] or "").strip()
    hits, pager = [], None
    stories: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    if q and not args["offset"] and "stories" in request.app.state.groups:
        stories = queries.list_stories(engine, q=q, limit=6)
        entities = queries.list_entities(engine, q=q, limit=8)
    if q:
        hits = search_hits(engine, q, args["limit"], args["offset"])
        for hit in hits:
            hit["parts"] = snippet_parts(hit["snippet"], [tuple(h) for h in hit["highlights"]])
        params = {"q": q} | ({"limit": args["limit"]} if args["limit"] != 20 else {})
        pager = pagination("/search", params, queries.count_search(engine, q), args["limit"],
                           args["offset"])
    return render(request, "search.html", q=q, hits=hits, pager=pager, stories=stories,
                  entities=entities)


def rejects(request: Request) -> HTMLResponse:
    args = parse_all((PAGE_LIMIT, OFFSET), request.query_params)
    engine = engine_of(request)
    rows = queries.list_rejections(engine, limit=args["limit"], offset=args["offset"])
    params = {"limit": args["limit"]} if args["limit"] != 50 else {}
    return render(request, "rejects.html", rows=rows,
                  pager=pagination("/rejects", params, queries.count_rejections(engine),
                                   args["limit"], args["offset"]))


def docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html")


def not_found_page(request: Request, error: ApiError) -> HTMLResponse:
    return render(request, "error.html", status=error.status, error=error)


GROUP = RouteGroup(
    "pages", requires=("articles", "rejections", "runs"),
    pages=(Route("/", home, name="home"), Route("/articles", articles, name="articles"),
           Route("/articles/{id}", article, name="article"), Route("/search", search, name="search"),
           Route("/rejects", rejects, name="rejects"), Route("/docs", docs, name="docs")),
    nav=(("Overview", "/"), ("Articles", "/articles"), ("Search", "/search"),
         ("Rejects", "/rejects"), ("API", "/docs")),
)
