"""The SQL store: one implementation over SQLAlchemy Core for SQLite (default) and PostgreSQL.

SQLite runs in WAL mode with one writer (this process), ``synchronous=NORMAL`` and a busy
timeout, so readers (``storyline serve``) never block a run.

PostgreSQL is reached through psycopg 3 (``pip install "storyline[postgres]"``): a
``postgresql://`` or ``postgres://`` URL is opened with the ``postgresql+psycopg`` driver, the
same migrations run (full-text search is a generated ``tsvector`` column with a GIN index) and
the same queries read it. Passwords in URLs never appear in messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from storyline.errors import StoreError
from storyline.store import schema
from storyline.store.base import StoreBatch
from storyline.store.migrations import migrate
from storyline.store.rows import article_to_row

_ID_CHUNK = 500
_POSTGRES_SCHEMES = ("postgresql", "postgres")
_POSTGRES_HINT = ("check host, port, user, password and database name in the URL, and that the "
                  "server is running and accepts connections (psql URL works the same way)")
_INSTALL_HINT = 'PostgreSQL needs psycopg 3: pip install "storyline[postgres]" (or "psycopg[binary]")'


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def is_postgres_url(url: str) -> bool:
    """True for ``postgresql://``, ``postgres://`` and ``postgresql+driver://`` URLs."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    return scheme.split("+", 1)[0] in _POSTGRES_SCHEMES


def display_url(url: str) -> str:
    """The URL as it may appear in messages and logs: any password replaced by ``***``."""
    if "://" not in url:
        return url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("://", 1)[0] + "://…"


def engine_url(url: str) -> URL | str:
    """What SQLAlchemy is given: a path becomes ``sqlite:///path``; a PostgreSQL URL without an
    explicit driver gets psycopg 3 (SQLAlchemy's own default is psycopg2)."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if is_postgres_url(url):
        parsed = make_url(url)
        driver = parsed.drivername.lower()
        if driver in _POSTGRES_SCHEMES:
            return parsed.set(drivername="postgresql+psycopg")
        if driver.startswith("postgres+"):
            return parsed.set(drivername="postgresql" + driver[len("postgres"):])
        return parsed
    return url


def make_engine(url: str) -> Engine:
    """An engine for a SQLite path or a database URL (``StoreError`` with a hint when the URL
    is malformed or its driver is not installed)."""
    shown = display_url(url)
    try:
        target = engine_url(url)
        if is_postgres_url(url):
            engine = create_engine(target, future=True, pool_pre_ping=True,
                                   connect_args={"connect_timeout": 10,
                                                 "application_name": "storyline"})
        else:
            engine = create_engine(target, future=True)
    except ImportError:
        raise StoreError(f"cannot open database {shown!r}: the PostgreSQL driver is not installed",
                         hint=_INSTALL_HINT) from None
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"cannot open database {shown!r}: {str(exc).splitlines()[0]}",
                         hint="pass --db FILE or --db postgresql://user:password@host:5432/dbname") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _first_line(exc: BaseException) -> str:
    """The driver's own message, first line, without SQLAlchemy's boilerplate."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__


class SqlStore:
    """A :class:`storyline.store.base.Store` over any SQLAlchemy engine we support."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            with self.engine.begin() as conn:
                if create:
                    migrate(conn)
                last = conn.execute(select(func.max(schema.articles.c.seq))).scalar()
                self._next_seq = int(last or 0) + 1
        except OperationalError as exc:
            self.engine.dispose()
            if self.dialect == "postgresql":
                raise StoreError(f"cannot connect to {display_url(url)!r}: {_first_line(exc)}",
                                 hint=_POSTGRES_HINT) from None
            raise StoreError(f"cannot open database {url!r}: {_first_line(exc)}",
                             hint="check the path, and that the file is a storyline database") from None
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open or migrate database {display_url(url)!r}: "
                             f"{exc.__class__.__name__}: {_first_line(exc)}",
                             hint="check the path or URL, and that it is a storyline database") from None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _insert(self, table: Any) -> Any:
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        return sqlite.insert(table).on_conflict_do_nothing()

    # runs -------------------------------------------------------------------------------------
    def begin_run(self, command: str, inputs: list[str], settings: Mapping[str, Any]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(schema.runs.insert().values(
                command=command,
                started_at=datetime.now(UTC),
                status="running",
                inputs=json.dumps(inputs, ensure_ascii=False),
                settings=json.dumps(dict(settings), default=str, ensure_ascii=False),
            ))
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, int]) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(
                finished_at=datetime.now(UTC), status=status, counts=json.dumps(dict(counts))
            ))

    # writes -----------------------------------------------------------------------------------
    def known_record_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        known: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), _ID_CHUNK):
                chunk = wanted[i:i + _ID_CHUNK]
                known.update(conn.execute(
                    select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))).scalars())
                known.update(conn.execute(select(schema.rejections.c.record_id).where(
                    schema.rejections.c.record_id.in_(chunk))).scalars())
        return known

    def write_batch(self, run_id: int, batch: StoreBatch) -> None:
        """Write a batch in one transaction; already stored records are left as they are."""
        if not batch.articles and not batch.rejections and not batch.duplicate_updates:
            return
        try:
            with self.engine.begin() as conn:
                seq = self._next_seq
                rows = []
                for article in batch.articles:
                    rows.append(article_to_row(article, seq, run_id))
                    seq += 1
                if rows:
                    conn.execute(self._insert(schema.articles), rows)
                if batch.fingerprints:
                    conn.execute(self._insert(schema.fingerprints), [
                        {"article_id": key, "data": value} for key, value in batch.fingerprints.items()
                    ])
                if batch.rejections:
                    conn.execute(self._insert(schema.rejections), [
                        {"input": r.input, "record_id": r.id, "code": r.code, "reason": r.reason,
                         "stage": r.stage, "run_id": run_id}
                        for r in batch.rejections
                    ])
                if batch.duplicate_updates:  # one executemany: a group can move hundreds of rows
                    conn.execute(update(schema.articles)
                                 .where(schema.articles.c.id == bindparam("member"))
                                 .values(duplicate_of=bindparam("target")),
                                 [{"member": article_id, "target": target}
                                  for article_id, target in batch.duplicate_updates.items()])
            self._next_seq = seq
        except SQLAlchemyError as exc:
            raise StoreError(f"writing to {display_url(self.url)!r} failed: {_first_line(exc)}",
                             hint="run the same command again to resume once the database is "
                                  "reachable and writable") from None

    # reads needed by the pipeline -------------------------------------------------------------
    def iter_dedupe_state(self) -> Iterator[tuple[str, bytes, str | None, str | None]]:
        """``(id, fingerprint, duplicate_of, published)`` in ingest order, to rebuild the
        duplicate index and groups when a run starts or resumes."""
        a, f = schema.articles.c, schema.fingerprints.c
        query = (select(a.id, f.data, a.duplicate_of, a.published)
                 .join(schema.fingerprints, f.article_id == a.id).order_by(a.seq))
        with self.engine.connect() as conn:
            for article_id, data, duplicate_of, published in conn.execution_options(yield_per=1000).execute(query):
                yield article_id, bytes(data), duplicate_of, published

    # ranged reads for distributed drivers (each Spark task reads one range) ----------------
    def bounds(self, what: str) -> tuple[int, int]:
        """``(min, max)`` of ``articles.seq`` (``what="articles"``) or ``rejections.id``
        (``what="rejections"``); ``(0, 0)`` when the table is empty."""
        column = schema.articles.c.seq if what == "articles" else schema.rejections.c.id
        with self.engine.connect() as conn:
            low, high = conn.execute(select(func.min(column), func.max(column))).one()
        return int(low or 0), int(high or 0)

    def dedupe_state_between(self, low: int, high: int) -> list[tuple[int, str, bytes | None, str | None, str | None]]:
        """``(seq, id, fingerprint or None, duplicate_of, published)`` for ``low <= seq < high``."""
        a, f = schema.articles.c, schema.fingerprints.c
        query = (select(a.seq, a.id, f.data, a.duplicate_of, a.published)
                 .select_from(schema.articles.outerjoin(schema.fingerprints, f.article_id == a.id))
                 .where(a.seq >= low, a.seq < high).order_by(a.seq))
        with self.engine.connect() as conn:
            return [(int(seq), aid, None if data is None else bytes(data), dup, published)
                    for seq, aid, data, dup, published in conn.execute(query)]

    def rejected_ids_between(self, low: int, high: int) -> list[str]:
        """Record ids of stored rejections with ``low <= rejections.id < high``."""
        r = schema.rejections.c
        query = select(r.record_id).where(r.id >= low, r.id < high, r.record_id.is_not(None))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def close(self) -> None:
        self.engine.dispose()
