"""The actor network — who acts on whom — as JSON for the story page and as GraphML for export.

Nodes are actors (a corpus-wide entity, or a name without an identity), edges are directed
source → target, weighted by the number of (non-negated) events, with their PLOVER types.
GraphML is written with every attribute value XML-escaped and characters XML 1.0 forbids
removed: entity names come from hostile article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _key(actor: dict[str, Any]) -> str:
    return actor["entity"] or "name:" + str(actor["name"])


def network(edges: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``{"nodes": [{"id", "entity", "name", "type", "out", "in"}], "edges": [{"source",
    "target", "count", "types"}]}``; node ids are entity ids or ``name:<name>``."""
    nodes: dict[str, dict[str, Any]] = {}
    out_edges = []
    for edge in edges:
        ids = []
        for side, field in (("source", "out"), ("target", "in")):
            actor = edge[side]
            node = nodes.setdefault(_key(actor), {"id": _key(actor), "entity": actor["entity"],
                                                  "name": actor["name"], "type": actor.get("type"),
                                                  "out": 0, "in": 0})
            node[field] += edge["count"]
            ids.append(node["id"])
        out_edges.append({"source": ids[0], "target": ids[1], "count": edge["count"],
                          "types": dict(sorted(edge["types"].items(), key=lambda kv: -kv[1]))})
    return {"nodes": list(nodes.values()), "edges": out_edges}


def _text(value: Any) -> str:
    return escape(_XML_BAD.sub("", str(value)))


def _attr(value: Any) -> str:
    return quoteattr(_XML_BAD.sub("", str(value)))


def graphml(graph: dict[str, Any]) -> Iterator[str]:
    """The network as GraphML (yEd, Gephi, networkx read it), in chunks."""
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
           '  <key id="name" for="node" attr.name="name" attr.type="string"/>\n'
           '  <key id="type" for="node" attr.name="type" attr.type="string"/>\n'
           '  <key id="entity" for="node" attr.name="entity" attr.type="string"/>\n'
           '  <key id="count" for="edge" attr.name="count" attr.type="int"/>\n'
           '  <key id="types" for="edge" attr.name="types" attr.type="string"/>\n'
           '  <graph id="actors" edgedefault="directed">\n')
    for node in graph["nodes"]:
        yield (f'    <node id={_attr(node["id"])}>'
               f'<data key="name">{_text(node["name"])}</data>'
               f'<data key="type">{_text(node.get("type") or "")}</data>'
               f'<data key="entity">{_text(node.get("entity") or "")}</data></node>\n')
    for i, edge in enumerate(graph["edges"]):
        types = " ".join(f"{t}:{n}" for t, n in edge["types"].items())
        yield (f'    <edge id="e{i}" source={_attr(edge["source"])} target={_attr(edge["target"])}>'
               f'<data key="count">{int(edge["count"])}</data>'
               f'<data key="types">{_text(types)}</data></edge>\n')
    yield "  </graph>\n</graphml>\n"
