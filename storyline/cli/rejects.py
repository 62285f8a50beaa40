"""``storyline rejects``: every input that was refused, with its reason and stage."""

from __future__ import annotations

import click

from storyline.cli._common import common_options, emit_rows, handle_errors, settings_from

COLUMNS = ["id", "input", "stage", "code", "reason"]


@click.command("rejects")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@common_options
@handle_errors
def rejects_command(limit: int, offset: int, fmt: str, db: str | None, config_file: str | None,
                    assignments: tuple[str, ...], quiet: bool) -> None:
    """List rejected inputs and why they were rejected."""
    from storyline.store import open_store, queries

    settings = settings_from(db, config_file, assignments)
    rows = queries.list_rejections(open_store(settings["db"]).engine, limit=limit, offset=offset)
    emit_rows(rows, fmt, COLUMNS)


COMMANDS = [rejects_command]
