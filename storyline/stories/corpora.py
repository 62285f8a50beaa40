"""Loaders of the evaluation corpora as ``StoryDoc`` streams with gold labels.

* ECB+ (43 topics, 86 sub-topics = real-world events): no publication dates, no titles. The
  first "sentence" of every ``*ecbplus.xml`` file is its source URL, tokenised; it is dropped
  (it would leak the sub-topic through the URL, and ECB files have none).
* Timeline17 BP oil spill (5 outlets) and H1N1 (3 outlets): ``dct`` is the publication date;
  texts are PTB-tokenised (``-LRB-``), which the features ignore.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from storyline.stories.doc import StoryDoc

_TOKEN = re.compile(r'<token[^>]*?sentence="(\d+)"[^>]*>([^<]*)</token>')
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


@dataclass(frozen=True)
class GoldDoc:
    doc: StoryDoc
    topic: str
    subtopic: str


def _unescape(text: str) -> str:
    for k, v in _ENTITIES.items():
        text = text.replace(k, v)
    return text


def ecb_text(path: Path) -> str:
    """Tokens joined by spaces, one sentence per line (ECB+ sentence 0 = URL, dropped)."""
    sentences: dict[int, list[str]] = {}
    for sent, tok in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences.setdefault(int(sent), []).append(_unescape(tok))
    plus = path.name.endswith("ecbplus.xml")
    return "\n".join(" ".join(toks) for n, toks in sorted(sentences.items())
                     if not (plus and n == 0))


def load_ecbplus(data_dir: Path, seed: int = 0) -> list[GoldDoc]:
    """All ECB+ documents in a seeded random order (topics interleaved, as in a news stream)."""
    root = data_dir / "ecbplus" / "ECB+"
    docs: list[GoldDoc] = []
    for path in sorted(root.glob("*/*.xml")):
        topic = path.parent.name
        kind = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
        docs.append(GoldDoc(StoryDoc(id=path.stem, text=ecb_text(path)), topic,
                            f"{topic}_{kind}"))
    random.Random(seed).shuffle(docs)
    return docs


def load_timeline17(data_dir: Path, topics: tuple[str, ...] = ("bpoil", "H1N1"),
                    shift: dict[str, int] | None = None) -> list[GoldDoc]:
    """The staged Timeline17 articles of ``topics``, all outlets together, in date order.

    ``shift`` moves a topic's dates by some days (``{"H1N1": 365}`` lays the 2009 flu coverage
    over the 2010 oil spill, so both storylines run at once and must stay apart)."""
    docs: list[GoldDoc] = []
    for folder in sorted((data_dir / "timeline17").iterdir()):
        topic, _, outlet = folder.name.partition("_")
        if topic not in topics or not (folder / "articles.json").is_file():
            continue
        for item in json.loads((folder / "articles.json").read_text(encoding="utf-8")):
            day = dt.date.fromisoformat(item["dct"][:10])
            day += dt.timedelta(days=(shift or {}).get(topic, 0))
            doc = StoryDoc(id=f"{folder.name}/{item['uid']}", text=item["text"], published=day,
                           outlet=outlet)
            docs.append(GoldDoc(doc, topic, topic))
    docs.sort(key=lambda g: (g.doc.published or dt.date.min, g.doc.id))
    return docs
