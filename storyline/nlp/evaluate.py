"""Measure the NLP pipeline on the shared corpora: every figure of issue 3 in one dict.

``evaluate_nlp(data_dir, model)`` returns::

    {"ner": {"conll2003-testb": {p, r, f, per_type}, "uner-ewt-test": ..., "gum-test": ...},
     "ud": {"ewt-test": {uas, las, uas_punct, las_punct, upos, xpos, morph, lemma, sent_p, sent_r, sent_f}},
     "speed": {"words_per_s_1proc", "words_per_s_2proc", "words", "docs"},
     "load_s": ..., "size_mb": ..., "model": ...}

NER is scored entity by entity, exact span and type, on the gold tokenisation, for PER/ORG/LOC
only: predicted PERSON->PER, ORG->ORG, LOC/GPE/FAC->LOC; CoNLL MISC (and any other predicted
label) is left out on both sides. UD is scored on raw text (spaCy tokenises it, the scorer
aligns to the gold tokens), one Doc per EWT document, so sentence boundaries count.
UAS/LAS follow spaCy's convention (punctuation excluded); ``*_punct`` include it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from storyline.nlp import load_pipeline, resolve_model
from storyline.nlp.components import SENTENCE_PARSE

PRED_TO_EVAL = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
EVAL_TYPES = ("PER", "ORG", "LOC")


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_ner(nlp, sentences) -> dict:
    """sentences: iterable of (words, spaces or None, gold spans [(start, end, PER|ORG|LOC)])."""
    from spacy.tokens import Doc

    counts = {t: [0, 0, 0] for t in EVAL_TYPES}
    sentences = list(sentences)
    docs = (Doc(nlp.vocab, words=w, spaces=s) for w, s, _ in sentences)
    skip = {"tagger", "morphologizer", "parser", "lemmatizer", "senter", "attribute_ruler", SENTENCE_PARSE}
    if not _ner_listens(nlp):
        skip.update({"tok2vec", "transformer"})
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if n not in skip]):
        for doc, (_, _, gold) in zip(nlp.pipe(docs, batch_size=64), sentences, strict=True):
            pred = {(e.start, e.end, PRED_TO_EVAL[e.label_]) for e in doc.ents if e.label_ in PRED_TO_EVAL}
            gold_set = {g for g in gold if g[2] in EVAL_TYPES}
            for t in EVAL_TYPES:
                ps = {x for x in pred if x[2] == t}
                gs = {x for x in gold_set if x[2] == t}
                counts[t][0] += len(ps & gs)
                counts[t][1] += len(ps - gs)
                counts[t][2] += len(gs - ps)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    out = _prf(*total)
    out["per_type"] = {t: _prf(*c) for t, c in counts.items()}
    out["sentences"] = len(sentences)
    return out


def _ner_listens(nlp) -> bool:
    if "ner" not in nlp.pipe_names:
        return True
    ner = nlp.get_pipe("ner")
    return any(node.name == "tok2vec-listener" for node in ner.model.walk())


def conll_sentences(path: Path):
    from storyline.nlp.training.data import iob_spans, read_iob

    for words, tags in read_iob(path, 0, 3):
        yield words, None, [(s, e, lab) for s, e, lab in iob_spans(tags)]


def uner_sentences(path: Path):
    from storyline.nlp.training.data import iob_spans, read_iob

    for words, tags in read_iob(path, 1, 2, sep="\t"):
        yield words, None, [(s, e, lab) for s, e, lab in iob_spans(tags)]


def gum_sentences(data_dir: Path):
    from storyline.nlp.training.data import gum_named_entities, gum_split, read_conllu

    back = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}
    for name in gum_split(data_dir, "test"):
        for _, rows in read_conllu(data_dir / "gum" / "dep" / f"{name}.conllu"):
            words = [r[1] for r in rows]
            spaces = ["SpaceAfter=No" not in r[9] for r in rows]
            yield words, spaces, [(s, e, back[lab]) for s, e, lab in gum_named_entities(rows)]


def paragraph_flags(conllu: Path) -> list[list[bool]]:
    """Per document (``# newdoc``), per sentence: does it open a paragraph (``# newpar``)?"""
    from storyline.nlp.training.data import read_conllu

    docs: list[list[bool]] = []
    for comments, _ in read_conllu(conllu):
        if any(c.startswith("# newdoc") for c in comments) or not docs:
            docs.append([])
        docs[-1].append(any(c.startswith(("# newpar", "# newdoc")) for c in comments))
    return docs


def raw_text(ref, flags: list[bool] | None) -> str:
    """The text of a gold document; with ``flags``, paragraphs are separated by a blank line
    (as in the raw text the corpus was annotated from) instead of the single space of
    ``ref.text``. Only whitespace differs, so the gold tokens still align."""
    sents = list(ref.sents)
    if flags is None or len(flags) != len(sents):
        return ref.text
    parts = []
    for k, sent in enumerate(sents):
        if k:
            parts.append("\n\n" if flags[k] else sents[k - 1][-1].whitespace_)
        parts.append(sent.text)
    return "".join(parts)


def ud_examples(nlp, conllus: list[Path], paragraphs: bool = True) -> list:
    """Gold documents of ``conllus`` paired with the pipeline's analysis of their raw text."""
    from spacy.training import Example

    from storyline.nlp.training.data import conllu_docs

    examples: list[Example] = []
    for conllu in conllus:
        refs = list(conllu_docs(nlp.vocab, [conllu], n_sents=10**6))
        flags: list[list[bool] | None] = [None] * len(refs)
        if paragraphs:
            found = paragraph_flags(conllu)
            if len(found) == len(refs):
                flags = list(found)
        examples.extend(Example(nlp.make_doc(raw_text(ref, f)), ref) for ref, f in zip(refs, flags, strict=True))
    return list(_run(nlp, examples))


def token_f(examples) -> float:
    """Token F1 by alignment (a predicted non-space token is right when it maps one-to-one to a
    gold token); unlike spaCy's offset-based score it ignores whitespace-only differences."""
    tp = n_pred = n_gold = 0
    for eg in examples:
        x2y, y2x = eg.alignment.x2y, eg.alignment.y2x
        n_gold += len(eg.reference)
        for tok in eg.predicted:
            if tok.is_space:
                continue
            n_pred += 1
            ys = list(x2y[tok.i])
            if len(ys) == 1 and len(list(y2x[int(ys[0])])) == 1:
                tp += 1
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def score_ud(nlp, conllu: Path | list[Path], paragraphs: bool = True) -> dict:
    """UD scores on raw text, one Doc per gold document, so tokenisation and sentence
    splitting errors count. ``paragraphs``: keep the paragraph breaks of the raw text (a blank
    line at each ``# newpar``, as in the documents the corpus was drawn from); ``False`` joins
    paragraphs with a space (the 0.1.0 model card's convention)."""
    from spacy.scorer import Scorer

    conllus = [conllu] if isinstance(conllu, Path) else list(conllu)
    examples = ud_examples(nlp, conllus, paragraphs)
    pos = Scorer.score_token_attr(examples, "pos")
    tag = Scorer.score_token_attr(examples, "tag")
    morph = Scorer.score_token_attr(examples, "morph")
    lemma = Scorer.score_token_attr(examples, "lemma")

    def dep_getter(token, attr):
        return token.vocab.strings.as_string(getattr(token, attr)).lower()

    deps = Scorer.score_deps(examples, "dep", getter=dep_getter, ignore_labels=("p", "punct"))
    deps_p = Scorer.score_deps(examples, "dep", getter=dep_getter)
    sents = Scorer.score_spans(examples, "sents")
    return {
        "uas": round(deps["dep_uas"], 4), "las": round(deps["dep_las"], 4),
        "uas_punct": round(deps_p["dep_uas"], 4), "las_punct": round(deps_p["dep_las"], 4),
        "upos": round(pos["pos_acc"] or 0, 4), "xpos": round(tag["tag_acc"] or 0, 4),
        "morph": round(morph["morph_acc"] or 0, 4), "lemma": round(lemma["lemma_acc"] or 0, 4),
        "sent_p": round(sents["sents_p"], 4), "sent_r": round(sents["sents_r"], 4),
        "sent_f": round(sents["sents_f"], 4), "token_f": round(token_f(examples), 4),
        "docs": len(examples), "paragraphs": paragraphs,
    }


def _run(nlp, examples):
    from spacy.training import Example

    docs = nlp.pipe((eg.predicted for eg in examples), batch_size=16)
    for doc, eg in zip(docs, examples, strict=True):
        yield Example(doc, eg.reference)


def gum_test(data_dir: Path) -> list[Path]:
    """GUM's test split (news, interviews, how-tos, fiction, ...; edited text with paragraphs)."""
    from storyline.nlp.training.data import gum_split

    return [data_dir / "gum" / "dep" / f"{n}.conllu" for n in gum_split(data_dir, "test")]


def speed_texts(data_dir: Path) -> list[str]:
    """News articles for the speed test: PolNeAR test texts (84 US political news articles)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((data_dir / "polnear" / "data" / "test" / "text").glob("*.txt"))]
    return [t for t in texts if t.strip()]


def measure_speed(model: str | None, texts: list[str], n_process: int, batch_size: int = 32) -> dict:
    """Words per second through ``nlp.pipe`` (words = tokens that are not punctuation or space).

    Besides wall-clock speed it reports ``words_per_cpu_s``: words per CPU-second summed over
    this process and its workers, times ``n_process``. On a machine shared with other jobs the
    wall clock says more about the neighbours than about the model; the CPU figure does not.
    """
    import resource

    nlp = load_pipeline(model)
    list(nlp.pipe(texts[:2]))  # warm up
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    words = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        words += sum(1 for t in doc if not (t.is_punct or t.is_space))
    secs = time.perf_counter() - start
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
           + c1.ru_utime - c0.ru_utime + c1.ru_stime - c0.ru_stime)
    return {"words": words, "docs": len(texts), "seconds": round(secs, 2),
            "words_per_s": round(words / secs), "cpu_s": round(cpu, 2),
            "words_per_cpu_s": round(words / cpu * n_process) if cpu else None}


def _uses_torch(nlp) -> bool:
    from storyline.nlp.trf_weights import transformer_modules

    return next(transformer_modules(nlp), None) is not None


def measure_load(model: str | None) -> dict:
    """Seconds to load the pipeline in a fresh interpreter (spaCy already imported) through
    :func:`storyline.nlp.load_pipeline` (for ``storyline-en-trf`` that includes restoring its
    word-piece tables): wall clock and CPU time of the loading process."""
    code = ("import time, spacy, storyline.nlp as n; t = time.perf_counter(); c = time.process_time(); "
            f"n.load_pipeline({model!r}); print(time.perf_counter() - t, time.process_time() - c)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return {"wall": round(float(wall), 3), "cpu": round(float(cpu), 3)}


def model_size_mb(model: str | None) -> float | None:
    resolved = resolve_model(model)
    target: Path | None = resolved if isinstance(resolved, Path) else None
    if target is None:
        try:
            import importlib.util
            spec = importlib.util.find_spec(str(resolved))
            target = Path(spec.origin).parent if spec and spec.origin else None
        except ImportError:
            target = None
    if target is None or not target.exists():
        return None
    return round(sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) / 1e6, 1)


def evaluate_nlp(
    data_dir: Path,
    model: str | None = None,
    parts: tuple[str, ...] = ("ner", "ud", "speed"),
    speed_docs: int | None = None,
) -> dict:
    """Compute every figure of issue 3 for ``model`` (default: the shipped pipeline)."""
    data_dir = Path(data_dir)
    nlp = load_pipeline(model)
    result: dict = {"model": model or "storyline-en", "pipeline": list(nlp.pipe_names)}
    load = measure_load(model)
    result["load_s"], result["load_cpu_s"] = load["wall"], load["cpu"]
    result["size_mb"] = model_size_mb(model)
    if "ner" in parts and "ner" in nlp.pipe_names:
        result["ner"] = {
            "conll2003-testb": score_ner(nlp, conll_sentences(data_dir / "conll2003-en" / "eng.testb")),
            "uner-ewt-test": score_ner(nlp, uner_sentences(data_dir / "uner-english-ewt" / "en_ewt-ud-test.iob2")),
            "gum-test": score_ner(nlp, gum_sentences(data_dir)),
        }
    if "ud" in parts:
        ewt = data_dir / "ud-english-ewt" / "en_ewt-ud-test.conllu"
        result["ud"] = {
            "ewt-test": score_ud(nlp, ewt),
            "ewt-test-no-paragraphs": score_ud(nlp, ewt, paragraphs=False),
            "gum-test": score_ud(nlp, gum_test(data_dir)),
        }
    if "speed" in parts:
        texts = speed_texts(data_dir)[:speed_docs]
        one = measure_speed(model, texts, 1)
        # a torch model already runs on every core in one process (and forked workers of a
        # process that has used torch can hang), so a transformer pipeline is timed once
        two = one if _uses_torch(nlp) else measure_speed(model, texts, 2)
        result["speed"] = {"words": one["words"], "docs": one["docs"],
                           "words_per_s_1proc": one["words_per_s"], "words_per_s_2proc": two["words_per_s"],
                           "words_per_cpu_s_1proc": one["words_per_cpu_s"],
                           "words_per_cpu_s_2proc": two["words_per_cpu_s"]}
    return result


TARGETS = [
    ("NER CoNLL-2003 testb F1 (PER/ORG/LOC)", ("ner", "conll2003-testb", "f"), 0.88),
    ("NER CoNLL-2003 testb P", ("ner", "conll2003-testb", "p"), None),
    ("NER CoNLL-2003 testb R", ("ner", "conll2003-testb", "r"), None),
    ("NER UNER EWT test F1", ("ner", "uner-ewt-test", "f"), None),
    ("NER GUM test F1 (derived names)", ("ner", "gum-test", "f"), None),
    ("UD EWT test UAS", ("ud", "ewt-test", "uas"), 0.88),
    ("UD EWT test LAS", ("ud", "ewt-test", "las"), 0.85),
    ("UD EWT test UPOS", ("ud", "ewt-test", "upos"), 0.95),
    ("UD EWT test sentence F1", ("ud", "ewt-test", "sent_f"), 0.85),
    ("UD EWT test sentence F1, paragraphs joined", ("ud", "ewt-test-no-paragraphs", "sent_f"), None),
    ("UD GUM test UAS", ("ud", "gum-test", "uas"), None),
    ("UD GUM test LAS", ("ud", "gum-test", "las"), None),
    ("UD GUM test UPOS", ("ud", "gum-test", "upos"), None),
    ("UD GUM test sentence F1", ("ud", "gum-test", "sent_f"), None),
    ("UD EWT test UAS incl. punct", ("ud", "ewt-test", "uas_punct"), None),
    ("UD EWT test LAS incl. punct", ("ud", "ewt-test", "las_punct"), None),
    ("UD EWT test XPOS", ("ud", "ewt-test", "xpos"), None),
    ("UD EWT test morph feats", ("ud", "ewt-test", "morph"), None),
    ("UD EWT test lemma", ("ud", "ewt-test", "lemma"), None),
    ("UD EWT test token F1", ("ud", "ewt-test", "token_f"), None),
    ("speed words/s, 2 processes", ("speed", "words_per_s_2proc"), 10000),
    ("speed words/s, 1 process", ("speed", "words_per_s_1proc"), None),
    ("speed words/CPU-s x2 (2 processes)", ("speed", "words_per_cpu_s_2proc"), None),
    ("speed words/CPU-s (1 process)", ("speed", "words_per_cpu_s_1proc"), None),
    ("load time s", ("load_s",), -3.0),
    ("load CPU time s", ("load_cpu_s",), None),
    ("model size MB", ("size_mb",), -40.0),
]


def format_table(result: dict) -> str:
    lines = [f"model: {result['model']}  pipeline: {', '.join(result['pipeline'])}", ""]
    lines.append(f"{'figure':42} {'value':>10} {'target':>9}  status")
    lines.append("-" * 72)
    for label, path, target in TARGETS:
        value: Any = result
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, (int, float)):
            continue
        shown = f"{value:.3f}" if isinstance(value, float) and value < 100 else f"{value}"
        if target is None:
            tgt, status = "", ""
        elif target < 0:
            tgt, status = f"<= {-target:g}", "met" if value <= -target else "NOT met"
        else:
            tgt, status = f">= {target:g}", "met" if value >= target else "NOT met"
        lines.append(f"{label:42} {shown:>10} {tgt:>9}  {status}")
    return "\n".join(lines)


def default_data_dir() -> Path:
    shared = os.environ.get("STORYLINE_SHARED")
    if shared:
        return Path(shared) / "data"
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="storyline eval nlp", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the shared corpora (../shared/data)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped storyline-en)")
    parser.add_argument("--only", default="ner,ud,speed", help="comma list of: ner, ud, speed")
    parser.add_argument("--speed-docs", type=int, default=None, help="use only the first N speed articles")
    parser.add_argument("--json", action="store_true", help="print the result dict as JSON")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"evaluation data not found at {args.data}; nothing to evaluate (skipped)", file=sys.stderr)
        return 0
    from storyline.errors import ModelError

    try:
        result = evaluate_nlp(args.data, args.model, tuple(args.only.split(",")), args.speed_docs)
    except ModelError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    if args.json:
        import json

        print(json.dumps(result, indent=2))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
