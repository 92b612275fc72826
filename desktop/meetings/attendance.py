"""Who was expected (应到), who came (实到), who was absent and why."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import Meeting, MeetingAttendance, Member, db
from ..models.choices import COMMITTEE_ROLES, PARTY_STATUSES
from .common import ABSENCE_REASONS, MeetingError, clean_line, get_member, key, touch, writable

# Who is expected at each kind of meeting, matched by part of the type's name so a
# renamed type ("支部委员会（扩大）") keeps its rule. Everything else: the whole branch.
PARTY_ONLY = ("党员大会", "党小组会", "党课", "组织生活会", "主题党日")
COMMITTEE_ONLY = ("委员会",)


def scope_of(type_name: str) -> str:
    """'party', 'committee' or 'all'."""
    name = type_name or ""
    if any(word in name for word in PARTY_ONLY):
        return "party"
    if any(word in name for word in COMMITTEE_ONLY):
        return "committee"
    return "all"


def expected_members(on: dt.date, type_name: str | None = None) -> list[Member]:
    """Members in the branch on *on* (arrived by then, not yet departed), pinyin order.

    With *type_name*, narrowed to Party members (党员大会, 党课 ...) or the committee (委员会).
    """
    query = (
        Member.select()
        .where(
            (Member.arrived_on.is_null() | (Member.arrived_on <= on))
            & (Member.departed_on.is_null() | (Member.departed_on > on))
        )
        .order_by(Member.name_pinyin, Member.id)
    )
    scope = scope_of(type_name) if type_name else "all"
    if scope == "party":
        query = query.where(Member.political_status.in_(sorted(PARTY_STATUSES)))
    elif scope == "committee":
        query = query.where(Member.branch_role.in_(COMMITTEE_ROLES))
    return list(query)


def _row(meeting_id: int, member_id) -> MeetingAttendance | None:
    return MeetingAttendance.get_or_none(
        (MeetingAttendance.meeting == meeting_id) & (MeetingAttendance.member == key(member_id))
    )


def _member(member_id) -> Member:
    member = get_member(member_id)
    if member is None:
        raise MeetingError("请选择人员。")
    return member


def set_present(meeting_id, member_id) -> MeetingAttendance:
    """Mark present; someone not on the expected list is added to it (they came after all)."""
    with db.atomic():
        meeting = writable(meeting_id)
        member = _member(member_id)
        row = _row(meeting.id, member.id) or MeetingAttendance(meeting=meeting, member=member)
        row.present, row.absence_reason, row.note = True, "", ""
        row.save()
        touch(meeting.id)
        return row


def set_absent(meeting_id, member_id, reason: str, note: str = "") -> MeetingAttendance:
    if reason not in ABSENCE_REASONS:
        raise MeetingError(f"请选择缺席原因：{'、'.join(ABSENCE_REASONS)}。")
    note = clean_line(note, "缺席说明")
    if reason == "其他" and not note:
        raise MeetingError("缺席原因为“其他”时，请填写说明。")
    with db.atomic():
        meeting = writable(meeting_id)
        member = _member(member_id)
        row = _row(meeting.id, member.id) or MeetingAttendance(meeting=meeting, member=member)
        row.present, row.absence_reason, row.note = False, reason, note
        row.save()
        touch(meeting.id)
        return row


def add_expected(meeting_id, member_id) -> MeetingAttendance:
    """Add someone to 应到 (present by default); no change if already listed."""
    with db.atomic():
        meeting = writable(meeting_id)
        member = _member(member_id)
        row = _row(meeting.id, member.id)
        if row is None:
            row = MeetingAttendance.create(meeting=meeting, member=member, present=True)
            touch(meeting.id)
        return row


def remove_expected(meeting_id, member_id) -> None:
    with db.atomic():
        meeting = writable(meeting_id)
        MeetingAttendance.delete().where(
            (MeetingAttendance.meeting == meeting.id)
            & (MeetingAttendance.member == key(member_id))
        ).execute()
        touch(meeting.id)


def attendance_rows(meeting) -> list[MeetingAttendance]:
    """The attendance rows with their members, pinyin order, in one query."""
    return list(
        MeetingAttendance.select(MeetingAttendance, Member)
        .join(Member)
        .where(MeetingAttendance.meeting == key(meeting))
        .order_by(Member.name_pinyin, Member.id)
    )


@dataclass
class AttendanceSummary:
    """应到 / 实到 / 缺席及原因, each list in pinyin order."""

    expected: list[Member] = field(default_factory=list)
    present: list[Member] = field(default_factory=list)
    absent: list[tuple[Member, str, str]] = field(default_factory=list)  # (member, reason, note)

    @property
    def expected_count(self) -> int:
        return len(self.expected)

    @property
    def present_count(self) -> int:
        return len(self.present)

    @property
    def absent_count(self) -> int:
        return len(self.absent)

    def absent_text(self) -> str:
        """'张三（值班）、李四（病假：发热就医）'."""
        parts = []
        for member, reason, note in self.absent:
            detail = f"{reason}：{note}" if note else reason
            parts.append(f"{member.name}（{detail}）")
        return "、".join(parts)

    def text(self) -> str:
        """One line for the minutes: 应到 16 人，实到 14 人，缺席 2 人：…"""
        line = f"应到 {self.expected_count} 人，实到 {self.present_count} 人"
        if self.absent:
            line += f"，缺席 {self.absent_count} 人：{self.absent_text()}"
        return line + "。"


def attendance_summary(meeting: Meeting | int) -> AttendanceSummary:
    summary = AttendanceSummary()
    for row in attendance_rows(meeting):
        summary.expected.append(row.member)
        if row.present:
            summary.present.append(row.member)
        else:
            summary.absent.append((row.member, row.absence_reason, row.note))
    return summary
