"""The corpus pages (story list, story page, entities) render the record, link every citation to
its sentence, and keep hostile data inert; the summary and GraphML writers escape what they emit."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from serve_corpus import HOSTILE_TITLE
from starlette.testclient import TestClient

from storyline.serve.network import graphml, network
from storyline.serve.render import make_environment
from storyline.serve.summary import cite_url, cited_summary, to_markdown

OUR_SCRIPTS = ("/static/app.js", "/static/story.js")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_inert(html: str) -> None:
    """Only our scripts and our own coverage chart; no handlers, inline styles or bad links."""
    for tag, attrs in tags(html):
        assert tag not in ("img", "iframe", "object", "embed", "style", "textarea"), tag
        if tag == "svg":
            assert attrs.get("class") == "bars", attrs
        if tag == "script":
            assert (attrs.get("src") or "").startswith(OUR_SCRIPTS), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


@pytest.fixture(scope="module")
def big(client: TestClient) -> dict[str, Any]:
    items = client.get("/api/stories", params={"limit": 200}).json()["items"]
    return client.get(f"/api/stories/{max(items, key=lambda s: s['n_articles'])['id']}").json()


def test_story_list_page_and_entity_filter(client: TestClient) -> None:
    html = client.get("/stories").text
    assert_inert(html)
    rows = re.findall(r'<a href="/stories/([^"]+)" data-open>', html)
    assert len(rows) == client.get("/api/stories").json()["total"]
    entity = client.get("/api/entities", params={"q": "Aldcroft"}).json()["items"][0]
    filtered = client.get("/stories", params={"entity": entity["id"]}).text
    shown = re.findall(r'<a href="/stories/([^"]+)" data-open>', filtered)
    expected = [s["id"] for s in client.get("/api/stories", params={"entity": entity["id"]}).json()["items"]]
    assert shown == expected and 0 < len(shown) < len(rows)
    assert f"mentioning {entity['name']}" in filtered
    assert client.get("/stories", params={"since": "yesterday"}).status_code == 400


def test_story_page_panels(client: TestClient, big: dict[str, Any]) -> None:
    response = client.get(f"/stories/{big['id']}")
    assert response.status_code == 200 and response.headers["etag"]
    html = response.text
    assert_inert(html)
    brief = client.get(f"/api/stories/{big['id']}/brief").json()
    cites = [unescape(h) for h in re.findall(r'<a class="cite" href="([^"]+)"', html)]
    assert cites and set(cites) <= {s["href"] for s in brief["sources"]}
    for section in ("Brief", "Timeline", "Where sources disagree", "Positions", "Quotes by speaker",
                    "Coverage by outlet", "Who acts on whom", "Actors", "Articles"):
        assert f">{section}</h2>" in html, section
    assert html.count('class="conflict"') == len(big["conflicts"]) > 0
    assert html.count('<figure class="side">') == sum(len(c["sides"]) for c in big["conflicts"])
    assert 'data-src="/api/stories/' in html and "/static/story.js" in html
    assert html.count('<rect class="bar"') == len(big["coverage"])
    for article_id in big["articles"]:
        assert f'href="/articles/{article_id}"' in html
    prefix = client.get(f"/stories/{big['id'][:9]}", follow_redirects=False)
    assert prefix.status_code == 302 and prefix.headers["location"] == f"/stories/{big['id']}"
    assert client.get("/stories/st-nothing-here").status_code == 404


def test_cited_sentence_opens_highlighted(client: TestClient, big: dict[str, Any]) -> None:
    source = client.get(f"/api/stories/{big['id']}/brief").json()["sources"][0]
    page = client.get(source["href"].split("#")[0]).text
    cited = re.search(r'<(?:span|a) class="hl [^"]*hl-cite[^"]*"[^>]*id="cite"[^>]*>([^<]*)<', page)
    assert cited and source["text"].startswith(unescape(cited.group(1)))


def test_entity_pages(client: TestClient) -> None:
    html = client.get("/entities").text
    assert_inert(html)
    assert "Viktor Rasmolov" in html
    rasmolov = client.get("/api/entities", params={"q": "Rasmolov"}).json()["items"][0]
    page = client.get(f"/entities/{rasmolov['id']}").text
    assert_inert(page)
    assert "Also written" in page and "Rasmolov" in page
    detail = client.get(f"/api/entities/{rasmolov['id']}").json()
    assert page.count('class="quote-link"') == len(detail["quotes"]) > 0
    for story in detail["stories"]:
        assert f'href="/stories/{story["id"]}"' in page
    assert client.get("/entities/nobody").status_code == 404


def test_article_page_links_entities_and_story(client: TestClient, big: dict[str, Any]) -> None:
    article_id = big["articles"][0]
    html = client.get(f"/articles/{article_id}").text
    links = set(re.findall(r'<a class="hl [^"]*hl-entity[^"]*" href="(/entities/[^"]+)"', html))
    assert links
    for link in links:
        assert client.get(link).status_code == 200
    assert f'href="/stories/{big["id"]}"' in html


def test_hostile_story_is_inert(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"limit": 200}).json()["items"]
    hostile = next(s for s in stories if s["title"] == HOSTILE_TITLE)
    for path in (f"/stories/{hostile['id']}", "/stories", "/", f"/api/stories/{hostile['id']}/brief?format=html"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.text)
        assert "&lt;script&gt;alert(" in response.text


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _hostile_story() -> dict[str, Any]:
    side = {"article": "a1", "value": HOSTILE, "text": HOSTILE + " said.", "start": 0, "end": 10}
    return {
        "id": "st-x", "title": HOSTILE, "level": "story", "parent": None, "start": None, "end": None,
        "n_articles": 1, "n_outlets": 1, "key_phrases": [HOSTILE], "articles": ["a1"], "articles_total": 1, "conflicts_total": 1,
        "article_summaries": [{"id": "a1", "title": HOSTILE, "outlet": HOSTILE, "published": None}],
        "claims": [{"kind": "statement", "about": HOSTILE, "value": HOSTILE + " [x](javascript:1)",
                    "outlets": 2, "sources": [side, {**side, "article": "a2", "start": "bad"}]},
                   {"kind": "quote", "about": HOSTILE, "value": "q", "sources": "not a list"}],
        "conflicts": [{"id": "c", "story": "st-x", "kind": "name", "about": HOSTILE,
                       "sides": [side, {**side, "value": "other"}]}],
        "coverage": [{"outlet": HOSTILE, "articles": 1, "copies": 0, "share": 1.0}],
        "events": [], "stories": [],
    }


def test_story_template_escapes_hostile_records() -> None:
    from storyline.serve.story_view import conflicts_view, quotes_by_speaker

    story = _hostile_story()
    summary = cited_summary(story)
    assert [s["href"] for s in summary["sources"]] == ["/articles/a1?hl=0-10#cite", "/articles/a2"]
    env = make_environment()
    html = env.get_template("story.html").render(
        s=story, summary=summary, speakers=quotes_by_speaker([{"article": "a1", "text": HOSTILE,
                                                              "start": 0, "end": 5, "speaker": {"name": HOSTILE}}]),
        n_quotes=1, positions=[], entities=[{"id": "x\"><script>", "name": HOSTILE, "type": "PERSON",
                                             "in_articles": 1, "roles": [HOSTILE]}],
        conflicts=conflicts_view(story["conflicts"], story["article_summaries"]), panel_rows=200,
        nav=[], request_path="/stories/st-x")
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_brief_is_inert() -> None:
    story = _hostile_story()
    md = to_markdown(story, cited_summary(story))
    assert "<script>" not in md and "<img" not in md and "](javascript:" not in md
    assert "[1]: /articles/a1?hl=0-10#cite" in md


def test_briefing_falls_back_on_malformed_records(app: Any, big: dict[str, Any]) -> None:
    from storyline.serve.brief import briefing_dict

    assert briefing_dict(app.state.engine, big) is not None
    broken = {**big, "claims": [{"kind": "statement", "sources": [{"article": "x"}]}]}
    assert briefing_dict(app.state.engine, broken) is None  # logged, not raised
    assert cited_summary(broken)["sections"] == []


def test_cite_url() -> None:
    assert cite_url("abc", 3, 9) == "/articles/abc?hl=3-9#cite"
    assert cite_url("abc", 9, 3) == "/articles/abc"
    assert cite_url("abc", None, 3) == "/articles/abc"
    assert cite_url("a/../b?c", 1, 2).startswith("/articles/a%2F..%2Fb%3Fc?")


def test_graphml_escapes_names() -> None:
    edges = [{"source": {"entity": None, "name": 'A "<b>&\x01', "type": None},
              "target": {"entity": "e'2", "name": "B\ud800", "type": "ORG"}, "count": 2,
              "types": {"CONSULT": 2}}]
    text = "".join(graphml(network(edges)))
    root = ET.fromstring(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    names = [d.text for d in root.findall(".//g:data[@key='name']", ns)]
    assert names == ['A "<b>&', "B"]
    assert root.find(".//g:edge", ns).get("target") == "e'2"  # type: ignore[union-attr]
