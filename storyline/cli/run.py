"""``storyline run`` and ``storyline ingest``: inputs into the database."""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from storyline.cli._common import common_options, handle_errors, progress_bar, settings_from
from storyline.errors import EXIT_PARTIAL


def _shown(url: str) -> str:
    """A database path or URL as printed: any password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _execute(command: str, paths: tuple[str, ...], quiet: bool, settings_kwargs: dict[str, Any]) -> None:
    from storyline import runner

    settings = settings_from(**settings_kwargs)
    stdin = sys.stdin.buffer if "-" in paths else None
    with progress_bar("articles", quiet) as advance:
        report = runner.run(list(paths), settings, command=command, stdin=stdin, progress=advance,
                            analysis=(command == "run"))
    counts = report.counts
    if not quiet:
        click.echo(
            f"{command}: read {counts['read']}, stored {counts['stored']} "
            f"({counts['duplicates']} duplicates), already stored {counts['already_stored']}, "
            f"rejected {counts['rejected']} in {report.seconds.get('total', 0):.1f} s",
            err=True,
        )
        click.echo(f"database: {_shown(settings['db'])}", err=True)
        if counts["rejected"]:
            click.echo(f"see why with: storyline rejects --db {_shown(settings['db'])}", err=True)
    if report.partial:
        sys.exit(EXIT_PARTIAL)


def _options(fn: Any) -> Any:
    fn = click.argument("paths", nargs=-1, required=True)(fn)
    fn = click.option("--workers", type=int, default=None,
                      help="Worker processes (default: one per core).")(fn)
    fn = click.option("--allow-private", is_flag=True, default=None,
                      help="Allow URLs on private or loopback addresses.")(fn)
    fn = click.option("--executor", type=click.Choice(["local", "spark"]), default=None,
                      help="Where per-article stages run.")(fn)
    return common_options(fn)


@click.command("run")
@_options
@handle_errors
def run_command(paths: tuple[str, ...], workers: int | None, allow_private: bool | None,
                executor: str | None, db: str | None, config_file: str | None,
                assignments: tuple[str, ...], quiet: bool) -> None:
    """Ingest PATHS (files, folders, URLs, - for stdin) and run every stage.

    Re-running is safe: stored articles are skipped, and a killed run resumes where it stopped.
    """
    _execute("run", paths, quiet, dict(db=db, config_file=config_file, assignments=assignments,
                                       **{"execute.workers": workers, "ingest.allow_private": allow_private,
                                          "execute.executor": executor}))


@click.command("ingest")
@_options
@handle_errors
def ingest_command(paths: tuple[str, ...], workers: int | None, allow_private: bool | None,
                   executor: str | None, db: str | None, config_file: str | None,
                   assignments: tuple[str, ...], quiet: bool) -> None:
    """Ingest, clean and dedupe PATHS into the database, without the analysis stages."""
    _execute("ingest", paths, quiet, dict(db=db, config_file=config_file, assignments=assignments,
                                          **{"execute.workers": workers, "ingest.allow_private": allow_private,
                                             "execute.executor": executor}))


COMMANDS = [run_command, ingest_command]
