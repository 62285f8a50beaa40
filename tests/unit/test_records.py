"""Records survive the JSON contract both ways: ``article_from_output(a.to_output()) == a``."""

from __future__ import annotations

from storyline.ids import text_hash
from storyline.records import (
    ActorRef,
    Article,
    DateMention,
    DateValue,
    Entity,
    Event,
    EventDate,
    Mention,
    Position,
    Quote,
    Span,
    article_from_output,
)


def test_article_round_trips_through_its_output() -> None:
    text = "Kremlin spokesman Dmitry Peskov said he would talk."
    article = Article(
        id="a1", input="x.txt", text=text, text_hash=text_hash(text), title="T", outlet="O",
        published=DateValue("2025-03-14", "day", "metadata"), removed=("Share",),
        language="en", duplicate_of="a0",
        entities=(Entity("e1", "Dmitry Peskov", "PERSON", aliases=("Peskov",),
                         roles=("Kremlin spokesman",),
                         mentions=(Mention(18, 31, "Dmitry Peskov", "PERSON"),
                                   Mention(37, 39, "he", "PERSON", "pronoun")),
                         affiliation="Russia", acts_for="e9"),),
        quotes=(Quote("he would talk", 37, 50, "indirect", ActorRef("e1", "Dmitry Peskov"),
                      Span(18, 31, "Dmitry Peskov"), "say"),),
        events=(Event("CONSULT", ActorRef("e1", "Dmitry Peskov"), (0, 51), mode="phone",
                      target=ActorRef(None, "Ukraine"), location="Moscow",
                      date=EventDate("2025-03-14", "day", False), future=True,
                      condition="if asked", cameo="04", trigger=Span(44, 48, "talk")),),
        positions=(Position(ActorRef("e1", "Dmitry Peskov"), "ceasefire", "conditional", (0, 51),
                            condition="if asked"),),
        dates=(DateMention("Friday", 0, 6, "2025-03-14", "day", True),),
    )
    assert article_from_output(article.to_output()) == article
