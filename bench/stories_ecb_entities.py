"""ECB+ clustered with what the shipped per-article stages find (entity ids), against text only.

    python bench/stories_ecb_entities.py --data ../shared/data [--split tune|held|all] \
        [--orders 0 1 2] [--variant text|entities] [--set story_threshold=0.3 ...]

ECB+ documents are analysed once by the shipped stages (dates, entities, quotes, events,
positions; cached in /tmp/stories_cache/ecb.jsonl, about 100 s on one core) and fed to
``StoryIndex`` (a) as text only, as ``storyline eval stories`` does, or (b) with the resolved
entity ids the corpus phase supplies. Topics are split in two halves by topic number: even =
``tune`` (order 0 was used for choices), odd = ``held`` (held out). B³ at topic (storyline) and
sub-topic (story) level, mean over the orders.

The event-signature experiment of session 4 (places by lead position, event types, type +
actor / location / trigger as features; ``--variant signature``) lives in commit 08d54f1,
reverted because it did not pay (docs/benchmarks-stories.md); to reproduce it:
``git archive 08d54f1 storyline bench | tar -x -C /tmp/stories_exp``, then from there
``PYTHONPATH=/tmp/stories_exp .venv/bin/python bench/stories_signature.py --variant signature
--set place_boost=1 event_boost=1 storyline_signature=true`` (see the benchmarks page).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from storyline.stories.annotate import annotate
from storyline.stories.baseline import bcubed
from storyline.stories.corpora import GoldDoc, load_ecbplus
from storyline.stories.doc import KEY_ENTITY_TYPES, StoryDoc
from storyline.stories.index import StoryIndex
from storyline.stories.params import StoryParams

CACHE = Path("/tmp/stories_cache/ecb.jsonl")


def in_split(topic: str, split: str) -> bool:
    if split == "all":
        return True
    return (int(topic) % 2 == 0) == (split == "tune")


def enrich(doc: StoryDoc, record: dict[str, Any] | None) -> StoryDoc:
    """``doc`` with the entity ids of its analysed record (as ``story_doc_from_output``)."""
    if record is None:
        return doc
    entities = tuple(str(e["id"]) for e in record.get("entities") or ()
                     if e.get("type") in KEY_ENTITY_TYPES and e.get("id")
                     for _ in (e.get("mentions") or (None,)))
    return dataclasses.replace(doc, entities=entities)


def score(gold: list[GoldDoc], docs: list[StoryDoc], params: StoryParams) -> dict[str, float]:
    index = StoryIndex(params)
    got = [index.add(d) for d in docs]
    lines = [index.storyline_of(a.story_id) for a in got]
    topic = bcubed(lines, [g.topic for g in gold])
    sub = bcubed([a.story_id for a in got], [g.subtopic for g in gold])
    return {"topic_p": topic["precision"], "topic_r": topic["recall"], "topic_f1": topic["f1"],
            "sub_p": sub["precision"], "sub_r": sub["recall"], "sub_f1": sub["f1"],
            "storylines": len(set(lines)), "stories": len({a.story_id for a in got})}


def run(data: Path, split: str, orders: list[int], params: StoryParams, variant: str
        ) -> dict[str, float]:
    rows = []
    for order in orders:
        gold = [g for g in load_ecbplus(data, order) if in_split(g.topic, split)]
        records = annotate([g.doc for g in gold], CACHE) if variant != "text" else {}
        docs = [g.doc if variant == "text" else enrich(g.doc, records.get(g.doc.id))
                for g in gold]
        rows.append(score(gold, docs, params))
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in rows[0]}


def parse_overrides(items: list[str]) -> dict[str, Any]:
    """``name=value`` strings as typed ``StoryParams`` overrides."""
    overrides: dict[str, Any] = {}
    for item in items:
        name, _, value = item.partition("=")
        kind = type(getattr(StoryParams(), name))
        overrides[name] = (value.lower() in {"1", "true", "yes"}) if kind is bool else kind(value)
    return overrides


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--split", choices=("tune", "held", "all"), default="tune")
    ap.add_argument("--orders", type=int, nargs="+", default=[0])
    ap.add_argument("--variant", choices=("text", "entities"), default="entities")
    ap.add_argument("--set", nargs="*", default=[], help="StoryParams overrides name=value")
    args = ap.parse_args()
    overrides = parse_overrides(args.set)
    params = StoryParams().replace(**overrides)
    out = run(args.data, args.split, args.orders, params, args.variant)
    print(json.dumps({"split": args.split, "orders": args.orders, "variant": args.variant,
                      "set": overrides, **out}))


if __name__ == "__main__":
    main()
