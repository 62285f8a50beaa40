"""Builds the database the serve tests read: the sample corpus plus hostile articles.

Shared by ``tests/unit/serve`` and ``tests/ui`` (which puts this folder on ``sys.path``).
"""

from __future__ import annotations

import json
from pathlib import Path

from storyline.config import Settings

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "examples" / "corpus"

HOSTILE_TITLE = "<script>alert('title')</script><img src=x onerror=alert('title-img')> Hostile headline"
HOSTILE_URL = "javascript:alert(document.domain)"
HOSTILE_OUTLET = "<b onmouseover=alert(1)>Evil Outlet</b>"
HOSTILE_TEXT = (
    "Hostile article body. <script>alert('text')</script> The envoy said the ceasefire is off. "
    "<img src=x onerror=alert('img')> Read the <a href=\"javascript:alert('link')\">full story</a> "
    "here. \"><svg onload=alert('svg')> More text about the hostile ceasefire so that the "
    "article is long enough to keep. {{ 7*7 }} ${7*7} </textarea></title><style>body{display:none}</style>"
)
HUGE_BYTES = 10_000_000
HUGE_UNIT = "hugeline ceasefire <script>alert('huge')</script> "


def write_hostile(folder: Path) -> Path:
    """A JSON Lines record with hostile title/outlet/url/text, and a 10 MB single-line text."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"url": HOSTILE_URL, "title": HOSTILE_TITLE, "outlet": HOSTILE_OUTLET,
              "published": "2026-03-09", "text": HOSTILE_TEXT}
    (folder / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    line = (HUGE_UNIT * (HUGE_BYTES // len(HUGE_UNIT) + 1))[:HUGE_BYTES]
    (folder / "huge_single_line.txt").write_text(line, encoding="utf-8")
    return folder


def build_database(root: Path) -> Path:
    """Run the sample corpus and the hostile inputs into ``root/serve.db`` (real SQLite)."""
    from storyline import runner

    db = root / "serve.db"
    hostile = write_hostile(root / "hostile")
    settings = Settings({"db": str(db), "execute.workers": 1})
    runner.run([str(CORPUS)], settings, command="run")
    runner.run([str(hostile)], settings, command="ingest", analysis=False)
    return db
