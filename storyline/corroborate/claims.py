"""Claims aligned across a story's articles, each with its sources and independent outlets.

A claim is one checkable statement: who holds a role ("US special envoy" = Steve Witkoff), who
said what (a quotation), an actor's stance on an issue, an event (from the events stage, merged
across articles), or a factual sentence (a name plus a number, date or quotation) with the
sentences of other articles that report it in nearly the same words.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from storyline.corroborate.align import aligned_pairs
from storyline.corroborate.conflicts import story_sentences
from storyline.corroborate.events import merge_events
from storyline.corroborate.facts import is_number, is_person, name_spans, quote_spans
from storyline.corroborate.quotes import quote_items, speaker_key
from storyline.corroborate.roles import holdings, specific
from storyline.corroborate.sources import count_outlets, source_groups, source_of
from storyline.corroborate.stances import affiliations, sentence_stances
from storyline.corroborate.text import Sentence, fold, same_name, tokens
from storyline.records import Article, Claim, Source

#: Alignment ratio for sentences that report one claim (looser than for conflicts: a claim is
#: supported by a close paraphrase too).
CLAIM_RATIO = 0.5
#: Quote texts this similar (by characters) are one quotation.
QUOTE_SIMILARITY = 0.8


def _claim_id(story_id: str, kind: str, about: str, value: str) -> str:
    key = "\x1f".join([story_id, kind, fold(about), fold(value)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _factual(article: Article, sentence: Sentence) -> bool:
    """A sentence worth a claim: it names someone and states a number, a date or a quote."""
    toks = tokens(sentence.text, sentence.start)
    if not any(is_person(article, toks, i, j) or j - i >= 2 for i, j in name_spans(toks)):
        return False
    return (any(is_number(t.text) for t in toks) or quote_spans(article, sentence) != []
            or any(d.start >= sentence.start and d.end <= sentence.end for d in article.dates))


class _Builder:
    def __init__(self, story_id: str, groups: Mapping[str, str]) -> None:
        self.story_id = story_id
        self.groups = groups
        self.out: list[Claim] = []

    def add(self, kind: str, about: str, value: str, sources: Sequence[Source]) -> None:
        unique = list({(s.article, s.start): s for s in sources}.values())
        self.out.append(Claim(
            id=_claim_id(self.story_id, kind, about, value), story=self.story_id, kind=kind,
            about=about, value=value, sources=tuple(unique),
            outlets=count_outlets((s.article for s in unique), self.groups)))


def claims(story_id: str, articles: Sequence[Article],
           duplicate_of: Mapping[str, str | None] | None = None) -> list[Claim]:
    """The claims of one story, aligned across its articles; ``duplicate_of`` maps an article
    id to the id of the article it copies (dedupe's groups), so copies count once."""
    groups = source_groups(articles, duplicate_of)
    items = story_sentences(articles)
    build = _Builder(story_id, groups)
    _statement_claims(build, items)
    _role_claims(build, items)
    _quote_claims(build, items)
    _stance_claims(build, items)
    for event in merge_events(story_id, articles):
        target = f" → {event.target.name}" if event.target and event.target.name else ""
        build.add("event", f"{event.source.name or '?'}{target}", event.type, event.sources)
    seen: set[str] = set()
    return [c for c in build.out if not (c.id in seen or seen.add(c.id))]  # type: ignore[func-returns-value]


def _statement_claims(build: _Builder, items: list[tuple[Article, Sentence]]) -> None:
    index = {(a.id, s.start): k for k, (a, s) in enumerate(items)}
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in aligned_pairs(items, CLAIM_RATIO):
        i = index[(pair.left[0].id, pair.left[1].start)]
        j = index[(pair.right[0].id, pair.right[1].start)]
        parent[find(j)] = find(i)
    clusters: dict[int, list[int]] = defaultdict(list)
    for k in range(len(items)):
        clusters[find(k)].append(k)
    for members in clusters.values():
        if len(members) == 1 and not _factual(*items[members[0]]):
            continue
        article, sentence = items[members[0]]
        about = _subject(article, sentence)
        build.add("statement", about, sentence.text,
                  [source_of(items[k][0], items[k][1]) for k in members])


def _subject(article: Article, sentence: Sentence) -> str:
    toks = tokens(sentence.text, sentence.start)
    for i, j in name_spans(toks):
        return " ".join(t.text for t in toks[i:j]).removesuffix("'s").removesuffix("’s")
    return " ".join(t.text for t in toks[:4])


def _role_claims(build: _Builder, items: list[tuple[Article, Sentence]]) -> None:
    by_key: dict[tuple[str, str], list] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for h in holdings(items):
        person = h.mention.person
        if not person or not specific(h.mention.role):
            continue
        key = next((k for k in by_key if k[0] == h.mention.role and same_name(k[1], person)),
                   (h.mention.role, person))
        by_key[key].append(h)
        if len(person.split()) > len(names.get(key, "").split()):
            names[key] = person
    for key, hs in by_key.items():
        about = ("former " if hs[0].mention.former else "") + hs[0].surface.split(person_first(
            hs[0].surface, names[key]))[0].strip(" ,")
        build.add("role", about or key[0], names[key],
                  [source_of(h.article, h.sentence) for h in hs])


def person_first(surface: str, person: str) -> str:
    """The first word of ``person`` as it appears in ``surface`` (to cut the role out)."""
    first = person.split()[0]
    return first if first in surface else "\x00"


def _quote_claims(build: _Builder, items: list[tuple[Article, Sentence]]) -> None:
    clusters: list[list] = []
    by_key: dict[str, list[list]] = defaultdict(list)
    for q in quote_items(items):
        text = fold(q.quote.text).strip(" .,")
        candidates = by_key[speaker_key(q.quote.speaker or "")]
        for cluster in candidates:
            head = cluster[0]
            if same_name(head.quote.speaker or "", q.quote.speaker or "") and SequenceMatcher(
                    None, fold(head.quote.text).strip(" .,"), text).ratio() >= QUOTE_SIMILARITY:
                cluster.append(q)
                break
        else:
            clusters.append([q])
            candidates.append(clusters[-1])
    for cluster in clusters:
        head = cluster[0]
        build.add("quote", head.quote.speaker or "", head.quote.text,
                  [source_of(q.article, q.sentence) for q in cluster])


def _stance_claims(build: _Builder, items: list[tuple[Article, Sentence]]) -> None:
    known = affiliations(items)
    by_key: dict[tuple[str, str, str], list[Source]] = defaultdict(list)
    for article, sentence in items:
        for s in sentence_stances(article, sentence, known):
            by_key[(s.group, s.issue, s.stance)].append(source_of(article, sentence))
    for (group, issue, stance), sources in by_key.items():
        build.add("position", f"{group} on {issue}", stance, sources)
