"""JSON schemas of the API's bodies, for the OpenAPI document (``components.schemas``)."""

from __future__ import annotations

from typing import Any

STR_OR_NULL = {"type": ["string", "null"]}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def page_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["items", "total", "limit", "offset"], "properties": {
        "items": {"type": "array", "items": item}, "total": {"type": "integer"},
        "limit": {"type": "integer"}, "offset": {"type": "integer"}}}


COMPONENTS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "hint": {"type": "string"}}}}},
    "ArticleSummary": {"type": "object", "required": ["id", "title", "outlet", "published"],
                       "properties": {
                           "id": {"type": "string"}, "seq": {"type": "integer"}, "title": STR_OR_NULL,
                           "outlet": STR_OR_NULL, "published": STR_OR_NULL,
                           "published_granularity": STR_OR_NULL, "input": {"type": "string"},
                           "url": STR_OR_NULL, "language": STR_OR_NULL, "supported": {"type": "boolean"},
                           "duplicate_of": STR_OR_NULL}},
    "Span": {"type": "object", "required": ["kind", "start", "end", "label", "ref"], "properties": {
        "kind": {"type": "string", "enum": ["entity", "quote", "event", "position", "date"]},
        "start": {"type": "integer"}, "end": {"type": "integer"}, "label": {"type": "string"},
        "ref": {"type": "string", "description": "JSON pointer into the record"},
        "entity": {"type": "string"}}},
    "Article": {
        "type": "object",
        "description": "The per-article record of OUTPUT.md (schema storyline/1), plus its "
                       "duplicate group and highlight spans.",
        "required": ["schema", "id", "input", "outlet", "title", "published", "text", "removed",
                     "duplicate_of", "rejected", "entities", "quotes", "events", "positions",
                     "dates", "duplicates", "spans"],
        "properties": {
            "schema": {"type": "string", "const": "storyline/1"}, "id": {"type": "string"},
            "input": {"type": "string"}, "outlet": STR_OR_NULL, "title": STR_OR_NULL,
            "author": STR_OR_NULL, "url": STR_OR_NULL,
            "published": {"type": "object", "properties": {
                "value": STR_OR_NULL, "granularity": STR_OR_NULL, "source": {"type": "string"}}},
            "language": STR_OR_NULL, "supported": {"type": "boolean"}, "text": {"type": "string"},
            "removed": {"type": "array", "items": {"type": "string"}},
            "duplicate_of": STR_OR_NULL, "rejected": {"type": ["object", "null"]},
            "entities": {"type": "array"}, "quotes": {"type": "array"}, "events": {"type": "array"},
            "positions": {"type": "array"}, "dates": {"type": "array"},
            "duplicates": {"type": "array", "items": {"type": "string"}},
            "spans": {"type": "array", "items": ref("Span")}}},
    "SearchHit": {"type": "object", "required": ["id", "title", "snippet", "highlights"], "properties": {
        "id": {"type": "string"}, "title": STR_OR_NULL, "outlet": STR_OR_NULL,
        "published": STR_OR_NULL, "duplicate_of": STR_OR_NULL,
        "snippet": {"type": "string"},
        "highlights": {"type": "array", "description": "[start, end) of each match in snippet",
                       "items": {"type": "array", "items": {"type": "integer"}}}}},
    "DuplicateGroup": {"type": "object", "required": ["canonical", "duplicates"], "properties": {
        "canonical": {"type": "string"}, "duplicates": {"type": "array", "items": {"type": "string"}}}},
    "Rejection": {"type": "object", "required": ["input", "code", "reason", "stage"], "properties": {
        "id": {"type": "integer"}, "input": {"type": "string"}, "record_id": STR_OR_NULL,
        "code": {"type": "string"}, "reason": {"type": "string"}, "stage": {"type": "string"},
        "run_id": {"type": "integer"}}},
    "Run": {"type": "object", "required": ["id", "command", "status"], "properties": {
        "id": {"type": "integer"}, "command": {"type": "string"}, "status": {"type": "string"},
        "started_at": STR_OR_NULL, "finished_at": STR_OR_NULL,
        "inputs": {"type": "array", "items": {"type": "string"}},
        "settings": {"type": "object"}, "counts": {"type": ["object", "null"]}}},
    "Stats": {"type": "object", "required": ["articles", "canonical", "rejections"], "properties": {
        "articles": {"type": "integer"}, "canonical": {"type": "integer"},
        "rejections": {"type": "integer"}, "duplicate_groups": {"type": "integer"},
        "outlets": {"type": "integer"}}},
    "Outlet": {"type": "object", "required": ["outlet", "articles"], "properties": {
        "outlet": {"type": "string"}, "articles": {"type": "integer"}}},
    "IngestReport": {"type": "object", "required": ["run_id", "status", "counts"], "properties": {
        "run_id": {"type": "integer"}, "status": {"type": "string"},
        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "seconds": {"type": "number"}}},
}

from storyline.serve.schemas_corpus import CORPUS_COMPONENTS  # noqa: E402

COMPONENTS.update(CORPUS_COMPONENTS)
