"""Per-article analysis of evaluation texts, cached: entities and events for ``StoryDoc``.

The ECB+ documents come as token files, not as web pages, so the clean stage has nothing to
do; :func:`annotate` runs the shipped analysis stages (dates, entities, quotes, events,
positions) on each text directly and caches the ``storyline/1`` records as JSON Lines, keyed
by document id, so that an evaluation parses each corpus once (about 100 s for the 982 ECB+ documents on one core).
Evaluation only: the pipeline itself runs these stages in ``storyline.pipeline``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.stories.doc import StoryDoc

CACHE_VERSION = "1"


def _record(doc: StoryDoc, settings: Any) -> dict[str, Any] | None:
    from storyline.pipeline import ANALYSIS_STAGES, Processed, process_document
    from storyline.records import Article

    article = Article(id=doc.id, input=doc.id, text=doc.text,
                      text_hash=hashlib.sha1(doc.text.encode()).hexdigest(), title=doc.title,
                      outlet=doc.outlet, language="en")
    result = process_document(article, settings, ANALYSIS_STAGES)  # type: ignore[arg-type]
    if not isinstance(result, Processed):
        return None
    return result.article.to_output()


def annotate(docs: Sequence[StoryDoc], cache: Path | None = None
             ) -> dict[str, dict[str, Any]]:
    """``storyline/1`` records (entities, events...) by document id; documents whose analysis
    failed are left out. ``cache``: a JSON Lines file read first and appended to."""
    from storyline.config import Settings

    out: dict[str, dict[str, Any]] = {}
    if cache is not None and cache.is_file():
        for line in cache.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by an interrupted run
            if isinstance(row, dict) and row.get("v") == CACHE_VERSION:
                out[str(row["id"])] = row["record"]
    todo = [d for d in docs if d.id not in out]
    if not todo:
        return out
    settings = Settings({"execute.workers": 1})
    handle = cache.open("a", encoding="utf-8") if cache is not None else None
    try:
        for doc in todo:
            record = _record(doc, settings)
            if record is None:
                continue
            out[doc.id] = record
            if handle is not None:
                handle.write(json.dumps({"v": CACHE_VERSION, "id": doc.id, "record": record})
                             + "\n")
    finally:
        if handle is not None:
            handle.close()
    return out
