"""A story's cited summary, built from what :func:`storyline.store.queries.get_story` returns
(claims with their sources, conflicts), for the story page and ``/api/stories/{id}/brief``.

Every line carries citations ``[n]``; citation ``n`` is one source sentence (article id and
character offsets into its cleaned text), opened by :func:`cite_url` with the sentence
highlighted. Claims stated by more independent outlets come first; single-source ones are
marked. This is the stand-in until :mod:`storyline.report` provides ``briefing(...)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

#: Sections of the summary: (claim kind, heading, at most this many lines).
SECTIONS = (("statement", "What happened", 10), ("role", "Who is who", 8),
            ("position", "Positions", 8), ("quote", "What was said", 8))
#: Claims of other kinds (events, numbers ...) go to this section.
OTHER = ("Other claims", 6)


def cite_url(article: str, start: Any, end: Any) -> str:
    """The article page with ``[start, end)`` highlighted and scrolled into view."""
    base = f"/articles/{quote(str(article), safe='')}"
    if type(start) is int and type(end) is int and 0 <= start < end:
        return f"{base}?hl={start}-{end}#cite"
    return base


def _line(claim: Mapping[str, Any]) -> str:
    kind, about, value = claim.get("kind"), str(claim.get("about") or ""), str(claim.get("value") or "")
    if kind == "role" and about:
        return f"{about}: {value}"
    if kind == "position" and about:
        return f"{about}: {value}"
    if kind == "quote" and about:
        return f"{about}: “{value}”"
    return value


def _rank(claim: Mapping[str, Any]) -> tuple[int, int]:
    outlets = claim.get("outlets")
    return (-(outlets if isinstance(outlets, int) else 1), -len(claim.get("sources") or []))


class _Citations:
    """Numbers citations in order of first use, one number per distinct source sentence."""

    def __init__(self, articles: Mapping[str, Mapping[str, Any]]) -> None:
        self.articles = articles
        self.numbers: dict[tuple[str, Any, Any], int] = {}
        self.sources: list[dict[str, Any]] = []

    def cite(self, source: Mapping[str, Any]) -> int | None:
        article = source.get("article")
        if not isinstance(article, str) or not article:
            return None
        key = (article, source.get("start"), source.get("end"))
        if key not in self.numbers:
            meta = self.articles.get(article, {})
            self.numbers[key] = len(self.sources) + 1
            self.sources.append({
                "n": len(self.sources) + 1, "article": article, "start": source.get("start"),
                "end": source.get("end"), "text": str(source.get("text") or ""),
                "outlet": source.get("outlet") or meta.get("outlet"), "title": meta.get("title"),
                "published": meta.get("published"), "href": cite_url(article, *key[1:])})
        return self.numbers[key]


def cited_summary(story: Mapping[str, Any], *, max_sources_per_line: int = 4) -> dict[str, Any]:
    """``{"sections": [{"title", "items": [{"text", "kind", "outlets", "single_source",
    "cites": [n, ...]}]}], "sources": [{"n", "article", "start", "end", "text", "outlet",
    "title", "published", "href"}], "conflicts": n}`` for one story record."""
    articles = {s["id"]: s for s in story.get("article_summaries") or [] if isinstance(s, Mapping)}
    citations = _Citations(articles)
    claims = [c for c in story.get("claims") or [] if isinstance(c, Mapping)]
    known = {kind for kind, _, _ in SECTIONS}
    groups = [(title, limit, [c for c in claims if c.get("kind") == kind]) for kind, title, limit in SECTIONS]
    groups.append((OTHER[0], OTHER[1], [c for c in claims if c.get("kind") not in known]))
    sections = []
    for title, limit, members in groups:
        items, seen = [], set()
        for claim in sorted(members, key=_rank):
            text = _line(claim).strip()
            if not text or text in seen:
                continue
            seen.add(text)
            sources = [s for s in claim.get("sources") or [] if isinstance(s, Mapping)]
            cites = [n for n in (citations.cite(s) for s in sources[:max_sources_per_line]) if n]
            if not cites:
                continue
            raw = claim.get("outlets")
            outlets = raw if isinstance(raw, int) else 1
            items.append({"text": text, "kind": claim.get("kind"), "outlets": outlets,
                          "single_source": outlets <= 1, "cites": cites})
            if len(items) >= limit:
                break
        if items:
            sections.append({"title": title, "items": items})
    return {"sections": sections, "sources": citations.sources,
            "conflicts": len(story.get("conflicts") or [])}


def to_markdown(story: Mapping[str, Any], summary: Mapping[str, Any]) -> str:
    """The summary as Markdown; citations are reference links to the source sentences."""
    lines = [f"# {_md(story.get('title') or story.get('id'))}", ""]
    span = " – ".join(str(x) for x in (story.get("start"), story.get("end")) if x)
    lines += [f"{story.get('n_articles', 0)} articles from {story.get('n_outlets', 0)} outlets"
              + (f", {span}" if span else "") + ".", ""]
    for section in summary["sections"]:
        lines += [f"## {section['title']}", ""]
        for item in section["items"]:
            refs = "".join(f"[[{n}]]" for n in item["cites"])
            flag = " *(single source)*" if item["single_source"] else ""
            lines.append(f"- {_md(item['text'])} {refs}{flag}")
        lines.append("")
    if summary["sources"]:
        lines += ["## Sources", ""]
        for s in summary["sources"]:
            lines.append(f"[{s['n']}]: {s['href']} \"{_md(s['outlet'] or s['article'])}\"")
    return "\n".join(lines).rstrip() + "\n"


def _md(text: Any) -> str:
    """Markdown-inert text: Markdown punctuation is backslash-escaped and ``& < >`` become
    entity references, so no renderer sees a tag or a link in it."""
    out = str(text or "").replace("\r", " ").replace("\n", " ")
    for char in "\\`*_{}[]()#+!|\"":
        out = out.replace(char, "\\" + char)
    return out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section_counts(summary: Mapping[str, Any]) -> Sequence[tuple[str, int]]:
    return [(s["title"], len(s["items"])) for s in summary["sections"]]
