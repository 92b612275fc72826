"""A meeting's life: start (from a template or fresh), edit the header and topics, finalize.

The other parts live beside this module (attendance, notes, decisions, action_items,
revisions, quorum, search, stats) and are re-exported (see __all__), so
`from desktop.meetings import service; service.add_note(...)` works for all of them.
"""
from __future__ import annotations

import datetime as dt

from ..models import Meeting, MeetingAttendance, MeetingNote, MeetingTopic, MeetingType, Member, db
from ..roster.service import secretary
from .action_items import (
    action_items,
    add_action_item,
    carried_into,
    carry_forward,
    close_item,
    closed_in_meeting,
    delete_action_item,
    forget_meeting,
    note_to_action,
    open_items_before,
    reopen_item,
    undo_carry,
    update_action_item,
)
from .attendance import (
    AttendanceSummary,
    add_expected,
    attendance_rows,
    attendance_summary,
    expected_members,
    remove_expected,
    set_absent,
    set_present,
)
from .common import (
    ABSENCE_REASONS,
    MeetingError,
    MeetingLocked,
    active_on,
    clean_date,
    clean_hhmm,
    clean_line,
    clean_text,
    ensure_held,
    get_meeting,
    get_member,
    key,
    touch,
    writable,
)
from .common import today as _today
from .decisions import (
    add_decision,
    decisions,
    delete_decision,
    note_to_decision,
    update_decision,
    votes_text,
)
from .meeting_types import (
    add_meeting_type,
    delete_meeting_type,
    meeting_types,
    move_meeting_type,
    rename_meeting_type,
    set_meeting_type_active,
    type_by_name,
)
from .notes import (
    add_note,
    clear_pending_line,
    delete_note,
    load_pending_line,
    move_note,
    notes,
    save_pending_line,
    speaker_label,
    update_note,
)
from .quorum import Quorum, quorum
from .revisions import (
    HistoryEntry,
    correct,
    diff_snapshots,
    history,
    revision_snapshot,
    revisions,
    snapshot,
)
from .search import search_meetings
from .stats import AttendanceRate, attendance_rates, meetings_per_type

DAILY = "每日例会"
HEADER_FIELDS = (
    "title", "date", "start_time", "end_time", "place", "host", "recorder", "guests",
    "study_content", "problems", "meeting_type",
)


def default_title(on: dt.date, type_name: str) -> str:
    return f"{on.month}月{on.day}日{type_name}"


def _title_from_template(template: Meeting, on: dt.date) -> str:
    """The template's title with its own date swapped for the new one."""
    old_prefix = f"{template.date.month}月{template.date.day}日"
    if template.title.startswith(old_prefix):
        return f"{on.month}月{on.day}日" + template.title[len(old_prefix):]
    return template.title or default_title(on, template.meeting_type.name)


def _recorder(on: dt.date) -> Member | None:
    candidates = Member.select().where(Member.branch_role == "组织委员").order_by(Member.id)
    return next((m for m in candidates if active_on(m, on)), None)


def _host(on: dt.date) -> Member | None:
    host = secretary()
    return host if host is not None and active_on(host, on) else None


def _last_place(kind: MeetingType) -> str:
    last = (
        Meeting.select(Meeting.place)
        .where((Meeting.meeting_type == kind.id) & (Meeting.place != ""))
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .first()
    )
    return last.place if last else ""


def start_meeting(
    type_name: str = DAILY, on: dt.date | None = None, now: dt.datetime | None = None,
    template_id=None,
) -> Meeting:
    """A new meeting with everyone expected marked present (the usual case: tick off absentees).

    From a template: type, title pattern, place, host, recorder, topics and study content are
    copied; never notes, attendance, decisions or action items.
    """
    now = now or dt.datetime.now()
    on = on or now.date()
    with db.atomic():
        template = get_meeting(template_id) if template_id is not None else None
        kind = template.meeting_type if template else type_by_name(type_name)
        if kind is None:
            raise MeetingError(f"没有名为“{type_name}”的会议类型，请先在会议类型中添加。")
        host, recorder = _host(on), _recorder(on)
        if template:
            # A template's people are copied only while they are still in the branch.
            if template.host_id and active_on(template.host, on):
                host = template.host
            if template.recorder_id and active_on(template.recorder, on):
                recorder = template.recorder
        meeting = Meeting.create(
            meeting_type=kind,
            title=_title_from_template(template, on) if template else default_title(on, kind.name),
            date=on,
            start_time=f"{now:%H:%M}",
            place=template.place if template else _last_place(kind),
            host=host,
            recorder=recorder,
            study_content=template.study_content if template else "",
        )
        for member in expected_members(on, kind.name):
            MeetingAttendance.create(meeting=meeting, member=member, present=True)
        if template:
            for topic in template.topics.order_by(MeetingTopic.position, MeetingTopic.id):
                MeetingTopic.create(meeting=meeting, position=topic.position, text=topic.text)
        return meeting


def todays_meeting(type_name: str = DAILY, on: dt.date | None = None) -> Meeting | None:
    """The meeting of that type on that day to reopen: the newest one in progress, else the newest final one."""
    on = on or _today()
    kind = type_by_name(type_name)
    if kind is None:
        return None
    return (
        Meeting.select()
        .where((Meeting.meeting_type == kind.id) & (Meeting.date == on))
        .order_by((Meeting.status == Meeting.FINAL).asc(), Meeting.id.desc())
        .first()
    )


def list_meetings(date_from=None, date_to=None, type_id=None) -> list[Meeting]:
    """Meetings newest first, with their type (use search_meetings to filter by text)."""
    query = Meeting.select(Meeting, MeetingType).join(MeetingType)
    if date_from:
        query = query.where(Meeting.date >= date_from)
    if date_to:
        query = query.where(Meeting.date <= date_to)
    if type_id is not None:
        query = query.where(Meeting.meeting_type == key(type_id))
    return list(query.order_by(Meeting.date.desc(), Meeting.id.desc()))


def _clean_header(meeting: Meeting, fields: dict, on: dt.date) -> dict:
    clean: dict = {}
    for name, value in fields.items():
        if name == "title":
            clean[name] = clean_line(value, "会议标题")
            if not clean[name]:
                raise MeetingError("会议标题不能为空。")
        elif name == "place":
            clean[name] = clean_line(value, "会议地点")
        elif name in ("guests", "study_content", "problems"):
            label = {"guests": "列席人员", "study_content": "学习内容", "problems": "问题与短板"}[name]
            clean[name] = clean_text(value, label)
        elif name in ("start_time", "end_time"):
            clean[name] = clean_hhmm(value, "开始时间" if name == "start_time" else "结束时间")
        elif name in ("host", "recorder"):
            clean[name] = get_member(value)
        elif name == "meeting_type":
            kind = MeetingType.get_or_none(MeetingType.id == key(value))
            if kind is None:
                raise MeetingError("找不到该会议类型。")
            clean[name] = kind
        elif name == "date":
            clean[name] = clean_date(value, "会议日期")
            if clean[name] is None:
                raise MeetingError("会议日期不能为空。")
            if clean[name] > on and meeting.notes.exists():
                raise MeetingError("会议已有发言记录，日期不能晚于今天。")
    start = clean.get("start_time", meeting.start_time)
    end = clean.get("end_time", meeting.end_time)
    if start and end and end <= start:
        raise MeetingError(f"结束时间 {end} 须晚于开始时间 {start}。")
    return clean


def update_meeting(meeting_id, *, today: dt.date | None = None, **fields) -> Meeting:
    """Change header fields; host/recorder/meeting_type take an id, an instance or None.

    *today* is only for tests (the future-date rule).

    Also accepts host_id / recorder_id / meeting_type_id. Raises MeetingLocked when final,
    MeetingError for a bad value (nothing is saved then).
    """
    aliases = {"host_id": "host", "recorder_id": "recorder", "meeting_type_id": "meeting_type"}
    fields = {aliases.get(k, k): v for k, v in fields.items()}
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"update_meeting: unknown fields {sorted(unknown)}")
    with db.atomic():
        meeting = writable(meeting_id)
        for name, value in _clean_header(meeting, fields, today or _today()).items():
            setattr(meeting, name, value)
        meeting.updated_at = dt.datetime.now().replace(microsecond=0)
        meeting.save()
        return meeting


def topics(meeting) -> list[MeetingTopic]:
    return list(
        MeetingTopic.select().where(MeetingTopic.meeting == key(meeting))
        .order_by(MeetingTopic.position, MeetingTopic.id)
    )


def set_topics(meeting_id, texts: list[str]) -> list[MeetingTopic]:
    """Replace the agenda with *texts* in order; blank lines are dropped."""
    cleaned = [clean_text(t, f"议题第{i}条") for i, t in enumerate(texts, start=1)]
    with db.atomic():
        meeting = writable(meeting_id)
        MeetingTopic.delete().where(MeetingTopic.meeting == meeting.id).execute()
        rows = [
            MeetingTopic.create(meeting=meeting, position=position, text=text)
            for position, text in enumerate((t for t in cleaned if t), start=1)
        ]
        touch(meeting.id)
        return rows


def finalize(meeting_id, now: dt.datetime | None = None) -> Meeting:
    """定稿: lock the record. Sets end_time to now when empty and still the meeting's day.

    Refused while a typed line is pending, when nobody is expected, when no start time is
    set, or when the meeting is dated after today. A lacking quorum only warns (see quorum()).
    Finalizing a final meeting changes nothing.
    """
    now = now or dt.datetime.now()
    with db.atomic():
        meeting = get_meeting(meeting_id)
        if meeting.is_final:
            return meeting
        ensure_held(meeting, now.date())
        pending = load_pending_line(meeting.id)
        if pending.strip():
            raise MeetingError(f"还有未提交的发言记录“{pending.strip()[:30]}”，请先提交或清除后再定稿。")
        if not MeetingAttendance.select().where(MeetingAttendance.meeting == meeting.id).exists():
            raise MeetingError("没有应到人员，不能定稿。请先登记出席情况。")
        if not meeting.start_time:
            raise MeetingError("请先填写会议开始时间。")
        if not meeting.end_time and now.date() == meeting.date and f"{now:%H:%M}" > meeting.start_time:
            meeting.end_time = f"{now:%H:%M}"
        meeting.status = Meeting.FINAL
        meeting.finalized_at = now.replace(microsecond=0)
        meeting.updated_at = meeting.finalized_at
        meeting.save()
        clear_pending_line(meeting.id)
        return meeting


def delete_meeting(meeting_id) -> None:
    """Delete a meeting started by mistake; a finalized one is an official record and stays."""
    with db.atomic():
        meeting = get_meeting(meeting_id)
        if meeting.is_final:
            raise MeetingLocked("会议记录已定稿，不能删除。")
        forget_meeting(meeting.id)
        clear_pending_line(meeting.id)
        meeting.delete_instance(recursive=False)


def note_count(meeting) -> int:
    return MeetingNote.select().where(MeetingNote.meeting == key(meeting)).count()


# The whole meeting API, so the UI can use this one module.
__all__ = [
    "ABSENCE_REASONS", "AttendanceRate", "AttendanceSummary", "HistoryEntry", "MeetingError",
    "MeetingLocked", "Quorum",
    "action_items", "add_action_item", "add_decision", "add_expected", "add_meeting_type",
    "add_note", "get_meeting", "attendance_rates", "attendance_rows", "attendance_summary", "carried_into",
    "carry_forward", "clear_pending_line", "close_item", "closed_in_meeting", "correct",
    "decisions", "default_title", "delete_action_item", "delete_decision", "delete_meeting",
    "delete_meeting_type", "delete_note", "diff_snapshots", "expected_members", "finalize",
    "history", "list_meetings", "load_pending_line", "meeting_types", "meetings_per_type",
    "move_meeting_type", "move_note", "note_count", "note_to_action", "note_to_decision", "notes",
    "open_items_before", "quorum", "remove_expected", "rename_meeting_type", "reopen_item",
    "revision_snapshot", "revisions", "save_pending_line", "search_meetings", "set_absent",
    "set_meeting_type_active", "set_present", "set_topics", "snapshot", "speaker_label",
    "start_meeting", "todays_meeting", "topics", "type_by_name", "undo_carry",
    "update_action_item", "update_decision", "update_meeting", "update_note", "votes_text",
]
