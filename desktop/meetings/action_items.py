"""待办: raised in a meeting, reviewed in the following ones until closed.

Each carry is an ActionItemCarry row (unique per item and meeting), so carrying is
idempotent per meeting and the minutes can list what a meeting carried on;
carried_count is kept beside it for quick display.
"""
from __future__ import annotations

import datetime as dt

from peewee import JOIN

from ..models import ActionItem, ActionItemCarry, Meeting, Member, db
from .common import (
    MeetingError,
    clean_date,
    clean_text,
    get_meeting,
    get_member,
    key,
    next_position,
    touch,
    writable,
)
from .notes import get_note

CLOSED_STATUSES = (ActionItem.DONE, ActionItem.CANCELLED)


def get_item(item_id) -> ActionItem:
    found = ActionItem.get_or_none(ActionItem.id == key(item_id))
    if found is None:
        raise MeetingError("找不到该条待办事项，可能已被删除。")
    return found


def _items():
    """Items with their origin meeting and owner, in one query."""
    origin, owner = Meeting.alias(), Member.alias()
    query = (
        ActionItem.select(ActionItem, origin, owner)
        .join(origin, on=(ActionItem.meeting == origin.id), attr="meeting")
        .switch(ActionItem)
        .join(owner, JOIN.LEFT_OUTER, on=(ActionItem.owner == owner.id), attr="owner")
    )
    return query, origin


def action_items(meeting) -> list[ActionItem]:
    """Items raised in this meeting, in order."""
    query, _ = _items()
    return list(
        query.where(ActionItem.meeting == key(meeting)).order_by(ActionItem.position, ActionItem.id)
    )


def _check_due(due, meeting: Meeting) -> dt.date | None:
    due = clean_date(due, "完成时限")
    if due is not None and due < meeting.date:
        raise MeetingError("完成时限不能早于会议日期。")
    return due


def add_action_item(meeting_id, text: str, owner_id=None, due=None) -> ActionItem:
    text = clean_text(text, "待办事项")
    if not text:
        raise MeetingError("待办事项内容不能为空。")
    with db.atomic():
        meeting = writable(meeting_id)
        item = ActionItem.create(
            meeting=meeting, position=next_position(ActionItem, meeting.id), text=text,
            owner=get_member(owner_id), due_date=_check_due(due, meeting),
        )
        touch(meeting.id)
        return item


def note_to_action(note_id, owner_id=None, due=None) -> ActionItem:
    """The line's text becomes an action item; the same line for the same owner twice gives one item."""
    with db.atomic():
        note = get_note(note_id)
        writable(note.meeting_id)
        existing = ActionItem.get_or_none(
            (ActionItem.meeting == note.meeting_id) & (ActionItem.text == note.text)
            & (ActionItem.owner == key(owner_id) if owner_id else ActionItem.owner.is_null())
        )
        return existing or add_action_item(note.meeting_id, note.text, owner_id, due)


def update_action_item(item_id, **fields) -> ActionItem:
    """Change text, owner (owner_id) or due date (due); status goes through close/reopen."""
    aliases = {"owner": "owner_id", "due_date": "due"}
    fields = {aliases.get(k, k): v for k, v in fields.items()}
    unknown = set(fields) - {"text", "owner_id", "due"}
    if unknown:
        raise TypeError(f"update_action_item: unknown fields {sorted(unknown)}")
    with db.atomic():
        item = get_item(item_id)
        meeting = writable(item.meeting_id)
        if "text" in fields:
            text = clean_text(fields["text"], "待办事项")
            if not text:
                raise MeetingError("待办事项内容不能为空，如要删除请使用“删除”。")
            item.text = text
        if "owner_id" in fields:
            item.owner = get_member(fields["owner_id"])
        if "due" in fields:
            item.due_date = _check_due(fields["due"], meeting)
        item.save()
        touch(meeting.id)
        return item


def delete_action_item(item_id) -> None:
    with db.atomic():
        item = get_item(item_id)
        writable(item.meeting_id)
        item.delete_instance()
        touch(item.meeting_id)


def _before(origin, meeting: Meeting):
    """Earlier meetings: an earlier date, or the same date and a lower id."""
    return (origin.date < meeting.date) | ((origin.date == meeting.date) & (origin.id < meeting.id))


def open_items_before(meeting) -> list[ActionItem]:
    """Open items from earlier meetings, oldest first: what this meeting should follow up."""
    meeting = get_meeting(meeting)
    query, origin = _items()
    return list(
        query.where((ActionItem.status == ActionItem.OPEN) & _before(origin, meeting))
        .order_by(origin.date, origin.id, ActionItem.position, ActionItem.id)
    )


def closed_in_meeting(meeting) -> list[ActionItem]:
    """Items closed (done or cancelled) in this meeting, oldest first."""
    query, origin = _items()
    return list(
        query.where(ActionItem.closed_in == key(meeting))
        .order_by(origin.date, origin.id, ActionItem.position, ActionItem.id)
    )


def _carried_ids(meeting_id: int) -> list[int]:
    query = ActionItemCarry.select(ActionItemCarry.item).where(ActionItemCarry.meeting == meeting_id)
    return [row.item_id for row in query.order_by(ActionItemCarry.id)]


def carried_into(meeting) -> list[ActionItem]:
    """Items this meeting carried forward (still open or closed later), oldest first."""
    ids = _carried_ids(key(meeting))
    if not ids:
        return []
    query, origin = _items()
    return list(
        query.where(ActionItem.id.in_(ids))
        .order_by(origin.date, origin.id, ActionItem.position, ActionItem.id)
    )


def _check_later(item: ActionItem, meeting: Meeting, allow_same: bool) -> None:
    origin = item.meeting
    if meeting.id == origin.id and allow_same:
        return
    if not (origin.date < meeting.date or (origin.date == meeting.date and origin.id < meeting.id)):
        raise MeetingError("只能在提出该事项之后的会议中跟进此事项。")


def close_item(item_id, meeting_id, status: str = ActionItem.DONE) -> ActionItem:
    """Close as done or cancelled in *meeting_id* (which must be open; the item's own meeting may be final)."""
    if status not in CLOSED_STATUSES:
        raise MeetingError(f"办结状态只能是：{'、'.join(CLOSED_STATUSES)}。")
    with db.atomic():
        item = get_item(item_id)
        meeting = writable(meeting_id)
        if item.status != ActionItem.OPEN:
            raise MeetingError(f"该事项已是“{item.status}”状态。")
        _check_later(item, meeting, allow_same=True)
        item.status, item.closed_in, item.closed_on = status, meeting, meeting.date
        item.save()
        touch(meeting.id)
        return item


def carry_forward(item_id, meeting_id) -> ActionItem:
    """Record that *meeting_id* carried the open item on; a second call for the same meeting changes nothing."""
    with db.atomic():
        item = get_item(item_id)
        meeting = writable(meeting_id)
        if item.status != ActionItem.OPEN:
            raise MeetingError(f"该事项已是“{item.status}”状态，无需结转。")
        _check_later(item, meeting, allow_same=False)
        _, created = ActionItemCarry.get_or_create(item=item, meeting=meeting)
        if created:
            item.carried_count += 1
            item.save()
            touch(meeting.id)
        return item


def undo_carry(item_id, meeting_id) -> ActionItem:
    """Take back a carry_forward made by mistake in *meeting_id*."""
    with db.atomic():
        item = get_item(item_id)
        meeting = writable(meeting_id)
        removed = ActionItemCarry.delete().where(
            (ActionItemCarry.item == item) & (ActionItemCarry.meeting == meeting)
        ).execute()
        if removed:
            item.carried_count = max(0, item.carried_count - 1)
            item.save()
            touch(meeting.id)
        return item


def reopen_item(item_id) -> ActionItem:
    """Back to 未完成; the meeting that closed it must still be open (else correct() it)."""
    with db.atomic():
        item = get_item(item_id)
        if item.status == ActionItem.OPEN:
            return item
        if item.closed_in_id is not None:
            writable(item.closed_in_id)
            touch(item.closed_in_id)
        item.status, item.closed_in, item.closed_on = ActionItem.OPEN, None, None
        item.save()
        return item


def forget_meeting(meeting_id: int) -> None:
    """Before a meeting row is deleted: reopen what it closed, un-count what it carried."""
    for item in ActionItem.select().where(ActionItem.closed_in == meeting_id):
        item.status, item.closed_in, item.closed_on = ActionItem.OPEN, None, None
        item.save()
    for item in ActionItem.select().where(ActionItem.id.in_(_carried_ids(meeting_id))):
        item.carried_count = max(0, item.carried_count - 1)
        item.save()
    ActionItemCarry.delete().where(ActionItemCarry.meeting == meeting_id).execute()
