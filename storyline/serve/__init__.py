"""``storyline serve``: the HTTP API (OpenAPI at ``/openapi.json``) and the web UI, both over
:mod:`storyline.store.queries`. See ``docs/serve.md``."""

from __future__ import annotations

from collections.abc import Callable

from storyline.config import Settings
from storyline.serve.app import create_app


def serve(settings: Settings, *, log_level: str = "info",
          announce: Callable[[str], None] | None = None) -> None:
    """Run the app with uvicorn on ``serve.host``:``serve.port`` until interrupted;
    ``announce`` gets the URL once the database is open."""
    import uvicorn

    app = create_app(settings)
    if announce:
        host = settings["serve.host"]
        announce(f"http://{'[' + host + ']' if ':' in host else host}:{settings['serve.port']}/")
    uvicorn.run(app, host=settings["serve.host"], port=settings["serve.port"], log_level=log_level,
                proxy_headers=False, server_header=False, date_header=True,
                h11_max_incomplete_event_size=64 * 1024)


__all__ = ["create_app", "serve"]
