"""Stories: incremental clustering of articles into stories (one real-world event or episode)
and storylines (a developing story over weeks).

    from storyline.stories import StoryIndex, StoryParams, story_doc, story_records
    index = StoryIndex(StoryParams.from_settings(settings))
    for article in articles:
        assignment = index.add(story_doc(article))
    records = [r.to_dict() for r in story_records(index)]   # storyline stories --format json
    days = select_dates([TimelineArticle(day, article.dates) for ...], k=10)  # timeline days

See docs/stories.md.
"""

from __future__ import annotations

from storyline.stories.doc import StoryDoc, parse_day, story_doc, story_doc_from_output
from storyline.stories.index import Assignment, StoryIndex, cluster, date_order
from storyline.stories.output import StoryRecord, story_records
from storyline.stories.params import StoryParams
from storyline.stories.timeline_dates import DateScore, TimelineArticle, select_dates

__all__ = [
    "Assignment",
    "DateScore",
    "StoryDoc",
    "StoryIndex",
    "StoryParams",
    "StoryRecord",
    "TimelineArticle",
    "cluster",
    "date_order",
    "parse_day",
    "select_dates",
    "story_doc",
    "story_doc_from_output",
    "story_records",
]
