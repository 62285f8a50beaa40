"""Clustering parameters, read from the settings table with a fallback default each.

The ``stories.*`` names are proposed for ``storyline/config.py`` (see docs/stories.md); until
they are added there, :meth:`StoryParams.from_settings` reads whatever of them a settings-like
mapping holds and uses the defaults below for the rest.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: name -> help text, for the settings table (defaults are the dataclass defaults).
HELP: dict[str, str] = {
    "story_threshold": "Cosine similarity (TF-IDF, names weighted up) an article needs to its "
                       "best candidate story to join it; below it the article starts a story.",
    "storyline_threshold": "Cosine similarity a new story's first article needs to a storyline "
                           "to join it; below it the story starts a storyline.",
    "window_days": "A dated article joins only stories whose dates lie within this many days "
                   "of its own (disabled when either side is undated).",
    "storyline_window_days": "A new story joins only storylines active within this many days "
                             "of its date (disabled when undated).",
    "date_penalty": "Similarity subtracted, in proportion to the date gap over the window, "
                    "from a dated article's score against a dated story.",
    "key_terms": "Highest-weighted terms per article used as blocking keys in the inverted "
                 "index.",
    "postings_cap": "Stories (and storylines) kept per blocking key, most recently active "
                    "first.",
    "max_candidates": "Candidate stories scored per article (those sharing most keys).",
    "doc_terms": "Terms kept per article vector.",
    "centroid_terms": "Terms kept per story centroid.",
    "storyline_terms": "Terms kept per storyline centroid.",
    "name_boost": "Weight of capitalised phrases (names) relative to plain words.",
    "entity_boost": "Weight of resolved entity ids relative to plain words.",
    "title_boost": "Weight of title words relative to body words.",
    "lead_chars": "Characters at the start of the text counted as the lead.",
    "lead_boost": "Weight of lead words relative to the rest of the body.",
    "undated_margin": "Added to the storyline and relink thresholds when either side is "
                      "undated: without the time window, more textual evidence is required.",
    "story_undated_margin": "Added to the story threshold when exactly one side (the article "
                            "or the story) is dated: an undated article escapes the time "
                            "window, so it must match a dated story more closely.",
    "shared_names": "Names or entities (of the article's or story's ten heaviest) a "
                    "storyline must also hold for a new story to join it or for a growing "
                    "story to merge the two storylines.",
    "nameless_threshold": "Storyline-level similarity (words) at which a new story joins a "
                          "storyline, or two storylines merge, without sharing a name "
                          "(0 = never: ``shared_names`` always applies).",
    "coverage_threshold": "A new story also joins a storyline (in its window) when its first "
                          "article contains this share of the storyline's heaviest words, "
                          "however low the cosine (0 = off).",
    "coverage_terms": "Heaviest storyline words the coverage test looks for.",
    "storyline_revive_threshold": "A new story joins a storyline that has been quiet for "
                                  "longer than ``storyline_window_days`` (a story taken up "
                                  "again months later) when its first article matches it at "
                                  "this similarity and shares a name (0 = never).",
    "compact_after_days": "Stories that ended this many days before the latest article keep "
                          "only their 40 heaviest terms (memory); 0 keeps every centroid whole.",
    "storyline_words": "Compare at the storyline level on words only (names still count as "
                       "lower-cased words, but not as boosted phrases).",
    "relink": "Let storylines merge when a growing story comes to match another storyline.",
    "relink_threshold": "Cosine similarity between a growing story and another storyline at "
                        "which the two storylines merge.",
}


@dataclass(frozen=True)
class StoryParams:
    story_threshold: float = 0.26
    storyline_threshold: float = 0.04
    window_days: int = 7
    storyline_window_days: int = 30
    date_penalty: float = 0.1
    key_terms: int = 12
    postings_cap: int = 64
    max_candidates: int = 32
    doc_terms: int = 150
    centroid_terms: int = 300
    storyline_terms: int = 1000
    name_boost: float = 2.0
    entity_boost: float = 3.0
    title_boost: float = 2.0
    lead_chars: int = 300
    lead_boost: float = 2.0
    compact_after_days: int = 28
    storyline_words: bool = True
    relink: bool = True
    relink_threshold: float = 0.10
    undated_margin: float = 0.10
    story_undated_margin: float = 0.10
    shared_names: int = 1
    nameless_threshold: float = 0.1
    coverage_threshold: float = 0.4
    coverage_terms: int = 20
    storyline_revive_threshold: float = 0.2

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None, **overrides: Any
                      ) -> StoryParams:
        """Parameters from ``stories.<name>`` keys of a settings-like mapping (missing keys
        keep their defaults), then keyword overrides."""
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            key = f"stories.{f.name}"
            if settings is not None and key in settings:
                raw = settings[key]
                if isinstance(f.default, bool) and isinstance(raw, str):
                    values[f.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
                else:
                    kind: Any = type(f.default)
                    values[f.name] = kind(raw)
        values.update(overrides)
        return cls(**values)

    def replace(self, **changes: Any) -> StoryParams:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
