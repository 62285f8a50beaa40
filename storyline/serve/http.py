"""JSON responses and the API's error shape: ``{"error": {"code", "message", "hint"?}}``.

Every error the server answers with goes through :func:`error_response`, so a client never
sees a traceback or an HTML error page from ``/api``.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

#: Stable codes of the HTTP layer, beside the library's own (``SL-NOTFOUND`` ...).
CODES = {
    "SL-PARAM": "a query or path parameter is missing, malformed or out of range",
    "SL-NOTFOUND": "the id or page asked for does not exist",
    "SL-METHOD": "the HTTP method is not allowed on this path",
    "SL-AUTH": "the write endpoint needs the token from setting serve.token",
    "SL-DISABLED": "write endpoints are off because serve.token is empty",
    "SL-TOOLARGE": "the request body is larger than the limit",
    "SL-HOST": "the Host header is not one this server answers to",
    "SL-BUSY": "another ingest is running; try again when it has finished",
    "SL-INTERNAL": "an unexpected error; the server log has the details",
}


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON; dates and other plain values become strings."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class JSONResponse(Response):
    """A JSON response that serialises dates (run timestamps) as strings."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


class ApiError(Exception):
    """An error answered as JSON with an HTTP status and a stable code."""

    def __init__(self, status: int, code: str, message: str, hint: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.hint = status, code, message, hint
        self.headers = headers or {}


def error_body(code: str, message: str, hint: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if hint:
        error["hint"] = hint
    return {"error": error}


def error_response(status: int, code: str, message: str, hint: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, hint), status_code=status, headers=headers)
