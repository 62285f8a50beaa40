"""Furniture removal on the seed articles (and the sample corpus): what went, what stayed.

Usage::

    python bench/seeds_furniture.py [--seeds DIR] [--out results.json]

Prints, per article, the removed lines and the number of lines kept; the pass/fail check
against the hand-written expected lines lives in ``tests/unit/clean/test_clean_seeds.py``
and ``tests/unit/clean/test_clean_examples.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storyline.clean import clean_document
from storyline.errors import Rejected
from storyline.ingest import read_inputs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"


def furniture_report(folder: Path) -> dict[str, dict[str, object]]:
    report: dict[str, dict[str, object]] = {}
    for item in read_inputs([str(folder)]):
        name = Path(item.input).name
        if isinstance(item, Rejected):
            report[name] = {"rejected": item.reason}
            continue
        article = clean_document(item)
        if isinstance(article, Rejected):
            report[name] = {"rejected": article.reason}
            continue
        report[name] = {"title": article.title, "removed": list(article.removed),
                        "kept_lines": len(article.text.split("\n\n"))}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = {}
    for label, folder in (("seeds", args.seeds), ("examples", ROOT / "examples" / "corpus")):
        if not folder.is_dir():
            print(f"{label}: {folder} not found, skipped", file=sys.stderr)
            continue
        results[label] = furniture_report(folder)
        removed = sum(len(r.get("removed", [])) for r in results[label].values())  # type: ignore[arg-type]
        print(f"{label}: {len(results[label])} articles, {removed} furniture lines removed")
        for name, row in results[label].items():
            for line in row.get("removed", []):  # type: ignore[union-attr]
                print(f"  {name}: - {line[:100]}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
