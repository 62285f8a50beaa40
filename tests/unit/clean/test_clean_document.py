"""clean_document on HTML and text: metadata, language, rejections, purity."""

from __future__ import annotations

import pickle

import pytest

from storyline.clean import clean_document, headline_of, nesting_depth, parse_published
from storyline.config import Settings
from storyline.errors import Rejected
from storyline.ids import content_id
from storyline.records import Article, RawDocument

PARAS = [
    "The Kremlin said on Friday that there were reasons for cautious optimism about a ceasefire in Ukraine.",
    "Dmitry Peskov told reporters that President Putin supported the proposal but that questions remained.",
    "U.S. officials said Washington wanted Russia to agree to a ceasefire without any preconditions.",
    "Ukrainian President Volodymyr Zelensky described the remarks as manipulative in an evening address.",
]
HTML = f"""<!DOCTYPE html><html lang="en"><head><title>Kremlin signals optimism | Example News</title>
<meta name="author" content="Jane Reporter"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-14T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kremlin signals optimism</h1>{''.join(f'<p>{p}</p>' for p in PARAS)}
<p>Read more: Another story about something else</p></article>
<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""


def raw(content: str, content_type: str = "text", meta: dict[str, str] | None = None) -> RawDocument:
    return RawDocument(id=content_id(content), input="x", content=content, content_type=content_type,  # type: ignore[arg-type]
                       meta=meta or {}, encoding="utf-8")


def test_html_main_text_and_metadata() -> None:
    article = clean_document(raw(HTML, "html"))
    assert isinstance(article, Article), article
    for paragraph in PARAS:
        assert paragraph in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "Read more: Another story about something else" in article.removed
    assert article.author == "Jane Reporter"
    assert article.outlet == "Example News"
    assert article.published.to_dict() == {"value": "2025-03-14", "granularity": "day", "source": "metadata"}
    assert article.language == "en" and article.supported
    assert article.title and "Kremlin signals optimism" in article.title
    assert not article.text.startswith("Kremlin signals optimism")  # the headline is the title


def test_container_meta_overrides_page_metadata() -> None:
    meta = {"title": "Feed title", "outlet": "Wire", "author": "Feed Author", "published": "Sat, 15 Mar 2025 08:00:00 GMT",
            "url": "https://wire.test/story"}
    article = clean_document(raw(HTML, "html", meta))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.author, article.url) == ("Feed title", "Wire", "Feed Author", "https://wire.test/story")
    assert article.published.value == "2025-03-15"


def test_outlet_falls_back_to_host() -> None:
    article = clean_document(raw("\n\n".join(PARAS), meta={"url": "https://www.news.test/a"}))
    assert isinstance(article, Article) and article.outlet == "news.test"


def test_text_document() -> None:
    article = clean_document(raw("Kremlin Signals Optimism\n\n" + "\n".join(PARAS)))
    assert isinstance(article, Article)
    assert article.title == "Kremlin Signals Optimism"
    assert article.text.split("\n\n") == PARAS
    assert article.published.source == "unresolved" and article.published.value is None
    assert article.id == content_id("Kremlin Signals Optimism\n\n" + "\n".join(PARAS))


def test_non_english_is_stored_unsupported() -> None:
    german = ("Der Kreml sieht Gründe für vorsichtigen Optimismus bei den Gesprächen über eine Waffenruhe. "
              "Präsident Putin unterstütze den Vorschlag, sagte der Sprecher am Freitag in Moskau.")
    article = clean_document(raw(german))
    assert isinstance(article, Article)
    assert article.language == "de" and article.supported is False
    assert article.text == german
    both = clean_document(raw(german), Settings({"clean.languages": "en, de"}))
    assert isinstance(both, Article) and both.supported


def test_too_little_text_is_rejected() -> None:
    item = clean_document(raw("Short."))
    assert isinstance(item, Rejected) and item.code == "no_text" and item.stage == "clean" and item.id == content_id("Short.")
    page = clean_document(raw("<html><body><nav>Home</nav></body></html>", "html"))
    assert isinstance(page, Rejected) and page.code == "no_text"


def test_only_furniture_is_no_text() -> None:
    item = clean_document(raw("Read Entire Article\nLogin/Register\n0 0\nTo comment or like please login first...."))
    assert isinstance(item, Rejected) and item.code == "no_text"


def test_deeply_nested_html_is_rejected_with_reason() -> None:
    html = "<html><body>" + "<div>" * 5000 + "<p>" + " ".join(PARAS) + "</p>" + "</div>" * 5000 + "</body></html>"
    assert nesting_depth(html) > 255
    item = clean_document(raw(html, "html"))
    assert isinstance(item, Rejected) and item.code == "malformed" and "nested" in item.reason


def test_furniture_setting_off() -> None:
    text = "Headline Here\n0 0\n" + "\n".join(PARAS) + "\nRead Entire Article"
    article = clean_document(raw(text), Settings({"clean.remove_furniture": False}))
    assert isinstance(article, Article) and article.removed == () and "Read Entire Article" in article.text


def test_pure_and_picklable() -> None:
    doc = raw(HTML, "html")
    first, second = clean_document(doc), clean_document(pickle.loads(pickle.dumps(doc)))
    assert first == second
    assert pickle.loads(pickle.dumps(first)) == first


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14T10:00:00Z", ("2025-03-14", "day")),
        ("Fri, 14 Mar 2025 10:00:00 GMT", ("2025-03-14", "day")),
        ("March 14, 2025", ("2025-03-14", "day")),
        ("2025-03", ("2025-03", "month")),
        ("2025", ("2025", "year")),
        ("not a date", (None, None)),
        ("2025-13-45", (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_published(value: str, expected: tuple[str | None, str | None]) -> None:
    date = parse_published(value)
    assert (date.value, date.granularity) == expected
    assert date.source == ("metadata" if expected[0] else "unresolved")


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["Trump and Putin Advocate for Ceasefire", "Body."], "Trump and Putin Advocate for Ceasefire"),
        ([PARAS[0], PARAS[1]], None),
        (["Only one line"], None),
        (["Here's the skinny on the ongoing situation:", "Body."], None),
    ],
)
def test_headline_of(lines: list[str], title: str | None) -> None:
    assert headline_of(lines) == title


def test_dateline_gives_date_and_outlet() -> None:
    text = "Dravets Wakes To Funerals\nEastern Dispatch | Sunday, 8 March 2026\n" + "\n".join(PARAS)
    article = clean_document(raw(text))
    assert isinstance(article, Article)
    assert article.published.to_dict() == {"value": "2026-03-08", "granularity": "day", "source": "text"}
    assert article.outlet == "Eastern Dispatch"
    assert article.removed == ("Eastern Dispatch | Sunday, 8 March 2026",)
