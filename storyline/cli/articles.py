"""``storyline articles`` (list and search) and ``storyline show ID``."""

from __future__ import annotations

import click

from storyline.cli._common import common_options, emit_json, emit_rows, handle_errors
from storyline.cli._common import store_engine as _engine

SUMMARY = ["id", "published", "outlet", "title", "duplicate_of", "input"]


@click.command("articles")
@click.option("--query", "-s", "q", default=None, help="Full-text search (all words must match).")
@click.option("--outlet", default=None, help="Only articles from this outlet.")
@click.option("--canonical", is_flag=True, help="Hide duplicates: one article per group.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              show_default=True)
@common_options
@handle_errors
def articles_command(q: str | None, outlet: str | None, canonical: bool, limit: int, offset: int,
                     fmt: str, db: str | None, config_file: str | None,
                     assignments: tuple[str, ...], quiet: bool) -> None:
    """List stored articles, or search them with --query."""
    from storyline.store import queries

    engine = _engine(db, config_file, assignments)
    if q:
        rows = queries.search(engine, q, limit=limit, offset=offset)
        columns = ["id", "published", "outlet", "title", "snippet"]
    else:
        rows = queries.list_articles(engine, outlet=outlet, canonical_only=canonical,
                                     limit=limit, offset=offset)
        columns = SUMMARY
    emit_rows(rows, fmt, columns)
    if fmt == "table" and not quiet:
        click.echo(f"{len(rows)} shown; storyline show ID for one article", err=True)


@click.command("show")
@click.argument("article_id")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@common_options
@handle_errors
def show_command(article_id: str, fmt: str, db: str | None, config_file: str | None,
                 assignments: tuple[str, ...], quiet: bool) -> None:
    """Show one article (an id or a unique prefix of it) with everything found in it."""
    from storyline.store import queries

    article = queries.get_article(_engine(db, config_file, assignments), article_id)
    if fmt == "json":
        emit_json(article)
        return
    click.echo(article["title"] or "(no title)")
    click.echo(f"{article['outlet'] or 'unknown outlet'} · {article['published']['value'] or 'undated'}"
               f" · {article['input']}")
    if article["duplicate_of"]:
        click.echo(f"duplicate of {article['duplicate_of']}")
    click.echo("")
    click.echo(article["text"])
    if article["removed"]:
        click.echo("\nremoved as page furniture:")
        for block in article["removed"]:
            click.echo(f"  - {block}")


COMMANDS = [articles_command, show_command]
