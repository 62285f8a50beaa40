"""Exports (streamed JSON Lines and CSV) and the one write endpoint, ``POST /api/ingest``.

Exports stream from :func:`storyline.store.queries.iter_article_outputs`, so memory stays flat
however large the corpus is. Ingest is off unless ``serve.token`` is set; it needs
``Authorization: Bearer <token>``, takes one document (any format ``storyline ingest -`` reads,
sniffed from its bytes) of at most ``ingest.max_bytes`` bytes, and runs one ingest at a time.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import threading
from collections.abc import Iterator
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import StreamingResponse

from storyline.config import Settings
from storyline.errors import StorylineError
from storyline.serve.api_articles import engine_of
from storyline.serve.http import ApiError, JSONResponse, dumps
from storyline.serve.params import CANONICAL, Param, parse_all
from storyline.serve.routing import Endpoint, RouteGroup
from storyline.serve.schemas import ref
from storyline.store import queries

CSV_COLUMNS = ["id", "input", "url", "outlet", "title", "author", "published", "language",
               "supported", "duplicate_of", "text", "removed", "entities", "quotes", "events",
               "positions", "dates"]
EXPORT_PARAMS = (CANONICAL,)


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        yield dumps(row) + b"\n"


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row = {**row, "published": row["published"]["value"]}
        writer.writerow({k: _cell(row.get(k)) for k in CSV_COLUMNS})
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_jsonl(request: Request) -> StreamingResponse:
    args = parse_all(EXPORT_PARAMS, request.query_params)
    rows = queries.iter_article_outputs(engine_of(request), canonical_only=args["canonical"])
    return StreamingResponse(_jsonl(rows), media_type="application/x-ndjson", headers={
        "content-disposition": 'attachment; filename="storyline-articles.jsonl"'})


def export_csv(request: Request) -> StreamingResponse:
    args = parse_all(EXPORT_PARAMS, request.query_params)
    rows = queries.iter_article_outputs(engine_of(request), canonical_only=args["canonical"])
    return StreamingResponse(_csv(rows), media_type="text/csv; charset=utf-8", headers={
        "content-disposition": 'attachment; filename="storyline-articles.csv"'})


INGEST_PARAMS = (Param("analyse", "boolean", True,
                       "Run the analysis stages too (like storyline run); false is storyline ingest."),)
_INGEST_LOCK = threading.Lock()


def _check_token(request: Request, settings: Settings) -> None:
    token = settings["serve.token"]
    if not token:
        raise ApiError(403, "SL-DISABLED", "write endpoints are off",
                       "start the server with --set serve.token=SECRET to enable POST /api/ingest")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "SL-AUTH", "missing or wrong token",
                       "send the header Authorization: Bearer <serve.token>",
                       headers={"www-authenticate": "Bearer"})


async def _read_body(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > cap):
        raise ApiError(413, "SL-TOOLARGE", f"the body is larger than {cap} bytes",
                       "setting ingest.max_bytes is the limit")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise ApiError(413, "SL-TOOLARGE", f"the body is larger than {cap} bytes",
                           "setting ingest.max_bytes is the limit")
        chunks.append(chunk)
    if not size:
        raise ApiError(400, "SL-PARAM", "the body is empty", "send one document as the request body")
    return b"".join(chunks)


def _ingest(body: bytes, settings: Settings, analyse: bool, lock: Any = _INGEST_LOCK) -> dict[str, Any]:
    """One ingest at a time: ``lock`` is this process's, or the one the serve workers share
    (``app.state.ingest_lock``, a ``multiprocessing.Lock`` made before they were forked)."""
    from storyline import runner

    if not lock.acquire(False):
        raise ApiError(409, "SL-BUSY", "another ingest is running", "try again shortly")
    try:
        run_settings = settings.with_(execute_workers=1)
        report = runner.run(["-"], run_settings, command="run" if analyse else "ingest",
                            stdin=io.BytesIO(body), analysis=analyse)
    except StorylineError as exc:
        raise ApiError(500 if exc.code == "SL-STORE" else 400, exc.code, exc.message, exc.hint) from None
    finally:
        lock.release()
    return {"run_id": report.run_id, "status": report.status, "counts": dict(report.counts),
            "seconds": round(report.seconds.get("total", 0.0), 3)}


async def ingest(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    _check_token(request, settings)
    args = parse_all(INGEST_PARAMS, request.query_params)
    body = await _read_body(request, settings["ingest.max_bytes"])
    lock = getattr(request.app.state, "ingest_lock", None) or _INGEST_LOCK
    result = await run_in_threadpool(_ingest, body, settings, args["analyse"], lock)
    return JSONResponse(result, status_code=200)


ENDPOINTS = (
    Endpoint("/api/export.jsonl", export_jsonl, "Every article as OUTPUT.md JSON Lines (streamed)",
             "exportJsonl", params=EXPORT_PARAMS, media_type="application/x-ndjson",
             response={"type": "string"}, tag="exports"),
    Endpoint("/api/export.csv", export_csv, "Every article as CSV (streamed)", "exportCsv",
             params=EXPORT_PARAMS, media_type="text/csv", response={"type": "string"}, tag="exports"),
    Endpoint("/api/ingest", ingest, "Ingest one document (needs serve.token)", "ingest",
             method="POST", params=INGEST_PARAMS, response=ref("IngestReport"),
             errors=(400, 401, 403, 409, 413), security=True, tag="write",
             request_body={"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                 "text/plain": {"schema": {"type": "string"}},
                 "text/html": {"schema": {"type": "string"}},
                 "application/json": {"schema": {}}}}),
)

GROUP = RouteGroup("exports", requires=("articles",), endpoints=ENDPOINTS)
