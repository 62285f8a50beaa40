"""``storyline settings``: every setting with its type, default, current value and help."""

from __future__ import annotations

import click

from storyline.cli._common import emit_json, emit_table, handle_errors, settings_from
from storyline.config import SETTINGS, env_name


@click.command("settings")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
@handle_errors
def settings_command(config_file: str | None, fmt: str) -> None:
    """List the settings and their current values (defaults < file < environment)."""
    current = settings_from(None, config_file, ())
    rows = [{"name": s.name, "type": s.type.__name__, "default": s.default, "value": current[s.name],
             "env": env_name(s.name), "help": s.help} for s in SETTINGS]
    if fmt == "json":
        emit_json(rows)
    elif fmt == "markdown":
        click.echo("| name | type | default | environment | help |\n|---|---|---|---|---|")
        for row in rows:
            click.echo(f"| `{row['name']}` | {row['type']} | `{row['default']!r}` | `{row['env']}` | {row['help']} |")
    else:
        emit_table(rows, ["name", "type", "value", "help"])


COMMANDS = [settings_command]
