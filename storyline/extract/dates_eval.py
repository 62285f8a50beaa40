"""``storyline eval dates``: the temporal tagger on MEANTIME and on the bundled sample corpus.

MEANTIME (NewsReader, English, 120 Wikinews articles, CAT XML) gives TIMEX3 markables with
gold ``value`` and ``type``; each document's creation time (DCT) is the TIMEX3 with
``functionInDocument="CREATION_TIME"``. We report, in one run:

* **value accuracy given the gold spans**, DCT as anchor: our normaliser vs ``dateparser``
  alone (``RELATIVE_BASE`` = DCT, ``PREFER_DATES_FROM="past"``), exact TIMEX3 value match;
  also "lenient" (times compared on their day, ``X``/``Z`` details ignored);
* **detection** precision / recall / F1 of our spans vs the gold spans (strict: same
  characters; lenient: overlap);
* **publication date from the text**: the DCT found again in the text (MEANTIME keeps it as the
  line under the headline);
* **sample corpus**: ``examples/expected.json`` → ``dates``: each planted expression found and
  resolved to its intended value (the undated articles use their ``intended_anchor``).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storyline.extract.dates import find_dates
from storyline.extract.temporal.published import published_from_text
from storyline.extract.temporal.tagger import candidates, normalise_span, tag

MEANTIME = "meantime-en"
#: MEANTIME annotates TIMEX3 in sentences 0-5 only (checked: no gold TIMEX3 starts later).
ANNOTATED_SENTENCES = 5
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "'s", "n't", "%", "'", "'re", "'ve",
                    "'ll", "'d", "'m", "’s"}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    name: str
    text: str
    dct: date | None
    dct_span: tuple[int, int] | None
    gold: list[Gold] = field(default_factory=list)
    #: TIMEX3s are annotated only in the first sentences (0-5: headline, DCT line, the first
    #: four body sentences); detection is scored on text[:annotated_end] only.
    annotated_end: int = 0


def _parse_dct(value: str | None) -> date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    return None


def load_meantime(root: Path) -> list[Doc]:
    """Documents with their text rebuilt from the tokens (offsets kept) and gold TIMEX3s."""
    docs: list[Doc] = []
    for path in sorted(root.glob("**/*.xml")):
        tree = ET.parse(path).getroot()
        tokens = [(t.get("t_id"), t.get("sentence"), t.text or "") for t in tree.iter("token")]
        pieces: list[str] = []
        offsets: dict[str, tuple[int, int]] = {}
        annotated_end = 0
        length, previous_sentence, previous_token = 0, None, ""
        for t_id, sentence, word in tokens:
            if previous_sentence is not None:
                if sentence != previous_sentence and previous_token not in (".", "!", "?", '"'):
                    sep = "\n"
                elif sentence != previous_sentence:
                    sep = " "
                elif word in _NO_SPACE_BEFORE or previous_token in ("(", "$"):
                    sep = ""
                else:
                    sep = " "
                pieces.append(sep)
                length += len(sep)
            offsets[t_id or ""] = (length, length + len(word))
            if sentence is not None and sentence.isdigit() and int(sentence) <= ANNOTATED_SENTENCES:
                annotated_end = length + len(word)
            pieces.append(word)
            length += len(word)
            previous_sentence, previous_token = sentence, word
        text = "".join(pieces)
        markables = tree.find("Markables")
        timexes = list((markables if markables is not None else tree).iter("TIMEX3"))
        dct, dct_span, gold = None, None, []
        for tx in timexes:
            ids = [a.get("t_id") or "" for a in tx.iter("token_anchor")]
            span = (offsets[ids[0]][0], offsets[ids[-1]][1]) if ids else None
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct, dct_span = _parse_dct(tx.get("value")), span
                continue
            if span is None:
                continue   # non-textual TIMEX3 (empty anchor): nothing to find in the text
            gold.append(Gold(span[0], span[1], text[span[0]:span[1]], tx.get("type") or "",
                             tx.get("value") or ""))
        docs.append(Doc(path.stem, text, dct, dct_span, gold, annotated_end))
    return docs


def _lenient(value: str | None) -> str | None:
    """Times compared on their day; the TIMEX3 time-zone mark and part-of-day dropped."""
    if value is None:
        return None
    value = value.upper()
    if re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return value[:10]
    return value


def dateparser_value(phrase: str, anchor: date | None) -> str | None:
    """The baseline: dateparser alone, its period mapped to a TIMEX3-style value."""

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12, 0)
    parser = _dateparser(tuple(sorted(settings.items())))
    data = parser.get_date_data(phrase)
    moment, period = data.date_obj, data.period
    if moment is None:
        return None
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        iso = moment.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if period == "time":
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.strftime("%Y-%m-%d")


_PARSERS: dict[Any, Any] = {}


def _dateparser(settings: tuple[tuple[str, Any], ...]) -> Any:
    from dateparser.date import DateDataParser

    if settings not in _PARSERS:
        _PARSERS[settings] = DateDataParser(languages=["en"], settings=dict(settings))
    return _PARSERS[settings]


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_meantime(root: Path, baseline: bool = True) -> dict[str, Any]:
    docs = load_meantime(root)
    n = ours = ours_len = base = base_len = 0
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    tp_strict = tp_lenient = predicted = gold_total = 0
    pub_ok = pub_found = pub_total = 0
    dct_n = dct_ours = dct_base = 0
    type_base: Counter[str] = Counter()
    dp_tp_pred = dp_predicted = dp_tp_gold = 0
    search_time = 0.0
    ours_time = base_time = 0.0
    for doc in docs:
        anchor = doc.dct
        if anchor is None:   # two documents lack a DCT: use the dateline, as the pipeline would
            stated = published_from_text(doc.text, ())
            anchor = date.fromisoformat(stated.value) if stated and stated.value else None
        t0 = time.perf_counter()
        found = list(candidates(doc.text, anchor))
        ours_time += time.perf_counter() - t0
        for g in doc.gold:
            n += 1
            by_type[g.type] += 1
            t0 = time.perf_counter()
            value = normalise_span(doc.text, g.start, g.end, anchor, found)
            ours_time += time.perf_counter() - t0
            ok = value is not None and value.upper() == g.value.upper()
            ours += ok
            by_type_ok[g.type] += ok
            ours_len += _lenient(value) == _lenient(g.value)
            if not ok:
                errors.append({"doc": doc.name, "text": g.text, "gold": g.value, "ours": value})
            if baseline:
                t0 = time.perf_counter()
                dp = dateparser_value(g.text, anchor)
                base_time += time.perf_counter() - t0
                base += dp is not None and dp.upper() == g.value.upper()
                type_base[g.type] += dp is not None and dp.upper() == g.value.upper()
                base_len += _lenient(dp) == _lenient(g.value)
        # detection, outside the DCT line (the DCT is not among the gold expressions)
        predicted_spans = [(t.start, t.end) for t in tag(doc.text, anchor)
                           if t.end <= doc.annotated_end and not (doc.dct_span and t.start < doc.dct_span[1]
                                   and doc.dct_span[0] < t.end)]
        gold_spans = [(g.start, g.end) for g in doc.gold]
        predicted += len(predicted_spans)
        gold_total += len(gold_spans)
        tp_strict += len(set(predicted_spans) & set(gold_spans))
        tp_lenient += sum(any(s < ge and gs < e for s, e in predicted_spans)
                          for gs, ge in gold_spans)
        if doc.dct is not None:
            pub_total += 1
            stated = published_from_text(doc.text, ())
            pub_found += stated is not None
            pub_ok += stated is not None and stated.value == doc.dct.isoformat()
            if doc.dct_span is not None:
                # the DCT line itself, normalised with no anchor (it is the anchor)
                dct_n += 1
                value = normalise_span(doc.text, *doc.dct_span, None)
                dct_ours += value == doc.dct.isoformat()
                if baseline:
                    dp = dateparser_value(doc.text[doc.dct_span[0]:doc.dct_span[1]], None)
                    dct_base += dp == doc.dct.isoformat()
        if baseline:
            t0 = time.perf_counter()
            tp_dp, n_dp = _dateparser_detection(doc, anchor)
            search_time += time.perf_counter() - t0
            dp_tp_pred += tp_dp
            dp_predicted += n_dp
            dp_tp_gold += sum(any(s < ge and gs < e for s, e in _DP_SPANS) for gs, ge in gold_spans)
    lenient_predicted = predicted
    return {
        "documents": len(docs),
        "expressions": n,
        "by_type": dict(by_type),
        "accuracy": ours / n if n else 0.0,
        "accuracy_lenient": ours_len / n if n else 0.0,
        "accuracy_by_type": {k: by_type_ok[k] / v for k, v in by_type.items()},
        "dateparser_accuracy": base / n if (n and baseline) else None,
        "dateparser_accuracy_lenient": base_len / n if (n and baseline) else None,
        "seconds_ours": ours_time,
        "seconds_dateparser": base_time if baseline else None,
        "detection_strict": _prf(tp_strict, predicted, gold_total),
        "detection_lenient": _lenient_prf(docs, tp_lenient, gold_total, lenient_predicted),
        "published_from_text": {"documents": pub_total, "found": pub_found, "correct": pub_ok},
        "dateparser_accuracy_by_type": ({k: type_base[k] / v for k, v in by_type.items()}
                                        if baseline else None),
        "with_dct": {"expressions": n + dct_n, "accuracy": (ours + dct_ours) / (n + dct_n),
                     "dateparser_accuracy": ((base + dct_base) / (n + dct_n)) if baseline
                     else None},
        "dateparser_detection_lenient": (_prf_lenient(dp_tp_pred, dp_predicted, dp_tp_gold,
                                                      gold_total) if baseline else None),
        "seconds_dateparser_search": search_time if baseline else None,
        "errors": errors,
    }


_DP_SPANS: list[tuple[int, int]] = []


def _dateparser_detection(doc: Doc, anchor: date | None) -> tuple[int, int]:
    """dateparser.search.search_dates over the annotated sentences: (predictions overlapping
    a gold span, predictions). Spans are found again by string search, left to right."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12, 0)
    region = doc.text[:doc.annotated_end]
    found = search_dates(region, languages=["en"], settings=settings) or []
    _DP_SPANS.clear()
    cursor = 0
    for phrase, _ in found:
        at = region.find(phrase, cursor)
        if at < 0:
            at = region.find(phrase)
        if at < 0:
            continue
        cursor = at + len(phrase)
        if doc.dct_span and at < doc.dct_span[1] and doc.dct_span[0] < cursor:
            continue
        _DP_SPANS.append((at, cursor))
    gold = [(g.start, g.end) for g in doc.gold]
    tp = sum(any(s < ge and gs < e for gs, ge in gold) for s, e in _DP_SPANS)
    return tp, len(_DP_SPANS)


def _prf_lenient(tp_pred: int, predicted: int, tp_gold: int, gold: int) -> dict[str, float]:
    p = tp_pred / predicted if predicted else 0.0
    r = tp_gold / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _lenient_prf(docs: list[Doc], tp_gold: int, gold_total: int, predicted: int) -> dict[str, float]:
    """Lenient overlap: recall counts gold spans overlapped by a prediction, precision counts
    predictions overlapping some gold span."""
    tp_pred = 0
    for doc in docs:
        anchor = doc.dct
        gold = [(g.start, g.end) for g in doc.gold]
        for t in tag(doc.text, anchor):
            if t.end > doc.annotated_end:
                continue
            if doc.dct_span and t.start < doc.dct_span[1] and doc.dct_span[0] < t.end:
                continue
            tp_pred += any(t.start < ge and gs < t.end for gs, ge in gold)
    p = tp_pred / predicted if predicted else 0.0
    r = tp_gold / gold_total if gold_total else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _matches(expected_text: str, expected_start: int, mention_text: str, start: int, end: int) -> bool:
    e_end = expected_start + len(expected_text)
    return start < e_end and expected_start < end


def evaluate_examples(examples_dir: Path, baseline: bool = True) -> dict[str, Any]:
    """Planted dates of ``examples/expected.json`` found in each article's text and resolved
    to the intended value, anchored on the article's (intended) publication date."""
    expected = json.loads((examples_dir / "expected.json").read_text(encoding="utf-8"))
    texts = example_texts(examples_dir)
    total = found = correct = dp_correct = 0
    misses: list[dict[str, Any]] = []
    for key, entry in expected["dates"].items():
        anchor_text = entry.get("anchor") or entry.get("intended_anchor")
        anchor = date.fromisoformat(anchor_text) if anchor_text else None
        text = texts.get(key)
        if text is None:
            continue
        mentions = find_dates(text, anchor)
        for item in entry["dates"]:
            total += 1
            accepted = set(item.get("acceptable") or [item["value"]])
            hits = []
            for pos in _occurrences(text, item["text"]):
                hits += [m for m in mentions if _matches(item["text"], pos, m.text, m.start, m.end)]
            if hits:
                found += 1
            if baseline:
                dp_correct += dateparser_value(item["text"], anchor) in accepted
            if any(m.value in accepted for m in hits):
                correct += 1
            else:
                misses.append({"doc": key, "text": item["text"], "expected": item["value"],
                               "got": sorted({str(m.value) for m in hits})})
    return {"expressions": total, "found": found, "correct": correct,
            "accuracy": correct / total if total else 0.0, "misses": misses,
            "dateparser_correct": dp_correct if baseline else None,
            "speed": _speed(texts, baseline)}


def _speed(texts: dict[str, str], baseline: bool) -> dict[str, float | None]:
    """Milliseconds per 800-word article (the sample corpus, concatenated and cut), ours and
    dateparser.search_dates on the same text."""
    article = " ".join(" ".join(texts.values()).split()[:800])
    anchor = date(2026, 3, 3)
    find_dates(article, anchor)
    runs = 20
    start = time.process_time()     # CPU time: the machine may be shared
    for _ in range(runs):
        find_dates(article, anchor)
    ours = (time.process_time() - start) / runs * 1000
    theirs = None
    if baseline:
        from dateparser.search import search_dates

        settings = {"RELATIVE_BASE": datetime(2026, 3, 3, 12), "PREFER_DATES_FROM": "past"}
        search_dates(article, languages=["en"], settings=settings)
        start = time.process_time()
        for _ in range(3):
            search_dates(article, languages=["en"], settings=settings)
        theirs = (time.process_time() - start) / 3 * 1000
    return {"storyline_ms": ours, "dateparser_search_ms": theirs}


def _occurrences(text: str, phrase: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(phrase), text)]


def example_texts(examples_dir: Path) -> dict[str, str]:
    """The raw text of each sample article, keyed as in ``expected.json`` (HTML stripped of
    tags: only the words matter here)."""
    expected = json.loads((examples_dir / "expected.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for key, doc in expected["docs"].items():
        path = examples_dir / doc["file"]
        record = doc.get("record") or {}
        try:
            raw = _read_record(path, record)
        except (OSError, ValueError):
            continue
        if raw is not None:
            out[key] = _plain(raw) if "<" in raw[:2000] else raw
    return out


def _plain(html: str) -> str:
    import html as html_lib

    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</h\d>|</div>|</li>|</title>", "\n", html)
    html = re.sub(r"<[^>]{0,2000}>", " ", html)
    text = html_lib.unescape(html)
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())


def _read_record(path: Path, record: dict[str, str]) -> str | None:
    if not record:
        return path.read_text(encoding="utf-8")
    if "url" in record:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item.get("url") == record["url"]:
                return str(item.get("text") or item.get("html") or "")
        return None
    if "guid" in record:
        raw = path.read_text(encoding="utf-8")
        for item in re.findall(r"(?s)<item>.*?</item>", raw):
            if record["guid"] in item:
                import html as html_lib
                body = re.search(r"(?s)<content:encoded>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?"
                                 r"</content:encoded>", item)
                return html_lib.unescape(body.group(1)) if body else item
        return None
    if "WARC-Target-URI" in record:
        from warcio.archiveiterator import ArchiveIterator

        with path.open("rb") as handle:
            for rec in ArchiveIterator(handle):
                if rec.rec_headers.get_header("WARC-Target-URI") == record["WARC-Target-URI"]:
                    return rec.content_stream().read().decode("utf-8", "replace")
        return None
    return None


def evaluate_timeline17(root: Path) -> dict[str, Any]:
    """Timeline17's staged articles (1,866, with their DCT and HeidelTime dates as converted by
    tls-rl: day values, months as ``YYYY-MM-01``, years as ``YYYY-01-01``, no spans). Silver
    only: agreement of our day / month / year values with HeidelTime's (micro precision and
    recall over per-article multisets), speed on real articles, and how often
    ``published_from_text`` finds a date and whether it equals the DCT."""
    tp = ours_total = theirs_total = articles = words = 0
    found = correct = 0
    cpu = 0.0
    for path in sorted(root.glob("*/articles.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            dct = _parse_dct(str(item.get("dct") or ""))
            text = str(item.get("text") or "")
            if dct is None or not text:
                continue
            articles += 1
            words += len(text.split())
            start = time.process_time()
            mentions = find_dates(text, dct)
            stated = published_from_text(text, ())
            cpu += time.process_time() - start
            if stated is not None:
                found += 1
                correct += stated.value == dct.isoformat()
            ours: Counter[str] = Counter()
            for m in mentions:
                if m.value is None:
                    continue
                if m.granularity == "day":
                    ours[m.value] += 1
                elif m.granularity == "month":
                    ours[m.value + "-01"] += 1
                elif m.granularity == "year":
                    ours[m.value + "-01-01"] += 1
            theirs = Counter(str(v) for v in item.get("dates") or [] if v)
            tp += sum((ours & theirs).values())
            ours_total += sum(ours.values())
            theirs_total += sum(theirs.values())
    return {"articles": articles, "words": words, "cpu_seconds": cpu,
            "agreement": _prf(tp, ours_total, theirs_total),
            "published_found": found, "published_correct": correct}


def evaluate_dates(data_dir: Path, examples_dir: Path | None = None,
                   baseline: bool = True) -> dict[str, Any]:
    """All figures: ``meantime`` (when ``data_dir/meantime-en`` exists) and ``examples``."""
    result: dict[str, Any] = {}
    root = Path(data_dir) / MEANTIME
    if root.is_dir():
        result["meantime"] = evaluate_meantime(root, baseline=baseline)
    t17 = Path(data_dir) / "timeline17"
    if t17.is_dir():
        result["timeline17"] = evaluate_timeline17(t17)
    if examples_dir is None:
        examples_dir = Path(__file__).resolve().parents[2] / "examples"
    if (examples_dir / "expected.json").is_file():
        result["examples"] = evaluate_examples(examples_dir, baseline=baseline)
    return result


def format_table(result: dict[str, Any]) -> str:
    lines: list[str] = []
    m = result.get("meantime")
    if m:
        lines += [f"MEANTIME (English): {m['documents']} documents, {m['expressions']} TIMEX3 "
                  f"with text (DCT excluded) {m['by_type']}", "",
                  f"{'value accuracy, gold spans, DCT anchor':44} {'strict':>8} {'lenient':>8} "
                  f"{'seconds':>8}",
                  f"{'storyline (extract.dates)':44} {m['accuracy']:8.3f} "
                  f"{m['accuracy_lenient']:8.3f} {m['seconds_ours']:8.2f}"]
        if m["dateparser_accuracy"] is not None:
            lines.append(f"{'dateparser alone (RELATIVE_BASE=DCT, past)':44} "
                         f"{m['dateparser_accuracy']:8.3f} {m['dateparser_accuracy_lenient']:8.3f}"
                         f" {m['seconds_dateparser']:8.2f}")
        w = m["with_dct"]
        lines.append(f"{'  + the 118 DCT lines (no anchor), storyline':44} {w['accuracy']:8.3f}"
                     f"   ({w['expressions']} expressions)")
        if w["dateparser_accuracy"] is not None:
            lines.append(f"{'  + the 118 DCT lines (no anchor), dateparser':44} "
                         f"{w['dateparser_accuracy']:8.3f}")
        lines += ["", "by type (storyline): " + ", ".join(
            f"{k} {v:.3f}" for k, v in sorted(m["accuracy_by_type"].items()))]
        if m.get("dateparser_accuracy_by_type"):
            lines.append("by type (dateparser): " + ", ".join(
                f"{k} {v:.3f}" for k, v in sorted(m["dateparser_accuracy_by_type"].items())))
        lines += ["",
            f"{'detection vs gold spans':44} {'P':>8} {'R':>8} {'F1':>8}"]
        for key in ("detection_strict", "detection_lenient"):
            d = m[key]
            lines.append(f"{key.replace('detection_', 'storyline, '):44} {d['precision']:8.3f} "
                         f"{d['recall']:8.3f} {d['f1']:8.3f}")
        if m.get("dateparser_detection_lenient"):
            d = m["dateparser_detection_lenient"]
            lines.append(f"{'dateparser search_dates, lenient':44} {d['precision']:8.3f} "
                         f"{d['recall']:8.3f} {d['f1']:8.3f}   "
                         f"({m['seconds_dateparser_search']:.2f} s)")
        p = m["published_from_text"]
        lines += ["", f"publication date from the text: {p['correct']}/{p['documents']} correct "
                  f"({p['found']} found)"]
    t = result.get("timeline17")
    if t:
        a = t["agreement"]
        lines += ["", f"Timeline17 ({t['articles']} articles, {t['words']} words; silver): agreement "
                  f"with HeidelTime's dates P {a['precision']:.3f} R {a['recall']:.3f}; "
                  f"{t['words'] / max(t['cpu_seconds'], 1e-9):,.0f} words per CPU second; "
                  f"publication date from the text: {t['published_correct']}/"
                  f"{t['published_found']} found equal the DCT"]
    e = result.get("examples")
    if e:
        lines += ["", f"sample corpus (examples/expected.json): {e['correct']}/{e['expressions']} "
                  f"planted dates resolved as intended ({e['found']} found)"]
        if e.get("dateparser_correct") is not None:
            lines.append(f"  dateparser alone on the same planted phrases: {e['dateparser_correct']}/"
                         f"{e['expressions']}")
        sp = e.get("speed") or {}
        if sp:
            line = f"speed, one 800-word article (CPU): storyline {sp['storyline_ms']:.1f} ms"
            if sp.get("dateparser_search_ms") is not None:
                line += f", dateparser.search_dates {sp['dateparser_search_ms']:.0f} ms"
            lines.append(line)
        for miss in e["misses"]:
            lines.append(f"  miss: {miss['doc']}: {miss['text']!r} expected {miss['expected']}, "
                         f"got {miss['got']}")
    return "\n".join(lines)


def main(data_dir: Path | str | None = None, baseline: bool = True) -> dict[str, Any]:
    """Print the table (``storyline eval dates``) and return the figures."""
    if data_dir is None:
        shared = os.environ.get("STORYLINE_SHARED") or Path(__file__).resolve().parents[3] / "shared"
        data_dir = Path(shared) / "data"
    result = evaluate_dates(Path(data_dir), baseline=baseline)
    print(format_table(result))
    return result


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
