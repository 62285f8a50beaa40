"""``storyline brief STORY_ID``: the cited briefing of one story, and ``storyline briefs`` for
all of them."""

from __future__ import annotations

from pathlib import Path

import click

from storyline.cli._common import common_options, handle_errors, settings_from


@click.command("brief")
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@common_options
@handle_errors
def brief_command(story_id: str, fmt: str, output: Path | None, db: str | None,
                  config_file: str | None, assignments: tuple[str, ...], quiet: bool) -> None:
    """The cited briefing of one story or storyline: summary points citing their sources,
    actors and positions, quotes by speaker, conflicts, single-source claims, coverage, timeline."""
    from storyline.corpus.briefs import brief
    from storyline.store import open_store

    settings = settings_from(db, config_file, assignments)
    store = open_store(settings["db"])
    try:
        text = brief(store, story_id, max_articles=settings["corroborate.max_articles"],
                     max_chars=settings["nlp.max_chars"]).render(fmt)
    finally:
        store.close()
    if output:
        output.write_text(text, encoding="utf-8")
        if not quiet:
            click.echo(f"briefing written to {output}", err=True)
    else:
        click.echo(text)


@click.command("briefs")
@click.option("--output", "-o", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=Path("out/briefs"), show_default=True, help="Folder to write them to.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Largest storylines to brief (with each of their stories).")
@common_options
@handle_errors
def briefs_command(folder: Path, limit: int, db: str | None, config_file: str | None,
                   assignments: tuple[str, ...], quiet: bool) -> None:
    """Write the briefings (Markdown and HTML) of the largest storylines and their stories."""
    from storyline.corpus.briefs import write_briefs
    from storyline.store import open_store

    store = open_store(settings_from(db, config_file, assignments)["db"])
    try:
        paths = write_briefs(store, folder, limit=limit)
    finally:
        store.close()
    for path in paths:
        click.echo(str(path))


COMMANDS = [brief_command, briefs_command]
