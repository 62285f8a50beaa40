"""Reports of a story: cited briefings and timelines.

    from storyline.corroborate import claims, conflicts, merge_events
    from storyline.report import briefing, timeline
    found = claims(story.id, articles, duplicate_of)
    brief = briefing(story, articles, found, conflicts(story.id, articles, found))
    brief.to_markdown(); brief.to_html(); brief.to_dict()
    timeline(story, articles, merge_events(story.id, articles)).to_dict()
"""

from __future__ import annotations

from storyline.report.briefing import Actor, Briefing, Point, QuoteLine, briefing
from storyline.report.timeline import Timeline, TimelineEntry, timeline

__all__ = ["Actor", "Briefing", "Point", "QuoteLine", "Timeline", "TimelineEntry", "briefing",
           "timeline"]
