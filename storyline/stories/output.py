"""Story records as the ``storyline stories --format json`` contract (OUTPUT.md) and titles.

A story's title is the member headline that best matches the story's centroid (the most
central headline); a story without headlines, and every storyline, is titled by its top key
phrases (names first), e.g. "BP / Gulf of Mexico / Deepwater Horizon: oil spill".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from storyline.stories.features import term_counts
from storyline.stories.index import Cluster, StoryIndex
from storyline.stories.vectors import top_terms


@dataclass(frozen=True)
class StoryRecord:
    id: str
    title: str
    level: str  # "story" | "storyline"
    parent: str | None
    articles: tuple[str, ...]
    start: str | None
    end: str | None
    stories: tuple[str, ...] = ()
    key_phrases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "title": self.title, "level": self.level, "parent": self.parent,
            "articles": list(self.articles), "start": self.start, "end": self.end,
            "key_phrases": list(self.key_phrases),
        }
        if self.level == "storyline":
            out["stories"] = list(self.stories)
        return out


def _display(term: str) -> str:
    kind, _, text = term.partition(":")
    if kind != "n":
        return text
    words = text.split()
    return " ".join(w.upper() if len(w) <= 3 and len(words) == 1 or w in {"us", "uk", "eu", "un"}
                    else w if w in {"of", "de", "al"} else w[:1].upper() + w[1:] for w in words)


def key_phrases(index: StoryIndex, cluster: Cluster, k: int = 4) -> list[str]:
    """Up to ``k`` readable phrases: names first, then words not already inside a name."""
    terms = top_terms({t: c * index.df.idf(t) for t, c in cluster.centroid.items()
                       if t[:2] in {"n:", "w:", "l:"}}, 24)
    names: list[str] = []
    for t in terms:
        if t.startswith("n:") and not any(t[2:] in n or n in t[2:] for n in names):
            names.append(t[2:])
    name_words = {w for n in names for w in n.split()}
    words = [t[2:] for t in terms if not t.startswith("n:")
             and t[2:] not in name_words and t[2:] + "s" not in name_words]
    chosen = [_display("n:" + n) for n in names[: max(k - 1, 1)]]
    chosen += words[: k - len(chosen)]
    return chosen


def central_title(index: StoryIndex, cluster: Cluster) -> str | None:
    """The member headline closest to the centroid (earliest wins ties)."""
    best, best_score = None, -1.0
    cnorm = math.sqrt(sum((c * index.df.idf(t)) ** 2 for t, c in cluster.centroid.items()))
    for title in cluster.titles:
        tf = term_counts(title, None)
        if not tf:
            continue
        dot = sum(w * index.df.idf(t) ** 2 * cluster.centroid.get(t, 0.0) for t, w in tf.items())
        tnorm = math.sqrt(sum((w * index.df.idf(t)) ** 2 for t, w in tf.items()))
        score = dot / (tnorm * cnorm) if tnorm and cnorm else 0.0
        if score > best_score:
            best, best_score = title, score
    return best


def _day(ordinal: int | None) -> str | None:
    return dt.date.fromordinal(ordinal).isoformat() if ordinal is not None else None


def story_records(index: StoryIndex) -> list[StoryRecord]:
    """Every storyline, then every story, in order of creation (OUTPUT.md shape)."""
    out: list[StoryRecord] = []
    for line in index.storylines.values():
        if line.id in index.merged:
            continue
        articles = tuple(a for sid in line.members for a in index.stories[sid].members)
        phrases = key_phrases(index, line)
        out.append(StoryRecord(line.id, " / ".join(phrases) or line.id, "storyline", None,
                               articles, _day(line.start), _day(line.end),
                               stories=tuple(line.members), key_phrases=tuple(phrases)))
    for story in index.stories.values():
        phrases = key_phrases(index, story)
        title = central_title(index, story) or " / ".join(phrases) or story.id
        out.append(StoryRecord(story.id, title, "story", index.storyline_of(story.id),
                               tuple(story.members),
                               _day(story.start), _day(story.end), key_phrases=tuple(phrases)))
    return out
