"""Entity, quote, event and date spans stored with an article are highlighted on its page."""

from __future__ import annotations

import shutil
from pathlib import Path

from serve_corpus import add_test_analysis
from starlette.testclient import TestClient

from storyline.config import Settings
from storyline.serve import create_app


def test_spans_are_rendered(serve_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "hl.db"
    shutil.copy(serve_db, db)
    article_id = add_test_analysis(db)
    with TestClient(create_app(Settings({"db": str(db)})), base_url="http://127.0.0.1") as client:
        record = client.get(f"/api/articles/{article_id}").json()
        kinds = {s["kind"] for s in record["spans"]}
        assert {"entity", "quote", "event"} <= kinds
        for span in record["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(record["text"])
        html = client.get(f"/articles/{article_id}").text
    assert 'class="hl hl-entity' in html and "hl-quote" in html and "hl-event" in html
    assert "Viktor Rasmolov (PERSON)" in html  # the span's label, as a title attribute
    assert "<h2>Entities</h2>" in html and "<h2>Quotes</h2>" in html
