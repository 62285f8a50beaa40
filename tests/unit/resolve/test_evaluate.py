"""storyline.resolve.gum / evaluate: the B³ scorer, the GUM reader and the entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.resolve.evaluate import evaluate_resolver_scale, main
from storyline.resolve.gum import _entity_events, b_cubed, in_scope, read_gum, split_names

CONLLU = """# newdoc id = GUM_test_tiny
# sent_id = tiny-1
1\tAnna\tAnna\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new-sssss-cf1-1-coref-Anna_X)
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(2-person-new-nnnnn-cf2-2-coref
4\tdoctor\tdoctor\tNOUN\tNN\t_\t2\tobj\t_\tEntity=2)|SpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = tiny-2
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv:act-sssss-cf1-1-coref-Anna_X)
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tEntity=(3-event-new-nnnnn-cf3-1-sgl)|SpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""


def test_b_cubed_known_values():
    assert b_cubed([{1, 2}, {3}], [{1, 2}, {3}]) == (1.0, 1.0, 1.0)
    p, r, f = b_cubed([{1, 2, 3}], [{1}, {2}, {3}])
    assert (p, round(r, 4)) == (1.0, 0.3333)
    p, r, _ = b_cubed([{1, 2}], [{1, 2, 9}])     # 9 is spurious
    assert round(p, 4) == round((2 / 3 + 2 / 3 + 0) / 3, 4) and r == 1.0
    assert b_cubed([], []) == (0.0, 0.0, 0.0)


def test_entity_brackets_parsed():
    assert _entity_events("(5-time-new-x-cf5-1-sgl)4)3)") == [
        ("single", "5", "time"), ("close", "4", ""), ("close", "3", "")]
    assert _entity_events("(2-event-new-x-cf3-2-coref") == [("open", "2", "event")]


def test_read_gum_tiny(tmp_path: Path):
    path = tmp_path / "GUM_test_tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    doc = read_gum(path)
    assert doc.words == ["Anna", "met", "the", "doctor", ".", "She", "left", "."]
    assert doc.spaces[3] is False and doc.sent_starts[5] is True
    assert doc.persons == {(0, 1): "1", (2, 4): "2", (5, 6): "1"}
    assert in_scope(doc, (0, 1)) and in_scope(doc, (5, 6)) and not in_scope(doc, (2, 4))


def test_split_names(tmp_path: Path):
    (tmp_path / "splits.md").write_text("## dev\n\n  * GUM_a\n\n## test\n\n  * GUM_b\n  * GUM_c\n")
    assert split_names(tmp_path, "test") == ["GUM_b", "GUM_c"]
    assert split_names(tmp_path, "train") == []


def test_main_without_data_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["--shared", str(tmp_path), "--speed-articles", "0"]) == 2
    assert "no evaluation data" in capsys.readouterr().out


def test_scale_run_reports_per_fifth():
    result = evaluate_resolver_scale(50)
    assert result["articles"] == 50 and len(result["ms_per_article_by_fifth"]) == 5
    assert result["records"] > 400
