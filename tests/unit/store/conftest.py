"""Store fixtures: ``store_url`` runs a test against SQLite and against a real PostgreSQL
server (see tests/postgres.py for how the server is started, as root or not)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/ for postgres.py

from postgres import PostgresServer, PostgresUnavailable, postgres_session  # noqa: E402


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session; skipped only when no binaries and no URL exist
    (or the psycopg driver is not installed: ``pip install -e ".[dev]"``)."""
    pytest.importorskip("psycopg", reason='the PostgreSQL driver is not installed '
                                          '(pip install "psycopg[binary]")')
    sessions = postgres_session()
    try:
        server = next(sessions)
    except PostgresUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    sessions.close()


@pytest.fixture()
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "storyline.db")
    return str(request.getfixturevalue("postgres_url"))
