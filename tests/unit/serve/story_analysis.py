"""Per-article analysis for the serve test database, derived from each sample article's own text
with a small name lexicon, so the corpus pages (stories, entities, quotes, events, positions,
conflicts) have something real to show whatever state the extraction stages are in.

Test data only: the records are built with :mod:`storyline.records` and stored in the articles'
``analysis`` column before the real corpus phase (:func:`storyline.corpus.build_corpus`, story
clustering and identity resolution) and the real corroboration run over them. Offsets are
computed from the text, so every citation points at a real sentence.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from storyline.ids import derived_id
from storyline.records import (
    ActorRef,
    Entity,
    Event,
    EventDate,
    Mention,
    Position,
    Quote,
)

#: Surface form → (canonical name, type). Longer forms are matched first.
LEXICON = {
    "Viktor Rasmolov": ("Viktor Rasmolov", "PERSON"), "Rasmolov": ("Viktor Rasmolov", "PERSON"),
    "Michael Aldcroft": ("Michael Aldcroft", "PERSON"), "Aldcroft": ("Michael Aldcroft", "PERSON"),
    "Margaret Ansell": ("Margaret Ansell", "PERSON"), "Ansell": ("Margaret Ansell", "PERSON"),
    "Dmitry Kalyagin": ("Dmitry Kalyagin", "PERSON"), "Kalyagin": ("Dmitry Kalyagin", "PERSON"),
    "Meridian Union": ("Meridian Union", "ORG"), "Tessaria": ("Tessaria", "GPE"),
    "Calvera": ("Calvera", "GPE"), "Valdoria": ("Valdoria", "GPE"),
}
#: Verb → PLOVER type of an event between the first two actors of a sentence.
VERBS = {"met": "CONSULT", "meets": "CONSULT", "told": "CONSULT", "launched": "ASSAULT",
         "launches": "ASSAULT", "threatens": "THREATEN", "rejects": "REJECT", "rejected": "REJECT"}
STANCES = {"supported": "support", "backs": "support", "rejects": "oppose", "rejected": "oppose"}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_QUOTE = re.compile(r"[\"“]([^\"”\n]{8,300})[\"”]")
_NAMES = re.compile("|".join(re.escape(k) for k in sorted(LEXICON, key=len, reverse=True)))


def analyse(text: str, published: str | None) -> dict[str, list[dict[str, object]]]:
    """Entities, quotes, events and positions of one text, as the analysis JSON stores them."""
    mentions: dict[str, list[Mention]] = {}
    found = []
    for m in _NAMES.finditer(text):
        name, kind = LEXICON[m.group(0)]
        mentions.setdefault(name, []).append(Mention(m.start(), m.end(), m.group(0),
                                                     "PER" if kind == "PERSON" else kind))
        found.append((m.start(), name))
    # like the entity stage: the same type and name give the same article-level id everywhere
    ids = {name: derived_id("entity", LEXICON[ms[0].text][1], name.lower()) for name, ms in mentions.items()}
    entities = [Entity(id=ids[n], name=n, type=LEXICON[ms[0].text][1],
                       aliases=tuple(sorted({x.text for x in ms} - {n})), mentions=tuple(ms))
                for n, ms in mentions.items()]

    def actor(name: str) -> ActorRef:
        return ActorRef(ids[name], name)

    quotes, events, positions = [], [], []
    for q in _QUOTE.finditer(text):
        before = [n for at, n in found if at < q.start() and LEXICON.get(n, ("", ""))[1] == "PERSON"]
        quotes.append(Quote(q.group(1), q.start(1), q.end(1), "direct",
                            actor(before[-1]) if before else None, cue="said"))
    date = EventDate(published, "day", True) if published else None
    for s in _SENTENCE.finditer(text):
        names = list(dict.fromkeys(n for at, n in found if s.start() <= at < s.end()))
        words = set(re.findall(r"[a-z]+", s.group(0)))
        verb = next((v for v in VERBS if v in words), None)
        if verb and len(names) >= 2:
            events.append(Event(VERBS[verb], actor(names[0]), (s.start(), s.end()),
                                target=actor(names[1]), date=date))
        stance = next((STANCES[w] for w in STANCES if w in words), None)
        if stance and names and "truce" in words:
            positions.append(Position(actor(names[0]), "truce", stance, (s.start(), s.end())))  # type: ignore[arg-type]
    return {"entities": [e.to_dict() for e in entities], "quotes": [q.to_dict() for q in quotes],
            "events": [e.to_dict() for e in events], "positions": [p.to_dict() for p in positions]}


def add_story_analysis(db: Path) -> int:
    """Store :func:`analyse` of every article (keeping its dates); returns articles changed."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT id, text, published, analysis FROM articles").fetchall()
        changed = 0
        for article_id, text, published, analysis in rows:
            record = json.loads(analysis or "{}")
            record.update(analyse(text, published))
            if record["entities"]:
                changed += 1
            con.execute("UPDATE articles SET analysis = ? WHERE id = ?", (json.dumps(record), article_id))
        con.commit()
    finally:
        con.close()
    return changed
