"""A cited briefing of one story: headline, 5–10 summary points, actors and their positions,
key quotes by speaker, conflicts and single-source claims, and coverage by outlet.

Extractive and template-based: every point, quote and conflict side is a source sentence,
verbatim, and cites it as ``[n]`` → (article id, start, end). Templates only add labels
("supports", "Conflict (name)"). Render with :meth:`Briefing.to_markdown`, :meth:`to_html`
(all article text escaped) or :meth:`to_dict`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.corroborate.conflicts import story_sentences
from storyline.corroborate.text import same_name
from storyline.records import Article, Claim, Conflict, Source, Story
from storyline.report import render
from storyline.report.summarize import rank, select
from storyline.report.timeline import Timeline

MIN_POINTS, MAX_POINTS = 5, 10


@dataclass(frozen=True)
class Point:
    """A summary point: a source sentence and the numbers of the sources citing it."""

    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Actor:
    name: str
    roles: tuple[str, ...] = ()
    positions: tuple[tuple[str, str, tuple[int, ...]], ...] = ()  # (issue, stance, cites)
    quotes: int = 0


@dataclass(frozen=True)
class QuoteLine:
    speaker: str
    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Briefing:
    """The briefing of one story; ``sources[n - 1]`` is citation ``[n]``."""

    story: str
    headline: str
    points: tuple[Point, ...]
    actors: tuple[Actor, ...] = ()
    quotes: tuple[QuoteLine, ...] = ()
    conflicts: tuple[tuple[Conflict, tuple[int, ...]], ...] = ()
    single_source: tuple[tuple[Claim, tuple[int, ...]], ...] = ()
    coverage: tuple[tuple[str, int], ...] = ()
    sources: tuple[Source, ...] = field(default=())
    #: Dated entries of the story's timeline, each citing its first source.
    timeline: tuple[tuple[str, str, str, tuple[int, ...]], ...] = ()  # (date, granularity, text)

    def to_dict(self) -> dict[str, Any]:
        return render.to_dict(self)

    def to_markdown(self) -> str:
        return render.to_markdown(self)

    def to_html(self) -> str:
        return render.to_html(self)


class _Citations:
    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.index: dict[tuple[str, int, int], int] = {}

    def cite(self, source: Source) -> int:
        key = (source.article, source.start, source.end)
        if key not in self.index:
            self.sources.append(source)
            self.index[key] = len(self.sources)
        return self.index[key]


def _support(claims: Sequence[Claim]) -> tuple[dict[tuple[str, int], int],
                                              dict[tuple[str, int], Claim]]:
    outlets: dict[tuple[str, int], int] = {}
    owner: dict[tuple[str, int], Claim] = {}
    for claim in claims:
        if claim.kind != "statement":
            continue
        for s in claim.sources:
            outlets[(s.article, s.start)] = max(outlets.get((s.article, s.start), 1), claim.outlets)
            owner[(s.article, s.start)] = claim
    return outlets, owner


def briefing(story: Story | None, articles: Sequence[Article], claims: Sequence[Claim] = (),
             conflicts: Sequence[Conflict] = (), max_points: int = MAX_POINTS,
             timeline: Timeline | None = None) -> Briefing:
    """Build the briefing of ``story`` from its ``articles`` and their ``claims``/``conflicts``
    (from :mod:`storyline.corroborate`) and, optionally, its :func:`~storyline.report.timeline`.
    ``story`` may be ``None`` (the articles are the story)."""
    cites = _Citations()
    items = story_sentences(articles)
    outlets, owner = _support(claims)
    ranked = rank(items, outlets)
    seen_claims: set[str] = set()
    unique = []  # one point per claim: aligned reports of other outlets become its citations
    for c in ranked:
        claim = owner.get((c.article.id, c.sentence.start))
        if claim is not None and claim.id in seen_claims:
            continue
        if claim is not None:
            seen_claims.add(claim.id)
        unique.append(c)
    chosen = select(unique, max(1, max_points))
    by_id = {a.id: a for a in articles}
    points = []
    for c in chosen:
        key = (c.article.id, c.sentence.start)
        claim = owner.get(key)
        own = Source(c.article.id, c.sentence.start, c.sentence.end, c.sentence.text,
                     c.article.outlet)
        sources = [own] + ([s for s in claim.sources if (s.article, s.start) != key]
                           if claim else [])
        points.append(Point(c.sentence.text, tuple(cites.cite(s) for s in sources)))
    headline = (story.title if story and story.title else None) or next(
        (a.title for a in articles if a.title), None) or (points[0].text if points else "")
    conflict_rows = []
    for conflict in conflicts:
        nums = []
        for side in conflict.sides:
            article = by_id.get(side.article)
            outlet = article.outlet if article else None
            nums.append(cites.cite(Source(side.article, side.start or 0, side.end or 0,
                                          side.text, outlet)))
        conflict_rows.append((conflict, tuple(nums)))
    single = [(c, tuple(cites.cite(s) for s in c.sources)) for c in claims
              if c.single_source and c.kind in ("role", "position", "event", "quote")][:10]
    return Briefing(
        story=story.id if story else "", headline=headline, points=tuple(points),
        actors=tuple(_actors(claims, articles, cites)), quotes=tuple(_quotes(claims, cites)),
        conflicts=tuple(conflict_rows), single_source=tuple(single),
        coverage=tuple(_coverage(articles)),
        timeline=tuple((e.date or "", e.granularity or "", e.text,
                        tuple(cites.cite(src) for src in e.sources[:3]))
                       for e in (timeline.dated if timeline else ())),
        sources=tuple(cites.sources))


def _actors(claims: Sequence[Claim], articles: Sequence[Article],
            cites: _Citations) -> list[Actor]:
    roles: dict[str, list[str]] = defaultdict(list)
    positions: dict[str, list[tuple[str, str, tuple[int, ...]]]] = defaultdict(list)
    quotes: Counter[str] = Counter()
    names: list[str] = []

    def canonical(name: str) -> str:
        for known in names:
            if same_name(known, name):
                if len(name.split()) > len(known.split()):
                    names[names.index(known)] = name
                    if known in roles:
                        roles[name] = roles.pop(known)
                    if known in positions:
                        positions[name] = positions.pop(known)
                    if known in quotes:
                        quotes[name] = quotes.pop(known)
                    return name
                return known
        names.append(name)
        return name

    for entity in (e for a in articles for e in a.entities if e.type in ("PERSON", "PER")):
        key = canonical(entity.name)
        roles[key].extend(r for r in entity.roles if r not in roles[key])
    for claim in claims:
        if claim.kind == "role":
            key = canonical(claim.value)
            if claim.about not in roles[key]:
                roles[key].append(claim.about)
        elif claim.kind == "position":
            actor, _, issue = claim.about.partition(" on ")
            key = canonical(actor)
            positions[key].append((issue, claim.value,
                                   tuple(cites.cite(s) for s in claim.sources[:3])))
        elif claim.kind == "quote" and claim.about:
            quotes[canonical(claim.about)] += len(claim.sources)
    out = [Actor(n, tuple(roles.get(n, ())), tuple(positions.get(n, ())), quotes.get(n, 0))
           for n in names]
    out.sort(key=lambda a: (-(len(a.positions) + a.quotes + len(a.roles)), a.name))
    return out[:20]


def _quotes(claims: Sequence[Claim], cites: _Citations, per_speaker: int = 3) -> list[QuoteLine]:
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != "quote" or not claim.about:
            continue
        key = next((k for k in by_speaker if same_name(k, claim.about)), claim.about)
        by_speaker[key].append(claim)
    out: list[QuoteLine] = []
    for speaker, items in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        items.sort(key=lambda c: (-c.outlets, -len(c.value)))
        for claim in items[:per_speaker]:
            out.append(QuoteLine(speaker, claim.value,
                                 tuple(cites.cite(s) for s in claim.sources)))
    return out


def _coverage(articles: Sequence[Article]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter(a.outlet or "unknown outlet" for a in articles)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
