"""Page furniture that survives extraction: find it line by line, remove it, keep a record.

Conservative by design. A line is removed only when it carries a furniture signal:

- a *pattern* that is furniture whatever its context (``Read Entire Article``, ``Read more
  coverage on …``, ``Check out this related article: …``, ``Source link…``, ``Tags:``, login
  prompts, comment widgets, share counters such as ``1 month ago 5`` or ``0 0``);
- a *photo credit* (``… | Getty Images``, ``Photo: …``, ``Name | Outlet``), and the *caption*
  right above it when that is a single sentence;
- a *dateline* (``Outlet | Sunday, 8 March 2026``; the clean stage reads its date and outlet);
- a *tag list* (``Valdoria,Tessaria,truce,world news``);
- a *byline of an aggregator*: a short name-like line in the header, next to other furniture;
- an exact *duplicate* of an earlier line (a repeated headline).

Lines that read like article sentences (long, with sentence punctuation and lower-case words)
are never removed by the short-line rules. Every removed line is returned, so a user can audit
what went.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_UNITS = r"(?:second|sec|minute|min|hour|hr|day|week|month|year)s?"

#: Furniture wherever it appears, on a line of at most ``_MAX_PATTERN_WORDS`` words.
_PATTERNS = [re.compile(p, re.I) for p in (  # one regex each, for readable tests and docs
    r"^read (the )?(entire|full|whole|original) (article|story|post)\b",
    r"^(continue|click here to) read(ing)?\b",
    r"^read more( coverage| stories| news)?( on| at| from| about)?\b(?!.*[.!?]\s+\S)",
    r"^(check out|see|read) (this|these|our|the)? ?(related|also|more)\b.*",
    r"^(related( articles?| stories| posts| coverage| content)?|see also|also read|read also|more from|more on this|recommended( for you)?|you (may|might) also like|trending( now)?|most read|most popular|top stories)\s*[:\-–—|]?",
    r"^source\s*link",
    r"^[\s•·▪●◦*\-–—|]*(tags?|tagged( with)?|topics?|categories|category|filed under|keywords?)\s*[:：]",
    r"^[\s•·▪●◦*\-–—|]*(tags?|topics?)\s*$",
    r"\b(please )?(log ?in|sign ?in|sign ?up|register)\b.{0,40}\b(to )?(comment|like|reply|continue|read|post)\b",
    r"\bto (comment|like|reply|post|vote)\b.{0,40}\b(log ?in|sign ?in|register)\b",
    r"^(log ?in|sign ?in|sign ?up|register|subscribe)(\s*[/|]\s*(log ?in|sign ?in|sign ?up|register|subscribe))*\s*[.!]*$",
    r"you must be logged in",
    r"^(\d+\s+)?(comments?|replies)(\s*\(\d+\))?\s*$",
    r"^(leave|post|add|write|view|show|hide|load|see) (a |all |the )?(comments?|reply|replies)\b",
    r"^be the first to (comment|reply|review)",
    r"^(join|start) the (conversation|discussion)\s*[.!]?$",
    r"^(share|tweet|email|print|pin)( (this|on|via) [\w .]+)?\s*$",
    r"^share (this )?(article|story|post)\b",
    r"^follow us (on|at)\b",
    r"^(sign up|subscribe) (for|to) (our|the) [\w ]*newsletters?\b",
    r"^(advertisement|sponsored( content)?|story continues below( advertisement)?|ad)\s*[:.]?\s*$",
    r"^(skip to (main )?content|back to top|scroll to top|jump to)\b",
    rf"^(\d+\s+)?{_UNITS}\s+ago(\s+\d+)*\s*$",
    r"^(updated|posted|published)\s*[:\-]?\s*\d+\s+" + _UNITS + r"\s+ago\s*$",
)]
_MAX_PATTERN_WORDS = 40

#: Labelled furniture ("Read more: …", "Tags: …") is removed even when it reads like a sentence;
#: every other pattern spares lines that look like article sentences.
_LABEL = re.compile(
    r"^[\s•·▪●◦*\-–—|]*(read more|see more|see also|related( \w+)?|also read|read also|more on this"
    r"|tags?|topics?|filed under|check out this related \w+)\s*:|^source\s*link|^read (the )?(entire|full) (article|story)"
    r"|^you must be logged in|^(please )?(log ?in|sign ?in|register) to (comment|reply|post|like)",
    re.I,
)

#: A share/like/view counter: only numbers (``0 0``, ``12``, ``1.2K 34``).
_COUNTER = re.compile(r"^[\d\s.,:/|kKmM]+$")

_AGENCIES = (
    r"getty images|ap photo|associated press|reuters|afp|epa|shutterstock|alamy|"
    r"bloomberg|pool photo|anadolu|sputnik|tass|xinhua|ria novosti|photo ?(credit)?|"
    r"image ?(credit)?|credit|file photo|courtesy|handout|istock|wikimedia|flickr|imago"
)
#: A photo credit: pipe-separated parts ending in an agency, or "Photo: …" / "(Photo by …)".
_CREDIT = [re.compile(p, re.I) for p in (
    rf"^[^|]{{0,80}}(\|[^|]{{0,80}}){{0,4}}\|\s*({_AGENCIES})[\w ./]*$",
    r"^\(?\s*(photo|image|picture|photograph|credit|photo credit|image credit|source)\s*(by|:)\s*[^.!?]{0,120}\)?\s*$",
    rf"^[^.!?]{{0,80}}\s*/\s*({_AGENCIES})\s*(via [\w ]+)?\)?\s*$",
    rf"^\(?({_AGENCIES})\)?\s*$",
)]
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")
_MULTI_SENTENCE = re.compile(r"[a-z0-9)]{2,}[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")


@dataclass(frozen=True)
class FurnitureResult:
    """Lines kept (in order) and lines removed (in order), both stripped."""

    kept: tuple[str, ...]
    removed: tuple[str, ...]


def words(line: str) -> list[str]:
    return _WORD.findall(line)


#: The same patterns as one alternation: one search per line instead of one per pattern.
_ANY_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for p in _PATTERNS), re.I)


@lru_cache(maxsize=8192)
def looks_like_sentence(line: str) -> bool:
    """An article sentence: at least eight words, sentence punctuation, mostly lower case."""
    tokens = words(line)
    if len(tokens) < 8:
        return False
    lower = sum(1 for t in tokens if t[0].islower())
    return bool(_SENTENCE_END.search(line)) and lower >= max(3, len(tokens) // 3)


def is_pattern_furniture(line: str) -> bool:
    if len(words(line)) > _MAX_PATTERN_WORDS:
        return False
    if looks_like_sentence(line) and not _LABEL.search(line):
        return False
    return bool(_ANY_PATTERN.search(line))


def is_counter(line: str) -> bool:
    return bool(_COUNTER.match(line)) and any(c.isdigit() for c in line) and len(line) <= 30


_ANY_CREDIT = re.compile("|".join(f"(?:{p.pattern})" for p in _CREDIT), re.I)


@lru_cache(maxsize=8192)
def is_credit(line: str) -> bool:
    if len(line) > 200 or looks_like_sentence(line):
        return False
    return bool(_ANY_CREDIT.search(line))


_DATE_PART = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[:.]\d{2}\b"
    r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.I,
)


def pipe_parts(line: str) -> list[str] | None:
    """``Name | Outlet`` or ``Outlet | Sunday, 8 March 2026``: 2–6 short capitalised parts.

    Table rows (which start with ``|``) and sentences are not pipe lines.
    """
    if line.startswith("|") or " | " not in line or len(line) > 200 or looks_like_sentence(line):
        return None
    parts = [part.strip() for part in line.split("|")]
    if not 2 <= len(parts) <= 6:
        return None
    for part in parts:
        if not part or len(words(part)) > 8 or not (part[0].isupper() or part[0].isdigit()):
            return None
        if _SENTENCE_END.search(part) and not part.endswith((".com", "Inc.", "Ltd.", "Co.")):
            return None
    return parts


def is_pipe_credit(line: str) -> bool:
    """A pipe line without a date part: a photo credit such as ``Tomas Reil | Harbour Post``."""
    parts = pipe_parts(line)
    return parts is not None and not any(_DATE_PART.search(part) for part in parts)


def dateline(line: str) -> tuple[str, str] | None:
    """``("Eastern Dispatch", "Sunday, 8 March 2026")`` from an ``Outlet | date`` line."""
    parts = pipe_parts(line)
    if parts is None or len(parts) != 2:
        return None
    first, second = parts
    if _DATE_PART.search(second) and not _DATE_PART.search(first) and is_name_like(first):
        return first, second
    return None


def is_tag_list(line: str) -> bool:
    """Comma-joined tags (``Valdoria,Tessaria,Calvera,truce,world news``): at least four short
    parts, most commas not followed by a space, no sentence punctuation."""
    if _SENTENCE_END.search(line) or looks_like_sentence(line):
        return False
    parts = [part.strip() for part in line.split(",")]
    if len(parts) < 4 or any(not part or len(words(part)) > 5 for part in parts):
        return False
    return len(re.findall(r",\S", line)) * 2 >= len(parts) - 1


def is_caption(line: str) -> bool:
    """A photo caption: one sentence (or fragment) of at most 60 words, no quotation."""
    tokens = words(line)
    if not tokens or len(tokens) > 60 or _MULTI_SENTENCE.search(line.rstrip(".")):
        return False
    return not any(q in line for q in ('"', "“", "”"))


def is_name_like(line: str) -> bool:
    """A short line of capitalised words without sentence punctuation (a byline, a site name)."""
    tokens = words(line)
    if not 1 <= len(tokens) <= 5 or _SENTENCE_END.search(line) or ":" in line:
        return False
    return all(t[0].isupper() or t.lower() in ("of", "the", "and", "by", "de", "van", "von") for t in tokens)


def _key(line: str) -> str:
    return " ".join(line.lower().split())


def remove_furniture(lines: list[str], contextual: bool = True) -> FurnitureResult:
    """Split stripped, non-empty ``lines`` into article lines and furniture.

    ``contextual=False`` applies only the line patterns, counters and credits, not the rules
    that look at neighbouring lines (captions, header bylines, duplicates): that is the pass
    for text already extracted from HTML by trafilatura, whose own layout analysis has done
    the contextual work (and where repeated lines such as recipe steps are real content).
    """
    n = len(lines)
    drop = [False] * n
    for i, line in enumerate(lines):
        if is_pattern_furniture(line) or is_counter(line) or is_credit(line) or is_tag_list(line):
            drop[i] = True
    if not contextual:
        return FurnitureResult(
            kept=tuple(line for line, gone in zip(lines, drop, strict=True) if not gone),
            removed=tuple(line for line, gone in zip(lines, drop, strict=True) if gone),
        )
    # pipe lines: credits (``Name | Outlet``) and datelines (``Outlet | Sunday, 8 March 2026``)
    for i, line in enumerate(lines):
        if i > 0 and pipe_parts(line) is not None:
            drop[i] = True
    # a caption is the single line right above a credit
    for i in range(1, n):
        credit = is_credit(lines[i]) or is_pipe_credit(lines[i])
        if drop[i] and credit and not drop[i - 1] and is_caption(lines[i - 1]) and i - 1 > 0:
            drop[i - 1] = True
    # header: lines before the first article sentence; a name-like line next to furniture there
    first_sentence = next((i for i, line in enumerate(lines) if looks_like_sentence(line)), n)
    for i in range(1, min(first_sentence, n)):
        next_is_credit = i + 1 < n and (is_credit(lines[i + 1]) or is_pipe_credit(lines[i + 1]))
        if not drop[i] and is_name_like(lines[i]) and (drop[i - 1] or (i + 1 < n and drop[i + 1] and not next_is_credit)):
            drop[i] = True
    # a repeated line (a duplicated headline): keep the first copy
    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = _key(line)
        if key in seen and len(words(line)) >= 2:
            drop[i] = True
        seen.add(key)
    kept = tuple(line for line, gone in zip(lines, drop, strict=True) if not gone)
    removed = tuple(line for line, gone in zip(lines, drop, strict=True) if gone)
    return FurnitureResult(kept=kept, removed=removed)
