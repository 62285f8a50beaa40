"""In-document resolution of title mentions ("the Russian leader") and personal pronouns
(he/him/his/himself, she/her/hers/herself) to the people named in the article.

Salience, not guessing: for a mention in sentence S, the candidates are the people mentioned
earlier in S (before it), else in the nearest earlier sentence with any person mention (at
most :data:`WINDOW` sentences back), ignoring mentions inside quotation marks. A candidate must
fit (gender for pronouns; title and country for titles). One fitting person → resolved; several
→ the one that is a grammatical subject, if exactly one is; otherwise left unresolved. A title
that names a country ("the Russian leader") may also resolve to the only fitting person of the
whole preceding text. Pronouns and titles inside quotation marks are not resolved (they speak
from the speaker's point of view).

For organisations and countries only one narrow case is resolved (:func:`resolve_it`): "it" /
"its" opening the clause of what the actor said ("The Kremlin said it would answer").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.extract.mentions.grouping import Group
from storyline.extract.mentions.roles import PERSON_NOUNS, is_role_head, title_matches
from storyline.extract.mentions.titles import TitleMention

#: How many earlier sentences are searched for an antecedent.
WINDOW = 5

PRONOUNS: dict[str, str] = {"he": "male", "him": "male", "his": "male", "himself": "male",
                            "she": "female", "her": "female", "hers": "female",
                            "herself": "female"}
_SUBJECT = ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
_QUOTES = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"\n]*\"|\u00ab[^\u00bb]*\u00bb")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly, straight and guillemets)."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


def _inside(ranges: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    k = bisect_right(starts, offset) - 1
    return k >= 0 and ranges[k][0] < offset < ranges[k][1] - 1


@dataclass
class _Slot:
    """One person mention in text order: its entity (``None`` when unresolved)."""

    token: int
    sentence: int
    group: Group | None
    subject: bool
    quoted: bool
    main: bool = False      # subject of the sentence's main verb
    end: int = -1
    gender: str = "unknown"  # of an unnamed person ("my father")
    topical: bool = False    # a subject, or the possessor of one ("Putin's aide")


def _role_token(doc: Doc, i: int):
    """The token standing for ``doc[i]`` in its clause: the first conjunct of a coordination
    ("Trump and Macron met": Macron counts as a subject too)."""
    token = doc[i]
    hops = 0
    while token.dep_ == "conj" and token.head.i != token.i and hops < 10:
        token = token.head
        hops += 1
    return token


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    return any(_role_token(doc, i).dep_ in _SUBJECT for i in range(start, end))


def _is_main_subject(doc: Doc, start: int, end: int) -> bool:
    return any(_role_token(doc, i).dep_ in _SUBJECT and _role_token(doc, i).head.dep_ == "ROOT"
               for i in range(start, end))


def _is_topical(doc: Doc, start: int, end: int) -> bool:
    for i in range(start, end):
        token = _role_token(doc, i)
        if token.dep_ in _SUBJECT or (token.dep_.startswith("nmod:poss")
                                       and _role_token(doc, token.head.i).dep_ in _SUBJECT):
            return True
    return False


def _conjoined_with(doc: Doc, token_index: int, slots: list[_Slot]) -> Group | None:
    """"Putin and his counterpart": a possessive whose noun is conjoined to a named person."""
    head = doc[token_index].head
    if head.dep_ != "conj":
        return None
    for slot in reversed(slots):
        if slot.group is not None and slot.token <= head.head.i < slot.end:
            return slot.group
    return None


def _pick(slots: list[_Slot], fits: Callable[[Group], bool], strict: bool,
          gender_fits: Callable[[str], bool]) -> Group | None | bool:
    """The one fitting group among ``slots``; ``None`` when undecidable; False when none fit.
    ``strict``: an unresolved person mention counts as a candidate (pronouns, not titles)."""
    candidates = [s for s in slots if (strict and s.group is None and gender_fits(s.gender))
                  or (s.group is not None and fits(s.group))]
    if not candidates:
        return False
    groups = {id(s.group): s.group for s in candidates}
    if len(groups) == 1 and None not in groups.values():
        return candidates[0].group
    main = {id(s.group): s.group for s in candidates if s.main}
    if len(main) == 1:
        return next(iter(main.values()))
    subjects = {id(s.group): s.group for s in candidates if s.subject}
    if len(subjects) == 1:
        return next(iter(subjects.values()))     # may be None: an unresolved subject blocks
    return None


@dataclass(frozen=True)
class _Event:
    """A person mention to place in text order: a name (with its group), a title or a pronoun."""

    start: int
    end: int
    kind: str
    group: Group | None = None
    title: TitleMention | None = None
    gender: str = "unknown"


def _events(doc: Doc, groups: list[Group], titles: list[TitleMention],
            blocked: set[int]) -> list[_Event]:
    events = [_Event(name.start, name.end, "name", group=group)
              for group in groups if group.type == "PERSON" for name in group.names]
    events += [_Event(title.start, title.end, "title", title=title) for title in titles]
    taken = blocked | {i for t in titles for i in range(t.start, t.end)} | {
        i for g in groups for n in g.names for i in range(n.start, n.end)}
    events += [_Event(t.i, t.i + 1, "nominal", gender=PERSON_NOUNS.get(t.lower_, "unknown"))
               for t in doc if t.i not in taken and t.pos_ == "NOUN" and t.tag_ != "NNS"
               and (t.lower_ in PERSON_NOUNS or is_role_head(t.text))]
    events += [_Event(token.i, token.i + 1, "pronoun") for token in doc
               if token.lower_ in PRONOUNS and (token.pos_ == "PRON"
                                                or token.lower_ in ("he", "she"))]
    events.sort(key=lambda e: e.start)
    return events


def resolve(doc: Doc, groups: list[Group], titles: list[TitleMention],
            sentence: list[int], blocked: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    """Add resolved title and pronoun mentions to ``groups`` (``Group.extra``)."""
    ranges = quoted_ranges(doc.text)
    starts = [r[0] for r in ranges]
    narrative = sorted({sentence[t.i] for t in doc
                        if t.is_alpha and not _inside(ranges, starts, t.idx)})
    slots: dict[int, list[_Slot]] = {}
    for event in _events(doc, groups, titles, set(blocked)):
        sent = sentence[event.start]
        span = doc[event.start:event.end]
        quoted = _inside(ranges, starts, span.start_char)
        found: Group | None = event.group
        if event.kind == "title" and event.title is not None and not quoted:
            found = _resolve_title(event.title, slots, sent, narrative)
        elif event.kind == "pronoun" and not quoted:
            found = _resolve_pronoun(doc, event.start, slots, sent, narrative)
            if found is not None and found.gender == "unknown":
                found.gender = PRONOUNS[doc[event.start].lower_]   # type: ignore[assignment]
        if event.kind != "name" and found is not None:
            found.extra.append((span.start_char, span.end_char, span.text, event.kind))
        slots.setdefault(sent, []).append(
            _Slot(event.start, sent, found, _is_subject(doc, event.start, event.end), quoted,
                  _is_main_subject(doc, event.start, event.end), event.end, event.gender,
                  _is_topical(doc, event.start, event.end)))


def _resolve_pronoun(doc: Doc, index: int, slots: dict[int, list[_Slot]], sent: int,
                     narrative: list[int]) -> Group | None:
    gender = PRONOUNS[doc[index].lower_]

    def fits(group: Group) -> bool:
        return group.gender in (gender, "unknown")

    if doc[index].lower_ in ("his", "her"):
        found = _conjoined_with(doc, index, slots.get(sent, []))
        if found is not None and fits(found):
            return found
    # a subject pronoun does not go back to a non-subject earlier in its own sentence
    # ("Placed under the care of Dr. Bailey, he was ...": he is not Bailey)
    subject = _role_token(doc, index).dep_ in _SUBJECT
    return _search(slots, sent, fits, narrative,
                   gender_fits=lambda g: g in (gender, "unknown"), topical_here=subject)


def _search(slots: dict[int, list[_Slot]], sent: int, fits: Callable[[Group], bool],
            narrative: list[int], strict: bool = True,
            gender_fits: Callable[[str], bool] = lambda g: True,
            topical_here: bool = False) -> Group | None:
    """Search sentence ``sent`` then up to WINDOW earlier narrative (not fully quoted)
    sentences."""
    cut = bisect_left(narrative, sent)
    earlier = narrative[max(0, cut - WINDOW):cut]
    for number in [sent, *reversed(earlier)]:
        here = [s for s in slots.get(number, ()) if not s.quoted
                and (number != sent or not topical_here or s.topical)]
        if not here:
            continue
        picked = _pick(here, fits, strict, gender_fits)
        if picked is False:
            continue
        return picked                                       # type: ignore[return-value]
    return None


def _resolve_title(title: TitleMention, slots: dict[int, list[_Slot]], sent: int,
                   narrative: list[int]) -> Group | None:
    def fits(group: Group) -> bool:
        if not title_matches(title.head, group.role_heads):
            return False
        if title.countries:
            return group.affiliation is not None and group.affiliation in title.countries
        return True

    found = _search(slots, sent, fits, narrative, strict=False)
    if found is None and title.countries:
        everyone = {id(s.group): s.group for row in slots.values() for s in row
                    if s.group is not None and fits(s.group)}
        if len(everyone) == 1:
            return next(iter(everyone.values()))
    return found


_ACTOR_TYPES = ("ORG", "GPE", "NORP")
#: Verbs whose "it" is usually impersonal ("it seems", "it takes time", "it remains unclear").
_IMPERSONAL = frozenset({"be", "seem", "appear", "take", "remain", "matter", "rain", "snow",
                         "happen", "turn", "look", "become"})


def resolve_it(doc: Doc, groups: list[Group]) -> None:
    """"The Kremlin said it would answer": "it" (or "its") as the subject of a clause that
    reports what an organisation or country said or did, resolved to that actor. Only this
    narrow, sound case; other uses of "it"/"they" stay unresolved."""
    owner: dict[int, Group] = {}
    for group in groups:
        if group.type in _ACTOR_TYPES:
            for name in group.names:
                for i in range(name.start, name.end):
                    owner[i] = group
    if not owner:
        return
    for token in doc:
        if token.lower_ not in ("it", "its") or token.pos_ != "PRON":
            continue
        clause = token.head if token.lower_ == "it" else token.head.head
        if token.lower_ == "it" and token.dep_ not in _SUBJECT and not (
                token.dep_ == "expl" and clause.pos_ == "VERB"      # the parser's "expl" it
                and clause.lemma_ not in _IMPERSONAL):
            continue
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            continue
        subjects = [c for c in clause.head.children if c.dep_ in _SUBJECT]
        if len(subjects) != 1 or subjects[0].i >= token.i:
            continue
        actor = owner.get(subjects[0].i)
        if actor is not None:
            actor.extra.append((token.idx, token.idx + len(token.text), token.text, "pronoun"))
