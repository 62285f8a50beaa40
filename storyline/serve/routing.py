"""Endpoints and route groups: how the app is assembled and documented.

An :class:`Endpoint` is a handler plus what OpenAPI needs to know about it (parameters, the
response schema). A :class:`RouteGroup` bundles the API endpoints and HTML pages of one part of
the record and names the tables it reads; :func:`storyline.serve.app.create_app` registers a
group only when its tables exist in the database. That is how stories, entities and conflicts
slot in later: a module ``storyline/serve/api_stories.py`` with
``GROUP = RouteGroup("stories", requires=("stories",), ...)``, listed in
:data:`storyline.serve.app.GROUP_MODULES`, appears as soon as a migration creates ``stories``,
and never before (no canned data).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.routing import BaseRoute, Route

from storyline.serve.params import Param

Handler = Callable[..., Any]


@dataclass(frozen=True)
class Endpoint:
    """One documented API operation."""

    path: str
    handler: Handler
    summary: str
    operation_id: str
    method: str = "GET"
    params: tuple[Param, ...] = ()
    path_params: tuple[tuple[str, str], ...] = ()  # (name, description)
    response: dict[str, Any] = field(default_factory=dict)  # JSON schema of a 200 body
    media_type: str = "application/json"
    alt_media: tuple[str, ...] = ()  # other media types of a 200 body (plain strings)
    errors: tuple[int, ...] = (400,)
    request_body: dict[str, Any] | None = None
    security: bool = False
    tag: str = "articles"

    def route(self) -> Route:
        return Route(self.path, self.handler, methods=[self.method], name=self.operation_id)


@dataclass(frozen=True)
class RouteGroup:
    """The API endpoints and pages of one part of the record, and the tables they read."""

    name: str
    requires: tuple[str, ...]
    endpoints: tuple[Endpoint, ...] = ()
    pages: tuple[BaseRoute, ...] = ()
    nav: tuple[tuple[str, str], ...] = ()  # (label, path) shown in the page header

    def routes(self) -> list[BaseRoute]:
        return [e.route() for e in self.endpoints] + list(self.pages)
