"""The ASGI application: :func:`create_app` wires route groups, errors, headers and assets.

Route groups (:class:`~storyline.serve.routing.RouteGroup`) are listed in :data:`GROUP_MODULES`
and registered only when the tables they read exist, so later stages' pages and endpoints
(``/api/stories``, ``/api/stories/{id}``, ``/api/entities/{id}``, ``/api/conflicts``,
``/stories/{id}``, ``/entities/{id}``) slot in by adding a module here, never as stubs.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from sqlalchemy import Engine, inspect
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from storyline.config import Settings
from storyline.errors import StoreError
from storyline.serve.cache import BodyCache, ChangeToken
from storyline.serve.http import ApiError, JSONResponse, error_response
from storyline.serve.openapi import build_openapi
from storyline.serve.render import make_environment
from storyline.serve.routing import RouteGroup
from storyline.serve.security import SecurityMiddleware, allowed_hosts_for
from storyline.store import open_store

log = logging.getLogger("storyline.serve")
STATIC = Path(__file__).parent / "static"

#: Route groups in registration order; each is registered only when its tables exist
#: (the corpus groups need migration 3: stories, entities, quotes, events, conflicts ...).
GROUP_MODULES = ("storyline.serve.api_articles", "storyline.serve.api_write", "storyline.serve.pages",
                 "storyline.serve.api_stories", "storyline.serve.api_entities",
                 "storyline.serve.pages_corpus")

#: Header navigation order (paths); groups add their entries, this only sorts them.
NAV_ORDER = ("/", "/stories", "/entities", "/articles", "/search", "/rejects", "/docs")

#: Concurrent request handlers touching the database (SQLAlchemy's default pool holds 5).
DB_THREADS = 5

_STATUS_CODES = {404: "SL-NOTFOUND", 405: "SL-METHOD", 400: "SL-PARAM", 413: "SL-TOOLARGE"}


def load_groups(engine: Engine, modules: tuple[str, ...] = GROUP_MODULES) -> list[RouteGroup]:
    """The route groups whose required tables all exist in the database."""
    tables = set(inspect(engine).get_table_names())
    groups = [importlib.import_module(name).GROUP for name in modules]
    return [g for g in groups if set(g.requires) <= tables]


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    if _wants_json(request):
        return error_response(exc.status, exc.code, exc.message, exc.hint, exc.headers)
    from storyline.serve.pages import not_found_page

    return not_found_page(request, exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = _STATUS_CODES.get(exc.status_code, "SL-PARAM")
    message = {404: "no such page or endpoint", 405: "method not allowed"}.get(exc.status_code,
                                                                                str(exc.detail))
    headers = dict(exc.headers) if exc.headers else None
    return await _api_error(request, ApiError(exc.status_code, code, message, headers=headers))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(500, "SL-INTERNAL", "internal error",
                          "this is a bug in storyline; the server log has the details")


def check_database(url: str) -> None:
    """A clean error when the SQLite file named by ``url`` does not exist (never create one)."""
    if "://" not in url and not os.path.isfile(url):
        raise StoreError(f"database {url!r} does not exist",
                         hint="build it first: storyline run FILES --db " + url)


def create_app(settings: Settings) -> Starlette:
    """The storyline web app (JSON API + web UI) over the database named by ``db``."""
    check_database(settings["db"])
    store = open_store(settings["db"])
    groups = load_groups(store.engine)
    endpoints = [e for g in groups for e in g.endpoints]
    openapi = build_openapi(endpoints)

    def openapi_json(request: Request) -> JSONResponse:
        return JSONResponse(openapi)

    routes: list[Any] = [r for g in groups for r in g.routes()]
    routes += [Route("/openapi.json", openapi_json, name="openapi"),
               Mount("/static", StaticFiles(directory=STATIC), name="static")]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Handlers run in the thread pool; keep their number at the connection pool's size so
        # connections are reused instead of opened and closed under load.
        anyio.to_thread.current_default_thread_limiter().total_tokens = DB_THREADS
        yield
        store.close()

    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityMiddleware, allowed_hosts=allowed_hosts_for(settings["serve.host"]))],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = store.engine
    app.state.store = store
    app.state.templates = make_environment()
    nav = [item for g in groups for item in g.nav]
    app.state.nav = sorted(nav, key=lambda item: NAV_ORDER.index(item[1]) if item[1] in NAV_ORDER
                           else len(NAV_ORDER))
    app.state.body_cache = BodyCache()
    app.state.change_token = ChangeToken()
    app.state.groups = [g.name for g in groups]
    app.state.openapi = openapi
    return app
