"""One settings table: it drives validation, ``--help`` text, ``storyline settings`` and the docs.

Precedence, lowest first: defaults < config file (``storyline.toml`` or ``--config FILE``,
a ``[storyline]`` table or top-level keys) < environment (``STORYLINE_INGEST_MAX_BYTES`` for
``ingest.max_bytes``) < explicit overrides (CLI flags, ``--set name=value``).
The result is one frozen :class:`Settings` object passed down; there are no globals.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None


SETTINGS: tuple[Setting, ...] = (
    # where things go
    Setting("db", str, "storyline.db", "Database: a SQLite file path or a postgresql:// URL."),
    Setting("failure_policy", str, "record", "What a failing record does: 'record' stores a "
            "rejection and goes on; 'stop' stops the run at the first failure.",
            choices=("record", "stop")),
    # ingest
    Setting("ingest.max_bytes", int, 50_000_000, "Size cap for one input file, URL body or "
            "record, in bytes; larger inputs are rejected.", minimum=1),
    Setting("ingest.max_records", int, 10_000_000, "At most this many records are read from one "
            "JSON Lines, WARC or feed file.", minimum=1),
    Setting("ingest.url_timeout", float, 20.0, "Seconds before a URL fetch gives up.", minimum=0.1),
    Setting("ingest.max_redirects", int, 5, "Redirects followed when fetching a URL.", minimum=0),
    Setting("ingest.allow_private", bool, False, "Allow fetching URLs that resolve to private, "
            "loopback or link-local addresses."),
    Setting("ingest.user_agent", str, "storyline/0.1 (+https://github.com/storyline)",
            "User-Agent header sent when fetching URLs."),
    # clean
    Setting("clean.languages", str, "en", "Comma-separated ISO 639-1 codes analysed; articles "
            "in other languages are stored and marked unsupported."),
    Setting("clean.min_chars", int, 80, "Cleaned text shorter than this is rejected as no_text.",
            minimum=0),
    Setting("clean.remove_furniture", bool, True, "Remove page furniture (share counters, "
            "captions, 'Read more' lines, tag lists, login prompts) from extracted text."),
    Setting("clean.favor_precision", bool, True, "Ask trafilatura to favour precision over "
            "recall when extracting the main text from HTML."),
    # dedupe
    Setting("dedupe.threshold", float, 0.2, "MinHash LSH Jaccard threshold for near-duplicate "
            "candidates.", minimum=0.05, maximum=1.0),
    Setting("dedupe.num_perm", int, 128, "MinHash permutations.", minimum=16, maximum=1024),
    Setting("dedupe.shingle", int, 5, "Word shingle length for MinHash.", minimum=1, maximum=20),
    Setting("dedupe.containment", float, 0.6, "Verified overlap (shared shingles over the "
            "shorter article's shingles) above which a candidate is a duplicate.",
            minimum=0.0, maximum=1.0),
    # nlp
    Setting("nlp.model", str, "storyline-en", "spaCy pipeline: 'storyline-en' (shipped), an "
            "installed package name such as en_core_web_trf, or a directory path."),
    Setting("nlp.batch_size", int, 32, "Documents per nlp.pipe batch.", minimum=1),
    Setting("nlp.n_process", int, 1, "Processes for nlp.pipe.", minimum=1),
    Setting("nlp.max_chars", int, 100_000, "Characters of an article's text that are parsed; a "
            "longer text is analysed up to the last paragraph break before this bound (the whole "
            "text is still stored and searchable).", minimum=1_000, maximum=1_000_000),
    # quotes
    Setting("quotes.cue_model", str, "", "Optional learned model of indirect-speech cues (a JSON "
            "file built by `python -m storyline.extract.quote_learned`; see "
            "docs/benchmarks-quotes.md); empty: rules only."),
    # corroboration
    Setting("corroborate.max_articles", int, 200, "Largest storyline (in articles) whose "
            "articles are corroborated together, for conflicts and position changes across its "
            "stories (larger storylines are corroborated story by story); a larger story is "
            "corroborated on its first this-many articles without duplicates.", minimum=2),
    # execution
    Setting("execute.executor", str, "local", "Executor for per-article stages.",
            choices=("local", "spark")),
    Setting("execute.workers", int, 0, "Worker processes for the local executor; 0 means one "
            "per CPU core.", minimum=0),
    Setting("execute.batch_size", int, 64, "Articles per executor task and per database "
            "transaction.", minimum=1),
    Setting("execute.spark_driver_memory", str, "1g", "Spark: JVM heap of the driver (in "
            "local mode also the executors'). Cached partitions spill to disk beyond it; the "
            "ordered output reaches the driver in task status messages, so it does not grow with "
            "the corpus (1g ran 100,000 articles at a 1.4 GB JVM). Only read when the JVM starts."),
    Setting("execute.spark_master", str, "local[2]", "Spark master URL for "
            "execute.executor=spark (local[N], spark://host:7077, yarn, k8s://...); ignored when "
            "spark-submit already set one."),
    Setting("execute.partition_records", int, 2000, "Spark: records per input partition (a "
            "JSON Lines file is split into line ranges of this size; small files are grouped "
            "this many to a partition; each WARC file is one partition).", minimum=1),
    Setting("execute.output", str, "store", "Spark: where results go: 'store' (the database "
            "named by db), 'parquet:DIR', or 'store+parquet:DIR'."),
    # stories (storyline/stories/params.py reads these)
    Setting("stories.story_threshold", float, 0.26, "Cosine similarity (TF-IDF, names weighted up) an article needs to its best candidate story to join it; below it the article starts a story."),
    Setting("stories.storyline_threshold", float, 0.04, "Cosine similarity a new story's first article needs to a storyline to join it; below it the story starts a storyline."),
    Setting("stories.window_days", int, 7, "A dated article joins only stories whose dates lie within this many days of its own (disabled when either side is undated)."),
    Setting("stories.storyline_window_days", int, 30, "A new story joins only storylines active within this many days of its date (disabled when undated)."),
    Setting("stories.date_penalty", float, 0.1, "Similarity subtracted, in proportion to the date gap over the window, from a dated article's score against a dated story."),
    Setting("stories.key_terms", int, 12, "Highest-weighted terms per article used as blocking keys in the inverted index."),
    Setting("stories.postings_cap", int, 64, "Stories (and storylines) kept per blocking key, most recently active first."),
    Setting("stories.max_candidates", int, 32, "Candidate stories scored per article (those sharing most keys)."),
    Setting("stories.doc_terms", int, 150, "Terms kept per article vector."),
    Setting("stories.centroid_terms", int, 300, "Terms kept per story centroid."),
    Setting("stories.storyline_terms", int, 1000, "Terms kept per storyline centroid."),
    Setting("stories.name_boost", float, 2.0, "Weight of capitalised phrases (names) relative to plain words."),
    Setting("stories.entity_boost", float, 3.0, "Weight of resolved entity ids relative to plain words."),
    Setting("stories.title_boost", float, 2.0, "Weight of title words relative to body words."),
    Setting("stories.lead_chars", int, 300, "Characters at the start of the text counted as the lead."),
    Setting("stories.lead_boost", float, 2.0, "Weight of lead words relative to the rest of the body."),
    Setting("stories.compact_after_days", int, 28, "Stories that ended this many days before the latest article keep only their 40 heaviest terms (memory); 0 keeps every centroid whole."),
    Setting("stories.storyline_words", bool, True, "Compare at the storyline level on words only (names still count as lower-cased words, but not as boosted phrases)."),
    Setting("stories.relink", bool, True, "Let storylines merge when a growing story comes to match another storyline."),
    Setting("stories.relink_threshold", float, 0.1, "Cosine similarity between a growing story and another storyline at which the two storylines merge."),
    Setting("stories.undated_margin", float, 0.1, "Added to the storyline and relink thresholds when either side is undated: without the time window, more textual evidence is required."),
    Setting("stories.shared_names", int, 1, "Names or entities (of the article's or story's ten heaviest) a storyline must also hold for a new story to join it or for a growing story to merge the two storylines."),
    Setting("stories.story_undated_margin", float, 0.1, "Added to the story threshold when exactly one side (the article or the story) is dated: an undated article escapes the time window, so it must match a dated story more closely."),
    Setting("stories.coverage_threshold", float, 0.4, "A new story also joins a storyline (in its window) when its first article contains this share of the storyline's heaviest words, however low the cosine (0 = off)."),
    Setting("stories.coverage_terms", int, 20, "Heaviest storyline words the coverage test looks for."),
    Setting("stories.nameless_threshold", float, 0.1, "Storyline-level similarity (words) at which a new story joins a storyline, or two storylines merge, without sharing a name (0 = never: shared_names always applies)."),
    Setting("stories.storyline_revive_threshold", float, 0.2, "A new story joins a storyline that has been quiet for longer than storyline_window_days (a story taken up again months later) when its first article matches it at this similarity and shares a name (0 = never)."),
    # serve
    Setting("serve.host", str, "127.0.0.1", "Address the HTTP server binds to."),
    Setting("serve.port", int, 8000, "Port the HTTP server listens on.", minimum=1, maximum=65535),
    Setting("serve.workers", int, 0, "Server processes, each with its own socket on the port "
            "(0 = one per core, at most 4; 1 = serve in the calling process).", minimum=0),
    Setting("serve.token", str, "", "Token required by write endpoints (POST /api/ingest); "
            "empty disables them."),
)

SETTINGS_BY_NAME: Mapping[str, Setting] = MappingProxyType({s.name: s for s in SETTINGS})


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is bool:
        if isinstance(value, bool):
            result: Any = value
        elif isinstance(value, str) and value.strip().lower() in {"1", "true", "yes", "on"}:
            result = True
        elif isinstance(value, str) and value.strip().lower() in {"0", "false", "no", "off"}:
            result = False
        else:
            raise ConfigError(f"setting {setting.name} takes true or false, not {value!r}")
        return result
    try:
        result = setting.type(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting {setting.name} takes a {setting.type.__name__}, not {value!r}",
            hint=setting.help,
        ) from None
    if setting.minimum is not None and result < setting.minimum:
        raise ConfigError(f"setting {setting.name} must be at least {setting.minimum}, not {value!r}")
    if setting.maximum is not None and result > setting.maximum:
        raise ConfigError(f"setting {setting.name} must be at most {setting.maximum}, not {value!r}")
    if setting.choices is not None and result not in setting.choices:
        raise ConfigError(
            f"setting {setting.name} must be one of {', '.join(setting.choices)}, not {value!r}"
        )
    return result


class Settings(Mapping[str, Any]):
    """A frozen, validated view of every setting. ``settings["dedupe.threshold"]``."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        merged = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            if name not in SETTINGS_BY_NAME:
                raise ConfigError(f"unknown setting {name!r}", hint="storyline settings lists them")
            merged[name] = _coerce(SETTINGS_BY_NAME[name], value)
        self._values = MappingProxyType(merged)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self._values.items())))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Settings, (dict(self._values),))

    def with_(self, **overrides: Any) -> Settings:
        """A copy with some settings changed; names use ``_`` for ``.`` (``dedupe_threshold``)."""
        values = dict(self._values)
        for key, value in overrides.items():
            values[_name_from_kwarg(key)] = value
        return Settings(values)

    def __repr__(self) -> str:
        changed = {k: v for k, v in self._values.items() if v != SETTINGS_BY_NAME[k].default}
        return f"Settings({changed!r})"


def _name_from_kwarg(key: str) -> str:
    if key in SETTINGS_BY_NAME:
        return key
    for name in SETTINGS_BY_NAME:
        if name.replace(".", "_") == key:
            return name
    raise ConfigError(f"unknown setting {key!r}", hint="storyline settings lists them")


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def env_name(name: str) -> str:
    return "STORYLINE_" + name.upper().replace(".", "_")


def load_settings(
    config_file: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from defaults < config file < environment < overrides (``None`` values skipped)."""
    values: dict[str, Any] = {}
    path = Path(config_file) if config_file else Path("storyline.toml")
    if config_file or path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        values.update(_flatten(table.get("storyline", table)))
    env = os.environ if environ is None else environ
    for name in SETTINGS_BY_NAME:
        if env_name(name) in env:
            values[name] = env[env_name(name)]
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    return Settings(values)


def parse_assignment(text: str) -> tuple[str, str]:
    """``name=value`` from ``--set``."""
    name, sep, value = text.partition("=")
    if not sep or name.strip() not in SETTINGS_BY_NAME:
        raise ConfigError(f"--set takes name=value with a known setting name, not {text!r}",
                          hint="storyline settings lists them")
    return name.strip(), value


DEFAULT_SETTINGS = Settings()
