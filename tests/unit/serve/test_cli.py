"""``storyline serve``: options, a clean error for a missing database, the loopback warning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import main


def test_help_lists_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--set"):
        assert option in result.output


def test_missing_database_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 4
    assert "SL-STORE" in result.output and "Traceback" not in result.output


def test_runs_uvicorn_with_settings(serve_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One worker (STORYLINE_SERVE_WORKERS=1): uvicorn runs in this process with the settings."""
    calls: dict[str, Any] = {}

    import uvicorn

    def fake_run(server: uvicorn.Server, sockets: Any = None) -> None:
        calls.update(host=server.config.host, port=server.config.port, app=server.config.app)

    monkeypatch.setenv("STORYLINE_SERVE_WORKERS", "1")
    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    result = CliRunner().invoke(main, ["serve", "--db", str(serve_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8123
    assert "serving" in result.output and "warning" not in result.output
    exposed = CliRunner().invoke(main, ["serve", "--db", str(serve_db), "--host", "0.0.0.0"])
    assert exposed.exit_code == 0 and "warning: binding to 0.0.0.0" in exposed.output
