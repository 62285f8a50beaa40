"""``storyline serve``: the HTTP API (OpenAPI at ``/openapi.json``) and the web UI, both over
:mod:`storyline.store.queries`. See ``docs/serve.md``."""

from __future__ import annotations

from collections.abc import Callable

from storyline.config import Settings
from storyline.serve.app import create_app


def serve(settings: Settings, *, log_level: str = "info",
          announce: Callable[[str], None] | None = None, workers: int | None = None) -> None:
    """Run the app with uvicorn on ``serve.host``:``serve.port`` until interrupted;
    ``announce`` gets the URL once the database is open. ``workers`` processes share the port
    (default: one per core, see :mod:`storyline.serve.server`); 1 serves in this process."""
    from storyline.serve import server

    count = server.workers_for(settings) if workers is None else max(1, workers)
    if count > 1 and server.supports_workers():
        status = server.run_workers(settings, count, log_level=log_level, announce=announce)
        if status:
            raise SystemExit(status)
        return
    server.run_single(settings, log_level=log_level, announce=announce)


__all__ = ["create_app", "serve"]
