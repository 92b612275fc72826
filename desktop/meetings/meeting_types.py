"""The editable list of meeting types. A type in use is only ever deactivated, never deleted."""
from __future__ import annotations

from ..models import Meeting, MeetingType, db
from ..vocabulary import VocabularyTable
from .common import MeetingError, clean_line

MEETING_TYPES = VocabularyTable(MeetingType, "会议类型", MeetingError,
                                lambda name: clean_line(name, "会议类型名称", 40))


def meeting_types(include_inactive: bool = False) -> list[MeetingType]:
    return MEETING_TYPES.items(include_inactive)


def type_by_name(name: str) -> MeetingType | None:
    return MeetingType.get_or_none(MeetingType.name == (name or "").strip())


def add_meeting_type(name: str) -> MeetingType:
    return MEETING_TYPES.add(name)


def rename_meeting_type(type_id, name: str) -> MeetingType:
    """Past meetings of the type show the new name too: the type is one row."""
    return MEETING_TYPES.rename(type_id, name)


def set_meeting_type_active(type_id, active: bool) -> MeetingType:
    return MEETING_TYPES.set_active(type_id, active)


def move_meeting_type(type_id, offset: int) -> None:
    """Move a type up (offset -1) or down (+1) in the list; renumbers sort_order."""
    MEETING_TYPES.move(type_id, offset)


def delete_meeting_type(type_id) -> None:
    with db.atomic():
        kind = MEETING_TYPES.get(type_id)
        if Meeting.select().where(Meeting.meeting_type == kind.id).exists():
            raise MeetingError(f"“{kind.name}”已有会议记录，不能删除，只能停用。")
        kind.delete_instance()
