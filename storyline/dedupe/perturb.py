"""Seeded perturbations that turn one article into the reprints dedupe must catch.

Each function takes the text and a :class:`random.Random` and returns a new text; the same seed
gives the same copy. Paragraphs are blocks separated by blank lines (or single newlines when a
text has no blank lines); sentences are split on ``. ! ?`` followed by a space.
Used by the unit tests, the quality gate (``tests/eval``) and ``bench/near_duplicates.py``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

FURNITURE = (
    "Advertisement",
    "Share this article",
    "Read more: {title}",
    "Photo: {name} | Getty Images",
    "Subscribe to our newsletter for the latest updates.",
    "Follow us on Twitter and Facebook",
    "Copyright 2024 The Associated Press. All rights reserved.",
    "Related: {title}",
    "Login / Register",
    "Click here to read the full story",
    "Tags: {tags}",
    "This article was originally published by {name}.",
    "Comments (0)",
    "1 month ago 5",
)
_FILLER_WORDS = (
    "news", "world", "politics", "report", "update", "breaking", "local", "story", "today",
    "Reuters", "AP", "Daily", "Times", "Post", "Herald",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[.!?][\"'”’)])\s+(?=\S)")


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines (single newlines when there are no blank lines)."""
    sep = r"\n\s*\n" if re.search(r"\n\s*\n", text) else r"\n"
    return [p.strip() for p in re.split(sep, text) if p.strip()]


def join(paras: Sequence[str]) -> str:
    return "\n\n".join(paras)


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def _title(rng: random.Random, vocab: Sequence[str]) -> str:
    pool = list(vocab) or list(_FILLER_WORDS)
    return " ".join(rng.choice(pool) for _ in range(rng.randint(5, 10))).capitalize()


def add_furniture(text: str, rng: random.Random, vocab: Sequence[str] = ()) -> str:
    """Insert 1–4 page-furniture lines at the top, the bottom or between paragraphs."""
    paras = paragraphs(text)
    for _ in range(rng.randint(1, 4)):
        line = rng.choice(FURNITURE).format(
            title=_title(rng, vocab),
            name=rng.choice(_FILLER_WORDS),
            tags=", ".join(rng.sample(_FILLER_WORDS, 4)),
        )
        paras.insert(rng.choice([0, len(paras), rng.randint(0, len(paras))]), line)
    return join(paras)


def change_headline(text: str, rng: random.Random, vocab: Sequence[str] = ()) -> str:
    """Put a new headline line on top (replacing the first line when it looks like a headline:
    at most 14 words and under a tenth of the text)."""
    paras = paragraphs(text)
    words = len(text.split())
    if len(paras) > 2 and len(paras[0].split()) <= min(14, words // 10):
        paras = paras[1:]
    return join([_title(rng, vocab), *paras])


def add_paragraphs(text: str, rng: random.Random, extra: Sequence[str] = ()) -> str:
    """Insert 1–3 paragraphs taken from ``extra`` (another article): up to ~30% more words, and
    never more than a quarter of the donor article (so the copy does not contain the donor)."""
    paras = paragraphs(text)
    donor = sum(len(p.split()) for p in extra)
    budget = max(12, min(int(0.3 * len(text.split())), donor // 4))
    pool = [p for p in extra if p.strip()] or ["Additional reporting by staff writers."]
    for _ in range(rng.randint(1, 3)):
        para = rng.choice(pool)
        para = " ".join(para.split()[:budget])
        budget -= len(para.split())
        paras.insert(rng.randint(1, len(paras)) if len(paras) > 1 else len(paras), para)
        if budget < 12:
            break
    return join(paras)


def drop_paragraphs(text: str, rng: random.Random) -> str:
    """Drop paragraphs (never the first) holding up to 10–40% of the words, either from the end
    (a shortened reprint) or from anywhere; a paragraph bigger than what is left of the budget
    stays, so a text of one or two big blocks may come back unchanged."""
    paras = paragraphs(text)
    if len(paras) < 3:
        return text
    budget = rng.uniform(0.1, 0.4) * len(text.split())
    order = list(range(len(paras) - 1, 0, -1))
    tail_cut = rng.random() < 0.5
    if not tail_cut:
        rng.shuffle(order)
    drop: set[int] = set()
    for i in order:
        size = len(paras[i].split())
        if size > budget:
            if tail_cut:
                break
            continue
        drop.add(i)
        budget -= size
    return join([p for i, p in enumerate(paras) if i not in drop])


def reorder_paragraphs(text: str, rng: random.Random) -> str:
    """Move 2–4 paragraphs to other places."""
    paras = paragraphs(text)
    if len(paras) < 3:
        return text
    for _ in range(rng.randint(2, 4)):
        para = paras.pop(rng.randrange(len(paras)))
        paras.insert(rng.randrange(len(paras) + 1), para)
    return join(paras)


def _edit_sentence(sentence: str, rng: random.Random, vocab: Sequence[str]) -> str:
    tokens = sentence.split()
    if len(tokens) < 2:
        return sentence + " " + rng.choice(vocab or _FILLER_WORDS)
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("substitute", "substitute", "swap", "delete", "insert"))
        i = rng.randrange(len(tokens))
        if kind == "substitute":
            tokens[i] = rng.choice(vocab or _FILLER_WORDS)
        elif kind == "swap" and i + 1 < len(tokens):
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif kind == "delete" and len(tokens) > 3:
            del tokens[i]
        else:
            tokens.insert(i, rng.choice(vocab or _FILLER_WORDS))
    return " ".join(tokens)


def edit_sentences(
    text: str, rng: random.Random, vocab: Sequence[str] = (), low: float = 0.05, high: float = 0.2
) -> str:
    """Edit ``low``–``high`` of the sentences: 1–3 word substitutions, swaps, deletions or
    insertions inside each chosen sentence (the count is rounded at random, so short texts
    sometimes get none)."""
    paras = [sentences(p) for p in paragraphs(text)]
    where = [(i, j) for i, para in enumerate(paras) for j in range(len(para))]
    share = rng.uniform(low, high) * len(where)
    count = int(share) + (1 if rng.random() < share - int(share) else 0)
    for i, j in rng.sample(where, min(count, len(where))):
        paras[i][j] = _edit_sentence(paras[i][j], rng, vocab)
    return join([" ".join(p) for p in paras])


Perturbation = Callable[[str, random.Random, "Context"], str]


class Context:
    """What perturbations may borrow: words for substitutions and paragraphs of another article."""

    def __init__(self, vocab: Sequence[str], extra: Sequence[str]) -> None:
        self.vocab = vocab
        self.extra = extra


KINDS: dict[str, Perturbation] = {
    "furniture": lambda t, r, c: add_furniture(t, r, c.vocab),
    "headline": lambda t, r, c: change_headline(t, r, c.vocab),
    "para_add": lambda t, r, c: add_paragraphs(t, r, c.extra),
    "para_drop": lambda t, r, c: drop_paragraphs(t, r),
    "para_reorder": lambda t, r, c: reorder_paragraphs(t, r),
    "edit": lambda t, r, c: edit_sentences(t, r, c.vocab),
}


#: The worst realistic reprint: new headline, furniture, paragraphs dropped and added, and
#: 5–20% of the sentences edited, all at once.
HEAVY = ("headline", "furniture", "para_drop", "para_add", "edit")


def combo(text: str, rng: random.Random, ctx: Context, kinds: Sequence[str] | None = None) -> str:
    """Apply 2–4 perturbation kinds in a random order (or exactly ``kinds``)."""
    chosen = list(kinds) if kinds else rng.sample(sorted(KINDS), rng.randint(2, 4))
    for kind in chosen:
        text = KINDS[kind](text, rng, ctx)
    return text
