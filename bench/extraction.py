"""Body-text extraction quality on the article-extraction-benchmark, ours vs plain trafilatura.

Usage::

    python bench/extraction.py [--data DIR] [--out results.json] [--limit N]

The metric is the benchmark's own (scrapinghub/article-extraction-benchmark ``evaluate.py``):
multiset 4-gram shingles over ``\\w+`` tokens; per page TP/FP/FN normalised to sum 1; precision
and recall averaged over pages; F1 is the harmonic mean of the two averages. Plain trafilatura
is run exactly as the benchmark runs it (``trafilatura.extract(html, include_comments=False)``);
ours is ``read_inputs`` + ``clean_document`` with default settings and with
``clean.favor_precision``, all in the same run.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from storyline.clean import clean_document, remove_furniture
from storyline.config import Settings
from storyline.errors import Rejected
from storyline.ingest import read_inputs

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(truth: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    counts = [tp_fp_fn(truth[k], pred.get(k, "")) for k in truth]
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall)
    exact = sum(1 for c in counts if c[1] == c[2] == 0) / len(counts)
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4), "accuracy": round(exact, 4)}


def run_plain(pages: dict[str, Path]) -> dict[str, str]:
    import gzip

    out = {}
    for key, path in pages.items():
        with gzip.open(path, "rt", encoding="utf8") as handle:
            out[key] = trafilatura.extract(handle.read(), include_comments=False) or ""
    return out


def run_ours(pages: dict[str, Path], settings: Settings, post: Callable[[str], str] | None = None) -> dict[str, str]:
    out = {}
    for key, path in pages.items():
        text = ""
        for item in read_inputs([str(path)], settings):
            if not isinstance(item, Rejected):
                article = clean_document(item, settings)
                if not isinstance(article, Rejected):
                    text = post(article.text) if post else article.text
        out[key] = text
    return out


def furniture_pass(text: str) -> str:
    """The text-file furniture pass applied to trafilatura output (an experiment, not default)."""
    return "\n\n".join(remove_furniture([line for line in text.split("\n\n") if line]).kept)



# ---------------------------------------------------------------- trafilatura-eval-en-subset
def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _authors(text: str | None) -> set[str]:
    return {_norm(a) for a in re.split(r"[;,]| and ", text or "") if _norm(a)}


def eval_subset(root: Path) -> dict[str, dict[str, float]]:
    """Title / author / date accuracy and snippet checks, ours vs ``trafilatura.bare_extraction``.

    Title: case- and space-folded equality; author: same set of names; date: equal ISO day.
    ``with``: share of must-have snippets found; ``without``: share of boilerplate snippets absent.
    """
    gold = json.loads((root / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    tally: dict[str, Counter[str]] = {"trafilatura": Counter(), "storyline": Counter()}
    for key, entry in sorted(gold.items()):
        path = next((root / "tests" / sub / entry["file"] for sub in ("eval", "cache")
                     if (root / "tests" / sub / entry["file"]).is_file()), None)
        if path is None:
            continue
        url = key if key.startswith("http") else None
        html_bytes = path.read_bytes()
        doc = trafilatura.bare_extraction(html_bytes, url=url, with_metadata=True, include_comments=False)
        plain = doc.as_dict() if doc is not None else {}
        ours: dict[str, str | None] = {"text": "", "title": None, "author": None, "date": None}
        for item in read_inputs([str(path)]):
            if isinstance(item, Rejected):
                continue
            item = item.__class__(**{**item.__dict__, "meta": {"url": url} if url else {}})
            article = clean_document(item)
            if not isinstance(article, Rejected):
                ours = {"text": article.text, "title": article.title, "author": article.author, "date": article.published.value}
        for system, found in (("trafilatura", plain), ("storyline", ours)):
            counts = tally[system]
            counts["pages"] += 1
            text = _norm(found.get("text"))
            for snippet in entry.get("with", []):
                counts["with_total"] += 1
                counts["with_found"] += _norm(snippet) in text
            for snippet in entry.get("without", []):
                counts["without_total"] += 1
                counts["without_absent"] += _norm(snippet) not in text
            if entry.get("title"):
                counts["title_total"] += 1
                counts["title_ok"] += _norm(found.get("title")) == _norm(entry["title"])
            if entry.get("author"):
                counts["author_total"] += 1
                counts["author_ok"] += _authors(found.get("author")) == _authors(entry["author"])
            if entry.get("date"):
                counts["date_total"] += 1
                counts["date_ok"] += (found.get("date") or "")[:10] == entry["date"][:10]
    results = {}
    for system, counts in tally.items():
        results[system] = {"pages": counts["pages"]}
        for field, ok, total in (("with", "with_found", "with_total"), ("without", "without_absent", "without_total"),
                                 ("title", "title_ok", "title_total"), ("author", "author_ok", "author_total"),
                                 ("date", "date_ok", "date_total")):
            results[system][field] = round(counts[ok] / counts[total], 4) if counts[total] else 0.0
            results[system][f"{field}_n"] = counts[total]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (a smoke run)")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data}", file=sys.stderr)
        return 2
    gold = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[: args.limit or None]
    truth = {k: gold[k].get("articleBody", "") for k in keys}
    pages = {k: args.data / "html" / f"{k}.html.gz" for k in keys}
    base = Settings()
    systems: dict[str, Callable[[], dict[str, str]]] = {
        f"trafilatura {trafilatura.__version__} extract()": lambda: run_plain(pages),
        "storyline clean_document (defaults)": lambda: run_ours(pages, base),
        "storyline clean_document (clean.favor_precision=true)": lambda: run_ours(pages, base.with_(clean_favor_precision=True)),
        "storyline clean_document (clean.remove_furniture=false)": lambda: run_ours(pages, base.with_(clean_remove_furniture=False)),
        "experiment: defaults + contextual furniture rules on HTML output": lambda: run_ours(pages, base, furniture_pass),
    }
    results = {"benchmark": "article-extraction-benchmark", "pages": len(keys), "systems": {}}
    for name, run in systems.items():
        start = time.process_time()  # CPU seconds: fair on a shared machine
        predicted = run()
        seconds = time.process_time() - start
        metrics = score(truth, predicted)
        metrics["seconds"] = round(seconds, 1)
        metrics["pages_per_cpu_second"] = round(len(keys) / seconds, 1)
        results["systems"][name] = metrics
        print(f"{name:<60} F1 {metrics['f1']:.4f}  P {metrics['precision']:.4f}  R {metrics['recall']:.4f}  exact {metrics['accuracy']:.3f}  {metrics['pages_per_cpu_second']:>5} pages/CPU-s", flush=True)
    subset = args.data.parent / "trafilatura-eval-en-subset"
    if (subset / "tests" / "evaldata.json").is_file() and not args.limit:
        results["trafilatura_eval_en_subset"] = eval_subset(subset)
        for system, metrics in results["trafilatura_eval_en_subset"].items():
            print(f"eval-en-subset {system:<12} " + "  ".join(
                f"{k} {v:.3f}" for k, v in metrics.items() if not k.endswith("_n") and k != "pages") + f"  ({metrics['pages']} pages)")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
