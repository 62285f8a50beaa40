"""Storage: the Store interface, the SQL backends (SQLite default, PostgreSQL) and the one read
path, :mod:`storyline.store.queries`."""

from __future__ import annotations

from storyline.store.base import Store, StoreBatch
from storyline.store.sql import SqlStore


def open_store(url: str, *, create: bool = True) -> SqlStore:
    """Open (and migrate) the database at a SQLite path or a ``postgresql://`` URL."""
    return SqlStore(url, create=create)


__all__ = ["Store", "StoreBatch", "SqlStore", "open_store"]
