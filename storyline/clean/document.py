"""``clean_document``: a raw document → an :class:`~storyline.records.Article` or a rejection.

A pure function of its arguments: no I/O, no globals that change results, picklable inputs and
outputs, so the local process pool and Spark executors give identical results.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from storyline.clean.dates import parse_published
from storyline.clean.furniture import dateline, looks_like_sentence, remove_furniture, words
from storyline.clean.html import MAX_DEPTH, Extracted, extract_html, nesting_depth
from storyline.clean.language import detect_language, supported_languages
from storyline.config import DEFAULT_SETTINGS, Settings
from storyline.errors import Rejected, reject
from storyline.ids import text_hash
from storyline.records import UNRESOLVED_DATE, Article, DateValue, RawDocument

STAGE = "clean"

#: Paragraphs of the cleaned text are separated by a blank line.
PARAGRAPH_SEPARATOR = "\n\n"

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_lines(text: str) -> list[str]:
    """NFC, invisible and control characters dropped, spaces collapsed, blank lines dropped."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def headline_of(lines: list[str]) -> str | None:
    """The first line, if it reads like a headline rather than a paragraph."""
    if len(lines) < 2:
        return None
    first = lines[0]
    count = len(words(first))
    if not 2 <= count <= 30 or len(first) > 250 or looks_like_sentence(first):
        return None
    if first.rstrip("\"'”’").endswith((".", ",", ";", ":")):
        return None
    return first


def is_title_line(line: str, title: str) -> bool:
    """Whether the first body line is the headline again (``title`` may add "| Site")."""
    if looks_like_sentence(line) or not 1 <= len(words(line)) <= 30:
        return False
    folded = " ".join(line.casefold().split())
    whole = " ".join(title.casefold().split())
    return bool(folded) and folded in whole and len(folded) >= len(whole) // 2


def _outlet(meta: dict[str, str], extracted: Extracted | None, url: str | None) -> str | None:
    if meta.get("outlet"):
        return meta["outlet"]
    if extracted and extracted.sitename:
        return extracted.sitename
    host = (extracted.hostname if extracted else None) or (urlsplit(url).hostname if url else None)
    return host[4:] if host and host.startswith("www.") else host


def clean_document(raw: RawDocument, settings: Settings = DEFAULT_SETTINGS) -> Article | Rejected:
    """Main text, metadata, furniture removal and language of one raw document."""
    try:
        return _clean(raw, settings)
    except RecursionError:
        return reject("malformed", "the document is nested too deeply to parse", STAGE, raw.input, raw.id)
    except Exception as exc:  # noqa: BLE001 — a bad record must never stop a batch
        return reject("stage_error", f"{type(exc).__name__}: {str(exc)[:200]}", STAGE, raw.input, raw.id)


def _clean(raw: RawDocument, settings: Settings) -> Article | Rejected:
    meta = raw.meta
    extracted: Extracted | None = None
    if raw.content_type == "html":
        extracted = extract_html(raw.content, url=meta.get("url"), favor_precision=settings["clean.favor_precision"])
        if extracted is None:
            if nesting_depth(raw.content) > MAX_DEPTH:
                return reject("malformed", f"the HTML is nested more than {MAX_DEPTH} levels deep and cannot be parsed", STAGE, raw.input, raw.id)
            return reject("no_text", "no main text found in the HTML page", STAGE, raw.input, raw.id)
        lines = normalise_lines(extracted.text)
    else:
        lines = normalise_lines(raw.content)
    title = meta.get("title") or (extracted.title if extracted else None)
    if raw.content_type == "text" and not title:
        title = headline_of(lines)
    removed: tuple[str, ...] = ()
    if settings["clean.remove_furniture"]:
        # full rules for extracted text; line patterns only after trafilatura (benchmarked:
        # the contextual rules lower recall on HTML, the patterns raise precision)
        result = remove_furniture(lines, contextual=raw.content_type == "text")
        lines, removed = list(result.kept), result.removed
    if lines and title and is_title_line(lines[0], title):
        lines = lines[1:]  # the headline is the title, not part of the body
    text = PARAGRAPH_SEPARATOR.join(lines)
    if len(text) < settings["clean.min_chars"]:
        return reject("no_text", f"only {len(text)} characters of text after cleaning (setting clean.min_chars is {settings['clean.min_chars']})", STAGE, raw.input, raw.id)
    language = detect_language(text)
    url = meta.get("url") or (extracted.url if extracted else None)
    published = parse_published(meta.get("published") or (extracted.date if extracted else None))
    outlet = _outlet(meta, extracted, url)
    for line in removed if not published.value else ():
        found = dateline(line)  # "Eastern Dispatch | Sunday, 8 March 2026", printed on the page
        if found and parse_published(found[1]).granularity == "day":
            published = DateValue(parse_published(found[1]).value, "day", "text")
            outlet = outlet or found[0]
            break
    return Article(
        id=raw.id,
        input=raw.input,
        text=text,
        text_hash=text_hash(text),
        title=title,
        outlet=outlet,
        author=meta.get("author") or (extracted.author if extracted else None),
        url=url,
        published=published if published.value else UNRESOLVED_DATE,
        removed=removed,
        language=language,
        supported=language is None or language in supported_languages(settings["clean.languages"]),
    )
