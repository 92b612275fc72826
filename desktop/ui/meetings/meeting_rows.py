"""The figures each row of the meetings list shows, read through the meetings service.

Kept apart from the table model so the model never touches the database: set_rows() gets
finished MeetingRows and data() only reads them.
"""
from __future__ import annotations

from ...meetings.figures import meeting_figures
from ...models import Meeting
from ...roster.service import member_names
from .meeting_table_model import MeetingRow


def build_rows(meetings: list[Meeting]) -> list[MeetingRow]:
    """One MeetingRow per meeting (meetings from search_meetings, type already loaded):
    a fixed handful of queries, however long the list."""
    names = member_names() if meetings else {}
    figures = meeting_figures(m.id for m in meetings)
    rows = []
    for meeting in meetings:
        counts = figures[meeting.id]
        rows.append(MeetingRow(
            meeting=meeting,
            type_name=meeting.meeting_type.name,
            host_name=names.get(meeting.host_id, ""),
            expected=counts.expected,
            present=counts.present,
            decisions=counts.decisions,
            actions=counts.actions,
            open_actions=counts.open_actions,
        ))
    return rows
