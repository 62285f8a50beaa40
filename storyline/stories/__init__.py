"""Stories: incremental clustering of articles into stories (one real-world event or episode)
and storylines (a developing story over weeks).

    from storyline.stories import StoryIndex, StoryParams, story_doc, story_records
    index = StoryIndex(StoryParams.from_settings(settings))
    for article in articles:
        assignment = index.add(story_doc(article))
    records = [r.to_dict() for r in story_records(index)]   # storyline stories --format json

See docs/stories.md.
"""

from __future__ import annotations

from storyline.stories.doc import StoryDoc, parse_day, story_doc, story_doc_from_output
from storyline.stories.index import Assignment, StoryIndex, cluster, date_order
from storyline.stories.output import StoryRecord, story_records
from storyline.stories.params import StoryParams

__all__ = [
    "Assignment",
    "StoryDoc",
    "StoryIndex",
    "StoryParams",
    "StoryRecord",
    "cluster",
    "date_order",
    "parse_day",
    "story_doc",
    "story_doc_from_output",
    "story_records",
]
