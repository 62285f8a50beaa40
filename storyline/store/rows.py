"""Conversions between records and database rows (the only place that knows both shapes)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from storyline.records import SCHEMA, Article

ANALYSIS_KEYS = ("entities", "quotes", "events", "positions", "dates")


def article_to_row(article: Article, seq: int, run_id: int) -> dict[str, Any]:
    output = article.to_output()
    return {
        "id": article.id,
        "seq": seq,
        "input": article.input,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published.value,
        "published_granularity": article.published.granularity,
        "published_source": article.published.source,
        "language": article.language,
        "supported": article.supported,
        "text": article.text,
        "text_hash": article.text_hash,
        "removed": json.dumps(list(article.removed), ensure_ascii=False),
        "duplicate_of": article.duplicate_of,
        "analysis": json.dumps({k: output[k] for k in ANALYSIS_KEYS}, ensure_ascii=False),
        "run_id": run_id,
    }


def row_to_output(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The per-article JSON of OUTPUT.md from a stored row."""
    analysis = json.loads(row["analysis"])
    return {
        "schema": SCHEMA,
        "id": row["id"],
        "input": row["input"],
        "outlet": row["outlet"],
        "title": row["title"],
        "author": row["author"],
        "url": row["url"],
        "published": {
            "value": row["published"],
            "granularity": row["published_granularity"],
            "source": row["published_source"],
        },
        "language": row["language"],
        "supported": bool(row["supported"]),
        "text": row["text"],
        "removed": json.loads(row["removed"]),
        "duplicate_of": row["duplicate_of"],
        "rejected": None,
        **{key: analysis.get(key, []) for key in ANALYSIS_KEYS},
    }
