"""Does the event signature pay? ECB+ with the shipped per-article stages (entities, events).

    python bench/stories_signature.py --data ../shared/data [--split tune|held|all] \
        [--orders 0] [--set place_boost=2 event_boost=1 ...]

ECB+ documents are analysed once (entities, events; cached in /tmp/stories_cache/ecb.jsonl,
about 100 s) and fed to ``StoryIndex`` (a) as text only, as ``storyline eval stories`` does,
(b) with resolved entity ids, (c) with entity ids and the event signature at the given
parameters. Topics are split in two halves by topic number: even = ``tune`` (parameters were
chosen there, order 0), odd = ``held`` (held out). B³ F1 at topic (storyline) and sub-topic
(story) level, mean over the orders.
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
from storyline.stories.signature import cores_of_output, signature_terms

CACHE = Path("/tmp/stories_cache/ecb.jsonl")


def in_split(topic: str, split: str) -> bool:
    if split == "all":
        return True
    return (int(topic) % 2 == 0) == (split == "tune")


def enrich(doc: StoryDoc, record: dict[str, Any] | None, signature: bool) -> StoryDoc:
    """``doc`` with the entity ids (and the event signature) of its analysed record."""
    if record is None:
        return doc
    entities = tuple(str(e["id"]) for e in record.get("entities") or ()
                     if e.get("type") in KEY_ENTITY_TYPES and e.get("id")
                     for _ in (e.get("mentions") or (None,)))
    sig = signature_terms(*cores_of_output(record)) if signature else ()
    return dataclasses.replace(doc, entities=entities, signature=sig)


def score(gold: list[GoldDoc], docs: list[StoryDoc], params: StoryParams) -> dict[str, float]:
    index = StoryIndex(params)
    got = [index.add(d) for d in docs]
    lines = [index.storyline_of(a.story_id) for a in got]
    topic = bcubed(lines, [g.topic for g in gold])
    sub = bcubed([a.story_id for a in got], [g.subtopic for g in gold])
    return {"topic_p": topic["precision"], "topic_r": topic["recall"], "topic_f1": topic["f1"],
            "sub_f1": sub["f1"], "storylines": len(set(lines)), "stories": len(set(a.story_id for a in got))}


def run(data: Path, split: str, orders: list[int], params: StoryParams, variant: str
        ) -> dict[str, float]:
    rows = []
    for order in orders:
        gold = [g for g in load_ecbplus(data, order) if in_split(g.topic, split)]
        records = annotate([g.doc for g in gold], CACHE) if variant != "text" else {}
        docs = [g.doc if variant == "text" else
                enrich(g.doc, records.get(g.doc.id), variant == "signature") for g in gold]
        rows.append(score(gold, docs, params))
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in rows[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--split", choices=("tune", "held", "all"), default="tune")
    ap.add_argument("--orders", type=int, nargs="+", default=[0])
    ap.add_argument("--variant", choices=("text", "entities", "signature"), default="signature")
    ap.add_argument("--set", nargs="*", default=[], help="StoryParams overrides name=value")
    args = ap.parse_args()
    overrides: dict[str, Any] = {}
    for item in args.set:
        name, _, value = item.partition("=")
        kind = type(getattr(StoryParams(), name))
        overrides[name] = (value.lower() in {"1", "true", "yes"}) if kind is bool else kind(value)
    params = StoryParams().replace(**overrides)
    out = run(args.data, args.split, args.orders, params, args.variant)
    print(json.dumps({"split": args.split, "orders": args.orders, "variant": args.variant,
                      "set": overrides, **out}))


if __name__ == "__main__":
    main()
