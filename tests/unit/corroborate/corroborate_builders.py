"""Builders of hand-made Articles for the corroboration and report tests."""

from __future__ import annotations

from storyline.corroborate import conflicts
from storyline.records import Article, Conflict, DateValue


def article(aid: str, text: str, outlet: str | None = None, published: str | None = None,
            duplicate_of: str | None = None, text_hash: str | None = None) -> Article:
    """An Article with ``text``; its own outlet and text hash unless given."""
    date = DateValue(published, "day", "metadata") if published else DateValue(None, None)
    return Article(id=aid, input=f"{aid}.txt", text=text, text_hash=text_hash or f"h-{aid}",
                   outlet=outlet if outlet is not None else f"outlet-{aid}", published=date,
                   language="en", duplicate_of=duplicate_of)


def kinds(*texts: str) -> dict[str, list[Conflict]]:
    """The conflicts between articles made of ``texts``, by kind."""
    arts = [article(f"a{i}", t) for i, t in enumerate(texts)]
    out: dict[str, list[Conflict]] = {}
    for c in conflicts("s1", arts):
        out.setdefault(c.kind, []).append(c)
    return out
