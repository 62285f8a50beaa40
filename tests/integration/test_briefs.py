"""``storyline brief`` and ``storyline briefs`` on the bundled sample: every citation points at
the exact sentence of a stored article, the HTML is inert, unknown ids are a clean error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import runner
from storyline.cli import main
from storyline.config import Settings
from storyline.store import open_store, queries

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("briefs") / "sample.db"
    runner.run([str(EXAMPLES)], Settings({"db": str(path), "execute.workers": 1}))
    return path


def test_every_citation_is_a_stored_sentence(db: Path) -> None:
    engine = open_store(str(db)).engine
    story = max(queries.list_stories(engine), key=lambda s: s["n_articles"])
    result = CliRunner().invoke(main, ["brief", story["id"], "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    brief = json.loads(result.output)
    assert brief["headline"] and 5 <= len(brief["points"]) <= 10
    sources = brief["sources"]
    for point in brief["points"]:
        assert point["sources"], point
        for n in point["sources"]:
            source = sources[n - 1]
            text = queries.get_article(engine, source["article"])["text"]
            assert text[source["start"]:source["end"]] == source["text"]
    assert brief["timeline"]["story"] == story["id"]


def test_markdown_html_and_files(db: Path, tmp_path: Path) -> None:
    engine = open_store(str(db)).engine
    story = queries.list_stories(engine, level="storyline")[0]
    md = CliRunner().invoke(main, ["brief", story["id"][:8], "--db", str(db)])
    assert md.exit_code == 0 and md.output.startswith("# ")
    html = CliRunner().invoke(main, ["brief", story["id"], "--db", str(db), "--format", "html"])
    assert "<script" not in html.output.lower()
    out = CliRunner().invoke(main, ["briefs", "--db", str(db), "--output", str(tmp_path)])
    assert out.exit_code == 0
    paths = [Path(p) for p in out.output.split()]
    assert paths and all(p.is_file() and p.stat().st_size > 200 for p in paths)


def test_unknown_story_is_a_clean_error(db: Path) -> None:
    result = CliRunner().invoke(main, ["brief", "st-nope", "--db", str(db)])
    assert result.exit_code == 6
    assert "Traceback" not in result.output
