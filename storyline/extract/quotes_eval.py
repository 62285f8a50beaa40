"""``storyline eval quotes``: quotes and speakers on PolNeAR, beside textacy's baseline.

One run parses each article once with the configured spaCy pipeline and scores, on the same
parses, storyline's attributions (:func:`storyline.extract.quote_attribution.find_attributions`)
and textacy's ``extract.triples.direct_quotations`` (when textacy is installed), with the
metrics of :mod:`storyline.extract.quote_polnear`, direct and indirect separately. Citron's
published PARC 3.0 figures are printed as a quoted reference (a different corpus).

Also: the direct quotes found in the seed articles (``--seeds DIR``) and the time per article
of the quotes stage against the parse (``--speed N`` real articles from PolNeAR train).

Usage: ``python -m storyline.extract.quotes_eval [--split dev|test|train] [--data DIR]
[--limit N] [--seeds DIR] [--speed N] [--no-baseline] [--json] [--cue-model FILE]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.extract.quote_attribution import Attribution, find_attributions
from storyline.extract.quote_learned import CueModel, load_cue_model
from storyline.extract.quote_polnear import PolnearDoc, Predicted, load_polnear, score
from storyline.extract.quotes import extract_quotes

__all__ = ["CITRON_PARC3", "evaluate_polnear", "main", "predicted", "seed_quotes", "speed"]

#: Citron (BBC R&D) on PARC 3.0, as published: quote exact-match F1 and speaker span F1.
CITRON_PARC3 = {"content_exact_f1": 0.567, "source_f1": 0.820}
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def predicted(attributions: Sequence[Attribution]) -> list[Predicted]:
    """Our attributions in the scored form: direct and partial contents with their marks
    (PolNeAR's convention), partial quotes nested in an indirect statement left out."""
    out: list[Predicted] = []
    for a in attributions:
        if a.nested_in is not None:
            continue
        if a.kind == "partial" and a.clause is not None:
            content: tuple[tuple[int, int], ...] = (a.clause,)
        elif a.kind in ("direct", "partial") and a.marked:
            content = a.marked
        else:
            content = a.content
        out.append(Predicted(tuple(content), a.source))
    return out


def textacy_predicted(doc: Any) -> list[Predicted] | None:
    """textacy's direct quotations on ``doc``; ``None`` when textacy is not installed. An
    article textacy refuses (an odd number of quotation marks) yields no quotes."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    out: list[Predicted] = []
    try:
        for triple in direct_quotations(doc):
            content = triple.content
            speaker = triple.speaker
            source = None
            if speaker:
                first, last = speaker[0], speaker[-1]
                source = (first.idx, last.idx + len(last.text))
            out.append(Predicted(((content.start_char, content.end_char),), source))
    except ValueError:
        return []
    return out


def _parse_all(texts: Sequence[str], model: str | None) -> tuple[list[Any], float]:
    from storyline.nlp import load_pipeline

    nlp = load_pipeline(model)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    return docs, time.perf_counter() - started


def evaluate_polnear(root: Path, split: str = "dev", limit: int | None = None,
                     baseline: bool = True, model: str | None = None,
                     cue_model: CueModel | None = None) -> dict[str, Any]:
    """Scores of storyline (and textacy) on one PolNeAR split; with ``cue_model`` also
    storyline plus the learned cue model (row ``storyline+cues``)."""
    docs: list[PolnearDoc] = load_polnear(root, split)
    if limit:
        docs = docs[:limit]
    parsed, parse_s = _parse_all([d.text for d in docs], model)
    started = time.perf_counter()
    ours = [predicted(find_attributions(doc)) for doc in parsed]
    ours_s = time.perf_counter() - started
    result: dict[str, Any] = {
        "split": split, "articles": len(docs),
        "storyline": {k: v.report() for k, v in score(docs, ours).items()},
        "ms_per_article": {"parse": round(1000 * parse_s / max(1, len(docs)), 1),
                           "quotes": round(1000 * ours_s / max(1, len(docs)), 1)},
    }
    if cue_model is not None:
        learned = [predicted(find_attributions(doc, cue_model)) for doc in parsed]
        result["storyline+cues"] = {k: v.report() for k, v in score(docs, learned).items()}
    if baseline:
        base = [textacy_predicted(doc) for doc in parsed]
        if any(b is None for b in base):
            result["textacy"] = "not installed (pip install textacy; the 'bench' extra)"
        else:
            result["textacy"] = {k: v.report()
                                 for k, v in score(docs, [b or [] for b in base]).items()}
    result["citron_parc3_published"] = CITRON_PARC3
    return result


def seed_quotes(seeds: Path, model: str | None = None) -> list[dict[str, Any]]:
    """The direct quotes found in each seed article: (file, first words, speaker, cue)."""
    from storyline.nlp import load_pipeline

    nlp = load_pipeline(model)
    rows: list[dict[str, Any]] = []
    for path in sorted(seeds.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        for quote in extract_quotes(doc):
            if quote.kind != "direct":
                continue
            rows.append({"file": path.name, "start": " ".join(quote.text.split()[:4]),
                         "speaker": quote.speaker_mention.text if quote.speaker_mention
                         else None, "cue": quote.cue})
    return rows


def speed(texts: Sequence[str], model: str | None = None,
          cue_model: CueModel | None = None) -> dict[str, float]:
    """ms per article, one article at a time as the pipeline does: the parse, the entities
    stage and the quotes stage (given those entities), and their share of the parse."""
    from storyline.extract.entities import extract_entities
    from storyline.nlp import load_pipeline

    nlp = load_pipeline(model)
    parse_s = entities_s = quotes_s = 0.0
    for text in texts:
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        entities = extract_entities(doc)
        t2 = time.perf_counter()
        extract_quotes(doc, entities, cue_model=cue_model)
        t3 = time.perf_counter()
        parse_s += t1 - t0
        entities_s += t2 - t1
        quotes_s += t3 - t2
    n = max(1, len(texts))
    return {"articles": len(texts), "parse_ms": round(1000 * parse_s / n, 1),
            "entities_ms": round(1000 * entities_s / n, 1),
            "quotes_ms": round(1000 * quotes_s / n, 1),
            "quotes_share_of_parse": round(quotes_s / parse_s, 3) if parse_s else 0.0,
            "entities_quotes_share_of_parse":
                round((entities_s + quotes_s) / parse_s, 3) if parse_s else 0.0}


def _table(result: dict[str, Any]) -> str:
    lines = [f"PolNeAR {result['split']}: {result['articles']} articles",
             f"{'system':14} {'category':9} {'gold':>5} {'pred':>5}  {'overlap P/R/F1':>17}  "
             f"{'exact P/R/F1':>17}  {'source P/R/F1':>17}"]
    for system in ("storyline", "storyline+cues", "textacy"):
        scores = result.get(system)
        if not isinstance(scores, dict):
            if scores:
                lines.append(f"{system:9} {scores}")
            continue
        for cat in ("direct", "indirect", "all"):
            r = scores[cat]

            def prf(key: str, r: dict[str, Any] = r) -> str:
                m = r[key]
                return f"{m['p']:.3f}/{m['r']:.3f}/{m['f1']:.3f}"

            lines.append(f"{system:14} {cat:9} {r['gold']:>5} {r['predicted']:>5}  "
                         f"{prf('content_overlap'):>17}  {prf('content_exact'):>17}  "
                         f"{prf('source'):>17}")
    c = result["citron_parc3_published"]
    lines.append(f"Citron on PARC 3.0 (published, other corpus): exact F1 "
                 f"{c['content_exact_f1']:.3f}, speaker F1 {c['source_f1']:.3f}")
    ms = result["ms_per_article"]
    lines.append(f"ms/article: parse {ms['parse']}, quotes {ms['quotes']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="storyline eval quotes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared data folder holding polnear/")
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: shipped)")
    parser.add_argument("--seeds", type=Path, default=None, help="seed articles folder")
    parser.add_argument("--speed", type=int, default=0,
                        help="time the stage on N PolNeAR train articles")
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--cue-model", default=None,
                        help="learned cue model file (python -m "
                             "storyline.extract.quote_learned); adds a storyline+cues row")
    args = parser.parse_args(list(argv) if argv is not None else None)
    root = args.data / "polnear"
    if not (root / "data" / args.split).is_dir():
        print(f"error: PolNeAR not found at {root} (expected data/{args.split}/)",
              file=sys.stderr)
        return 2
    cue_model = None
    if args.cue_model is not None:
        cue_model = load_cue_model(args.cue_model)
        if cue_model is None:
            print(f"error: cannot read the cue model {args.cue_model}", file=sys.stderr)
            return 2
    try:
        result = evaluate_polnear(root, args.split, args.limit, not args.no_baseline,
                                  args.model, cue_model)
        if args.seeds is not None:
            result["seeds"] = seed_quotes(args.seeds, args.model) if args.seeds.is_dir() else []
        if args.speed:
            texts = [d.text for d in load_polnear(root, "train")[: args.speed]]
            result["speed"] = speed(texts, args.model)
            if cue_model is not None:
                result["speed_cues"] = speed(texts, args.model, cue_model)
            if args.seeds is not None and args.seeds.is_dir():
                result["speed_seeds"] = speed(
                    [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))],
                    args.model)
    except Exception as exc:  # a clean message at the edge, never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(_table(result))
        for row in result.get("seeds", []):
            print(f"seed {row['file']}: “{row['start']} …” — {row['speaker']} ({row['cue']})")
        for key in ("speed", "speed_cues", "speed_seeds"):
            if key in result:
                print(f"{key}: {result[key]}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
