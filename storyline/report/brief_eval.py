"""Briefing summary points vs a LexRank baseline on GUM's news documents
(``storyline eval brief``).

Each of GUM's 24 Wikinews documents carries five human summaries (``# meta::summaryN``). The
document's first sentence is its headline (the article title); the rest is the body. Our
summary points (:func:`storyline.report.briefing`) and sumy's LexRank pick the same number of
sentences from the same sentence split; ROUGE-1/2/L F1 (Google's ``rouge-score`` package,
Porter stemming) is averaged over the five references and over documents. Needs the ``bench``
extra (``pip install storyline[bench]``: sumy, rouge-score). The summariser's weights were set
on GUM's train and dev news documents; ``--split test`` scores the held-out ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from storyline.records import Article
from storyline.report.briefing import briefing

_SUMMARY = re.compile(r"^# meta::summary\d+ = (?:\(\w+\) )?(.*)$")


def load_gum_news(gum: Path) -> list[dict[str, Any]]:
    """GUM news documents: ``name``, ``title``, ``sentences`` (body), ``summaries``, ``split``."""
    splits = _splits(gum / "splits.md")
    docs = []
    for path in sorted((gum / "dep").glob("GUM_news_*.conllu")):
        sentences, summaries = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sentences.append(line[len("# text = "):].strip())
            match = _SUMMARY.match(line)
            if match:
                summaries.append(match.group(1).strip())
        if len(sentences) >= 3 and summaries:
            docs.append({"name": path.stem, "title": sentences[0], "sentences": sentences[1:],
                         "summaries": summaries, "split": splits.get(path.stem, "train")})
    return docs


def _splits(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    current = "train"
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.strip().startswith("* "):
            out[line.strip()[2:].strip()] = current
    return out


def ours(doc: dict[str, Any], k: int) -> list[str]:
    """Our first ``k`` summary points for one document."""
    article = Article(id=doc["name"], input=doc["name"], text=" ".join(doc["sentences"]),
                      text_hash=doc["name"], title=doc["title"], outlet="Wikinews")
    return [p.text for p in briefing(None, [article], max_points=k).points]


def lexrank(doc: dict[str, Any], k: int) -> list[str]:
    """sumy's LexRank over the same sentences (our splitter), ``k`` sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from storyline.corroborate.text import split_sentences, tokens

    class _Words:
        language = "english"

        @staticmethod
        def to_words(text: str) -> list[str]:
            return [t.text for t in tokens(text)]

    text = " ".join(doc["sentences"])
    sentences = [SumySentence(s.text, _Words()) for s in split_sentences(text)]
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    document = ObjectDocumentModel([Paragraph(sentences)])
    return [str(s) for s in summarizer(document, k)]


def lead(doc: dict[str, Any], k: int) -> list[str]:
    """The first ``k`` sentences (a reference point, not the baseline the gate compares with)."""
    from storyline.corroborate.text import split_sentences

    return [s.text for s in split_sentences(" ".join(doc["sentences"]))[:k]]


def rouge(summary: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    """ROUGE-1/2/L F1 of ``summary`` averaged over ``references``."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    text = " ".join(summary)
    scores = [scorer.score(ref, text) for ref in references]
    return {m: mean(s[m].fmeasure for s in scores) for m in ("rouge1", "rouge2", "rougeL")}


def evaluate(data_dir: Path, k: int = 1, split: str = "all") -> dict[str, Any]:
    """ROUGE of ours and LexRank on GUM news (``split``: all, train, dev, test)."""
    docs = [d for d in load_gum_news(data_dir / "gum") if split in ("all", d["split"])]
    rows = {"storyline": [], "lexrank": [], "lead": []}  # type: dict[str, list[dict[str, float]]]
    for doc in docs:
        rows["storyline"].append(rouge(ours(doc, k), doc["summaries"]))
        rows["lexrank"].append(rouge(lexrank(doc, k), doc["summaries"]))
        rows["lead"].append(rouge(lead(doc, k), doc["summaries"]))
    table = {name: {m: round(mean(r[m] for r in rs), 4) for m in ("rouge1", "rouge2", "rougeL")}
             for name, rs in rows.items() if rs}
    return {"documents": len(docs), "points": k, "split": split, "rouge_f1": table}


def main(argv: Sequence[str] | None = None) -> int:
    """``storyline eval brief``: print ROUGE of our summary points and of LexRank as JSON."""
    parser = argparse.ArgumentParser(prog="storyline eval brief",
                                     description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data", help="the shared data folder")
    parser.add_argument("--points", type=int, nargs="+", default=[1, 5],
                        help="summary lengths (sentences) to score")
    parser.add_argument("--split", choices=("all", "train", "dev", "test"), default="all")
    args = parser.parse_args(argv)
    root = Path(args.data)
    if not (root / "gum" / "dep").is_dir():
        print(f"error: GUM not found under {root} (expected gum/dep)", file=sys.stderr)
        return 2
    try:
        import rouge_score  # noqa: F401
        import sumy  # noqa: F401
    except ImportError:
        print("error: needs sumy and rouge-score: pip install 'storyline[bench]'", file=sys.stderr)
        return 2
    print(json.dumps([evaluate(root, k, args.split) for k in args.points], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
