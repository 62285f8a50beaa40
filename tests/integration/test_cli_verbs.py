"""The CLI end to end on the bundled sample corpus, through a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
OUTPUT_KEYS = {"schema", "id", "input", "outlet", "title", "published", "text", "removed",
               "duplicate_of", "rejected", "entities", "quotes", "events", "positions", "dates"}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "s.db"
    result = CliRunner().invoke(main, ["run", str(EXAMPLES), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def invoke(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_run_is_idempotent(stored: Path) -> None:
    code, _, err = invoke("run", str(EXAMPLES), "--db", str(stored), "--workers", "1")
    assert code == 0
    assert "stored 0" in err and "already stored" in err


def test_articles_list_search_and_show(stored: Path) -> None:
    code, out, _ = invoke("articles", "--db", str(stored), "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 8
    code, out, _ = invoke("articles", "--db", str(stored), "--query", "truce", "--format", "json")
    hits = json.loads(out)
    assert code == 0 and hits and all("snippet" in h for h in hits)
    code, out, _ = invoke("show", rows[0]["id"][:8], "--db", str(stored))
    article = json.loads(out)
    assert code == 0 and OUTPUT_KEYS <= set(article) and article["schema"] == "storyline/1"


def test_export_follows_the_output_contract(stored: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, _, _ = invoke("export", "--db", str(stored), "--output", str(target))
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0 and records
    for record in records:
        assert OUTPUT_KEYS <= set(record)
        assert set(record["published"]) == {"value", "granularity", "source"}
    code, out, _ = invoke("export", "--db", str(stored), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,input,url")


def test_duplicates_are_grouped(stored: Path) -> None:
    code, out, _ = invoke("export", "--db", str(stored))
    records = [json.loads(line) for line in out.splitlines()]
    duplicates = [r for r in records if r["duplicate_of"]]
    ids = {r["id"] for r in records}
    assert duplicates, "the sample corpus has a reprint and a syndicated copy"
    assert all(r["duplicate_of"] in ids for r in duplicates)


def test_bad_inputs_are_recorded_and_exit_partial(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "bad.jsonl").write_text('{"text": "A fine article. ' + "Words here. " * 20 + '"}\n{oops\n')
    db = tmp_path / "s.db"
    code, _, err = invoke("run", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
                          str(tmp_path / "bad.jsonl"), str(tmp_path / "missing.txt"),
                          "--db", str(db), "--workers", "1")
    assert code == 3, err
    code, out, _ = invoke("rejects", "--db", str(db), "--format", "json")
    reasons = {r["input"].rsplit("/", 1)[-1]: r["code"] for r in json.loads(out)}
    assert reasons["empty.txt"] == "empty"
    assert reasons["binary.txt"] == "binary"
    assert any(k.startswith("bad.jsonl") and v == "malformed" for k, v in reasons.items())
    assert any(k.startswith("missing.txt") for k in reasons)
    code, out, _ = invoke("articles", "--db", str(db), "--format", "json")
    assert len(json.loads(out)) == 1  # the good JSON line was kept


def test_analyse_prints_one_record_per_input_without_a_database(tmp_path: Path) -> None:
    code, out, _ = invoke("analyse", str(EXAMPLES), "--workers", "1")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) >= 10
    assert all(OUTPUT_KEYS <= set(r) for r in lines)
    assert not list(tmp_path.iterdir())


def test_stdin_input(tmp_path: Path) -> None:
    text = "Officials met in the capital on Friday to discuss the truce. " * 5
    code, out, _ = invoke("analyse", "-", "--workers", "1", input=text.encode())
    record = json.loads(out.splitlines()[0])
    assert code == 0 and "truce" in record["text"]


def test_clean_errors_not_tracebacks(tmp_path: Path) -> None:
    code, _, err = invoke("run", str(EXAMPLES), "--set", "dedupe.threshold=high",
                          "--db", str(tmp_path / "x.db"))
    assert code == 2 and err.startswith("error: [SL-CONFIG]") and "Traceback" not in err
    code, _, err = invoke("show", "ffffffffffffffff", "--db", str(tmp_path / "x.db"))
    assert code == 6 and "SL-NOTFOUND" in err
    bad_db = tmp_path / "not-a-db"
    bad_db.write_bytes(b"garbage" * 1000)
    code, _, err = invoke("articles", "--db", str(bad_db))
    assert code == 4 and "SL-STORE" in err


def test_settings_lists_every_setting() -> None:
    from storyline.config import SETTINGS

    code, out, _ = invoke("settings", "--format", "json")
    assert code == 0 and {r["name"] for r in json.loads(out)} == {s.name for s in SETTINGS}
