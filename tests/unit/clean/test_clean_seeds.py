"""The five real seed articles: every furniture line removed, every article line kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean import clean_document
from storyline.ingest import read_inputs
from storyline.records import Article

#: The page furniture in each seed, written out by hand (in order of appearance).
FURNITURE: dict[str, list[str]] = {
    "000_e599c3c71995d8b9.txt": [],
    "001_cd971be548da90b5.txt": [],
    "002_bd371462a433c722.txt": [
        "1 month ago 5",  # share counter
        "Rommie Analytics",  # aggregator byline
        "U.S. President Donald Trump and Russia’s President Vladimir Putin during a joint press "
        "conference following their summit on July 16, 2018, in Helsinki, Finland.",  # caption
        "Chris McGrath | Getty Images News | Getty Images",  # photo credit
        "Read more coverage on CNBC Politics",
        "A Ukrainian military personnel drives a vehicle on September 23, 2024, in Sudzha, "
        "Kursk Region, Russia.",  # caption
        "Global Images Ukraine | Global Images Ukraine | Getty Images",  # photo credit
        "Read Entire Article",
    ],
    "003_cf116f05e589f54a.txt": [
        "Check out this related article: Germany’s Historic Vote: Unleashing Major Investments "
        "in Defense and Infrastructure for a Stronger Future",
        "Source linkTrump, Donald J,Musk, Elon,Internal Revenue Service,Layoffs and Job "
        "Reductions,Executive Orders and Memorandums,Treasury Department,Europe,Customs (Tariff)",
    ],
    "004_761762a792765159.txt": [
        "0 0",  # share counter
        'Kremlin Spokesman Signals "Cautious Optimism" Over Ukraine Ceasefire Talks',  # repeated headline
        "• Tags:",
        "To comment or like please login first....",
        "Login/Register",
    ],
}

TITLES = {
    "000_e599c3c71995d8b9.txt": "A Potential Dialogue Between Putin and Trump: Kremlin Contemplates "
    "Further Chats Over Ukraine Ceasefire",
    "001_cd971be548da90b5.txt": None,
    "002_bd371462a433c722.txt": "Trump and Putin Advocate for Ceasefire Agreement Between Russia and Ukraine",
    "003_cf116f05e589f54a.txt": None,
    "004_761762a792765159.txt": 'Kremlin Spokesman Signals "Cautious Optimism" Over Ukraine Ceasefire Talks',
}


def _clean(path: Path) -> Article:
    (raw,) = list(read_inputs([str(path)]))
    article = clean_document(raw)
    assert isinstance(article, Article), article
    return article


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_seed_furniture_removed_and_sentences_kept(seeds_dir: Path, name: str) -> None:
    path = seeds_dir / name
    if not path.is_file():
        pytest.skip(f"{name} not in {seeds_dir}")
    article = _clean(path)
    assert list(article.removed) == FURNITURE[name]
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = list(lines)
    for gone in FURNITURE[name]:
        expected.remove(gone)  # the first copy of a repeated headline stays
    if TITLES[name]:
        assert expected[0] == TITLES[name]
        expected = expected[1:]  # the headline becomes the title, not body text
    assert article.text.split("\n\n") == expected
    for gone in FURNITURE[name]:
        if gone not in expected:
            assert gone not in article.text
    assert article.title == TITLES[name]
    assert article.language == "en" and article.supported
    assert article.published.source == "unresolved"
