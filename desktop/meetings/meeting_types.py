"""The editable list of meeting types. A type in use is only ever deactivated, never deleted."""
from __future__ import annotations

from peewee import fn

from ..models import Meeting, MeetingType, db
from .common import MeetingError, clean_line


def meeting_types(include_inactive: bool = False) -> list[MeetingType]:
    query = MeetingType.select().order_by(MeetingType.sort_order, MeetingType.id)
    if not include_inactive:
        query = query.where(MeetingType.active == True)  # noqa: E712 (peewee expression)
    return list(query)


def type_by_name(name: str) -> MeetingType | None:
    return MeetingType.get_or_none(MeetingType.name == (name or "").strip())


def _get(type_id) -> MeetingType:
    found = MeetingType.get_or_none(MeetingType.id == getattr(type_id, "id", type_id))
    if found is None:
        raise MeetingError("找不到该会议类型。")
    return found


def _unique_name(name, except_id: int | None = None) -> str:
    name = clean_line(name, "会议类型名称", 40)
    if not name:
        raise MeetingError("会议类型名称不能为空。")
    clash = MeetingType.select().where(MeetingType.name == name)
    if except_id is not None:
        clash = clash.where(MeetingType.id != except_id)
    if clash.exists():
        raise MeetingError(f"已有名为“{name}”的会议类型。")
    return name


def add_meeting_type(name: str) -> MeetingType:
    with db.atomic():
        name = _unique_name(name)
        order = (MeetingType.select(fn.MAX(MeetingType.sort_order)).scalar() or 0) + 1
        return MeetingType.create(name=name, sort_order=order, active=True)


def rename_meeting_type(type_id, name: str) -> MeetingType:
    """Past meetings of the type show the new name too: the type is one row."""
    with db.atomic():
        kind = _get(type_id)
        kind.name = _unique_name(name, kind.id)
        kind.save()
        return kind


def set_meeting_type_active(type_id, active: bool) -> MeetingType:
    with db.atomic():
        kind = _get(type_id)
        kind.active = bool(active)
        kind.save()
        return kind


def move_meeting_type(type_id, offset: int) -> None:
    """Move a type up (offset -1) or down (+1) in the list; renumbers sort_order."""
    with db.atomic():
        kinds = meeting_types(include_inactive=True)
        index = next((i for i, k in enumerate(kinds) if k.id == _get(type_id).id), None)
        target = max(0, min(len(kinds) - 1, index + offset))
        kinds.insert(target, kinds.pop(index))
        for order, kind in enumerate(kinds, start=1):
            if kind.sort_order != order:
                kind.sort_order = order
                kind.save()


def delete_meeting_type(type_id) -> None:
    with db.atomic():
        kind = _get(type_id)
        if Meeting.select().where(Meeting.meeting_type == kind.id).exists():
            raise MeetingError(f"“{kind.name}”已有会议记录，不能删除，只能停用。")
        kind.delete_instance()
