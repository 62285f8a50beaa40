"""``storyline export``: every stored article as JSON Lines (OUTPUT.md) or CSV."""

from __future__ import annotations

import sys

import click

from storyline.cli._common import common_options, emit_csv, emit_jsonl, handle_errors, settings_from

CSV_COLUMNS = ["id", "input", "url", "outlet", "title", "author", "published", "language",
               "supported", "duplicate_of", "text", "removed", "entities", "quotes", "events",
               "positions", "dates"]


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--canonical", is_flag=True, help="Only the canonical article of each duplicate group.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@common_options
@handle_errors
def export_command(fmt: str, canonical: bool, output: str | None, db: str | None,
                   config_file: str | None, assignments: tuple[str, ...], quiet: bool) -> None:
    """Export the stored articles."""
    from storyline.store import open_store, queries

    settings = settings_from(db, config_file, assignments)
    rows = queries.iter_article_outputs(open_store(settings["db"]).engine, canonical_only=canonical)
    if fmt == "csv":
        rows = ({**row, "published": row["published"]["value"]} for row in rows)
    target = open(output, "w", encoding="utf-8", newline="") if output else None
    previous, sys.stdout = sys.stdout, target or sys.stdout
    try:
        if fmt == "jsonl":
            emit_jsonl(rows)
        else:
            emit_csv(rows, CSV_COLUMNS)
    finally:
        sys.stdout = previous
        if target:
            target.close()
            if not quiet:
                click.echo(f"wrote {output}", err=True)


COMMANDS = [export_command]
