"""Real evaluation corpora from ../shared/data turned into ordinary storyline inputs.

Used by the speed benchmarks only (the shipped product never needs this data). Writes plain
files a user could have: ``.txt`` (PolNeAR), ``.html`` (article-extraction-benchmark), and
JSON Lines (Timeline17, Reuters-21578, ECB+).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_REUTERS = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "BODY", "DATE")}


def _polnear(data: Path, dest: Path) -> int:
    out = dest / "polnear"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted((data / "polnear" / "data").glob("*/text/*.txt")):
        (out / f"{path.parent.parent.name}_{path.name}").write_bytes(path.read_bytes())
        n += 1
    return n


def _timeline17(data: Path, dest: Path) -> int:
    n = 0
    with (dest / "timeline17.jsonl").open("w", encoding="utf-8") as out:
        for path in sorted((data / "timeline17").glob("*/articles.json")):
            for item in json.loads(path.read_text(encoding="utf-8")):
                out.write(json.dumps({"url": f"https://timeline17.invalid/{path.parent.name}/{item['uid']}",
                                      "outlet": path.parent.name.split("_")[-1], "published": item["dct"],
                                      "text": item["text"]}) + "\n")
                n += 1
    return n


def _reuters(data: Path, dest: Path) -> int:
    n = 0
    with (dest / "reuters.jsonl").open("w", encoding="utf-8") as out:
        for path in sorted((data / "reuters21578").glob("reut2-*.sgm")):
            raw = path.read_bytes().decode("latin-1")
            for i, block in enumerate(_REUTERS.findall(raw)):
                fields = {k: (m.group(1) if (m := rx.search(block)) else "") for k, rx in _FIELD.items()}
                if not fields["BODY"].strip():
                    continue
                body = html.unescape(fields["BODY"]).replace("\x03", "").strip()
                out.write(json.dumps({"url": f"https://reuters.invalid/{path.stem}/{i}", "outlet": "Reuters",
                                      "title": html.unescape(fields["TITLE"]).strip(),
                                      "text": body}) + "\n")
                n += 1
    return n


def ecb_text(path: Path) -> str:
    sentences: dict[str, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(token.get("sentence", "0"), []).append(token.text or "")
    return "\n\n".join(" ".join(words) for _, words in sorted(sentences.items(), key=lambda kv: int(kv[0])))


def _ecbplus(data: Path, dest: Path) -> int:
    n = 0
    with (dest / "ecbplus.jsonl").open("w", encoding="utf-8") as out:
        for path in sorted((data / "ecbplus" / "ECB+").glob("*/*.xml")):
            out.write(json.dumps({"url": f"https://ecbplus.invalid/{path.stem}", "text": ecb_text(path)}) + "\n")
            n += 1
    return n


def _extraction_benchmark(data: Path, dest: Path) -> int:
    out = dest / "aeb"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted((data / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        (out / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
        n += 1
    return n


def build_real_corpus(dest: Path, data: Path = DEFAULT_DATA) -> dict[str, int]:
    """Write the real corpora under ``dest``; return how many articles each gave."""
    dest.mkdir(parents=True, exist_ok=True)
    return {
        "polnear": _polnear(data, dest),
        "timeline17": _timeline17(data, dest),
        "reuters21578": _reuters(data, dest),
        "ecbplus": _ecbplus(data, dest),
        "article-extraction-benchmark": _extraction_benchmark(data, dest),
    }
