"""Build examples/corpus/wire.warc.gz: CC-NEWS style WARC ``response`` records for the
Meridian Press Agency (MPA) wire stories of the sample corpus.

Deterministic: fixed WARC-Date, WARC-Record-ID and payload digests computed from the bytes,
and a gzip writer with mtime 0, so running it again produces identical bytes.

    .venv/bin/python examples/make_warc.py
"""
from __future__ import annotations

import gzip
import hashlib
import html
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import BufferWARCWriter

OUT = Path(__file__).resolve().parent / "corpus" / "wire.warc.gz"

# Paragraphs of MPA story 1 are reused verbatim by the Lakeshore Gazette JSONL record
# (an exact syndicated copy), so keep them in this one place.
STORY1_TITLE = "Calveran envoy Aldcroft meets Rasmolov in Korvana as truce plan hangs in balance"
STORY1_PARAGRAPHS = [
    "KORVANA, March 5 (MPA) - Calveran special envoy Michael Aldcroft met Tessarian President "
    "Viktor Rasmolov at the Citadel on Thursday to present a proposal for a 30-day truce, hours "
    "after Tessarian forces said they had retaken two villages in the Ulmsk border region.",
    "The meeting lasted more than three hours, Citadel spokesperson Dmitry Kalyagin told "
    "reporters, describing it as \"substantive\" and \"useful\". He said Rasmolov had given the "
    "envoy additional signals to pass on to Calveran President Margaret Ansell.",
    "Rasmolov told a news conference earlier in the day that he supported the idea of a truce "
    "\"in principle\" but set out a list of conditions.",
    "\"The idea itself is correct and we support it. But there are questions that must be "
    "answered first. Who will monitor it? What happens along a front of almost 900 kilometres? "
    "Will Valdoria use these 30 days to mobilise and to rearm?\" Rasmolov said.",
    "He said Tessaria would back a truce, but only if Valdoria halted mobilisation and foreign "
    "weapons deliveries to Mirov were suspended for its duration.",
    "Yury Belkin, Rasmolov's foreign-policy aide, was more blunt. He said that the plan "
    "reflected only the Valdorian position and warned that Korvana would not accept \"a pause "
    "that saves the Valdorian army\".",
    "Valdorian President Taras Dovzhensky accused Rasmolov of hiding a no behind a maybe. "
    "\"He is preparing to reject it, and he is afraid to say so to the Calverans directly,\" "
    "Dovzhensky said in his nightly video address.",
    "Calveran officials have said they want Tessaria to accept the truce without preconditions. "
    "According to a Calveran official, Aldcroft was due to fly back to Port Elsin on Friday.",
    "The war began 15 months ago when Tessarian troops crossed into the Sarn Valley. Valdoria "
    "accepted the Calveran truce proposal on Tuesday after talks in Port Elsin.",
]

STORY2_TITLE = "Tessarian missiles hit Lessa grain terminal; Meridian Union threatens sanctions"
STORY2_PARAGRAPHS = [
    "MIROV, March 27 (MPA) - Tessarian missiles struck the grain terminal in the Valdorian port "
    "of Lessa late on Thursday, killing seven people and setting two cargo sheds on fire, "
    "Valdorian emergency services said on Friday.",
    "The Tessarian defence ministry said in a statement that it had carried out a \"precision "
    "strike\" on a depot used to store Calveran-supplied weapons, and denied targeting grain.",
    "The attack came two days after Tessarian President Viktor Rasmolov told Calveran President "
    "Margaret Ansell in a phone call that a temporary truce would only prolong the war, "
    "according to his aide Yury Belkin.",
    "Valdorian President Taras Dovzhensky said the strike showed that Korvana had no interest "
    "in the Calveran plan. \"We will not trade our land for a pause that only lets them "
    "reload,\" Dovzhensky said in Lessa, where he laid flowers at the damaged terminal.",
    "The Meridian Union's foreign policy chief, Sofia Brandel, warned that the bloc would "
    "impose new sanctions on Tessarian shipping and banks unless Korvana accepted a ceasefire "
    "by April 15.",
    "\"The Union will not stand by while grain terminals burn. If there is no ceasefire by the "
    "fifteenth of April, the next package will target the banks that finance this war,\" "
    "Brandel told reporters in Port Elsin.",
    "Citadel spokesperson Dmitry Kalyagin dismissed the threat. \"Tessaria does not accept "
    "ultimatums, from Port Elsin or from anyone else,\" he said.",
    "Valdorian Foreign Minister Ilona Marchuk said her government still supported a 30-day "
    "truce and accused Tessaria of using the talks as cover for a spring offensive.",
]


def page(title: str, paragraphs: list[str], url: str, published: str, author: str) -> bytes:
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | MPA</title>
<meta name="author" content="{html.escape(author)}">
<meta property="og:site_name" content="Meridian Press Agency">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}">
</head>
<body>
<header class="masthead"><a href="/">MPA</a>
  <nav><a href="/world">World</a> <a href="/business">Business</a> <a href="/markets">Markets</a> <a href="/wire">Live wire</a></nav>
</header>
<div class="consent">This site uses cookies. <a href="/cookies">Manage preferences</a> <button>OK</button></div>
<main>
  <article>
    <h1>{html.escape(title)}</h1>
    <div class="meta">By {html.escape(author)} | <time datetime="{published}">{published[:10]}</time></div>
    <div class="share"><a href="#">Share</a> <a href="#">Post</a> <a href="#">Copy link</a></div>
    <div class="article-body">
{body}
    </div>
    <p class="trust">Our Standards: The MPA Trust Principles.</p>
  </article>
  <aside class="more"><h3>More from MPA</h3>
    <ul><li><a href="/markets/grain-prices">Grain futures climb on Black Gulf shipping fears</a></li>
        <li><a href="/world/meridian-union-summit">Meridian Union leaders to meet in Aurel</a></li></ul>
  </aside>
</main>
<footer><p>&copy; 2026 Meridian Press Agency. All rights reserved.</p>
  <a href="/terms">Terms</a> <a href="/privacy">Privacy</a> <a href="/contact">Contact</a></footer>
</body>
</html>
"""
    return doc.encode("utf-8")


RECORDS = [
    {
        "url": "https://www.mpa-wire.example/world/2026/03/05/calveran-envoy-meets-rasmolov",
        "warc_date": "2026-03-05T20:31:07Z",
        "record_id": "<urn:uuid:5f0c2a1e-0b7d-4c1e-9a43-000000000001>",
        "http_date": "Thu, 05 Mar 2026 20:31:07 GMT",
        "published": "2026-03-05T20:15:00+00:00",
        "author": "Lena Hartwig",
        "title": STORY1_TITLE,
        "paragraphs": STORY1_PARAGRAPHS,
    },
    {
        "url": "https://www.mpa-wire.example/world/2026/03/27/lessa-grain-terminal-strike",
        "warc_date": "2026-03-27T11:22:41Z",
        "record_id": "<urn:uuid:5f0c2a1e-0b7d-4c1e-9a43-000000000002>",
        "http_date": "Fri, 27 Mar 2026 11:22:41 GMT",
        "published": "2026-03-27T11:05:00+00:00",
        "author": "Pavel Rusnak",
        "title": STORY2_TITLE,
        "paragraphs": STORY2_PARAGRAPHS,
    },
]


def build() -> bytes:
    writer = BufferWARCWriter(gzip=False)
    for rec in RECORDS:
        payload = page(rec["title"], rec["paragraphs"], rec["url"], rec["published"], rec["author"])
        http_headers = StatusAndHeaders("200 OK", [
            ("Date", rec["http_date"]),
            ("Server", "nginx"),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(payload))),
            ("Cache-Control", "max-age=60"),
        ], protocol="HTTP/1.1")
        digest = "sha1:" + __import__("base64").b32encode(hashlib.sha1(payload).digest()).decode()
        warc_headers = StatusAndHeaders("", [
            ("WARC-Type", "response"),
            ("WARC-Record-ID", rec["record_id"]),
            ("WARC-Date", rec["warc_date"]),
            ("WARC-Target-URI", rec["url"]),
            ("WARC-Payload-Digest", digest),
            ("WARC-Identified-Payload-Type", "text/html"),
            ("Content-Type", "application/http; msgtype=response"),
        ], protocol="WARC/1.0")
        record = writer.create_warc_record(rec["url"], "response", payload=io.BytesIO(payload),
                                           http_headers=http_headers, warc_headers=warc_headers)
        writer.write_record(record)
    raw = writer.get_contents()
    # Re-split into one gzip member per record (as CC-NEWS does) with a fixed mtime.
    out = io.BytesIO()
    for chunk in raw.split(b"WARC/1.0\r\n")[1:]:
        out.write(gzip.compress(b"WARC/1.0\r\n" + chunk, mtime=0))
    return out.getvalue()


if __name__ == "__main__":
    data = build()
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes, {len(RECORDS)} records)")
