"""Removing a meeting made by mistake, and putting it back (撤销).

A removal takes the meeting with everything recorded in it (attendance, notes, decisions,
its action items, its revisions) and undoes what it did to other meetings' items: items it
closed are open again, items it carried are counted one carry less. remove_meeting() keeps
all of that so restore_meeting() can put every row back as it was.

A finalized meeting is an official record: removing it needs a typed reason, and a
RemovedRecord (the reason and the full minutes as revisions.snapshot() reads them) stays
after the rows are gone.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..models import ActionItem, ActionItemCarry, Meeting, RemovedRecord, db
from ..models.snapshot import RecordSnapshot, capture, capture_row, restore, revert_row
from .action_items import forget_meeting
from .common import MeetingError, get_meeting
from .notes import clear_pending_line, load_pending_line, save_pending_line
from .revisions import snapshot as minutes_snapshot

KIND = "meeting"


@dataclass(frozen=True)
class RemovedMeeting:
    """What restore_meeting() needs: the meeting's rows, other meetings' items as they were,
    the line being typed, and the trace left for a finalized meeting."""

    meeting_id: int
    label: str
    rows: RecordSnapshot
    other_items: tuple[RecordSnapshot, ...]
    pending_line: str
    trace_id: int | None


def meeting_label(meeting: Meeting) -> str:
    """What a person recognises in a message: "2026-12-05 班前会（12月5日班前会）"."""
    label = f"{meeting.date:%Y-%m-%d} {meeting.meeting_type.name}"
    if meeting.title and meeting.title != f"{meeting.date.month}月{meeting.date.day}日{meeting.meeting_type.name}":
        label += f"（{meeting.title}）"
    return label


def needs_reason(meeting_id) -> bool:
    return get_meeting(meeting_id).is_final


def remove_meeting(meeting_id, reason: str = "") -> RemovedMeeting:
    """Delete the meeting in one transaction; a finalized one only with a *reason*."""
    reason = (reason or "").strip()
    with db.atomic():
        meeting = get_meeting(meeting_id)
        label = meeting_label(meeting)
        if meeting.is_final and not reason:
            raise MeetingError("会议记录已定稿，删除须填写原因。")
        # Items of other meetings that this one closed or carried: forget_meeting changes them.
        carried = ActionItemCarry.select(ActionItemCarry.item).where(ActionItemCarry.meeting == meeting.id)
        touched = ActionItem.select().where(
            (ActionItem.meeting != meeting.id)
            & ((ActionItem.closed_in == meeting.id) | ActionItem.id.in_(carried)))
        other_items = tuple(capture_row(item) for item in touched)
        rows = capture(meeting)
        trace_id = None
        if meeting.is_final:
            trace_id = RemovedRecord.create(
                kind=KIND, label=label, reason=reason,
                snapshot=json.dumps(minutes_snapshot(meeting), ensure_ascii=False)).id
        pending = load_pending_line(meeting.id)
        forget_meeting(meeting.id)
        clear_pending_line(meeting.id)
        Meeting.delete().where(Meeting.id == meeting.id).execute()  # the rest cascades
    return RemovedMeeting(meeting.id, label, rows, other_items, pending, trace_id)


def restore_meeting(removed: RemovedMeeting) -> Meeting:
    """Undo remove_meeting(): every row back under its id, other items as they were.
    Raises models.snapshot.RestoreConflict when that is no longer possible."""
    with db.atomic():
        restore(removed.rows)
        for item in removed.other_items:
            revert_row(item)
        if removed.pending_line:
            save_pending_line(removed.meeting_id, removed.pending_line)
        if removed.trace_id is not None:
            # The official record is back unchanged, revisions included: nothing was removed.
            RemovedRecord.delete().where(RemovedRecord.id == removed.trace_id).execute()
    return Meeting.get_by_id(removed.meeting_id)


def removed_meetings() -> list[RemovedRecord]:
    """The traces of removed finalized meetings, newest first."""
    return list(RemovedRecord.select().where(RemovedRecord.kind == KIND)
                .order_by(RemovedRecord.removed_at.desc(), RemovedRecord.id.desc()))
