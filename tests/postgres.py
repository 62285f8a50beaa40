"""A real PostgreSQL server for tests: a throwaway cluster per test session, or the server named
by ``STORYLINE_TEST_POSTGRES_URL``.

The cluster is made with ``initdb`` and started with ``pg_ctl`` on a free port of 127.0.0.1,
under a fresh directory in the system temp folder, with ``trust`` authentication for the
``storyline`` superuser it creates. PostgreSQL refuses to run as root, so when the tests run as
root (CI) the server processes run as an unprivileged account (``postgres`` when the Debian
package created it, else ``nobody``): Python's ``subprocess`` drops to that user, no ``sudo``,
``su`` or ``runuser`` needed, and the directory is handed to that user first. As a normal user
the server simply runs as that user.

Binaries are found on ``PATH`` (``initdb``), in ``$STORYLINE_PG_BIN`` or in Debian's
``/usr/lib/postgresql/<version>/bin``. Only when none exist (and no URL is given) do the tests
that need the server skip, saying why.

Every test gets a database of its own (``CREATE DATABASE``), dropped afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ENV_URL = "STORYLINE_TEST_POSTGRES_URL"
ENV_BIN = "STORYLINE_PG_BIN"
SUPERUSER = "storyline"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries and no URL: the reason the dependent tests skip."""


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or ``None``."""
    candidates: list[str] = []
    if os.environ.get(ENV_BIN):
        candidates.append(os.environ[ENV_BIN])
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(os.path.dirname(on_path))
    candidates.extend(sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                             key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                             reverse=True))
    candidates.extend(["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"])
    for folder in candidates:
        if os.access(os.path.join(folder, "initdb"), os.X_OK) and os.access(
                os.path.join(folder, "pg_ctl"), os.X_OK):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_account() -> pwd.struct_passwd | None:
    """The account the server runs as when we are root; ``None`` when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and neither a 'postgres' nor a 'nobody' account "
                              f"exists to run the server; set {ENV_URL} to an existing server")


@dataclass
class PostgresServer:
    """A running server: ``url(dbname)`` gives a SQLAlchemy URL for one of its databases."""

    base_url: str  # postgresql://user@host:port (no database)
    admin_db: str = "postgres"
    cluster: Path | None = None
    bin_dir: Path | None = None
    account: pwd.struct_passwd | None = None

    def url(self, dbname: str) -> str:
        return f"{self.base_url}/{dbname}"

    def create_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(self.admin_db), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.cluster is None or self.bin_dir is None:
            return
        _run([str(self.bin_dir / "pg_ctl"), "-D", str(self.cluster / "data"), "-m", "immediate",
              "-w", "stop"], self.account, check=False)
        shutil.rmtree(self.cluster, ignore_errors=True)
        self.cluster = None


def _run(command: list[str], account: pwd.struct_passwd | None, *, check: bool = True,
         timeout: float = 60) -> subprocess.CompletedProcess[str]:
    kwargs: dict[str, object] = {}
    if account is not None:
        kwargs.update(user=account.pw_uid, group=account.pw_gid, extra_groups=[])
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    if account is not None:
        env.update(HOME=tempfile.gettempdir(), USER=account.pw_name, LOGNAME=account.pw_name)
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env,
                            cwd=tempfile.gettempdir(), check=False, **kwargs)  # type: ignore[call-overload]
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:1])} failed ({result.returncode}): "
                           f"{(result.stderr or result.stdout).strip()[-2000:]}")
    return result


def start_cluster() -> PostgresServer:
    """initdb + pg_ctl start on a free port; raises :class:`PostgresUnavailable` without binaries."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable(
            "no PostgreSQL binaries (initdb, pg_ctl) found on PATH, in $STORYLINE_PG_BIN or in "
            "/usr/lib/postgresql/*/bin; install them (apt-get install postgresql) or set "
            f"{ENV_URL}=postgresql://user@host:port")
    account = _server_account()
    cluster = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sockets, log = cluster / "data", cluster / "sock", cluster / "server.log"
    sockets.mkdir()
    if account is not None:
        for path in (cluster, sockets):
            os.chown(path, account.pw_uid, account.pw_gid)
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], account, timeout=120)
        last_error = ""
        for _attempt in range(3):  # a free port can be taken between choosing and binding
            port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                       f"-c unix_socket_directories={sockets} -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
            started = _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                            "-w", "-t", "60", "start"], account, check=False, timeout=90)
            if started.returncode == 0:
                server = PostgresServer(f"postgresql://{SUPERUSER}@127.0.0.1:{port}",
                                        cluster=cluster, bin_dir=bin_dir, account=account)
                _wait_ready(server)
                return server
            last_error = log.read_text(errors="replace")[-2000:] if log.exists() else started.stderr
        raise RuntimeError(f"pg_ctl could not start the test cluster: {last_error}")
    except BaseException:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], account,
             check=False)
        shutil.rmtree(cluster, ignore_errors=True)
        raise


def _wait_ready(server: PostgresServer, seconds: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            with psycopg.connect(server.url(server.admin_db), connect_timeout=5):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def server_from_env() -> PostgresServer | None:
    """The server named by ``STORYLINE_TEST_POSTGRES_URL`` (its database is the admin one)."""
    url = os.environ.get(ENV_URL)
    if not url:
        return None
    base, _, dbname = url.rstrip("/").rpartition("/")
    if "://" not in base:  # no database in the URL
        base, dbname = url.rstrip("/"), "postgres"
    return PostgresServer(base, admin_db=dbname or "postgres")


def postgres_session() -> Iterator[PostgresServer]:
    """Generator behind the session fixture: yields a server, stops it (if we started it)."""
    server = server_from_env() or start_cluster()
    try:
        yield server
    finally:
        server.stop()
