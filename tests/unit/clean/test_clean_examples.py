"""The sample corpus's furniture, as listed by its author in examples/expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean import clean_document
from storyline.ingest import read_inputs
from storyline.records import Article

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _cases() -> list[tuple[str, str, list[str]]]:
    path = EXAMPLES / "expected.json"
    if not path.is_file():
        return []
    expected = json.loads(path.read_text(encoding="utf-8"))
    docs = expected.get("docs", {})
    return [(key, docs[key]["file"], lines) for key, lines in expected.get("furniture", {}).items()
            if isinstance(lines, list) and key in docs and docs[key].get("format") == "txt"]


@pytest.mark.parametrize(("key", "file", "furniture"), _cases() or [pytest.param("", "", [], marks=pytest.mark.skip("no examples"))])
def test_listed_furniture_removed(key: str, file: str, furniture: list[str]) -> None:
    (raw,) = list(read_inputs([str(EXAMPLES / file)]))
    article = clean_document(raw)
    assert isinstance(article, Article), article
    for line in furniture:
        assert line in article.removed, (key, line)
        assert line not in article.text.split("\n\n"), (key, line)
    original = [line.strip() for line in (EXAMPLES / file).read_text(encoding="utf-8").splitlines() if line.strip()]
    body = article.text.split("\n\n")
    for line in original:
        assert line in body or line in article.removed or line == article.title, (key, line)
