"""The PolNeAR reader and scorer on a tiny hand-made brat file, and the eval command's edges."""

from __future__ import annotations

from pathlib import Path

from storyline.extract.quote_polnear import (
    Predicted,
    category,
    load_polnear,
    normalise,
    read_ann,
    score,
)
from storyline.extract.quotes_eval import main

TEXT = ('“We will win,” Trump said. “And soon.”\n'
        'Peskov said that talks would continue.\n')
ANN = """T1\tSource 15 20\tTrump
T2\tCue 21 25\tsaid
T3\tContent 0 14;27 38\t“We will win,” “And soon.”
T4\tAttribution 21 25\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 39 45\tPeskov
T6\tCue 46 50\tsaid
T7\tContent 51 76\tthat talks would continue
T8\tAttribution 46 50\tsaid
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
T9\tDiscuss 0 5\tbroken line without E
bad line
"""


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "data" / "dev" / "text").mkdir(parents=True)
    (root / "data" / "dev" / "attributions").mkdir(parents=True)
    (root / "data" / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "data" / "dev" / "attributions" / "a_ef2d.ann").write_text(ANN, encoding="utf-8")
    (root / "data" / "dev" / "attributions" / "a_zz99.ann").write_text("", encoding="utf-8")
    return root


def test_reader_keeps_discontinuous_contents_and_one_annotator(tmp_path: Path) -> None:
    [doc] = load_polnear(_corpus(tmp_path), "dev")
    assert [g.content for g in doc.gold] == [((0, 14), (27, 38)), ((51, 76),)]
    assert doc.text[15:20] == "Trump" and doc.gold[1].source == ((39, 45),)
    assert [category(doc.text, g.content) for g in doc.gold] == ["direct", "indirect"]
    junk = tmp_path / "junk.ann"
    junk.write_text("T1\tContent x y\tz\nE1\tAttribution:T9 Content:T1\n", encoding="utf-8")
    assert read_ann(junk) == []


def test_scores_overlap_exact_and_source(tmp_path: Path) -> None:
    [doc] = load_polnear(_corpus(tmp_path), "dev")
    preds = [Predicted(((0, 14), (27, 38)), (15, 20)),      # exact, right speaker
             Predicted(((56, 76),), (0, 3)),                # overlaps, words differ, wrong source
             Predicted(((100, 110),), None)]                # matches nothing
    result = score([doc], [preds])
    direct, indirect, every = result["direct"], result["indirect"], result["all"]
    assert (direct.gold, direct.pred, direct.match, direct.exact, direct.source) == (1, 1, 1, 1, 1)
    assert (indirect.gold, indirect.match, indirect.exact, indirect.source) == (1, 1, 0, 0)
    report = every.report()
    assert report["content_overlap"] == {"p": round(2 / 3, 3), "r": 1.0, "f1": 0.8}
    assert report["content_exact"]["r"] == 0.5
    assert report["source"]["p"] == 0.5 and report["source"]["r"] == 0.5


def test_normalise_ignores_marks_and_punctuation() -> None:
    assert normalise('“We will win,”') == normalise("we will WIN") == "we will win"


def test_eval_command_reports_missing_data(tmp_path: Path, capsys) -> None:
    assert main(["--data", str(tmp_path), "--split", "dev"]) == 2
    assert "PolNeAR not found" in capsys.readouterr().err


def test_eval_refuses_an_unreadable_cue_model(tmp_path: Path, capsys) -> None:
    _corpus(tmp_path)
    code = main(["--data", str(tmp_path), "--split", "dev", "--no-baseline",
                 "--cue-model", str(tmp_path / "missing.json")])
    assert code == 2
    assert "cue model" in capsys.readouterr().err
