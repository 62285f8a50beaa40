"""The one read path: every renderer (CLI, HTTP API, web UI, exports) reads through here.

Functions take a SQLAlchemy ``Engine`` and return plain dicts and lists, ready for JSON.
All SQL is parameterised; user search text is turned into quoted FTS terms, never spliced.
:mod:`.articles` reads articles, duplicates, rejections and runs; :mod:`.corpus` reads stories,
entities, quotes, events, positions and conflicts.
"""

from storyline.store.queries.articles import (
    MAX_LIMIT,
    SUMMARY_COLUMNS,
    a,
    article_summaries,
    count_articles,
    count_duplicate_groups,
    count_outlets,
    count_rejections,
    count_search,
    duplicate_groups,
    duplicate_groups_page,
    filter_articles,
    fts_query,
    get_article,
    iter_article_outputs,
    latest_articles,
    list_articles,
    list_outlets,
    list_rejections,
    list_runs,
    resolve_id,
    search,
    search_marked,
    stats,
)
from storyline.store.queries.corpus import (
    canonicalise,
    count_stories,
    entity_links,
    get_entity,
    get_story,
    list_conflicts,
    list_entities,
    list_events,
    list_positions,
    list_quotes,
    list_stories,
    resolve_story_id,
    story_article_ids,
)

__all__ = [
    "MAX_LIMIT", "SUMMARY_COLUMNS", "a", "article_summaries", "canonicalise", "count_articles",
    "count_duplicate_groups", "count_outlets", "count_rejections", "count_search",
    "count_stories", "duplicate_groups", "duplicate_groups_page", "entity_links",
    "filter_articles", "fts_query", "get_article", "get_entity", "get_story",
    "iter_article_outputs", "latest_articles", "list_articles", "list_conflicts",
    "list_entities", "list_events", "list_outlets", "list_positions", "list_quotes",
    "list_rejections", "list_runs", "list_stories", "resolve_id", "resolve_story_id", "search",
    "search_marked", "stats", "story_article_ids",
]
