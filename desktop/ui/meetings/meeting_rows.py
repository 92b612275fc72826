"""The figures each row of the meetings list shows, read through the meetings service.

Kept apart from the table model so the model never touches the database: set_rows() gets
finished MeetingRows and data() only reads them.
"""
from __future__ import annotations

from ...meetings import service
from ...models import ActionItem, Meeting
from ...roster.service import list_members
from .meeting_table_model import MeetingRow


def build_rows(meetings: list[Meeting]) -> list[MeetingRow]:
    """One MeetingRow per meeting (meetings from search_meetings, type already loaded).

    The service has no per-list aggregate yet, so this asks it per meeting (three small
    indexed queries each); host names come from one roster read.
    """
    names = {m.id: m.name for m in list_members()} if meetings else {}
    rows = []
    for meeting in meetings:
        summary = service.attendance_summary(meeting.id)
        items = service.action_items(meeting.id)
        rows.append(MeetingRow(
            meeting=meeting,
            type_name=meeting.meeting_type.name,
            host_name=names.get(meeting.host_id, ""),
            expected=summary.expected_count,
            present=summary.present_count,
            decisions=len(service.decisions(meeting.id)),
            actions=len(items),
            open_actions=sum(1 for i in items if i.status == ActionItem.OPEN),
        ))
    return rows
