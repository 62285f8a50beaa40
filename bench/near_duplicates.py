"""Near-duplicate benchmark: storyline dedupe against plain datasketch MinHash LSH, one run.

    python bench/near_duplicates.py [--out results.json] [--data ../shared/data] [--seed 13]

Builds the perturbation test set (storyline.dedupe.evaluate: article-extraction-benchmark
bodies and their perturbed copies among the ECB+ same-event articles), then reports pairwise
precision / recall / F1 for

* storyline's DuplicateIndex over a grid of MinHash LSH thresholds x containment thresholds,
* the chosen defaults,
* plain datasketch MinHashLSH (every candidate is a duplicate) at the same LSH thresholds,
  0.8 and 0.5 being the usual settings,

and the fingerprinting throughput on one core. Prints a Markdown summary; ``--out`` writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from storyline.config import Settings  # noqa: E402
from storyline.dedupe import DuplicateIndex, fingerprint  # noqa: E402
from storyline.dedupe import evaluate as ev  # noqa: E402

LSH_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
CONTAINMENTS = (0.5, 0.6, 0.7, 0.8)
CHOSEN = {"dedupe.threshold": 0.3, "dedupe.containment": 0.6}


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def throughput(texts: list[str], settings: Settings, repeats: int = 3) -> dict[str, float]:
    """Fingerprints per second on this process (one core), median of ``repeats`` passes."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            fingerprint(text, settings)
        rates.append(len(texts) / (time.perf_counter() - start))
    words = sum(len(t.split()) for t in texts)
    rate = statistics.median(rates)
    return {"docs_per_s": rate, "words_per_s": rate * words / len(texts),
            "mean_words": words / len(texts), "docs": len(texts)}


def index_rate(docs: list[ev.Doc], fps: list, settings: Settings) -> float:
    index = DuplicateIndex(settings)
    start = time.perf_counter()
    for d, fp in zip(docs, fps, strict=True):
        index.add(d.id, fp)
    return len(docs) / (time.perf_counter() - start)


def run(data: Path, seed: int) -> dict[str, Any]:
    docs = ev.build(data, seed=seed)
    truth = ev.gold(docs)
    base = Settings()
    chosen = base.with_(**CHOSEN)
    fps = [fingerprint(d.text, chosen) for d in docs]
    originals = [d.text for d in docs if d.kind in ("original", "ecb")]
    kinds: dict[str, int] = {}
    for d in docs:
        kinds[d.kind] = kinds.get(d.kind, 0) + 1

    grid = []
    for lsh in LSH_THRESHOLDS:
        for c in CONTAINMENTS:
            s = chosen.with_(dedupe_threshold=lsh, dedupe_containment=c)
            grid.append({"threshold": lsh, "containment": c,
                         **ev.score(docs, ev.group_with_index(docs, fps, s), truth)})
    plain = [{"threshold": lsh, **ev.score(docs, ev.group_with_plain_lsh(docs, lsh), truth)}
             for lsh in LSH_THRESHOLDS]
    defaults = ev.score(docs, ev.group_with_index(docs, fps, base), truth)
    best = ev.score(docs, ev.group_with_index(docs, fps, chosen), truth)
    return {
        "seed": seed,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "test_set": {
            "documents": len(docs),
            "by_kind": kinds,
            "gold_pairs": best["scores"]["gold_pairs"],
            "ecb_reprint_pairs": len(truth.reprints),
            "ecb_close_pairs_ignored": len(truth.close),
            "ignored_document_pairs": len(truth.ignore),
        },
        "chosen": {"settings": CHOSEN, **best},
        "config_defaults": {"settings": {k: base[k] for k in CHOSEN}, **defaults},
        "grid": grid,
        "plain_datasketch": plain,
        "throughput": {**throughput(originals, chosen),
                       "index_adds_per_s": index_rate(docs, fps, chosen)},
    }


def markdown(r: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    out = []
    t = r["test_set"]
    out.append(f"Test set: {t['documents']} documents ({', '.join(f'{k} {v}' for k, v in sorted(t['by_kind'].items()))}); "
               f"{t['gold_pairs']} gold duplicate pairs; {t['ecb_reprint_pairs']} ECB+ pairs are "
               f"verbatim reprints (gold duplicates), {t['ecb_close_pairs_ignored']} partly reused "
               f"wire copy (left out: {t['ignored_document_pairs']} document pairs).\n")
    out.append("| system | MinHash threshold | containment | P | R | F1 | P (strict) | same-event merged |")
    out.append("|---|---|---|---|---|---|---|---|")

    def row(name: str, lsh: Any, c: Any, s: dict[str, Any]) -> str:
        sc, st = s["scores"], s["strict"]
        return (f"| {name} | {lsh} | {c} | {sc['precision']:.4f} | {sc['recall']:.4f} | "
                f"{sc['f1']:.4f} | {st['precision']:.4f} | {s['same_event_merged']}/{s['same_event_pairs']} |")

    ch, de = r["chosen"], r["config_defaults"]
    out.append(row("**storyline (chosen)**", ch["settings"]["dedupe.threshold"],
                   ch["settings"]["dedupe.containment"], ch))
    out.append(row("storyline (current config defaults)", de["settings"]["dedupe.threshold"],
                   de["settings"]["dedupe.containment"], de))
    for p in r["plain_datasketch"]:
        if p["threshold"] in (0.5, 0.8):
            out.append(row("plain datasketch MinHashLSH", p["threshold"], "-", p))
    out.append("\nCurve against the MinHash LSH threshold (storyline at containment "
               f"{ch['settings']['dedupe.containment']}; plain datasketch takes every candidate):\n")
    out.append("| MinHash threshold | storyline P | storyline R | storyline F1 | plain P | plain R | plain F1 |")
    out.append("|---|---|---|---|---|---|---|")
    plain = {p["threshold"]: p["scores"] for p in r["plain_datasketch"]}
    for g in r["grid"]:
        if g["containment"] != ch["settings"]["dedupe.containment"]:
            continue
        s, p = g["scores"], plain[g["threshold"]]
        out.append(f"| {g['threshold']} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
                   f"{p['precision']:.4f} | {p['recall']:.4f} | {p['f1']:.4f} |")
    out.append("\nGrid (storyline), F1 with P/R:\n")
    cs = sorted({g["containment"] for g in r["grid"]})
    out.append("| MinHash threshold | " + " | ".join(f"containment {c}" for c in cs) + " |")
    out.append("|---|" + "---|" * len(cs))
    for lsh in sorted({g["threshold"] for g in r["grid"]}):
        cells = []
        for c in cs:
            g = next(x for x in r["grid"] if x["threshold"] == lsh and x["containment"] == c)
            s = g["scores"]
            cells.append(f"{s['f1']:.4f} ({s['precision']:.3f}/{s['recall']:.3f})")
        out.append(f"| {lsh} | " + " | ".join(cells) + " |")
    out.append("\nRecall of copies by kind (copy grouped with its original), chosen settings vs "
               "plain datasketch at 0.8 / 0.5:\n")
    p8 = next(p for p in r["plain_datasketch"] if p["threshold"] == 0.8)["recall_by_kind"]
    p5 = next(p for p in r["plain_datasketch"] if p["threshold"] == 0.5)["recall_by_kind"]
    out.append("| kind | storyline | plain 0.8 | plain 0.5 |")
    out.append("|---|---|---|---|")
    for k, v in ch["recall_by_kind"].items():
        out.append(f"| {k} | {v:.3f} | {p8[k]:.3f} | {p5[k]:.3f} |")
    tp = r["throughput"]
    out.append(f"\nThroughput (1 core): fingerprint {tp['docs_per_s']:.0f} docs/s "
               f"({tp['words_per_s']:.0f} words/s, {tp['docs']} real articles, mean "
               f"{tp['mean_words']:.0f} words); DuplicateIndex.add {tp['index_adds_per_s']:.0f}/s.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"evaluation data not found at {args.data}", file=sys.stderr)
        return 2
    results = _round(run(args.data, args.seed))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
