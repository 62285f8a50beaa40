"""Renderers of a :class:`~storyline.report.briefing.Briefing`: JSON-ready dict, Markdown and
HTML. Article text is hostile input: HTML escapes every string it prints (no raw markup, no
inline script or style, links only to ``#`` anchors); Markdown escapes its control characters.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.report.briefing import Briefing

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def _md(text: str) -> str:
    """Markdown-safe text: control characters escaped, newlines flattened."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _refs(nums: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in nums)


def to_dict(b: Briefing) -> dict[str, Any]:
    return {
        "schema": "storyline/1",
        "story": b.story,
        "headline": b.headline,
        "points": [{"text": p.text, "sources": list(p.cites)} for p in b.points],
        "actors": [{"name": a.name, "roles": list(a.roles), "quotes": a.quotes,
                    "positions": [{"issue": i, "stance": s, "sources": list(c)}
                                  for i, s, c in a.positions]} for a in b.actors],
        "quotes": [{"speaker": q.speaker, "text": q.text, "sources": list(q.cites)}
                   for q in b.quotes],
        "conflicts": [dict(c.to_dict(), sources=list(n)) for c, n in b.conflicts],
        "single_source": [dict(c.to_dict(), cites=list(n)) for c, n in b.single_source],
        "coverage": [{"outlet": o, "articles": n} for o, n in b.coverage],
        "timeline": [{"date": d, "granularity": g, "text": t, "sources": list(n)}
                     for d, g, t, n in b.timeline],
        "sources": [dict(s.to_dict(), n=i) for i, s in enumerate(b.sources, 1)],
    }


def to_markdown(b: Briefing) -> str:
    lines = [f"# {_md(b.headline)}", "", "## Summary", ""]
    lines += [f"- {_md(p.text)} {_refs(p.cites)}" for p in b.points] or ["- (no summary)"]
    if b.actors:
        lines += ["", "## Actors and positions", ""]
        for a in b.actors:
            roles = f" ({_md(', '.join(a.roles))})" if a.roles else ""
            stances = "; ".join(f"{_md(s)}s {_md(i)} {_refs(c)}" for i, s, c in a.positions)
            lines.append(f"- **{_md(a.name)}**{roles}" + (f": {stances}" if stances else ""))
    if b.quotes:
        lines += ["", "## Key quotes", ""]
        lines += [f"- **{_md(q.speaker)}**: “{_md(q.text)}” {_refs(q.cites)}" for q in b.quotes]
    if b.conflicts:
        lines += ["", "## Where sources disagree", ""]
        for c, nums in b.conflicts:
            sides = " vs ".join(f"“{_md(s.value)}” [{n}]" for s, n in zip(c.sides, nums,
                                                                          strict=False))
            lines.append(f"- {_md(c.kind.replace('_', ' '))} — {_md(c.about)}: {sides}")
    if b.single_source:
        lines += ["", "## Single-source claims", ""]
        lines += [f"- {_md(c.kind)} — {_md(c.about)}: {_md(c.value)} {_refs(n)}"
                  for c, n in b.single_source]
    if b.timeline:
        lines += ["", "## Timeline", ""]
        lines += [f"- {_md(d)} ({_md(g)}): {_md(t)} {_refs(n)}" for d, g, t, n in b.timeline]
    if b.coverage:
        lines += ["", "## Coverage by outlet", ""]
        lines += [f"- {_md(o)}: {n} article{'s' if n != 1 else ''}" for o, n in b.coverage]
    lines += ["", "## Sources", ""]
    for i, s in enumerate(b.sources, 1):
        where = f"{_md(s.article)} {s.start}–{s.end}"
        outlet = f", {_md(s.outlet)}" if s.outlet else ""
        lines.append(f"{i}. {where}{outlet}: “{_md(s.text)}”")
    return "\n".join(lines) + "\n"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cite_links(nums: tuple[int, ...]) -> str:
    return "".join(f'<a href="#src-{n}">[{n}]</a>' for n in nums)


def to_html(b: Briefing) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{_e(b.headline)}</title></head><body>", "<article>",
           f"<h1>{_e(b.headline)}</h1>", "<h2>Summary</h2>", "<ul>"]
    out += [f"<li>{_e(p.text)} {_cite_links(p.cites)}</li>" for p in b.points]
    out.append("</ul>")
    if b.actors:
        out += ["<h2>Actors and positions</h2>", "<ul>"]
        for a in b.actors:
            roles = f" ({_e(', '.join(a.roles))})" if a.roles else ""
            stances = "; ".join(f"{_e(s)}s {_e(i)} {_cite_links(c)}" for i, s, c in a.positions)
            out.append(f"<li><strong>{_e(a.name)}</strong>{roles}"
                       + (f": {stances}" if stances else "") + "</li>")
        out.append("</ul>")
    if b.quotes:
        out += ["<h2>Key quotes</h2>", "<ul>"]
        out += [f"<li><strong>{_e(q.speaker)}</strong>: <q>{_e(q.text)}</q> "
                f"{_cite_links(q.cites)}</li>" for q in b.quotes]
        out.append("</ul>")
    if b.conflicts:
        out += ["<h2>Where sources disagree</h2>", "<ul>"]
        for c, nums in b.conflicts:
            sides = " vs ".join(f"<q>{_e(s.value)}</q> {_cite_links((n,))}"
                                for s, n in zip(c.sides, nums, strict=False))
            out.append(f"<li>{_e(c.kind.replace('_', ' '))} — {_e(c.about)}: {sides}</li>")
        out.append("</ul>")
    if b.single_source:
        out += ["<h2>Single-source claims</h2>", "<ul>"]
        out += [f"<li>{_e(c.kind)} — {_e(c.about)}: {_e(c.value)} {_cite_links(n)}</li>"
                for c, n in b.single_source]
        out.append("</ul>")
    if b.timeline:
        out += ["<h2>Timeline</h2>", "<ul>"]
        out += [f"<li><time>{_e(d)}</time> ({_e(g)}): {_e(t)} {_cite_links(n)}</li>"
                for d, g, t, n in b.timeline]
        out.append("</ul>")
    if b.coverage:
        out += ["<h2>Coverage by outlet</h2>", "<ul>"]
        out += [f"<li>{_e(o)}: {n}</li>" for o, n in b.coverage]
        out.append("</ul>")
    out += ["<h2>Sources</h2>", "<ol>"]
    for i, s in enumerate(b.sources, 1):
        outlet = f", {_e(s.outlet)}" if s.outlet else ""
        out.append(f'<li id="src-{i}">{_e(s.article)} {s.start}–{s.end}{outlet}: '
                   f"<q>{_e(s.text)}</q></li>")
    out += ["</ol>", "</article>", "</body></html>"]
    return "\n".join(out) + "\n"
