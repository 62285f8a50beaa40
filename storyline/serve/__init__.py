"""``storyline serve``: the HTTP API (OpenAPI at ``/openapi.json``) and the web UI, both over
:mod:`storyline.store.queries`. See ``docs/serve.md``."""

from __future__ import annotations

from storyline.config import Settings
from storyline.serve.app import create_app


def serve(settings: Settings, *, log_level: str = "info") -> None:
    """Run the app with uvicorn on ``serve.host``:``serve.port`` until interrupted."""
    import uvicorn

    app = create_app(settings)
    uvicorn.run(app, host=settings["serve.host"], port=settings["serve.port"], log_level=log_level,
                proxy_headers=False, server_header=False, date_header=True,
                h11_max_incomplete_event_size=64 * 1024)


__all__ = ["create_app", "serve"]
