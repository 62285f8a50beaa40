"""Jinja2 rendering for the web UI: autoescaping always on, and the few filters pages need.

Article text, titles, outlets and URLs are hostile: they only ever reach a page through
autoescaped expressions; links are made only from ``http``/``https`` URLs (:func:`safe_href`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline import __version__


def safe_href(url: Any) -> str | None:
    """The URL if it is an absolute ``http(s)`` URL without control characters, else ``None``
    (``javascript:``, ``data:``, relative and malformed URLs are shown as text, never linked)."""
    if not isinstance(url, str) or len(url) > 4000:
        return None
    if any(ord(c) < 33 or c in '"<>\\`' for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def thousands(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def query_url(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` updated by ``changes``; empty and ``None`` values dropped."""
    merged = {**params, **changes}
    clean = {k: v for k, v in merged.items() if v not in (None, "", False)}
    clean = {k: ("1" if v is True else v) for k, v in clean.items()}
    return f"{path}?{urlencode(clean)}" if clean else path


def make_environment() -> Environment:
    env = Environment(loader=PackageLoader("storyline.serve", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_href"] = safe_href
    env.filters["thousands"] = thousands
    env.globals["version"] = __version__
    env.globals["query_url"] = query_url
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        request_path=request.url.path, nav=request.app.state.nav, **context)
    return HTMLResponse(html, status_code=status)
