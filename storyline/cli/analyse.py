"""``storyline analyse``: per-article records on standard output, no database."""

from __future__ import annotations

import sys

import click

from storyline.cli._common import (
    common_options,
    emit_json,
    emit_jsonl,
    handle_errors,
    settings_from,
)
from storyline.errors import EXIT_PARTIAL


@click.command("analyse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("--allow-private", is_flag=True, default=None, help="Allow private/loopback URLs.")
@common_options
@handle_errors
def analyse_command(paths: tuple[str, ...], fmt: str, workers: int | None,
                    allow_private: bool | None, db: str | None, config_file: str | None,
                    assignments: tuple[str, ...], quiet: bool) -> None:
    """Analyse PATHS and print one record per input article (OUTPUT.md), without storing."""
    from storyline import runner

    settings = settings_from(None, config_file, assignments, **{
        "execute.workers": workers, "ingest.allow_private": allow_private})
    stdin = sys.stdin.buffer if "-" in paths else None
    records = runner.analyse(list(paths), settings, stdin=stdin)
    rejected = 0

    def counted():  # type: ignore[no-untyped-def]
        nonlocal rejected
        for record in records:
            rejected += record["rejected"] is not None
            yield record

    if fmt == "json":
        emit_json(list(counted()))
    else:
        emit_jsonl(counted())
    if rejected:
        if not quiet:
            click.echo(f"{rejected} input(s) rejected; see the 'rejected' field", err=True)
        sys.exit(EXIT_PARTIAL)


COMMANDS = [analyse_command]
