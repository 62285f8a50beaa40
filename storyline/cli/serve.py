"""``storyline serve``: the HTTP API and web UI over a database (see docs/serve.md)."""

from __future__ import annotations

import click

from storyline.cli._common import common_options, handle_errors, settings_from


@click.command("serve")
@click.option("--host", default=None, metavar="ADDRESS",
              help="Address to bind (default 127.0.0.1; other addresses expose the server).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000).")
@common_options
@handle_errors
def serve_command(host: str | None, port: int | None, db: str | None, config_file: str | None,
                  assignments: tuple[str, ...], quiet: bool) -> None:
    """Serve the JSON API (/api, OpenAPI at /openapi.json) and the web UI for the database.

    Write endpoints (POST /api/ingest) are off unless --set serve.token=SECRET is given.
    """
    from storyline.serve import serve
    from storyline.serve.security import is_loopback

    settings = settings_from(db, config_file, assignments, **{"serve.host": host, "serve.port": port})
    if not is_loopback(settings["serve.host"]):
        click.echo(f"warning: binding to {settings['serve.host']} makes the server reachable from "
                   "other machines", err=True)

    def announce(url: str) -> None:
        if not quiet:
            click.echo(f"serving {settings['db']} at {url} (API docs at {url}docs; Ctrl+C stops)",
                       err=True)

    serve(settings, log_level="warning" if quiet else "info", announce=announce)


COMMANDS = [serve_command]
