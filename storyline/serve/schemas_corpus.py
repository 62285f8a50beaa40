"""JSON schemas of the corpus-level responses (stories, entities, quotes, events, positions,
conflicts, briefs, timelines, networks), merged into the OpenAPI components by
:mod:`storyline.serve.schemas`. They list the keys clients can rely on; extra keys are allowed."""

from __future__ import annotations

from typing import Any

STR_OR_NULL = {"type": ["string", "null"]}
INT_OR_NULL = {"type": ["integer", "null"]}
STRINGS = {"type": "array", "items": {"type": "string"}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


ACTOR = {"type": ["object", "null"], "properties": {"entity": STR_OR_NULL, "name": STR_OR_NULL}}
SOURCE = _obj(["article"], article={"type": "string"}, outlet=STR_OR_NULL, start=INT_OR_NULL,
              end=INT_OR_NULL, text={"type": "string"})
STORY_FIELDS = {"id": {"type": "string"}, "level": {"type": "string", "enum": ["story", "storyline"]},
                "parent": STR_OR_NULL, "title": {"type": "string"}, "start": STR_OR_NULL,
                "end": STR_OR_NULL, "n_articles": {"type": "integer"},
                "n_outlets": {"type": "integer"}, "key_phrases": STRINGS}

CORPUS_COMPONENTS: dict[str, Any] = {
    "StorySummary": _obj(list(STORY_FIELDS), **STORY_FIELDS),
    "Story": _obj(list(STORY_FIELDS) + ["articles", "article_summaries", "conflicts", "claims",
                                        "events", "coverage"],
                  **STORY_FIELDS, articles=STRINGS, articles_total={"type": "integer"},
                  claims_total={"type": "integer"}, events_total={"type": "integer"},
                  conflicts_total={"type": "integer"},
                  article_summaries={"type": "array", "items": {"type": "object"}},
                  stories={"type": "array", "items": _ref("StorySummary")},
                  storyline=STR_OR_NULL,
                  conflicts={"type": "array", "items": _ref("Conflict")},
                  claims={"type": "array", "items": _ref("Claim")},
                  events={"type": "array", "items": {"type": "object"}},
                  coverage={"type": "array", "items": _obj(
                      ["outlet", "articles"], outlet={"type": "string"},
                      articles={"type": "integer"}, copies={"type": "integer"},
                      share={"type": "number"})}),
    "Claim": _obj(["kind", "about", "value", "sources"], id={"type": "string"},
                  story={"type": "string"}, kind={"type": "string"}, about={"type": "string"},
                  value={"type": "string"}, outlets={"type": "integer"},
                  single_source={"type": "boolean"}, sources={"type": "array", "items": SOURCE}),
    "Conflict": _obj(["id", "story", "kind", "about", "sides"], id={"type": "string"},
                     story={"type": "string"}, kind={"type": "string"}, about={"type": "string"},
                     sides={"type": "array", "items": _obj(
                         ["article", "value", "text"], article={"type": "string"},
                         value={"type": "string"}, text={"type": "string"}, start=INT_OR_NULL,
                         end=INT_OR_NULL, date=STR_OR_NULL)}),
    "Brief": {"type": "object", "required": ["story", "headline", "sources"],
              "description": "The cited briefing of storyline.report (points, actors, quotes, "
                             "conflicts, single_source, coverage), or when it cannot be built "
                             "the claims summary (sections); sources[n - 1] is citation [n].",
              "properties": {
                  "story": {"type": "string"}, "headline": {"type": "string"},
                  "points": {"type": "array", "items": _obj(
                      ["text", "sources"], text={"type": "string"},
                      sources={"type": "array", "items": {"type": "integer"}})},
                  "sections": {"type": "array", "items": {"type": "object"}},
                  "sources": {"type": "array", "items": _obj(
                      ["n", "article", "href"], n={"type": "integer"}, article={"type": "string"},
                      start=INT_OR_NULL, end=INT_OR_NULL, text={"type": "string"},
                      outlet=STR_OR_NULL, href={"type": "string"})}}},
    "Timeline": _obj(["items", "undated_events"], undated_events={"type": "integer"},
                     items={"type": "array", "items": _obj(
                         ["date", "kind", "label"], date={"type": "string"},
                         granularity=STR_OR_NULL, kind={"type": "string", "enum": ["event", "article"]},
                         type=STR_OR_NULL, label={"type": "string"}, href=STR_OR_NULL,
                         sources={"type": "integer"})}),
    "Network": _obj(["nodes", "edges"],
                    nodes={"type": "array", "items": _obj(
                        ["id", "name"], id={"type": "string"}, entity=STR_OR_NULL,
                        name={"type": "string"}, type=STR_OR_NULL, out={"type": "integer"},
                        **{"in": {"type": "integer"}})},
                    edges={"type": "array", "items": _obj(
                        ["source", "target", "count"], source={"type": "string"},
                        target={"type": "string"}, count={"type": "integer"},
                        types={"type": "object", "additionalProperties": {"type": "integer"}})}),
    "EntitySummary": _obj(["id", "name", "type", "aliases", "roles"], id={"type": "string"},
                          name={"type": "string"}, type={"type": "string"}, aliases=STRINGS,
                          roles=STRINGS, affiliation=STR_OR_NULL, acts_for=STR_OR_NULL,
                          n_articles={"type": "integer"}, n_mentions={"type": "integer"}),
    "QuoteRow": _obj(["article", "text", "kind", "speaker"], article={"type": "string"},
                     title=STR_OR_NULL, outlet=STR_OR_NULL, published=STR_OR_NULL,
                     text={"type": "string"}, kind={"type": "string"}, start={"type": "integer"},
                     end={"type": "integer"}, cue=STR_OR_NULL, speaker=ACTOR),
    "EventRow": _obj(["article", "type", "source", "sentence"], article={"type": "string"},
                     type={"type": "string"}, mode=STR_OR_NULL, source=ACTOR, target=ACTOR,
                     location=STR_OR_NULL, date={"type": "object"}, negated={"type": "boolean"},
                     hypothetical={"type": "boolean"}, future={"type": "boolean"},
                     condition=STR_OR_NULL, sentence={"type": "object"}),
    "PositionRow": _obj(["article", "actor", "issue", "stance", "evidence"],
                        article={"type": "string"}, actor=ACTOR, issue={"type": "string"},
                        stance={"type": "string"}, condition=STR_OR_NULL,
                        evidence={"type": "object"}),
}
CORPUS_COMPONENTS["EntityDetail"] = {
    "allOf": [_ref("EntitySummary"), _obj(
        ["articles", "quotes", "events", "positions", "stories"], articles=STRINGS,
        quotes={"type": "array", "items": _ref("QuoteRow")},
        events={"type": "array", "items": _ref("EventRow")},
        positions={"type": "array", "items": _ref("PositionRow")},
        stories={"type": "array", "items": {"type": "object"}})]}
