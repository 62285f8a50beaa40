"""Fixtures for the serve tests: one real SQLite database per session and a test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_corpus import HOSTILE_TITLE, build_database
from starlette.testclient import TestClient

from storyline.config import Settings
from storyline.serve import create_app


@pytest.fixture(scope="session")
def serve_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="session")
def app(serve_db: Path) -> Any:
    return create_app(Settings({"db": str(serve_db)}))


@pytest.fixture(scope="session")
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def articles(client: TestClient) -> list[dict[str, Any]]:
    return client.get("/api/articles", params={"limit": 200}).json()["items"]


@pytest.fixture(scope="session")
def hostile_id(articles: list[dict[str, Any]]) -> str:
    return next(a["id"] for a in articles if a["title"] == HOSTILE_TITLE)


@pytest.fixture(scope="session")
def huge_id(articles: list[dict[str, Any]]) -> str:
    return next(a["id"] for a in articles if a["input"].endswith("huge_single_line.txt"))
