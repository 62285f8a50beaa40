"""Features of one article for story clustering: pure functions over text.

A document becomes a bag of weighted features (term frequencies, not yet IDF-weighted):

* ``w:<token>`` — lower-cased word, stop words removed, plural ``-s`` stripped (or ``l:<lemma>``
  when the NLP stage supplies lemmas);
* ``n:<phrase>`` — a capitalised phrase ("Lindsay Lohan", "Betty Ford Center"), weighted up:
  names tell two similar events apart (two rehab check-ins, two earthquakes);
* ``e:<entity id>`` — a resolved entity id when the resolve stage supplies them, weighted up most;
* title words count ``title_boost`` times.

Numbers and years stay as tokens ("112", "2013"): counts and years name events too.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

STOPWORDS = frozenset("""
a about above after again against ago all almost along already also although always am among an
and another any anyone anything are around as at away back be became because become been before
being below between both but by came can cannot could did do does doing done down during each
either else even ever every few for from further get gets getting go going gone got had has have
having he her here hers herself him himself his how however i if in into is it its itself just
last least less let like made make many may me might more most much must my myself near neither
never next no nor not now of off often on once one only or other others our ours ourselves out
over own per put rather s said same say saying says see seen she should since so some still such
t than that the their theirs them themselves then there these they this those though through thus
to told too toward towards under until up upon us very via was way we well were what when where
whether which while who whom whose why will with within without would yet you your yours
yourself also according just mr mrs ms dr new news time times year years day days week weeks
month months today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
people percent first two three four five six seven eight nine ten told tell tells asked ask
report reports reported reporting including include includes continue continued continues
lrb rrb lsb rsb lcb rcb http https www com html htm org co uk
""".split())

# Capitalised words that start a phrase but are not names.
_MONTHS = frozenset("january february march april may june july august september october "
                    "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NOT_NAME_START = STOPWORDS | _MONTHS | frozenset(
    {"mr", "mrs", "ms", "dr", "but", "and", "or", "so", "nobody", "everyone", "meanwhile"})

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_PTB = re.compile(r"-[LR][RSC]B-|``|''")


def _stem(word: str) -> str:
    if word.endswith("'s") or word.endswith("\u2019s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=200_000)
def normalise_token(word: str) -> str | None:
    """The ``w:`` form of one surface token, or ``None`` when it carries no story signal."""
    low = word.lower().replace("\u2019", "'").strip("'-")
    if not low or low in STOPWORDS:
        return None
    if low[0].isdigit():
        digits = low.replace(",", "")
        return digits if len(digits) >= 2 else None
    if len(low) < 2:
        return None
    stem = _stem(low)
    return stem if stem not in STOPWORDS else None


def tokens(text: str) -> list[tuple[str, int]]:
    """Surface tokens with their start offsets."""
    return [(m.group(0), m.start()) for m in _TOKEN.finditer(_PTB.sub(" ", text))]


_CONNECTORS = frozenset({"of", "de", "al"})


def scan(text: str, lead_chars: int = 0, max_len: int = 4
         ) -> tuple[list[str], list[str], int]:
    """One pass over the text: ``(words, names, lead_count)``.

    ``words`` are the ``w:`` forms in order (the first ``lead_count`` of them lie in the first
    ``lead_chars`` characters); ``names`` are capitalised phrases, lower-cased: runs of
    capitalised words (``of``/``de``/``al`` allowed inside), a sentence-initial or leading
    function word ("The", "But", "March") left out, possessives ending a run.
    """
    clean = _PTB.sub(" ", text)
    words: list[str] = []
    names: list[str] = []
    run: list[str] = []
    last_end = 0
    lead_count = 0

    def flush() -> None:
        while run and run[-1].lower() in _CONNECTORS:
            run.pop()
        if run:
            phrase = " ".join(run[:max_len]).lower().replace("\u2019", "'")
            if phrase.endswith("'s"):
                phrase = phrase[:-2]
            if phrase and phrase not in STOPWORDS:
                names.append(phrase)
        run.clear()

    for m in _TOKEN.finditer(clean):
        word, start = m.group(0), m.start()
        norm = normalise_token(word)
        if norm is not None:
            words.append(norm)
            if start < lead_chars:
                lead_count = len(words)
        if run and (clean[last_end:start].strip() not in {"", "-"}
                    or run[-1].endswith(("'s", "\u2019s"))):
            flush()
        last_end = m.end()
        first = word[0]
        if first.isupper() and (not word.isupper() or 1 < len(word) <= 5):
            if not run:
                low = word.lower()
                if low in _NOT_NAME_START:
                    continue
            run.append(word)
        elif run and word in _CONNECTORS:
            run.append(word)
        elif run:
            flush()
    flush()
    return words, names, lead_count


def name_phrases(text: str, max_len: int = 4) -> list[str]:
    """The capitalised phrases of :func:`scan`."""
    return scan(text, 0, max_len)[1]


def _title_case_ratio(text: str) -> float:
    words = [w for w, _ in tokens(text) if w[0].isalpha() and len(w) > 3]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def term_counts(text: str, title: str | None = None, *, lemmas: Sequence[str] | None = None,
                entities: Iterable[str] = (), title_boost: float = 2.0, name_boost: float = 2.0,
                entity_boost: float = 3.0, lead_chars: int = 0, lead_boost: float = 1.0,
                max_chars: int = 20_000) -> dict[str, float]:
    """Weighted term frequencies of one article (sub-linear ``1 + log tf``, then boosts).

    The lead (first ``lead_chars`` characters: where a news report says what happened) counts
    ``lead_boost`` times, like the title counts ``title_boost`` times."""
    body = text[:max_chars]
    words, found, lead_count = scan(body, lead_chars if lead_boost != 1.0 else 0)
    raw: Counter[str] = Counter()
    if lemmas is not None:
        raw.update("l:" + lem.lower() for lem in lemmas
                   if lem and lem.lower() not in STOPWORDS and len(lem) > 1)
    else:
        raw.update("w:" + t for t in words)
    names: Counter[str] = Counter("n:" + p for p in found)
    titled: Counter[str] = Counter()
    if title:
        title_words, title_names, _ = scan(title)
        titled.update("w:" + t for t in title_words)
        if _title_case_ratio(title) < 0.7:  # a headline in Title Case has no usable names
            names.update("n:" + p for p in title_names)
    out: dict[str, float] = {}
    for term, n in raw.items():
        out[term] = 1.0 + math.log(n)
    if lead_count and lemmas is None:
        for term, n in Counter("w:" + t for t in words[:lead_count]).items():
            out[term] = out.get(term, 0.0) + (lead_boost - 1.0) * (1.0 + math.log(n))
    for term, n in titled.items():
        out[term] = out.get(term, 0.0) + title_boost * (1.0 + math.log(n)) * 0.5
    for term, n in names.items():
        out[term] = name_boost * (1.0 + math.log(n))
    for ent, n in Counter(entities).items():
        out["e:" + ent] = entity_boost * (1.0 + math.log(n))
    return out
