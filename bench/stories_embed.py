"""ECB+ / Timeline17 / seeds with a text embedding blended in at the storyline level.

    python -m bench.stories_embed --data ../shared/data --split tune --orders 0 \
        --set embedding_weight=0.2 embedding_floor=0.5 [--vectors /tmp/embed-minilm.npz]
    python -m bench.stories_embed --data ../shared/data --check   # Timeline17, sample, seeds

Without ``--vectors`` the index embeds each article's title + lead with the static model
(``StoryParams.embedding_model``, default the bundled one). ``--vectors`` gives precomputed
unit embeddings by article id (an ``.npz`` with ``ids`` and ``vectors``; ``--dump-leads``
writes the lead texts to embed elsewhere, e.g. with the full MiniLM as an upper bound).
Topics are split by number: even = ``tune``, odd = ``held`` (held out), ``all``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.stories_ecb_entities import in_split, parse_overrides, score
from storyline.stories.corpora import load_ecbplus
from storyline.stories.doc import StoryDoc
from storyline.stories.embed import StaticEmbedder, default_model_dir, lead_text
from storyline.stories.evaluate import sample, seeds, timeline17
from storyline.stories.params import StoryParams

REPO = Path(__file__).resolve().parents[1]


def with_vectors(docs: list[StoryDoc], table: dict[str, np.ndarray] | None) -> list[StoryDoc]:
    if table is None:
        return docs
    return [dataclasses.replace(d, embedding=tuple(float(x) for x in table[d.id]))
            for d in docs]


def ecb(data: Path, split: str, orders: list[int], params: StoryParams,
        table: dict[str, np.ndarray] | None) -> dict[str, float]:
    rows = []
    for order in orders:
        gold = [g for g in load_ecbplus(data, order) if in_split(g.topic, split)]
        rows.append(score(gold, with_vectors([g.doc for g in gold], table), params))
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in rows[0]}


def check(data: Path, params: StoryParams) -> dict[str, Any]:
    """Timeline17 (share in the largest storyline), the sample corpus, the seeds."""
    t17 = timeline17(data, params)
    out: dict[str, Any] = {f"t17_{k}": round(v["in_largest_storyline"], 3)
                           for k, v in t17["topics"].items()}
    smp = sample(params)
    out["sample_episodes_apart"] = all(not s["episodes_merged"] for s in smp.values())
    seeds_dir = data.parent / "seeds"
    if seeds_dir.is_dir():
        out["seeds_storylines"] = seeds(seeds_dir, params)["storylines"]
    return out


def cost(data: Path) -> dict[str, float]:
    """Model load time, size on disk, and ms per article to embed title + lead (ECB+)."""
    start = time.perf_counter()
    model = StaticEmbedder.load(default_model_dir())
    load = time.perf_counter() - start
    docs = [g.doc for g in load_ecbplus(data, 0)]
    start = time.perf_counter()
    for d in docs:
        model.embed(lead_text(d.text, d.title))
    per = (time.perf_counter() - start) / len(docs)
    size = sum(p.stat().st_size for p in default_model_dir().iterdir())
    return {"load_s": round(load, 3), "ms_per_article": round(per * 1000, 3),
            "model_mb": round(size / 1e6, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--split", choices=("tune", "held", "all"), default="tune")
    ap.add_argument("--orders", type=int, nargs="+", default=[0])
    ap.add_argument("--set", nargs="*", default=[], help="StoryParams overrides name=value")
    ap.add_argument("--vectors", type=Path, help=".npz of precomputed embeddings (ids, vectors)")
    ap.add_argument("--dump-leads", type=Path, help="write ECB+ id -> lead text as JSON, stop")
    ap.add_argument("--check", action="store_true", help="Timeline17, sample and seeds too")
    ap.add_argument("--cost", action="store_true", help="model size and ms per article")
    args = ap.parse_args()
    if args.dump_leads:
        docs = [g.doc for g in load_ecbplus(args.data, 0)]
        args.dump_leads.write_text(json.dumps({d.id: lead_text(d.text, d.title) for d in docs}))
        return
    overrides = parse_overrides(args.set)
    params = StoryParams().replace(**overrides)
    table = None
    if args.vectors:
        npz = np.load(args.vectors)
        table = dict(zip([str(i) for i in npz["ids"]], npz["vectors"], strict=True))
    out: dict[str, Any] = {"split": args.split, "orders": args.orders, "set": overrides,
                           "vectors": str(args.vectors or "static")}
    out.update(ecb(args.data, args.split, args.orders, params, table))
    if args.check:
        out.update(check(args.data, params))
    if args.cost:
        out.update(cost(args.data))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
