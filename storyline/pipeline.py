"""The per-article pipeline: ordered stages, each a pure function over records.

A stage declares the fields it reads and writes; :func:`check_stages` verifies at load time
that every field a stage reads was written by an earlier one. Stage code never touches the
store or the executor, so the same :func:`process_document` runs in a local process pool and
on Spark executors with identical results.

::

    RawDocument ──clean──▶ Article ──[analysis stages]──▶ Article ──fingerprint──▶ bytes
"""

from __future__ import annotations

import dataclasses
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.config import Settings
from storyline.errors import ConfigError, Rejected, reject
from storyline.records import Article, RawDocument
from storyline.registry import registry


@dataclass(frozen=True)
class Stage:
    """One step: ``component`` names the registered function; ``kind`` says its signature:
    ``"document"`` (RawDocument → Article | Rejected), ``"article"`` (Article → Article),
    ``"parsed"`` ((Article, spaCy Doc) → Article; the text is parsed once, by the first such
    stage, and the Doc is shared by the later ones) or ``"fingerprint"`` (text → fingerprint)."""

    name: str
    component: str
    kind: str
    reads: frozenset[str]
    writes: frozenset[str]


CLEAN = Stage("clean", "clean.document.v1", "document", frozenset({"raw"}),
              frozenset({"text", "title", "outlet", "author", "published", "removed", "language"}))
FINGERPRINT = Stage("fingerprint", "dedupe.fingerprint.v1", "fingerprint", frozenset({"text"}),
                    frozenset({"fingerprint"}))

DATES = Stage("dates", "extract.dates.v1", "article", frozenset({"text", "removed", "published"}),
              frozenset({"published", "dates"}))

ENTITIES = Stage("entities", "extract.entities.v1", "parsed", frozenset({"text"}),
                 frozenset({"entities"}))
QUOTES = Stage("quotes", "extract.quotes.v1", "parsed", frozenset({"text", "entities"}),
               frozenset({"quotes"}))
EVENTS = Stage("events", "extract.events.v1", "parsed",
               frozenset({"text", "entities", "dates", "published"}), frozenset({"events"}))
POSITIONS = Stage("positions", "extract.positions.v1", "parsed",
                  frozenset({"text", "entities"}), frozenset({"positions"}))

#: Analysis stages run between clean and fingerprint, on supported-language articles only.
ANALYSIS_STAGES: tuple[Stage, ...] = (DATES, ENTITIES, QUOTES, EVENTS, POSITIONS)

DEFAULT_STAGES: tuple[Stage, ...] = (CLEAN, *ANALYSIS_STAGES, FINGERPRINT)
INGEST_STAGES: tuple[Stage, ...] = (CLEAN, FINGERPRINT)


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise :class:`ConfigError` if a stage reads a field no earlier stage writes."""
    available = {"raw"}
    for stage in stages:
        missing = stage.reads - available
        if missing:
            raise ConfigError(f"stage {stage.name!r} reads {sorted(missing)} but no earlier stage "
                              "writes them")
        available |= stage.writes


@dataclass(frozen=True)
class Processed:
    """What the per-article pipeline returns for an accepted document."""

    article: Article
    fingerprint: bytes
    timings: dict[str, float] = field(default_factory=dict)


def _stage_error(stage: Stage, raw: RawDocument, exc: BaseException) -> Rejected:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return reject("stage_error", f"{exc.__class__.__name__}: {exc}{location}", stage.name,
                  input=raw.input, id=raw.id)


def process_document(raw: RawDocument, settings: Settings,
                     stages: Sequence[Stage] = DEFAULT_STAGES) -> Processed | Rejected:
    """Run every per-article stage on one document; never raises for a bad document."""
    timings: dict[str, float] = {}
    article: Any = raw
    fingerprint = b""
    doc: Any = None
    for stage in stages:
        if stage.kind in ("article", "parsed") and not article.supported:
            continue
        started = time.perf_counter()
        try:
            if stage.kind == "parsed" and doc is None:
                from storyline.nlp import parse

                doc = parse(article.text, settings["nlp.model"], settings["nlp.max_chars"])
                timings["parse"] = time.perf_counter() - started
                started = time.perf_counter()
            fn: Callable[..., Any] = registry.get(stage.component)
            if stage.kind == "document":
                article = fn(raw, settings)
                if isinstance(article, Rejected):
                    return dataclasses.replace(article, input=article.input or raw.input,
                                               id=article.id or raw.id)
            elif stage.kind == "article":
                article = fn(article, settings)
            elif stage.kind == "parsed":
                article = fn(article, doc, settings)
            else:
                fingerprint = fn(article.text, settings).to_bytes()
        except ConfigError:  # the configuration, not the record: every record would fail
            raise
        except Exception as exc:  # a bad record must never kill the batch
            if settings["failure_policy"] == "stop":
                raise
            return _stage_error(stage, raw, exc)
        timings[stage.name] = time.perf_counter() - started
    return Processed(article=article, fingerprint=fingerprint, timings=timings)


class DocumentProcessor:
    """``process_document`` bound to settings: a picklable one-argument callable for executors."""

    def __init__(self, settings: Settings, stages: Sequence[Stage] = DEFAULT_STAGES) -> None:
        check_stages(stages)
        self.settings = settings
        self.stages = tuple(stages)

    def __call__(self, raw: RawDocument) -> Processed | Rejected:
        return process_document(raw, self.settings, self.stages)


def crashed(raw: RawDocument, message: str) -> Rejected:
    """The result for a document whose worker process died."""
    return reject("stage_error", message, "analyse", input=raw.input, id=raw.id)
