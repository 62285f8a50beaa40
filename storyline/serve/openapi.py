"""The OpenAPI 3.1 document, built from the registered :class:`~storyline.serve.routing.Endpoint`
specs, so the document and the server cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline import __version__
from storyline.serve.http import CODES
from storyline.serve.routing import Endpoint
from storyline.serve.schemas import COMPONENTS, ref

_REASONS = {400: "Bad parameter", 401: "Missing or wrong token", 403: "Write endpoints are off",
            404: "Not found", 409: "Busy", 413: "Body too large"}


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    parameters = [{"name": name, "in": "path", "required": True, "description": description,
                   "schema": {"type": "string", "minLength": 1, "maxLength": 64}}
                  for name, description in endpoint.path_params]
    parameters += [p.openapi() for p in endpoint.params]
    responses: dict[str, Any] = {"200": {"description": "OK", "content": {
        endpoint.media_type: {"schema": endpoint.response},
        **{m: {"schema": {"type": "string"}} for m in endpoint.alt_media}}}}
    statuses = set(endpoint.errors) | ({400} if endpoint.params else set())
    for status in sorted(statuses):
        responses[str(status)] = {"description": _REASONS.get(status, "Error"),
                                  "content": {"application/json": {"schema": ref("Error")}}}
    operation: dict[str, Any] = {"operationId": endpoint.operation_id, "summary": endpoint.summary,
                                 "tags": [endpoint.tag], "parameters": parameters,
                                 "responses": responses}
    if endpoint.request_body:
        operation["requestBody"] = endpoint.request_body
    if endpoint.security:
        operation["security"] = [{"token": []}]
    return operation


def build_openapi(endpoints: Iterable[Endpoint]) -> dict[str, Any]:
    """The OpenAPI document for the given endpoints."""
    paths: dict[str, Any] = {}
    for endpoint in endpoints:
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = _operation(endpoint)
    codes = "\n".join(f"- `{code}`: {text}" for code, text in CODES.items())
    return {
        "openapi": "3.1.0",
        "info": {"title": "storyline", "version": __version__,
                 "description": "A sourced, structured record of news articles. JSON follows the "
                                "storyline/1 output contract. Errors are "
                                '`{"error": {"code", "message", "hint"}}` with these codes:\n'
                                + codes},
        "paths": paths,
        "components": {"schemas": COMPONENTS, "securitySchemes": {
            "token": {"type": "http", "scheme": "bearer",
                      "description": "The value of setting serve.token"}}},
    }
