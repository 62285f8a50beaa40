"""Timeline date selection against Timeline17's journalist-written timelines.

Protocol of news-tls (Gholipour Ghalandari & Ifrim 2020), where DATEWISE scores Date-F1 0.544
on all of Timeline17: for each gold timeline, the input is its topic's articles (all outlets
together), limited to the timeline's span (first to last gold date); ``K`` is the number of
gold dates; Date-F1 compares the selected days with the gold days exactly. Only the BP oil
spill (5 timelines) and H1N1 (3) have their articles staged in ``../shared/data``.

Date mentions come from our own dates stage (``storyline.extract.dates.find_dates`` anchored to
each article's publication date), not from the HeidelTime annotations shipped with the data.
The baseline in the same run picks the ``K`` days on which most articles were published.
Weights were chosen on the BP oil spill timelines; H1N1 is held out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.extract.dates import find_dates
from storyline.stories.timeline_dates import TimelineArticle, date_f1, select_dates

TOPICS = ("bpoil", "H1N1")

_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("``", '"'),
        ("''", '"'))
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]'])")
_SPACE_AFTER = re.compile(r"([(\[$]) ")


def detokenise(text: str) -> str:
    """Undo the PTB tokenisation of Timeline17 texts enough for date expressions to read."""
    for a, b in _PTB:
        text = text.replace(a, b)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text).replace(" 's", "'s").replace(" n't", "n't")


def load_topic(data_dir: Path, topic: str) -> tuple[list[TimelineArticle],
                                                    dict[str, list[dt.date]]]:
    """``(articles, timelines)`` of one Timeline17 topic: every staged outlet's articles with
    their date mentions, and each gold timeline's days keyed by folder name."""
    articles: list[TimelineArticle] = []
    timelines: dict[str, list[dt.date]] = {}
    for folder in sorted((data_dir / "timeline17").iterdir()):
        if not folder.is_dir() or folder.name.partition("_")[0] != topic:
            continue
        for path in sorted(folder.glob("*.timeline.json")):
            entries = json.loads(path.read_text(encoding="utf-8"))
            timelines[f"{folder.name}/{path.name}"] = sorted(
                {dt.date.fromisoformat(e["date"][:10]) for e in entries})
        source = folder / "articles.json"
        if not source.is_file():
            continue
        for item in json.loads(source.read_text(encoding="utf-8")):
            pub = dt.date.fromisoformat(item["dct"][:10])
            mentions = tuple(find_dates(detokenise(item["text"]), pub))
            articles.append(TimelineArticle(pub, mentions, f"{folder.name}/{item['uid']}"))
    return articles, timelines


def evaluate_timeline(articles: Sequence[TimelineArticle], gold: Sequence[dt.date],
                      **weights: float) -> dict[str, Any]:
    """Date-F1 of the ``len(gold)`` selected days within the gold span."""
    start, end = min(gold), max(gold)
    inside = [a for a in articles if a.published is None or start <= a.published <= end]
    chosen = select_dates(inside, len(gold), start=start, end=end, **weights)
    by_pub = Counter(a.published for a in inside if a.published is not None)
    busiest = sorted(by_pub, key=lambda d: (-by_pub[d], d))[: len(gold)]
    return date_f1([c.day for c in chosen], gold) | {
        "k": len(gold), "articles": len(inside),
        "baseline_f1": date_f1(busiest, gold)["f1"]}


def evaluate_timelines(data_dir: Path, topics: Sequence[str] = TOPICS,
                       **weights: float) -> dict[str, Any]:
    """Per timeline Date-F1, the mean per topic and the mean over all timelines (news-tls
    averages over timelines)."""
    per: dict[str, Any] = {}
    by_topic: dict[str, list[float]] = {}
    base: list[float] = []
    for topic in topics:
        articles, timelines = load_topic(Path(data_dir), topic)
        if not articles:
            continue
        for name, gold in sorted(timelines.items()):
            result = evaluate_timeline(articles, gold, **weights)
            per[name] = result
            by_topic.setdefault(topic, []).append(result["f1"])
            base.append(result["baseline_f1"])
    scores = [r["f1"] for r in per.values()]
    return {
        "timelines": per,
        "topics": {t: round(sum(v) / len(v), 4) for t, v in by_topic.items()},
        "mean_f1": round(sum(scores) / len(scores), 4) if scores else 0.0,
        "baseline_mean_f1": round(sum(base) / len(base), 4) if base else 0.0,
        "reference": {"news-tls DATEWISE, all of Timeline17": 0.544},
    }
