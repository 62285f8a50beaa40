"""``StoryIndex``: incremental two-level clustering of articles into stories and storylines.

Each :meth:`StoryIndex.add` costs the same however many articles came before:

1. the article's terms are weighted with the current (incremental) IDF and its ``key_terms``
   heaviest terms looked up in an inverted index of stories, each key's postings capped at the
   ``postings_cap`` most recently active stories;
2. the stories sharing most keys (at most ``max_candidates``), and within ``window_days`` when
   both sides are dated, are scored by cosine against their centroids, minus a date penalty;
3. the article joins the best story at or above ``story_threshold`` (plus
   ``story_undated_margin`` when only one of the two is dated), or starts a story — a
   duplicate joins the story of its canonical article directly; a new
   story joins the most similar storyline (same blocking, ``storyline_window_days``, sharing at
   least ``shared_names`` names) at or above ``storyline_threshold``, or starts a storyline;
4. as a story grows (1-4 and 6 articles, then powers of two) its storyline may merge with
   another one its centroid now matches (``relink_threshold``); stories long past the window
   have their centroids compacted.

A story never changes storyline except by a storyline merge (``merged``), so the sequence of
:class:`Assignment` values plus the merges is a complete log of the clustering. The result
is a pure function of the input order; :meth:`state_to_bytes` / :meth:`from_bytes` resume a
run exactly where it stopped.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.stories.doc import StoryDoc
from storyline.stories.features import term_counts
from storyline.stories.params import StoryParams
from storyline.stories.state import (
    DELTA_FORMAT,
    STATE_FORMAT,
    Dirty,
    apply_delta,
    decode,
    delta_state,
    encode,
    full_state,
)
from storyline.stories.vectors import (
    DocFreq,
    add_into,
    centroid_norm,
    cosine_scaled,
    idf_scaled,
    norm_delta,
    restrict,
    top_terms,
    weigh,
)

MAX_TITLES = 24
COMPACT_TERMS = 40


@dataclass(frozen=True)
class Assignment:
    """Where one article went. ``score`` is its similarity to the story it joined (0 if new)."""

    doc_id: str
    story_id: str
    storyline_id: str
    new_story: bool
    score: float
    new_storyline: bool = False


@dataclass
class Cluster:
    """A story or a storyline while the index is live (mutable, internal)."""

    id: str
    seq: int
    parent: str | None
    centroid: dict[str, float] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)  # article ids (stories: article ids,
    start: int | None = None                            # storylines: story ids)
    end: int | None = None
    size: int = 0
    titles: list[str] = field(default_factory=list)
    norm: float = 0.0  # centroid length under the IDF of ``norm_at`` articles (-1: stale)
    norm_at: int = -1

    def gap(self, day: int | None) -> int | None:
        """Days between ``day`` and this cluster's date range (``None``: undated either side)."""
        if day is None or self.start is None or self.end is None:
            return None
        return max(0, self.start - day, day - self.end)

    def take(self, day: int | None, unit_tf: dict[str, float], df: DocFreq, cap: int,
             only: tuple[str, ...] | None = None) -> None:
        """Add one article. A cached centroid length is updated in place (the terms the
        article adds, under the current IDF) rather than recomputed over the whole centroid;
        it is still refreshed in full when the corpus has grown 2% (see ``_cosine``)."""
        self.size += 1
        delta = norm_delta(self.centroid, unit_tf, df, only) if self.norm_at >= 0 else 0.0
        pruned = add_into(self.centroid, unit_tf, df, cap)
        if self.norm_at >= 0 and not pruned:
            self.norm = math.sqrt(max(self.norm * self.norm + delta, 0.0))
        else:
            self.norm_at = -1
        if day is not None:
            self.start = day if self.start is None else min(self.start, day)
            self.end = day if self.end is None else max(self.end, day)

    def to_json(self) -> list[Any]:
        return [self.id, self.seq, self.parent, self.centroid, self.members, self.start,
                self.end, self.size, self.titles, self.norm, self.norm_at]

    @classmethod
    def from_json(cls, row: list[Any]) -> Cluster:
        return cls(*row)


class Postings:
    """Inverted index key -> cluster ids, each list capped at the most recently active ones."""

    def __init__(self, cap: int, table: dict[str, dict[str, None]] | None = None) -> None:
        self.cap = cap
        self.table: dict[str, dict[str, None]] = table if table is not None else {}
        self.visited = 0

    def touch(self, keys: Iterable[str], cluster_id: str) -> None:
        for key in keys:
            ids = self.table.setdefault(key, {})
            ids.pop(cluster_id, None)
            ids[cluster_id] = None
            if len(ids) > self.cap:
                del ids[next(iter(ids))]

    def lookup(self, keys: Iterable[str]) -> dict[str, int]:
        """Cluster id -> number of keys it shares (at most ``len(keys) * cap`` visits)."""
        hits: dict[str, int] = {}
        self.visited = 0
        for key in keys:
            ids = self.table.get(key)
            if ids:
                self.visited += len(ids)
                for cid in ids:
                    hits[cid] = hits.get(cid, 0) + 1
        return hits


class StoryIndex:
    """Incremental story and storyline clustering. ``add`` one article at a time."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.df = DocFreq()
        self.stories: dict[str, Cluster] = {}
        self.storylines: dict[str, Cluster] = {}
        self.story_keys = Postings(self.params.postings_cap)
        self.line_keys = Postings(self.params.postings_cap)
        self._pending: deque[str] = deque()  # stories not yet compacted (see _compact)
        self.merged: dict[str, str] = {}  # storyline id -> the storyline that absorbed it
        self.assigned: dict[str, list[Any]] = {}  # doc id -> [story, line, new, score, new line]
        self.last_candidates = 0  # stories scored by the last add (for tests and benchmarks)
        self.latest_day: int | None = None  # the latest publication day seen
        self.compacted = 0  # stories compacted so far
        self._line_top: dict[str, list[Any]] = {}  # storyline -> [norm_at, terms, weights]
        self._dirty = Dirty()  # what changed since the last save (see state.py)
        self._line_only: tuple[str, ...] | None = (("w:", "l:") if self.params.storyline_words
                                                   else None)

    # -- the one operation -------------------------------------------------------------------
    def add(self, doc: StoryDoc) -> Assignment:
        """Assign one article to a story (existing or new); re-adding an id changes nothing."""
        if doc.id in self.assigned:
            story_id, _, _, score, _ = self.assigned[doc.id]
            return Assignment(doc.id, story_id, self.storyline_of(story_id), False, score)
        p = self.params
        tf = term_counts(doc.text, doc.title, lemmas=doc.lemmas, entities=doc.entities,
                         title_boost=p.title_boost, name_boost=p.name_boost,
                         entity_boost=p.entity_boost, lead_chars=p.lead_chars,
                         lead_boost=p.lead_boost)
        self.df.add(tf)
        dirty = self._dirty
        dirty.df.update(tf)
        weighted, unit_tf = weigh(tf, self.df, p.doc_terms)
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        # Look up by the heaviest terms seen before (a term new to the corpus cannot find a
        # story); post under those and the heaviest terms overall (so later articles find it).
        seen = {t: w for t, w in weighted.items() if self.df.df.get(t, 0) > 1}
        keys = top_terms(seen, p.key_terms)
        line_keys = self._line_keys(seen, p.key_terms)
        post = _union(keys, top_terms(weighted, p.key_terms))
        line_post = _union(line_keys, self._line_keys(weighted, p.key_terms))
        day = doc.published.toordinal() if doc.published else None

        story, score = self._canonical_story(doc)
        if story is None:
            story, score = self._best(self.stories, self.story_keys, keys, weighted, norm, day,
                                      p.window_days, p.story_threshold, p.date_penalty,
                                      one_sided_margin=p.story_undated_margin)
        elif doc.published is None:
            day = None  # an undated copy takes its canonical's story, not a date of its own
        new_story = story is None
        new_line = False
        if story is None:
            line, _ = self._best(self.storylines, self.line_keys, line_keys, weighted, norm, day,
                                 p.storyline_window_days, p.storyline_threshold, 0.0,
                                 p.undated_margin, present=tf)
            if line is None:
                new_line = True
                line = Cluster(id=_cluster_id("sl", doc.id, self.storylines),
                               seq=len(self.storylines), parent=None)
                self.storylines[line.id] = line
            story = Cluster(id=_cluster_id("st", doc.id, self.stories), seq=len(self.stories),
                            parent=line.id)
            self.stories[story.id] = story
            self._pending.append(story.id)
            line.members.append(story.id)
            score = 0.0
        line = self.storylines[self.find_line(story.parent or "")]
        story.take(day, unit_tf, self.df, p.centroid_terms)
        line.take(day, unit_tf, self.df, p.storyline_terms, self._line_only)
        story.members.append(doc.id)
        if doc.title and len(story.titles) < MAX_TITLES and doc.title not in story.titles:
            story.titles.append(doc.title)
        self.story_keys.touch(post, story.id)
        self.line_keys.touch(line_post, line.id)
        dirty.story_keys.update(post)
        dirty.line_keys.update(line_post)
        if p.relink and (story.size in _RECHECK or story.size & (story.size - 1) == 0):
            line = self._relink(story, line)
        self.assigned[doc.id] = [story.id, line.id, new_story, round(score, 6), new_line]
        dirty.assigned.append(doc.id)
        dirty.clusters.add(story.id)
        dirty.clusters.add(line.id)
        if day is not None and (self.latest_day is None or day > self.latest_day):
            self.latest_day = day
        self._compact()
        return Assignment(doc.id, story.id, line.id, new_story, round(score, 6), new_line)

    def _canonical_story(self, doc: StoryDoc) -> tuple[Cluster | None, float]:
        """The story of the article ``doc`` is a copy of (reprint, syndicated copy), if that
        article was placed already: a duplicate group is one report, so one story."""
        if doc.duplicate_of is None or doc.duplicate_of == doc.id:
            return None, 0.0
        placed = self.assigned.get(doc.duplicate_of)
        if placed is None or placed[0] not in self.stories:
            return None, 0.0
        return self.stories[placed[0]], 1.0

    def _compact(self) -> None:
        """Shrink the centroids of stories that ended ``compact_after_days`` before the latest
        article: no dated article can join them any more (they are far outside the window),
        so they keep only their ``COMPACT_TERMS`` heaviest terms (titles and key phrases, and
        undated latecomers). Stories wait in a queue; each add looks at up to four of them
        (an old one is compacted and leaves, an undated one leaves, a recent one goes to the
        back), so the cost per article is bounded and the queue drains."""
        horizon = self.params.compact_after_days
        if not horizon or self.latest_day is None:
            return
        queue = self._pending
        for _ in range(min(4, len(queue))):
            story = self.stories[queue[0]]
            if story.end is None:
                queue.popleft()
            elif story.end < self.latest_day - horizon:
                if len(story.centroid) > COMPACT_TERMS:
                    keep = top_terms({t: c * self.df.idf(t) for t, c in story.centroid.items()},
                                     COMPACT_TERMS)
                    story.centroid = {t: story.centroid[t] for t in keep}
                    story.norm_at = -1
                    self._dirty.clusters.add(story.id)
                queue.popleft()
                self.compacted += 1
            else:
                queue.rotate(-1)

    def find_line(self, line_id: str) -> str:
        """The storyline a (possibly merged) storyline id now belongs to."""
        while line_id in self.merged:
            line_id = self.merged[line_id]
        return line_id

    def storyline_of(self, story_id: str) -> str:
        """The current storyline of a story (storylines merge as their stories grow)."""
        return self.find_line(self.stories[story_id].parent or "")

    def _relink(self, story: Cluster, line: Cluster) -> Cluster:
        """Merge the story's storyline with another one its centroid now matches.

        Run when a story reaches 1-4 articles and then at each power of two, so the cost per
        article stays bounded. The older storyline absorbs the younger one.
        """
        p = self.params
        top, get, log = self.df.top, self.df.df.get, math.log
        weighted = {t: c * (top - log(get(t, 0) + 1)) for t, c in story.centroid.items()}
        keys = self._line_keys(weighted, 2 * p.key_terms)
        full = weighted
        weighted, norm = restrict({t: weighted[t] for t in top_terms(weighted, p.doc_terms)},
                                  self._line_only)
        hits = self.line_keys.lookup(keys)
        ranked: list[tuple[int, int, Cluster, int | None]] = []
        seen: set[str] = {line.id}
        for cid, shared in hits.items():
            root = self.find_line(cid)
            if root in seen:
                continue
            seen.add(root)
            other = self.storylines[root]
            gap = _interval_gap(story, other)
            if gap is not None and gap > p.storyline_window_days:
                continue
            ranked.append((-shared, -other.seq, other, gap))
        ranked.sort(key=lambda r: (r[0], r[1]))
        best: Cluster | None = None
        best_score = p.relink_threshold
        names = _names(full)
        scaled = idf_scaled(weighted, self.df)
        nameless = max(p.relink_threshold, p.nameless_threshold)
        for _, _, other, gap in ranked[: p.max_candidates]:
            shares = _shares(names, other, p.shared_names)
            if not shares and p.nameless_threshold <= 0:
                continue
            score = self._cosine(scaled, norm, other, self._line_only)
            if gap is None:
                score -= p.undated_margin
            if not shares and score < nameless:
                continue
            if score >= best_score and (best is None or score > best_score):
                best, best_score = other, score
        if best is None:
            return line
        keep, gone = (best, line) if best.seq < line.seq else (line, best)
        self.merged[gone.id] = keep.id
        self._dirty.merged.append(gone.id)
        self._dirty.clusters.update((gone.id, keep.id))
        keep.members.extend(gone.members)
        gone.members = []
        keep.size += gone.size
        for t, c in gone.centroid.items():
            keep.centroid[t] = keep.centroid.get(t, 0.0) + c
        gone.centroid = {}
        keep.norm_at = -1
        add_into(keep.centroid, {}, self.df, p.storyline_terms)
        for day in (gone.start, gone.end):
            if day is not None:
                keep.start = day if keep.start is None else min(keep.start, day)
                keep.end = day if keep.end is None else max(keep.end, day)
        self.line_keys.touch(keys, keep.id)
        self._dirty.line_keys.update(keys)
        return keep

    def _coverage(self, weighted: dict[str, float], line: Cluster) -> float:
        """The share of a storyline's ``coverage_terms`` heaviest words (by IDF-weighted
        weight) that the article contains: a topic-tracking test that long or digressive
        articles (whose cosine is diluted) still pass when they are about the storyline."""
        cached = self._line_top.get(line.id)
        if cached is None or cached[0] != line.norm_at or line.norm_at < 0:
            only = self._line_only or ("w:", "l:", "n:", "e:")
            idf = self.df.idf
            weights = {t: c * idf(t) for t, c in line.centroid.items() if t.startswith(only)}
            terms = top_terms(weights, self.params.coverage_terms)
            cached = [line.norm_at, terms, [weights[t] for t in terms]]
            self._line_top[line.id] = cached
            self._dirty.line_top.add(line.id)
        terms, weights = cached[1], cached[2]
        total = sum(weights)
        if not total:
            return 0.0
        return sum(w for t, w in zip(terms, weights, strict=True) if t in weighted) / total

    def _line_keys(self, weighted: dict[str, float], k: int) -> list[str]:
        only = self._line_only
        if only is None:
            return top_terms(weighted, k)
        return top_terms({t: w for t, w in weighted.items() if t.startswith(only)}, k)

    def _cosine(self, scaled: dict[str, float], norm: float, cluster: Cluster,
                only: tuple[str, ...] | None) -> float:
        """Cosine of an article vector already scaled by the IDF (``idf_scaled``) against a
        centroid whose length is cached, kept up to date as articles join, and recomputed
        when it was invalidated or the corpus grew by more than 2% (the cache is part of the
        saved state)."""
        n = self.df.n_docs
        if cluster.norm_at < 0 or n > cluster.norm_at * 1.02 + 5:
            cluster.norm = centroid_norm(cluster.centroid, self.df, only)
            cluster.norm_at = n
            self._dirty.norms.add(cluster.id)
        return cosine_scaled(scaled, norm, cluster.centroid, cluster.norm)

    def _best(self, clusters: dict[str, Cluster], postings: Postings, keys: list[str],
              weighted: dict[str, float], norm: float, day: int | None, window: int,
              threshold: float, penalty: float, undated_margin: float = 0.0,
              one_sided_margin: float = 0.0, present: dict[str, float] | None = None
              ) -> tuple[Cluster | None, float]:
        """The best candidate at or above ``threshold`` (``present``: every term of the
        article, for the storyline coverage test; default its kept terms)."""
        hits = postings.lookup(keys)
        lines = clusters is self.storylines
        revive = self.params.storyline_revive_threshold if lines else 0.0
        ranked: list[tuple[bool, int, int, Cluster, int | None]] = []
        seen: set[str] = set()
        for cid, shared in hits.items():
            if lines:
                cid = self.find_line(cid)
                if cid in seen:
                    continue
                seen.add(cid)
            cluster = clusters[cid]
            gap = cluster.gap(day)
            beyond = gap is not None and gap > window
            if beyond and revive <= 0:
                continue
            ranked.append((beyond, -shared, -cluster.seq, cluster, gap))
        ranked.sort(key=lambda r: (r[0], r[1], r[2]))  # within the window first
        ranked = ranked[: self.params.max_candidates]
        if clusters is self.stories:
            self.last_candidates = len(ranked)
        best: Cluster | None = None
        best_score = -1.0
        dormant: tuple[Cluster, float] | None = None
        names = _names(weighted) if lines else []
        only = self._line_only if lines else None
        if only is not None:
            weighted, norm = restrict(weighted, only)
        scaled = idf_scaled(weighted, self.df) if ranked else {}
        nameless = max(threshold, self.params.nameless_threshold)
        coverage = self.params.coverage_threshold if lines else 0.0
        for beyond, _, _, cluster, gap in ranked:
            if beyond and best is not None and best_score >= threshold:
                break  # a storyline within the window took it: dormant ones are not scored
            shares = not lines or _shares(names, cluster, self.params.shared_names)
            if not shares and self.params.nameless_threshold <= 0 and coverage <= 0:
                continue
            score = self._cosine(scaled, norm, cluster, only)
            if beyond:  # a dormant storyline: reopened only by a close match sharing names,
                # and only when no storyline within the window takes the story
                if (shares and score >= max(revive, threshold)
                        and (dormant is None or score > dormant[1])):
                    dormant = (cluster, score)
                continue
            if (coverage > 0
                    and self._coverage(weighted if present is None else present,
                                       cluster) >= coverage):
                if score > best_score:
                    best, best_score = cluster, max(score, threshold)
                continue
            if gap is None:
                score -= undated_margin
                if (day is None) != (cluster.start is None):
                    score -= one_sided_margin
            elif gap and window:
                score -= penalty * gap / window
            if not shares and (self.params.nameless_threshold <= 0 or score < nameless):
                continue
            if score > best_score:  # earlier-ranked wins ties
                best, best_score = cluster, score
        if best is None or best_score < threshold:
            return dormant if dormant is not None else (None, 0.0)
        return best, best_score

    # -- batch convenience -------------------------------------------------------------------
    def extend(self, docs: Iterable[StoryDoc]) -> list[Assignment]:
        return [self.add(doc) for doc in docs]

    # -- resume ------------------------------------------------------------------------------
    def state_to_bytes(self) -> bytes:
        """The whole state, compressed JSON; :meth:`from_bytes` continues identically. Also
        starts a new delta sequence (see :meth:`delta_to_bytes`)."""
        data = encode(full_state(self))
        self._dirty = Dirty(base_docs=self.df.n_docs)
        return data

    def delta_to_bytes(self) -> bytes:
        """Only what changed since the last :meth:`state_to_bytes` or :meth:`delta_to_bytes`
        (compressed JSON, its size set by the articles added, not by the corpus):
        ``from_bytes(base, deltas=[...])`` continues identically (see ``state.py``)."""
        data = encode(delta_state(self))
        self._dirty = Dirty(base_docs=self.df.n_docs)
        return data

    @classmethod
    def from_bytes(cls, data: bytes, deltas: Iterable[bytes] = ()) -> StoryIndex:
        """The index saved by :meth:`state_to_bytes`, brought up to date by the deltas saved
        after it, in order. ``ValueError`` for bytes that are not such a state or delta."""
        state = decode(data, STATE_FORMAT)
        index = cls(StoryParams(**state["params"]))
        index.df = DocFreq(state["n_docs"], state["df"])
        index.stories = {row[0]: Cluster.from_json(row) for row in state["stories"]}
        index.storylines = {row[0]: Cluster.from_json(row) for row in state["storylines"]}
        index.story_keys = Postings(index.params.postings_cap, state["story_keys"])
        index.line_keys = Postings(index.params.postings_cap, state["line_keys"])
        index.assigned = state["assigned"]
        index.merged = state["merged"]
        index.latest_day = state["latest_day"]
        index.compacted = state["compacted"]
        index._pending = deque(state["pending"])
        index._line_top = state.get("line_top", {})
        for delta in deltas:
            apply_delta(index, decode(delta, DELTA_FORMAT))
        index._dirty = Dirty(base_docs=index.df.n_docs)
        return index

    # -- reading -----------------------------------------------------------------------------
    def key_terms(self, cluster: Cluster, k: int = 8) -> list[str]:
        return top_terms({t: c * self.df.idf(t) for t, c in cluster.centroid.items()}, k)


def _names(weighted: dict[str, float], k: int = 10) -> list[str]:
    """The heaviest name and entity terms of a vector."""
    return top_terms({t: w for t, w in weighted.items() if t[:2] in {"n:", "e:"}}, k)


def _shares(names: list[str], cluster: Cluster, need: int) -> bool:
    """At least ``need`` of ``names`` in the cluster's centroid (a storyline shares actors)."""
    if need <= 0:
        return True
    centroid = cluster.centroid
    return sum(1 for t in names if t in centroid) >= need


def _union(a: list[str], b: list[str]) -> list[str]:
    return a + [t for t in b if t not in a]


_RECHECK = frozenset({1, 2, 3, 4, 6})


def _interval_gap(a: Cluster, b: Cluster) -> int | None:
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    return max(0, a.start - b.end, b.start - a.end)


def _cluster_id(prefix: str, doc_id: str, taken: dict[str, Cluster]) -> str:
    """``st-<first article id>`` (stable across runs over the same first article)."""
    base = f"{prefix}-{doc_id[:16]}"
    cid, n = base, 1
    while cid in taken:
        n += 1
        cid = f"{base}-{n}"
    return cid


def date_order(docs: Iterable[StoryDoc]) -> list[StoryDoc]:
    """Dated articles by date, then the undated ones, each group in input order (a stable
    sort): the order a batch run should feed a fresh index, so that an undated article meets
    stories whose dates are known rather than whichever came first."""
    items = list(docs)
    return sorted(items, key=lambda d: (d.published is None,
                                        d.published.toordinal() if d.published else 0))


def cluster(docs: Iterable[StoryDoc], params: StoryParams | None = None) -> list[Assignment]:
    """Batch convenience: a fresh index, every article added in the order given."""
    return StoryIndex(params).extend(docs)
