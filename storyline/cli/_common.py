"""What every CLI verb shares: settings from options, clean errors, output, progress."""

from __future__ import annotations

import csv
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from storyline.config import Settings, load_settings, parse_assignment
from storyline.errors import StorylineError

F = TypeVar("F", bound=Callable[..., Any])


def common_options(fn: F) -> F:
    """``--db``, ``--config``, ``--set name=value`` and ``--quiet`` on a verb."""
    decorators = [
        click.option("--db", "db", metavar="FILE|URL", default=None,
                     help="Database: SQLite file (default storyline.db) or postgresql:// URL."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="Settings file (TOML); default ./storyline.toml if present."),
        click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE",
                     help="Override a setting (repeatable); see 'storyline settings'."),
        click.option("--quiet", "-q", is_flag=True, help="Print only results and errors."),
    ]
    for decorator in reversed(decorators):
        fn = decorator(fn)
    return fn


def settings_from(db: str | None, config_file: str | None, assignments: Iterable[str],
                  **extra: Any) -> Settings:
    overrides: dict[str, Any] = dict(parse_assignment(a) for a in assignments)
    if db is not None:
        overrides["db"] = db
    overrides.update({k: v for k, v in extra.items() if v is not None})
    return load_settings(config_file, overrides)


def store_engine(db: str | None, config_file: str | None, assignments: Iterable[str]) -> Any:
    """The SQLAlchemy engine of the configured database (for the read-only verbs)."""
    from storyline.store import open_store

    return open_store(load_settings_db(db, config_file, assignments)).engine


def load_settings_db(db: str | None, config_file: str | None, assignments: Iterable[str]) -> str:
    return str(settings_from(db, config_file, assignments)["db"])


def fail(error: StorylineError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


def handle_errors(fn: F) -> F:
    """Turn storyline errors into one clean message and an exit code; never a traceback,
    unless STORYLINE_DEBUG=1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StorylineError as exc:
            fail(exc)
        except KeyboardInterrupt:
            click.echo("interrupted; run the same command again to resume", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("STORYLINE_DEBUG"):
                raise
            click.echo(f"internal error: {exc.__class__.__name__}: {exc}\n"
                       "  hint: this is a bug in storyline; rerun with STORYLINE_DEBUG=1 for the "
                       "traceback and report it", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_jsonl(rows: Iterable[Mapping[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str))
        out.write("\n")
    out.flush()


def emit_csv(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: JSON for structures; text that a spreadsheet would run as a formula gets a
    leading apostrophe (article text is untrusted)."""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


WIDE_COLUMNS = {"title": 60, "input": 48, "reason": 80, "snippet": 80, "help": 90}


def emit_table(rows: Sequence[Mapping[str, Any]], columns: list[str], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="ellipsis", no_wrap=True,
                         max_width=WIDE_COLUMNS.get(column, 24))
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console = Console() if sys.stdout.isatty() else Console(width=200)
    console.print(table)


def emit_rows(rows: Sequence[Mapping[str, Any]], fmt: str, columns: list[str]) -> None:
    """Rows in the format asked for: ``table``, ``json``, ``jsonl`` or ``csv``."""
    if fmt == "json":
        emit_json(rows)
    elif fmt == "jsonl":
        emit_jsonl(rows)
    elif fmt == "csv":
        emit_csv(rows, columns)
    else:
        emit_table(rows, columns)


@contextmanager
def progress_bar(label: str, quiet: bool, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A Rich progress display on stderr (nothing when quiet or not a terminal)."""
    if quiet or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), "[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                  transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)
