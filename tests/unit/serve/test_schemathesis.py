"""Property-based API testing with schemathesis against ``/openapi.json``: no 5xx, responses
match the documented schemas, status codes are documented. Kept well under a minute."""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from serve_corpus import CORPUS, rebuild_corpus, write_hostile  # noqa: E402

from storyline.config import Settings  # noqa: E402
from storyline.serve import create_app  # noqa: E402


def _small_app(root: Path):  # type: ignore[no-untyped-def]
    """The sample corpus and the hostile record (not the 10 MB one: exports stay fast), with
    the corpus phase over the test analysis."""
    from storyline import runner

    db = root / "st.db"
    hostile = write_hostile(root / "hostile")
    (hostile / "huge_single_line.txt").unlink()
    config = Settings({"db": str(db), "execute.workers": 1})
    runner.run([str(CORPUS), str(hostile)], config, command="ingest", analysis=False)
    rebuild_corpus(db, config)  # stories, entities, quotes, events, conflicts to query
    # "testserver" is the Host the ASGI loader sends; the Host check is tested in test_security.
    return create_app(config.with_(serve_host="0.0.0.0"))


@pytest.fixture(scope="module")
def small_app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _small_app(tmp_path_factory.mktemp("schemathesis"))


def test_api_conforms(small_app) -> None:  # type: ignore[no-untyped-def]
    """Every documented operation, ~30 generated requests each: no 5xx, bodies and statuses as
    documented. (Driven by hand rather than the pytest plugin, which does not support pytest 9.)"""
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/openapi.json", small_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate()

        check()
