"""Every verb that reads or writes the database works the same with ``--db postgresql://…``:
the sample corpus run into each backend gives the same articles, groups and search hits."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli import main

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "corpus"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_verbs_on_both_backends(store_url: str, tmp_path: Path) -> None:
    code, _, err = invoke("run", str(EXAMPLES), "--db", store_url, "--workers", "1", "--quiet")
    assert code == 0, err
    code, out, err = invoke("articles", "--db", store_url, "--format", "json", "--limit", "50")
    assert code == 0, err
    listed = json.loads(out)
    assert len(listed) == 13
    code, out, _ = invoke("articles", "--db", store_url, "--format", "json", "--query", "ceasefire")
    assert code == 0 and json.loads(out)
    code, out, _ = invoke("show", listed[0]["id"][:8], "--db", store_url, "--format", "json")
    assert code == 0 and json.loads(out)["id"] == listed[0]["id"]
    export = tmp_path / "out.jsonl"
    code, _, err = invoke("export", "--db", store_url, "--format", "jsonl", "--output", str(export))
    assert code == 0, err
    assert len(export.read_text(encoding="utf-8").splitlines()) == 13
    code, _, _ = invoke("rejects", "--db", store_url)
    assert code == 0
    code, _, err = invoke("run", str(EXAMPLES), "--db", store_url, "--workers", "1")
    assert code == 0 and "already stored 13" in err


def test_unreachable_server_is_one_clean_line() -> None:
    import pytest

    pytest.importorskip("psycopg")
    code, out, err = invoke("articles", "--db", "postgresql://u:secret@127.0.0.1:1/db")
    assert code == 4
    assert "secret" not in err and "Traceback" not in err
    assert err.startswith("error: [SL-STORE]") and "hint:" in err
