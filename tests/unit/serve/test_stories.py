"""The corpus API over the sample corpus: stories (filters, detail, cited brief, timeline,
network), conflicts, entities, quotes, events, positions, GraphML, and ETag caching."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def stories(client: TestClient) -> list[dict[str, Any]]:
    body = client.get("/api/stories", params={"limit": 200}).json()
    assert body["total"] == len(body["items"]) >= 3
    return body["items"]


@pytest.fixture(scope="module")
def big(client: TestClient, stories: list[dict[str, Any]]) -> dict[str, Any]:
    """The story with the most articles, in full."""
    top = max(stories, key=lambda s: s["n_articles"])
    return client.get(f"/api/stories/{top['id']}").json()


@pytest.fixture(scope="module")
def texts(client: TestClient) -> dict[str, str]:
    items = client.get("/api/articles", params={"limit": 200}).json()["items"]
    return {a["id"]: client.get(f"/api/articles/{a['id']}").json()["text"] for a in items
            if not a["input"].endswith("huge_single_line.txt")}


def test_story_list_order_and_paging(client: TestClient, stories: list[dict[str, Any]]) -> None:
    ends = [s["end"] for s in stories if s["end"]]
    assert ends == sorted(ends, reverse=True)  # latest first
    assert all(s["level"] == "story" for s in stories)
    page = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in page["items"]] == [stories[1]["id"]] and page["total"] == len(stories)
    lines = client.get("/api/stories", params={"level": "storyline"}).json()["items"]
    assert lines and all(s["level"] == "storyline" for s in lines)


def test_story_filters(client: TestClient, stories: list[dict[str, Any]]) -> None:
    gazette = client.get("/api/stories", params={"outlet": "Lakeshore Gazette"}).json()["items"]
    assert 0 < len(gazette) < len(stories)
    for story in gazette:
        outlets = {a["outlet"] for a in client.get(f"/api/stories/{story['id']}").json()["article_summaries"]}
        assert "Lakeshore Gazette" in outlets
    since = client.get("/api/stories", params={"since": "2026-03-20"}).json()["items"]
    assert since and all(s["end"] is None or s["end"] >= "2026-03-20" for s in since)
    assert len(since) < len(stories)
    until = client.get("/api/stories", params={"until": "2026-03-10"}).json()["items"]
    assert all(s["start"] is None or s["start"] <= "2026-03-10" for s in until)
    tram = client.get("/api/stories", params={"q": "tram"}).json()["items"]
    assert len(tram) == 1 and "tram" in tram[0]["title"].lower()


def test_story_filter_by_entity(client: TestClient, stories: list[dict[str, Any]]) -> None:
    person = client.get("/api/entities", params={"type": "PERSON"}).json()["items"][0]
    entity = client.get(f"/api/entities/{person['id']}").json()
    found = client.get("/api/stories", params={"entity": person["id"]}).json()["items"]
    assert found and len(found) <= len(stories)
    for story in found:
        members = set(client.get(f"/api/stories/{story['id']}").json()["articles"])
        assert members & set(entity["articles"]), story["title"]
    assert {s["id"] for s in entity["stories"]} == {s["id"] for s in found}
    assert client.get("/api/stories", params={"entity": "no-such-entity"}).json()["total"] == 0


def test_story_detail(client: TestClient, big: dict[str, Any]) -> None:
    assert big["level"] == "story" and big["storyline"] == big["parent"]
    assert len(big["articles"]) == big["n_articles"] == len(big["article_summaries"])
    assert sum(c["articles"] for c in big["coverage"]) == big["n_articles"]
    assert big["claims"], "the corroboration stored claims for the biggest story"
    prefix = client.get(f"/api/stories/{big['id'][:9]}").json()
    assert prefix["id"] == big["id"]
    line = client.get(f"/api/stories/{big['parent']}").json()
    assert line["level"] == "storyline" and big["id"] in {s["id"] for s in line["stories"]}
    assert set(big["articles"]) <= set(line["articles"])


def test_brief_citations_point_at_their_sentences(client: TestClient, big: dict[str, Any],
                                                  texts: dict[str, str]) -> None:
    brief = client.get(f"/api/stories/{big['id']}/brief").json()
    assert brief["story"] == big["id"] and brief["points"] and brief["sources"]
    numbers = {s["n"] for s in brief["sources"]}
    assert numbers == set(range(1, len(brief["sources"]) + 1))
    cited = [n for p in brief["points"] for n in p["sources"]]
    cited += [n for a in brief.get("actors", []) for pos in a["positions"] for n in pos["sources"]]
    cited += [n for q in brief.get("quotes", []) for n in q["sources"]]
    assert cited and set(cited) <= numbers
    for point in brief["points"]:
        first = brief["sources"][point["sources"][0] - 1]
        assert first["text"] == point["text"]  # a point is its first source sentence, verbatim
    for source in brief["sources"]:
        assert source["article"] in big["articles"]
        text = texts[source["article"]]
        if source["start"] < source["end"]:
            assert text[source["start"]:source["end"]] == source["text"]
            assert source["href"] == (f"/articles/{source['article']}?hl={source['start']}-"
                                      f"{source['end']}#cite")


def test_brief_formats(client: TestClient, big: dict[str, Any]) -> None:
    md = client.get(f"/api/stories/{big['id']}/brief", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# ") and "## Sources" in md.text and "[1]" in md.text
    html = client.get(f"/api/stories/{big['id']}/brief", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and 'href="#src-1"' in html.text
    assert "<script" not in html.text
    bad = client.get(f"/api/stories/{big['id']}/brief", params={"format": "pdf"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "SL-PARAM"


def test_timeline(client: TestClient, big: dict[str, Any]) -> None:
    body = client.get(f"/api/stories/{big['id']}/timeline").json()
    items = body["items"]
    assert items and [i["date"] for i in items] == sorted(i["date"] for i in items)
    kinds = {i["kind"] for i in items}
    assert "article" in kinds and "event" in kinds
    for item in items:
        assert item["href"].startswith("/articles/")
        assert item["href"].split("/")[2].split("?")[0] in big["articles"]


def test_network_and_graphml(client: TestClient, big: dict[str, Any]) -> None:
    net = client.get(f"/api/stories/{big['id']}/network").json()
    assert net["edges"], "events between two actors exist in the sample story"
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["source"] != e["target"] for e in net["edges"])
    assert all(e["count"] == sum(e["types"].values()) for e in net["edges"])
    response = client.get("/api/export/network.graphml", params={"story": big["id"]})
    assert response.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(response.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == len(net["nodes"])
    assert len(root.findall(".//g:edge", ns)) == len(net["edges"])
    whole = ET.fromstring(client.get("/api/export/network.graphml").content)
    assert len(whole.findall(".//g:edge", ns)) >= len(net["edges"])


def test_conflicts(client: TestClient, big: dict[str, Any]) -> None:
    body = client.get("/api/conflicts", params={"limit": 200}).json()
    assert body["more"] is False and body["items"]
    for conflict in body["items"]:
        assert len(conflict["sides"]) >= 2
        assert {s["value"] for s in conflict["sides"]}.__len__() >= 2 or conflict["kind"] == "negation"
        for side in conflict["sides"]:
            assert side["href"].startswith(f"/articles/{side['article']}")
    mine = client.get("/api/conflicts", params={"story": big["id"]}).json()["items"]
    assert all(c["story"] == big["id"] for c in mine)
    assert [c["id"] for c in mine] == [c["id"] for c in big["conflicts"]]
    one = client.get("/api/conflicts", params={"limit": 1}).json()
    assert len(one["items"]) == 1 and one["more"] is True


def test_entities(client: TestClient) -> None:
    body = client.get("/api/entities", params={"limit": 200}).json()
    names = {e["name"] for e in body["items"]}
    assert {"Viktor Rasmolov", "Michael Aldcroft", "Meridian Union"} <= names
    counts = [e["n_articles"] for e in body["items"]]
    assert counts == sorted(counts, reverse=True)
    found = client.get("/api/entities", params={"q": "Rasmolov"}).json()["items"]
    assert [e["name"] for e in found] == ["Viktor Rasmolov"] and "Rasmolov" in found[0]["aliases"]
    detail = client.get(f"/api/entities/{found[0]['id']}").json()
    assert detail["articles"] and detail["stories"]
    assert all(q["speaker"]["entity"] == detail["id"] for q in detail["quotes"])
    assert all(detail["id"] in (e["source"]["entity"], (e["target"] or {}).get("entity"))
               for e in detail["events"])
    orgs = client.get("/api/entities", params={"type": "org"}).json()["items"]
    assert orgs and all(e["type"] == "ORG" for e in orgs)


def test_quotes_events_positions(client: TestClient, big: dict[str, Any], texts: dict[str, str]) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Rasmolov", "limit": 50}).json()["items"]
    assert quotes and all("Rasmolov" in q["speaker"]["name"] for q in quotes)
    for quote in quotes:
        assert texts[quote["article"]][quote["start"]:quote["end"]] == quote["text"]
    in_story = client.get("/api/quotes", params={"story": big["id"], "limit": 200}).json()["items"]
    assert in_story and {q["article"] for q in in_story} <= set(big["articles"])
    events = client.get("/api/events", params={"type": "consult"}).json()["items"]
    assert events and all(e["type"] == "CONSULT" for e in events)
    positions = client.get("/api/positions", params={"issue": "truce"}).json()["items"]
    assert positions and all(p["issue"] == "truce" and p["stance"] in ("support", "oppose") for p in positions)
    direct = client.get("/api/quotes", params={"kind": "indirect"}).json()
    assert direct["items"] == [] and direct["more"] is False


@pytest.mark.parametrize(("path", "query"), [
    ("/api/stories", {"since": "2026-13-01"}), ("/api/stories", {"until": "March"}),
    ("/api/stories", {"level": "chapter"}), ("/api/stories", {"limit": "0"}),
    ("/api/stories", {"q": "x" * 201}), ("/api/quotes", {"kind": "shouted"}),
    ("/api/entities", {"type": "x" * 17}), ("/api/export/network.graphml", {"limit": "20001"}),
    ("/api/conflicts", {"offset": "-1"}),
])
def test_bad_parameters(client: TestClient, path: str, query: dict[str, str]) -> None:
    response = client.get(path, params=query)
    assert response.status_code == 400 and response.json()["error"]["code"] == "SL-PARAM"


def test_etag_revalidation_and_cache(client: TestClient, big: dict[str, Any]) -> None:
    path = f"/api/stories/{big['id']}"
    first = client.get(path)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(path).json() == first.json()
    other = client.get(f"/api/stories/{big['parent']}")
    assert other.headers["etag"] != etag


def test_story_page_query_matches_get_story(app: Any) -> None:
    """The web query is get_story with bounded summaries and coverage over every article."""
    from storyline.store import queries
    from storyline.store.queries import web

    engine = app.state.engine
    for story in queries.list_stories(engine, level=None, limit=200):
        full = queries.get_story(engine, story["id"])
        page = web.story_page(engine, story["id"], article_limit=2)
        assert page["articles"] == full["articles"] and page["articles_total"] == len(full["articles"])
        assert page["article_summaries"] == full["article_summaries"][:2]
        assert page["conflicts"] == full["conflicts"] and page["conflicts_total"] == len(full["conflicts"])
        assert page["claims_total"] == len(full["claims"]) and page["events_total"] == len(full["events"])
        ranked = sorted(full["claims"], key=lambda c: -c["outlets"])  # best supported first, stable
        assert page["claims"] == ranked[:300]
        small = web.story_page(engine, story["id"], claim_limit=3, conflict_limit=1)
        assert small["claims"] == ranked[:3] and small["conflicts"] == full["conflicts"][:1]
        assert sum(c["articles"] for c in page["coverage"]) == len(full["articles"])
        assert page.get("stories") == full.get("stories")
