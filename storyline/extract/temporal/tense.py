"""A cheap reading of verb tense around a temporal expression (no parse needed).

News writes "on Friday" for the last Friday when the verb is past ("met on Friday") and for
the next one when it is future ("will meet on Friday", "is expected to travel on Friday",
"is meeting on Friday"). We look at the words of the same sentence near the expression and
take the nearest tense cue; no cue gives ``None`` (callers default to the past, the usual
tense of news).
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "future"]

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]{1,2})?")
_LEFT_LIMIT = 160
_RIGHT_LIMIT = 100
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]{0,2}\s+(?=[\"'“‘(]?[A-Z0-9])|\n")

_FUTURE_WORDS = frozenset({
    "will", "shall", "won't", "won’t", "would", "going", "expected", "scheduled", "due",
    "plans", "plan", "planned", "planning", "intends", "upcoming", "coming", "next", "set",
    "tomorrow", "aims", "hopes", "until", "ahead", "preparing", "prepares", "should",
    "could", "might", "must", "may",
    # scheduling verbs in the present simple read as the future ("the line opens on Saturday")
    "opens", "starts", "begins", "ends", "expires", "resumes", "closes", "launches", "arrives",
    "departs", "travels", "visits", "meets", "hosts", "convenes", "reopens",
})
_BE = frozenset({"is", "are", "am", "be", "'s", "was", "were"})
_PAST_WORDS = frozenset({
    "was", "were", "had", "did", "said", "told", "met", "made", "took", "gave", "came", "went",
    "spoke", "saw", "left", "fell", "rose", "won", "lost", "hit", "struck", "began", "led",
    "sent", "brought", "bought", "sold", "found", "got", "held", "kept", "paid", "ran",
    "set", "shot", "stood", "thought", "wrote", "broke", "chose", "drew", "drove", "flew",
    "forgot", "grew", "knew", "meant", "rode", "sank", "sought", "spent", "stole",
    "swore", "taught", "threw", "understood", "woke", "wore", "withdrew", "overtook", "ago",
    "last", "yesterday", "has", "have", "earlier", "previously", "dealt", "felt", "built",
    "slid", "lent", "became", "bore", "bid",
    "declined", "hid", "lay", "lit", "oversaw", "undertook", "upheld", "rang", "sang",
})
_NOT_PAST = frozenset({"need", "speed", "feed", "seed", "indeed", "proceed", "exceed", "heed",
                       "breed", "bleed", "greed", "weed", "deed",
                       "succeed", "red", "bed", "shed", "wed", "hundred", "embed", "bred",
                       "led", "sped", "fled", "united", "limited", "based", "related",
                       "expected", "scheduled", "planned", "due", "proposed"})


def _cue(words: list[str], index: int) -> str | None:
    word = words[index].lower().replace("’", "'")
    following_word = words[index + 1] if index + 1 < len(words) else ""
    following = following_word.lower()
    previous = words[index - 1].lower().replace("’", "'") if index > 0 else ""
    if word.endswith("'ll") or word in ("will", "shall", "won't"):
        return "future"
    if word in ("expected", "scheduled", "due", "set", "planned", "slated", "poised"):
        if previous in _BE or following == "to" or word == "scheduled":
            return "past" if previous in ("was", "were") and word == "set" else "future"
        if word == "set":
            return "past"
        return None
    if word in _BE and following == "to":
        return "future"
    if word in _BE and following.endswith("ing") and len(following) > 4 and following not in (
            "during", "nothing", "something", "anything", "thing", "being"):
        return "past" if word in ("was", "were") else "future"
    if word == "to" and previous not in ("due", "according", "up", "prior", "next", "back",
                                         "close", "compared", "ahead", "thanks", "similar"):
        # "wants to speak on Tuesday": an infinitive before the expression means a plan (only
        # to its left: "visited Moscow on Thursday to pitch…" is a purpose clause), and not
        # after a past verb ("agreed to improve")
        if previous in _PAST_WORDS or (previous.endswith("ed") and previous not in _NOT_PAST):
            return None
        return "future_to" if following and following.isalpha() and following_word.islower() \
            and following not in ("the", "a", "an", "its", "his", "her", "their", "be") else None
    if word in ("takes", "kicks", "goes", "gets") and following in ("place", "effect", "office",
                                                                  "off", "ahead", "underway"):
        return "future"   # "the vote takes place on Sunday"
    if word in _FUTURE_WORDS:
        return "future"
    if word in _PAST_WORDS:
        # "will be held": a participle after "be" takes its tense from the auxiliary
        return None if previous in ("be", "being") and word not in ("was", "were") else "past"
    if word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST:
        # "should be completed", "will be held": the auxiliary decides, not the participle
        return None if previous in ("be", "being") else "past"
    return None


_CLAUSE_BREAK = re.compile(r"[,;:(\u2014]|\s(?:that|which|who|when|while|but|and|because|as|after|"
                           r"before|although|though|where|if|unless)\s")


def tense_near(text: str, start: int, end: int) -> Tense | None:
    """The tense of the clause around ``text[start:end]``, read from the nearest cue word.

    Words to the left count from the start of the sentence; words to the right first up to
    the next clause break ("…on Saturday, officials said" reads "will carry", not "said"),
    then, if that finds no cue, up to the end of the sentence."""
    left_start = max(0, start - _LEFT_LIMIT)
    left = text[left_start:start]
    ends = list(_SENTENCE_END.finditer(left))
    if ends:
        left = left[ends[-1].end():]
    right = text[end:end + _RIGHT_LIMIT]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[:stop.start()]
    clause = _CLAUSE_BREAK.search(right)
    left_words = _WORD.findall(left)
    if clause:
        found = _nearest(left_words, _WORD.findall(right[:clause.start()]))
        if found is not None:
            return found
    return _nearest(left_words, _WORD.findall(right))


def _nearest(left_words: list[str], right_words: list[str]) -> Tense | None:
    words = left_words + right_words
    pivot = len(left_words)
    best: tuple[float, Tense] | None = None
    for index in range(len(words)):
        cue = _cue(words, index)
        if cue == "future_to":
            if index >= pivot:
                continue
            cue = "future"
        if cue is None:
            continue
        distance = (pivot - index) if index < pivot else (index - pivot + 1.5)
        if best is None or distance < best[0]:
            best = (distance, "future" if cue == "future" else "past")
    return best[1] if best else None
