"""Check that examples/expected.json matches examples/corpus.

Every file must parse (JSONL, RSS via feedparser, WARC via warcio, HTML tag balance), the WARC
must be reproducible by make_warc.py, and every quoted string, name, evidence sentence, date
expression and furniture line in expected.json must occur in the article it is attached to.

    .venv/bin/python examples/check_expected.py
"""
from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import feedparser
from warcio.archiveiterator import ArchiveIterator

sys.dont_write_bytecode = True  # importing make_warc must not leave __pycache__ in examples/

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
errors: list[str] = []


def fail(msg: str) -> None:
    errors.append(msg)


class Text(HTMLParser):
    """Visible text of a page (scripts and styles dropped) plus a tag-balance check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.skip = 0
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("p", "div", "h1", "h2", "h3", "li", "figcaption", "article", "section", "br", "time"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag in ("script", "style"):
            self.skip -= 1
        self.parts.append("\n" if tag in ("p", "div", "h1", "li") else "")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str, where: str) -> str:
    parser = Text()
    parser.feed(markup)
    parser.close()
    for problem in parser.problems:
        fail(f"{where}: HTML {problem}")
    if parser.stack:
        fail(f"{where}: HTML unclosed tags {parser.stack}")
    return "".join(parser.parts)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_docs(spec: dict) -> tuple[dict[str, str], dict[str, str]]:
    """key -> normalised visible text, key -> raw source (for metadata checks)."""
    texts, raws = {}, {}
    jsonl_cache: dict[str, dict] = {}
    warc_cache: dict[str, dict] = {}
    feed_cache: dict[str, dict] = {}
    for key, doc in spec.items():
        path = HERE / doc["file"]
        if not path.exists():
            fail(f"{key}: missing file {path}")
            continue
        fmt = doc["format"].split()[0]
        if fmt == "txt":
            raw = path.read_text(encoding="utf-8")
            texts[key], raws[key] = norm(raw), raw
        elif fmt == "html":
            raw = path.read_text(encoding="utf-8")
            texts[key], raws[key] = norm(html_text(raw, key)), raw
        elif fmt == "jsonl":
            if doc["file"] not in jsonl_cache:
                recs = {}
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    rec = json.loads(line)
                    for field in ("url", "title", "published", "outlet", "author"):
                        if not rec.get(field):
                            fail(f"{path.name}:{n}: missing field {field}")
                    if not (rec.get("text") or rec.get("html")):
                        fail(f"{path.name}:{n}: needs text or html")
                    recs[rec["url"]] = rec
                jsonl_cache[doc["file"]] = recs
            rec = jsonl_cache[doc["file"]].get(doc["record"]["url"])
            if rec is None:
                fail(f"{key}: no JSONL record {doc['record']}")
                continue
            body = rec.get("text") or html_text(rec["html"], key)
            texts[key], raws[key] = norm(rec["title"] + "\n" + body), json.dumps(rec, ensure_ascii=False)
            for field in ("outlet", "author", "title"):
                if doc.get(field) and rec[field] != doc[field]:
                    fail(f"{key}: {field} {rec[field]!r} != expected {doc[field]!r}")
            if not rec["published"].startswith(doc["published"]):
                fail(f"{key}: published {rec['published']} != {doc['published']}")
        elif fmt == "warc":
            if doc["file"] not in warc_cache:
                recs = {}
                with path.open("rb") as fh:
                    for record in ArchiveIterator(fh):
                        if record.rec_type != "response":
                            continue
                        uri = record.rec_headers.get_header("WARC-Target-URI")
                        ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
                        if not ctype or "text/html" not in ctype:
                            fail(f"{uri}: HTTP Content-Type {ctype!r}")
                        recs[uri] = record.content_stream().read().decode("utf-8")
                warc_cache[doc["file"]] = recs
            uri = doc["record"]["WARC-Target-URI"]
            raw = warc_cache[doc["file"]].get(uri)
            if raw is None:
                fail(f"{key}: no WARC record {uri}")
                continue
            texts[key], raws[key] = norm(html_text(raw, key)), raw
        elif fmt == "rss":
            if doc["file"] not in feed_cache:
                parsed = feedparser.parse(path.read_bytes())
                if parsed.bozo:
                    fail(f"{path.name}: feedparser bozo: {parsed.bozo_exception}")
                feed_cache[doc["file"]] = {e.id: e for e in parsed.entries}
            entry = feed_cache[doc["file"]].get(doc["record"]["guid"])
            if entry is None:
                fail(f"{key}: no feed entry {doc['record']}")
                continue
            content = entry.content[0].value
            texts[key], raws[key] = norm(entry.title + "\n" + html_text(content, key)), content + "\n" + entry.get("author", "")
            if entry.get("author") != doc["author"]:
                fail(f"{key}: feed author {entry.get('author')!r}")
            year, month, day = entry.published_parsed[:3]
            published = f"{year:04d}-{month:02d}-{day:02d}"
            if published != doc["published"]:
                fail(f"{key}: feed published {published} != {doc['published']}")
        else:
            fail(f"{key}: unknown format {doc['format']}")
            continue
        if doc.get("title") and norm(doc["title"]) not in texts.get(key, ""):
            fail(f"{key}: title not found in text")
        if fmt in ("html", "warc"):
            for field in ("outlet", "author"):
                if doc.get(field) and html.escape(doc[field], quote=True) not in raws[key] and doc[field] not in raws[key]:
                    fail(f"{key}: {field} {doc[field]!r} not in page metadata")
            if doc.get("published") and doc["published"] not in raws[key]:
                fail(f"{key}: published {doc['published']} not in page metadata")
    return texts, raws


def must_occur(texts: dict[str, str], key: str, needle: str, what: str) -> None:
    if key not in texts:
        fail(f"{what}: unknown article {key!r}")
    elif norm(needle) not in texts[key]:
        fail(f"{what}: {needle!r} not found in {key}")


def main() -> int:
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    texts, raws = load_docs(expected["docs"])
    everything = " ".join(texts.values())

    for person in expected["persons"]:
        for variant in person["variants"]:
            if variant not in everything:
                fail(f"person {person['name']}: variant {variant!r} not in corpus")
        for key in person.get("docs", []):
            if not any(v in texts.get(key, "") for v in person["variants"]):
                fail(f"person {person['name']}: no variant in {key}")
    for group in ("organisations", "places"):
        for item in expected[group]:
            for variant in item["variants"]:
                if variant not in everything:
                    fail(f"{group} {item['name']}: variant {variant!r} not in corpus")
    for name in expected["journalists_not_actors"]:
        if not any(name in raw for raw in raws.values()):
            fail(f"journalist {name!r} not in any source")

    for q in expected["quotes"]:
        for part in q.get("parts") or [q["text"]]:
            must_occur(texts, q["doc"], part, f"quote by {q['speaker']}")
        if q.get("speaker_mention"):
            must_occur(texts, q["doc"], q["speaker_mention"], "speaker mention")
    for item in expected["not_speech"]:
        must_occur(texts, item["doc"], item["text"], "not_speech")
    for item in expected["indirect_speech"]:
        must_occur(texts, item["doc"], item["contains"], f"indirect speech by {item['speaker']}")
    for conflict in expected["conflicts"]:
        for side in conflict["sides"]:
            must_occur(texts, side["articles"][0], side["text"], f"conflict {conflict['kind']}")
            for key in side["articles"]:
                if key not in texts:
                    fail(f"conflict {conflict['kind']}: unknown article {key}")
    for conflict in expected["conflicts"]:
        if conflict["kind"] in ("name", "number", "title"):
            for side in conflict["sides"]:
                for key in side["articles"]:
                    must_occur(texts, key, side["value"], f"conflict {conflict['kind']} value")
    for variant in expected["variants_not_conflicts"]:
        for side in variant.get("sides", []):
            must_occur(texts, side["article"], side["text"], "quote variant")
    for pos in expected["positions"]:
        must_occur(texts, pos["doc"], pos["evidence"], f"position of {pos['actor']}")
        if pos.get("condition") and pos["stance"] in ("conditional", "offer"):
            # the condition must be a (possibly reworded) part of the evidence; check its key words
            if not any(w in pos["evidence"] for w in ("only if", "provided that", "contingent on", "unless", "if ")):
                fail(f"position of {pos['actor']}: evidence has no condition marker")
    for event in expected["events"]:
        must_occur(texts, event["doc"], event["evidence"], f"event {event['type']}")
    for key, spec in expected["dates"].items():
        for d in spec["dates"]:
            must_occur(texts, key, d["text"], "date expression")

    for key, lines in expected["furniture"].items():
        if key == "note":
            continue
        raw_lines = {line.strip() for line in raws.get(key, "").splitlines()}
        for line in lines:
            if line not in raw_lines:
                fail(f"furniture {key}: line {line!r} not found as a whole line")

    # the undated articles really carry no date
    for key, doc in expected["docs"].items():
        if doc["published"] is None and re.search(r"\b20\d\d\b", raws.get(key, "")):
            fail(f"{key}: is meant to be undated but contains a year")

    # duplicates
    for group in expected["duplicates"]:
        canon = texts.get(group["canonical"], "")
        for dup in group["duplicates"]:
            other = texts.get(dup, "")
            if group["kind"] == "exact":
                title = expected["docs"][dup]["title"]
                body = other[len(norm(title)):].strip() if other.startswith(norm(title)) else other
                if body not in canon:
                    fail(f"exact duplicate {dup}: body is not contained verbatim in {group['canonical']}")
            else:
                flat = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-"})
                a, b = (
                    {s for s in re.split(r"(?<=[.?!\"])\s+", t.translate(flat)) if len(s) > 40}
                    for t in (canon, other)
                )
                shared = len(a & b) / max(1, len(a))
                if not 0.3 <= shared < 1.0:
                    fail(f"near duplicate {dup}: {shared:.2f} of sentences shared with {group['canonical']}")
    if "The Port Elsin meeting was the first face-to-face contact" in texts.get("northgate_reprint", ""):
        fail("northgate_reprint should drop the last paragraph of harbour_post")
    sys.path.insert(0, str(HERE))
    import make_warc

    warc_body = make_warc.STORY1_PARAGRAPHS
    jl = [json.loads(line) for line in (CORPUS / "lakeshore_gazette.jsonl")
          .read_text(encoding="utf-8").splitlines()]
    if jl[0]["text"] != "\n\n".join(warc_body):
        fail("lakeshore_envoy_copy text is not byte-identical to the MPA story 1 body")

    # the WARC is reproducible
    if make_warc.build() != (CORPUS / "wire.warc.gz").read_bytes():
        fail("wire.warc.gz differs from what make_warc.py builds: re-run it")

    size = sum(p.stat().st_size for p in HERE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    if size > 300_000:
        fail(f"examples/ is {size} bytes (limit 300 KB)")

    for e in errors:
        print("FAIL", e)
    n_quotes = len(expected["quotes"])
    print(f"{len(texts)} articles, {n_quotes} quotes, {len(expected['positions'])} positions, "
          f"{len(expected['events'])} events, {len(expected['conflicts'])} conflicts, {size} bytes: "
          + ("OK" if not errors else f"{len(errors)} problems"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
