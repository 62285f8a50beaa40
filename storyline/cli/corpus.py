"""Corpus-level verbs: ``stories``, ``story``, ``entities``, ``entity``, ``quotes``, ``events``,
``positions`` and ``conflicts`` — thin wrappers over :mod:`storyline.store.queries`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from storyline.cli._common import common_options, emit_json, emit_rows, handle_errors, store_engine

FORMATS = click.Choice(["table", "json", "jsonl", "csv"])


def _paging(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--offset", type=click.IntRange(0), default=0)(fn)
    fn = click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)(fn)
    return click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)(fn)


def _flat(row: dict[str, Any], **paths: str) -> dict[str, Any]:
    """Add flat columns for tables and CSV: ``speaker_name="speaker.name"``."""
    out = dict(row)
    for column, path in paths.items():
        value: Any = row
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        out[column] = value
    return out


@click.command("stories")
@click.option("--level", type=click.Choice(["story", "storyline"]), default="story",
              show_default=True, help="Stories (one event or episode) or storylines (weeks).")
@click.option("--since", "start", default=None, help="Only stories still running on or after "
              "this date (YYYY-MM-DD).")
@click.option("--until", "end", default=None, help="Only stories begun on or before this date.")
@click.option("--outlet", default=None, help="Only stories an outlet reported.")
@click.option("--entity", default=None, help="Only stories mentioning this entity id.")
@click.option("--query", "-s", "q", default=None, help="Words in the story title.")
@_paging
@common_options
@handle_errors
def stories_command(level: str, start: str | None, end: str | None, outlet: str | None,
                    entity: str | None, q: str | None, fmt: str, limit: int, offset: int,
                    db: str | None, config_file: str | None, assignments: tuple[str, ...],
                    quiet: bool) -> None:
    """List stories (or storylines), latest first, with their articles (OUTPUT.md)."""
    from storyline.store import queries

    engine = store_engine(db, config_file, assignments)
    rows = queries.list_stories(engine, level=level, start=start, end=end, outlet=outlet,
                                entity=entity, q=q, limit=limit, offset=offset)
    if fmt in ("json", "jsonl"):
        rows = [_story_output(engine, r["id"]) for r in rows]
    emit_rows(rows, fmt, ["id", "start", "end", "n_articles", "n_outlets", "title"])
    if fmt == "table" and not quiet:
        click.echo(f"{len(rows)} shown; storyline story ID for one, storyline brief ID for its "
                   "briefing", err=True)


def _story_output(engine: Any, story_id: str) -> dict[str, Any]:
    from storyline.store import queries

    story = queries.get_story(engine, story_id)
    keep = ("id", "title", "level", "parent", "articles", "start", "end", "n_outlets",
            "key_phrases")
    out = {k: story[k] for k in keep}
    if story["level"] == "storyline":
        out["stories"] = [s["id"] for s in story["stories"]]
    return out


@click.command("story")
@click.argument("story_id")
@common_options
@handle_errors
def story_command(story_id: str, db: str | None, config_file: str | None,
                  assignments: tuple[str, ...], quiet: bool) -> None:
    """One story or storyline as JSON: articles, conflicts, claims and merged events."""
    from storyline.store import queries

    emit_json(queries.get_story(store_engine(db, config_file, assignments), story_id))


@click.command("entities")
@click.option("--query", "-s", "q", default=None, help="Part of a name or alias.")
@click.option("--type", "type_", default=None, help="PERSON, ORG, GPE, LOC, NORP, ...")
@click.option("--story", default=None, help="Only entities of this story or storyline id.")
@_paging
@common_options
@handle_errors
def entities_command(q: str | None, type_: str | None, story: str | None, fmt: str, limit: int,
                     offset: int, db: str | None, config_file: str | None,
                     assignments: tuple[str, ...], quiet: bool) -> None:
    """Canonical entities across the corpus with aliases, roles and how often they appear."""
    from storyline.store import queries

    rows = queries.list_entities(store_engine(db, config_file, assignments), q=q, type=type_,
                                 story=story, limit=limit, offset=offset)
    emit_rows(rows, fmt, ["id", "type", "name", "n_articles", "aliases", "roles"])


@click.command("entity")
@click.argument("entity_id")
@common_options
@handle_errors
def entity_command(entity_id: str, db: str | None, config_file: str | None,
                   assignments: tuple[str, ...], quiet: bool) -> None:
    """One entity as JSON: aliases, roles, merge evidence, articles, quotes, events, positions."""
    from storyline.store import queries

    emit_json(queries.get_entity(store_engine(db, config_file, assignments), entity_id))


@click.command("quotes")
@click.option("--speaker", default=None, help="Part of the speaker's name or of an alias.")
@click.option("--entity", default=None, help="Only quotes by this entity id.")
@click.option("--story", default=None, help="Only quotes in this story or storyline.")
@click.option("--kind", type=click.Choice(["direct", "partial", "indirect"]), default=None)
@_paging
@common_options
@handle_errors
def quotes_command(speaker: str | None, entity: str | None, story: str | None, kind: str | None,
                   fmt: str, limit: int, offset: int, db: str | None, config_file: str | None,
                   assignments: tuple[str, ...], quiet: bool) -> None:
    """Quotes with their canonical speakers."""
    from storyline.store import queries

    rows = queries.list_quotes(store_engine(db, config_file, assignments), speaker=speaker,
                               entity=entity, story=story, kind=kind, limit=limit, offset=offset)
    if fmt not in ("json", "jsonl"):
        rows = [_flat(r, speaker_name="speaker.name", speaker_entity="speaker.entity")
                for r in rows]
    emit_rows(rows, fmt, ["speaker_name", "speaker_entity", "kind", "cue", "text", "article",
                          "start", "end"])


@click.command("events")
@click.option("--entity", default=None, help="Only events with this entity as source or target.")
@click.option("--story", default=None, help="Only events in this story or storyline.")
@click.option("--type", "type_", default=None, help="A PLOVER type: AGREE, CONSULT, ...")
@_paging
@common_options
@handle_errors
def events_command(entity: str | None, story: str | None, type_: str | None, fmt: str,
                   limit: int, offset: int, db: str | None, config_file: str | None,
                   assignments: tuple[str, ...], quiet: bool) -> None:
    """PLOVER-coded events with their actors, dates and markers."""
    from storyline.store import queries

    rows = queries.list_events(store_engine(db, config_file, assignments), entity=entity,
                               story=story, type=type_, limit=limit, offset=offset)
    if fmt not in ("json", "jsonl"):
        rows = [_flat(r, source_name="source.name", target_name="target.name",
                      date_value="date.value") for r in rows]
    emit_rows(rows, fmt, ["date_value", "type", "mode", "source_name", "target_name",
                          "negated", "future", "condition", "article"])


@click.command("positions")
@click.option("--entity", default=None, help="Only this actor's positions (entity id).")
@click.option("--story", default=None, help="Only positions in this story or storyline.")
@click.option("--issue", default=None, help="A normalised issue, e.g. ceasefire.")
@_paging
@common_options
@handle_errors
def positions_command(entity: str | None, story: str | None, issue: str | None, fmt: str,
                      limit: int, offset: int, db: str | None, config_file: str | None,
                      assignments: tuple[str, ...], quiet: bool) -> None:
    """Actor positions on issues (support, oppose, demand, offer, conditional)."""
    from storyline.store import queries

    rows = queries.list_positions(store_engine(db, config_file, assignments), entity=entity,
                                  story=story, issue=issue, limit=limit, offset=offset)
    if fmt not in ("json", "jsonl"):
        rows = [_flat(r, actor_name="actor.name") for r in rows]
    emit_rows(rows, fmt, ["published", "actor_name", "stance", "issue", "condition", "article"])


@click.command("conflicts")
@click.option("--story", default=None, help="Only conflicts in this story or storyline.")
@click.option("--kind", default=None, help="name, number, date, place, title, negation, "
              "position_change, quote_variant, ...")
@_paging
@common_options
@handle_errors
def conflicts_command(story: str | None, kind: str | None, fmt: str, limit: int, offset: int,
                      db: str | None, config_file: str | None, assignments: tuple[str, ...],
                      quiet: bool) -> None:
    """Where sources disagree: the slot, and each side with its supporting sentence."""
    from storyline.store import queries

    rows = queries.list_conflicts(store_engine(db, config_file, assignments), story=story,
                                  kind=kind, limit=limit, offset=offset)
    if fmt not in ("json", "jsonl"):
        rows = [dict(r, values=" | ".join(s["value"] for s in r["sides"])) for r in rows]
    emit_rows(rows, fmt, ["id", "story", "kind", "about", "values"])


COMMANDS = [stories_command, story_command, entities_command, entity_command, quotes_command,
            events_command, positions_command, conflicts_command]
