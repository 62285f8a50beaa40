"""The bundled sample corpus (examples/): two episodes of one storyline and a distractor.

Fed in date order (dated first, undated last: ``date_order``) or in input order the two
episodes never share a story; in any order the twelve truce articles form one storyline and the tram opening another.
"""

from __future__ import annotations

import pytest

from storyline.stories import evaluate as ev


@pytest.fixture(scope="module")
def result() -> dict:  # type: ignore[type-arg]
    return ev.sample()


def test_one_storyline_and_distractor_apart(result: dict) -> None:  # type: ignore[type-arg]
    for order in ("input_order", "date_order"):
        assert result[order]["storyline_one"], result[order]
        assert result[order]["distractor_apart"], result[order]
        assert ["lakeshore_tram"] in result[order]["stories"]


@pytest.mark.parametrize("order", ["date_order", "input_order"])
def test_episodes_apart(result: dict, order: str) -> None:  # type: ignore[type-arg]
    """In either order: the undated Daily Ledger piece (episode 1) arrives right after an
    episode-2 article in input order; it must not join it (it pays ``story_undated_margin``)."""
    got = result[order]
    assert not got["episodes_merged"], got["stories"]
    assert got["story_b3"]["precision"] == 1.0
    # reprints and syndicated copies land with their originals
    together = [("harbour_post", "northgate_reprint"), ("mpa_envoy", "lakeshore_envoy_copy"),
                ("observer_dravets", "eastern_dispatch")]
    for a, b in together:
        assert any(a in s and b in s for s in got["stories"]), (a, b, got["stories"])
