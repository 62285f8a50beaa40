"""Saving a :class:`~storyline.stories.index.StoryIndex`: the whole state, or only what changed.

The whole state (``storyline.stories.v1``) grows with the corpus — about 70 MB compressed at
100,000 articles — so writing it after every chunk of 500 articles costs more than clustering
the chunk. A *delta* (``storyline.stories.delta.v1``) holds only what the articles added since
the last save touched: their document frequencies, the stories and storylines they changed
(and, for the others they were scored against, just the refreshed centroid lengths), the postings keys they were filed under,
their assignments and storyline merges. Its size and cost depend on the chunk, not the corpus.

    base = index.state_to_bytes()          # now and then (e.g. every 20 chunks)
    ...add a chunk...
    delta = index.delta_to_bytes()         # after every chunk
    resumed = StoryIndex.from_bytes(base, deltas=[delta, ...])   # continues identically

A delta applies only to the state it follows (checked by article count); saving the whole
state also starts a new delta sequence.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.stories.index import StoryIndex

STATE_FORMAT = "storyline.stories.v1"
DELTA_FORMAT = "storyline.stories.delta.v1"


@dataclass
class Dirty:
    """What changed since the last save (bookkeeping of a live index, never saved)."""

    base_docs: int = 0
    df: set[str] = field(default_factory=set)
    clusters: set[str] = field(default_factory=set)
    norms: set[str] = field(default_factory=set)  # only the cached centroid length changed
    story_keys: set[str] = field(default_factory=set)
    line_keys: set[str] = field(default_factory=set)
    assigned: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    line_top: set[str] = field(default_factory=set)


def encode(state: dict[str, Any]) -> bytes:
    """Compressed JSON, streamed through the compressor (no full JSON text in memory)."""
    packer = zlib.compressobj(6)
    out: list[bytes] = []
    buffer: list[str] = []
    size = 0
    for piece in json.JSONEncoder(separators=(",", ":")).iterencode(state):
        buffer.append(piece)
        size += len(piece)
        if size > 1 << 20:
            out.append(packer.compress("".join(buffer).encode("utf-8")))
            buffer, size = [], 0
    out.append(packer.compress("".join(buffer).encode("utf-8")))
    out.append(packer.flush())
    return b"".join(out)


def decode(data: bytes, expected: str) -> dict[str, Any]:
    """The state or delta in ``data``; ``ValueError`` when it is not of the ``expected``
    format (or not a saved state at all)."""
    try:
        state = json.loads(zlib.decompress(data).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a {expected} state: {exc}") from None
    if not isinstance(state, dict) or state.get("format") != expected:
        found = state.get("format") if isinstance(state, dict) else type(state).__name__
        raise ValueError(f"not a {expected} state: {found!r}")
    return state


def full_state(index: StoryIndex) -> dict[str, Any]:
    return {
        "format": STATE_FORMAT,
        "params": index.params.to_dict(),
        "n_docs": index.df.n_docs,
        "df": index.df.df,
        "stories": [c.to_json() for c in index.stories.values()],
        "storylines": [c.to_json() for c in index.storylines.values()],
        "story_keys": index.story_keys.table,
        "line_keys": index.line_keys.table,
        "assigned": index.assigned,
        "merged": index.merged,
        "latest_day": index.latest_day,
        "compacted": index.compacted,
        "pending": list(index._pending),
        "line_top": index._line_top,
    }


def _cluster(index: StoryIndex, cid: str) -> Any:
    return (index.storylines if cid.startswith("sl-") else index.stories).get(cid)


def _clusters(index: StoryIndex, ids: set[str], lines: bool) -> Iterator[list[Any]]:
    table = index.storylines if lines else index.stories
    rows = [table[cid] for cid in ids if cid.startswith("sl-") == lines and cid in table]
    for cluster in sorted(rows, key=lambda c: c.seq):  # creation order, as in the full state
        yield cluster.to_json()


def delta_state(index: StoryIndex) -> dict[str, Any]:
    """What changed since the last save, as a JSON-ready dict."""
    dirty = index._dirty
    df = index.df.df
    return {
        "format": DELTA_FORMAT,
        "base_docs": dirty.base_docs,
        "n_docs": index.df.n_docs,
        "df": {t: df[t] for t in dirty.df},
        "stories": list(_clusters(index, dirty.clusters, lines=False)),
        "storylines": list(_clusters(index, dirty.clusters, lines=True)),
        "norms": {cid: [c.norm, c.norm_at] for cid in dirty.norms - dirty.clusters
                  if (c := _cluster(index, cid)) is not None},
        "story_keys": {k: list(index.story_keys.table[k]) for k in dirty.story_keys
                       if k in index.story_keys.table},
        "line_keys": {k: list(index.line_keys.table[k]) for k in dirty.line_keys
                      if k in index.line_keys.table},
        "assigned": {d: index.assigned[d] for d in dirty.assigned},
        "merged": {m: index.merged[m] for m in dirty.merged},
        "latest_day": index.latest_day,
        "compacted": index.compacted,
        "pending": list(index._pending),
        "line_top": {k: index._line_top[k] for k in dirty.line_top if k in index._line_top},
    }


def apply_delta(index: StoryIndex, delta: dict[str, Any]) -> None:
    """Bring ``index`` (the state the delta follows) up to date with ``delta``."""
    from storyline.stories.index import Cluster

    if delta["base_docs"] != index.df.n_docs:
        raise ValueError(f"delta follows a state of {delta['base_docs']} articles, "
                         f"not {index.df.n_docs}: apply the deltas in order")
    index.df.df.update(delta["df"])
    index.df.set_docs(delta["n_docs"])
    for row in delta["stories"]:
        index.stories[row[0]] = Cluster.from_json(row)
    for row in delta["storylines"]:
        index.storylines[row[0]] = Cluster.from_json(row)
    for cid, (norm, norm_at) in delta["norms"].items():
        cluster = _cluster(index, cid)
        if cluster is None:
            raise ValueError(f"delta refers to an unknown story {cid!r}")
        cluster.norm, cluster.norm_at = norm, norm_at
    for key, ids in delta["story_keys"].items():
        index.story_keys.table[key] = dict.fromkeys(ids)
    for key, ids in delta["line_keys"].items():
        index.line_keys.table[key] = dict.fromkeys(ids)
    index.assigned.update(delta["assigned"])
    index.merged.update(delta["merged"])
    index.latest_day = delta["latest_day"]
    index.compacted = delta["compacted"]
    index._pending.clear()
    index._pending.extend(delta["pending"])
    index._line_top.update(delta["line_top"])
