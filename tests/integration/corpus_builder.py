"""Builds a deterministic multi-record test corpus from the bundled examples (no shared data)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from storyline import runner
from storyline.config import Settings
from storyline.records import RawDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def example_sentences() -> list[str]:
    settings = Settings({"execute.workers": 1})
    texts = [r["text"] for r in runner.analyse([str(EXAMPLES)], settings) if r["text"]]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t)]
    return sorted({s for s in sentences if len(s.split()) >= 6})


def write_corpus(path: Path, n: int = 240, seed: int = 7) -> dict[str, int]:
    """JSON Lines: ``n`` distinct articles, exact and edited copies, and malformed lines."""
    rng = random.Random(seed)
    sentences = example_sentences()
    lines: list[str] = []
    originals: list[dict[str, str]] = []
    counts = {"distinct": 0, "exact": 0, "edited": 0, "malformed": 0}
    for i in range(n):
        body = " ".join(rng.sample(sentences, 12))
        record = {"url": f"https://example.org/story/{i}", "title": f"Story {i}",
                  "text": body, "outlet": rng.choice(["Wire A", "Wire B", "Gazette"]),
                  "published": f"2026-03-{1 + i % 28:02d}"}
        originals.append(record)
        lines.append(json.dumps(record))
        counts["distinct"] += 1
        if i % 15 == 3:
            copy = dict(rng.choice(originals), url=f"https://mirror.example/{i}")
            lines.append(json.dumps(copy))
            counts["exact"] += 1
        if i % 20 == 5:
            src = rng.choice(originals)
            words = src["text"].split()
            words[len(words) // 2] = "reportedly"
            lines.append(json.dumps(dict(src, url=f"https://reprint.example/{i}",
                                         title=f"Reprint {i}", text=" ".join(words))))
            counts["edited"] += 1
        if i % 40 == 7:
            lines.append(f'{{"url": "https://broken.example/{i}", "text": ')
            counts["malformed"] += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


__all__ = ["RawDocument", "example_sentences", "write_corpus"]
