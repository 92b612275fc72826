"""会议签到表: a sheet printed before a meeting and signed by hand, kept with the minutes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..meetings import attendance_rows, expected_members, get_meeting
from ..models import Branch, Meeting, MeetingType, Member
from .document import ReportDocument, ReportResult
from .fonts import FontSet
from .members import DEFAULT_BRANCH_NAME, chinese_date

SECTION = "会议签到表"
HEADER = ("序号", "姓名", "单位及职务", "政治面貌", "签到", "备注")
# 签到 gets a fixed 38 mm, room for a signature; 单位及职务 takes the rest and wraps.
COLUMN_WIDTHS = ("序号", "欧阳晓燕", None, "中共预备党员", 38, 16)
ALIGN = ("center", "center", "left", "center", "center", "left")
FONT_SIZE = 12.0      # 小四: legible when the sheet is passed round
ROW_HEIGHT_MM = 12    # room to sign
GUEST_ROWS = 4        # blank rows for 列席人员 written in by hand


def branch_name() -> str:
    """The branch's name, read only (Branch.current() would create the row)."""
    row = Branch.select().order_by(Branch.id).first()
    return (row.name.strip() if row else "") or DEFAULT_BRANCH_NAME


def meeting_of_day(on: dt.date) -> tuple[Meeting | None, list[Meeting]]:
    """The meeting to sign in for on *on*, and all of that day's meetings.

    Several on one day: the one still in progress, else the one created last (the 例会 is
    usually started first in the morning, a 三会一课 later in the day).
    """
    found = list(Meeting.select(Meeting, MeetingType).join(MeetingType).where(Meeting.date == on)
                 .order_by(Meeting.id))
    if not found:
        return None, []
    open_ones = [m for m in found if not m.is_final]
    return (open_ones or found)[-1], found


def signers(on: dt.date, meeting: Meeting | None) -> list[Member]:
    """Who should sign: the meeting's own 应到 list when it has one (the secretary may have
    edited it), else expected_members() for its type, else everyone in the branch that day."""
    if meeting is not None:
        listed = [row.member for row in attendance_rows(meeting)]
        if listed:
            return listed
        return expected_members(on, meeting.meeting_type.name)
    return expected_members(on)


def header_rows(on: dt.date, meeting: Meeting | None, expected: int) -> list[list[tuple[str, str]]]:
    """Filled from the meeting; what is not known yet stays an empty box to write in."""
    title = place = when = ""
    if meeting is not None:
        title, place = meeting.title, meeting.place
        when = "—".join(t for t in (meeting.start_time, meeting.end_time) if t)
    return [
        [("会议名称", title)],
        [("日期", chinese_date(on)), ("时间", when)],
        [("地点", place)],
        [("应到人数", f"{expected} 人"), ("实到人数", "")],
    ]


def member_row(number: int, member: Member) -> list[str]:
    return [str(number), member.name, f"{member.unit}{member.unit_post}", member.political_status, "", ""]


def build_signin_sheet(path: Path | str | None, on: dt.date, meeting_id=None,
                       fonts: FontSet | None = None) -> ReportResult:
    """Write the 签到表 for the meeting of *on* (or *meeting_id*) to *path* (None: in memory).

    Without a meeting that day the header is left blank to fill in and everyone in the
    branch that day is listed. A few blank rows at the end take 列席人员.
    """
    others: list[Meeting] = []
    if meeting_id is not None:
        meeting = get_meeting(meeting_id)
        on = meeting.date
    else:
        meeting, others = meeting_of_day(on)
    people = signers(on, meeting)
    title = f"{branch_name()}{SECTION}"
    doc = ReportDocument(path, title=title, fonts=fonts, subject=SECTION)
    doc.title(title)
    doc.form(header_rows(on, meeting, len(people)), font_size=FONT_SIZE, where="签到表·")
    if not people:
        doc.note_empty("应到人员")
    else:
        doc.table(HEADER, [member_row(i, m) for i, m in enumerate(people, start=1)],
                  col_widths=COLUMN_WIDTHS, font_size=FONT_SIZE, align=ALIGN,
                  min_row_height_mm=ROW_HEIGHT_MM, where="签到表")
    doc.heading(1, "列席人员", numbered=False)  # a heading: never left alone at a page foot
    doc.table(HEADER, [[""] * len(HEADER) for _ in range(GUEST_ROWS)], col_widths=COLUMN_WIDTHS,
              font_size=FONT_SIZE, align=ALIGN, min_row_height_mm=ROW_HEIGHT_MM, where="列席人员")
    result = doc.build()
    if len(others) > 1:
        names = "、".join(m.title for m in others)
        result.warnings.append(f"{chinese_date(on)}有{len(others)}次会议（{names}），"
                               f"签到表按“{meeting.title}”生成；如需其他会议的签到表，请指定会议。")
    return result
