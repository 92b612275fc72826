"""会议记录汇编: every meeting of a period, each on its own pages, as the 组织部 inspects them.

The page of one meeting follows the printed 会议记录本: its title, a bordered header
block (type, time, place, host, recorder, attendance, quorum), the numbered sections,
signature lines, then any corrections made after it was finalized.
Everything is read through meetings.snapshot(), the same record a revision keeps.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from ..meetings import list_meetings, snapshot
from ..models import ActionItem, Meeting
from .document import ReportDocument, ReportResult
from .fonts import FontSet
from .layout import heading_number
from .members import chinese_date
from .signin import (
    branch_name,
    build_signin_sheet,  # noqa: F401  (the CLI imports both from here)
)

SECTION = "会议记录"
DRAFT_MARK = "（本记录尚未定稿）"
NONE_TEXT = "无。"
HEADER_SIZE = 12.0  # 小四: the header block reads as a form, smaller than the 3号 text
ITEM_SIZE = 10.5
# Not 主持人（签字）: the shorter label leaves a 36 mm blank instead of 24 mm, room to sign.
SIGNATURES = ("主持人签字", "记录人签字")
ITEM_HEADER = ("序号", "事项", "责任人", "完成时限", "状态")
FOLLOW_HEADER = ("序号", "事项", "提出会议", "责任人", "本次处理")
ITEM_WIDTHS = ("序号", None, "欧阳晓燕", "11月30日", "已完成（11月30日）")
FOLLOW_WIDTHS = ("序号", None, "11月30日支部党员大会", "欧阳晓燕", "本次处理")
FOLLOW_STATUS = {ActionItem.DONE: "已完成", ActionItem.CANCELLED: "已取消"}


def period_text(date_from: dt.date, date_to: dt.date) -> str:
    """2026年11月8日至2026年11月22日 (one date when both are the same day)."""
    if date_from == date_to:
        return chinese_date(date_from)
    return f"{chinese_date(date_from)}至{chinese_date(date_to)}"


def _day(iso: str) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def _short_day(iso: str) -> str:
    day = _day(iso)
    return f"{day.month}月{day.day}日" if day else ""


def time_text(snap: dict) -> str:
    """2026年11月22日 07:30—08:10; a meeting without an end time says when it began."""
    text = chinese_date(_day(snap["date"]))
    start, end = snap["start_time"], snap["end_time"]
    if start and end:
        return f"{text} {start}—{end}"
    if start:
        return f"{text} {start}开始"
    return text


def absent_text(snap: dict) -> str:
    """张三（值班）、李四（请假：家中有事）, or 无."""
    parts = []
    for row in snap["attendance"]["members"]:
        if not row["present"]:
            detail = "：".join(p for p in (row["absence_reason"], row["note"]) if p)
            parts.append(f"{row['name']}（{detail}）" if detail else row["name"])
    return "、".join(parts) or "无"


def header_rows(snap: dict) -> list[list[tuple[str, str]]]:
    att = snap["attendance"]
    guests = "、".join(line.strip() for line in snap["guests"].splitlines() if line.strip())
    rows = [
        [("会议类型", snap["meeting_type"])],
        [("时间", time_text(snap))],
        [("地点", snap["place"])],
        [("主持人", snap["host"]), ("记录人", snap["recorder"])],
        [("应到人数", f"{att['expected']} 人"), ("实到人数", f"{att['present']} 人")],
        [("缺席人员及原因", absent_text(snap))],
        [("列席人员", guests or "无")],
    ]
    if snap["quorum"]["applies"]:
        rows.append([("法定人数", snap["quorum"]["message"])])
    return rows


def decision_text(decision: dict) -> str:
    votes = decision["votes_text"]
    return decision["text"] + (f"（表决结果：{votes}）" if votes else "")


def note_text(note: dict) -> str:
    """20:31 王志远：…… (the time to the minute, as read aloud at a review)."""
    said = note["said_at"][:5]
    speaker = f"{note['speaker']}：" if note["speaker"] else ""
    return f"{said} {speaker}{note['text']}".strip()


def item_status(item: dict) -> str:
    if item["status"] == ActionItem.OPEN:
        return item["status"]
    closed = _short_day(item["closed_on"])
    return f"{item['status']}（{closed}）" if closed else item["status"]


class _MeetingPage:
    """Writes one meeting into *doc*; sections are numbered 一、二、… afresh per meeting."""

    def __init__(self, doc: ReportDocument, snap: dict):
        self.doc, self.snap, self.number = doc, snap, 0
        self.where = snap["title"]

    def section(self, name: str) -> None:
        self.number += 1
        self.doc.heading(1, heading_number(1, self.number) + name, numbered=False)

    def lines(self, name: str, texts: list[str], numbered: bool, empty: str | None) -> None:
        """A section of one paragraph per entry; *empty* None omits the section when empty."""
        texts = [t for t in texts if t.strip()]
        if not texts and empty is None:
            return
        self.section(name)
        if not texts:
            self.doc.paragraph(empty)
        for i, text in enumerate(texts, start=1):
            self.doc.paragraph(f"{i}. {text}" if numbered else text, where=f"{self.where}·{name}")

    def write(self) -> None:
        doc, snap = self.doc, self.snap
        doc.title(snap["title"] or f"{_short_day(snap['date'])}{snap['meeting_type']}")
        if snap["status"] != Meeting.FINAL:
            doc.subtitle(DRAFT_MARK)
        doc.form(header_rows(snap), font_size=HEADER_SIZE, where=f"{self.where}·")
        self.lines("议题", snap["topics"], numbered=True, empty=NONE_TEXT)
        self.lines("学习内容", snap["study_content"].splitlines(), numbered=False, empty=None)
        self.lines("发言记录", [note_text(n) for n in snap["notes"]], numbered=False, empty=NONE_TEXT)
        self.lines("决议", [decision_text(d) for d in snap["decisions"]], numbered=True, empty=NONE_TEXT)
        self.lines("问题与短板", snap["problems"].splitlines(), numbered=False, empty=None)
        self.items()
        self.followed_up()
        doc.signature_lines(SIGNATURES)
        for fix in snap["corrections"]:
            doc.paragraph(f"更正记录：{chinese_date(_day(fix['revised_at']))} 更正原因：{fix['reason']}",
                          indent_first_line=False, where=f"{self.where}·更正记录")

    def items(self) -> None:
        items = self.snap["action_items"]
        if not items:
            return
        self.section("待办事项")
        # One date style in the whole record (11月17日, as in 已完成（11月16日）): never 2022.11.17 beside it.
        rows = [[i, item["text"], item["owner"], _short_day(item["due_date"]), item_status(item)]
                for i, item in enumerate(items, start=1)]
        self.doc.table(ITEM_HEADER, rows, col_widths=ITEM_WIDTHS, font_size=ITEM_SIZE,
                       align=["center", "left", "center", "center", "center"],
                       where=f"{self.where}·待办事项")

    def followed_up(self) -> None:
        done = [(item, FOLLOW_STATUS.get(item["status"], item["status"]))
                for item in self.snap["followed_up"]["closed"]]
        carried = [(item, "结转") for item in self.snap["followed_up"]["carried"]]
        if not done and not carried:
            return
        self.section("跟进的前期事项")
        rows = [[i, item["text"], item["meeting_title"], item["owner"], action]
                for i, (item, action) in enumerate(done + carried, start=1)]
        self.doc.table(FOLLOW_HEADER, rows, col_widths=FOLLOW_WIDTHS, font_size=ITEM_SIZE,
                       align=["center", "left", "left", "center", "center"],
                       where=f"{self.where}·跟进的前期事项")


def _in_order(date_from: dt.date, date_to: dt.date) -> list[Meeting]:
    """Oldest first; on one day by start time (a morning 例会 before the evening 支委会)."""
    found = list_meetings(date_from, date_to)
    return sorted(found, key=lambda m: (m.date, m.start_time or "99:99", m.id))


def summary_line(snaps: list[dict]) -> str:
    """本期共有会议记录17次：每日例会14次、支部委员会1次……其中1次尚未定稿。"""
    counts = Counter(s["meeting_type"] for s in snaps)
    kinds = "、".join(f"{name}{n}次" for name, n in counts.items())
    drafts = sum(1 for s in snaps if s["status"] != Meeting.FINAL)
    corrected = sum(1 for s in snaps if s["corrections"])
    line = f"本期共有会议记录{len(snaps)}次：{kinds}。"
    if drafts:
        line += f"其中{drafts}次尚未定稿。"
    if corrected:
        line += f"定稿后经更正的{corrected}次，更正记录附于该次会议记录之后。"
    return line


def _status(snap: dict) -> str:
    if snap["status"] != Meeting.FINAL:
        return "尚未定稿"
    return f"已定稿（更正{len(snap['corrections'])}次）" if snap["corrections"] else "已定稿"


def build_minutes_report(path: Path | str | None, date_from: dt.date, date_to: dt.date,
                         fonts: FontSet | None = None) -> ReportResult:
    """Write the 会议记录汇编 of *date_from*..*date_to* (inclusive) to *path* (None: in memory).

    A first page lists the meetings; each meeting then starts on a new page, in date order.
    """
    if date_from > date_to:
        raise ValueError("开始日期不能晚于结束日期")
    snaps = [snapshot(m) for m in _in_order(date_from, date_to)]
    title = f"{branch_name()}{SECTION}"
    doc = ReportDocument(path, title=title, fonts=fonts, subject="会议记录汇编")
    doc.title(title)
    doc.subtitle(period_text(date_from, date_to))
    if not snaps:
        doc.note_empty(SECTION)
        return doc.build()
    doc.paragraph(summary_line(snaps))
    rows = [[i, _short_day(s["date"]), s["meeting_type"], s["title"], _status(s)]
            for i, s in enumerate(snaps, start=1)]
    doc.table(("序号", "日期", "会议类型", "会议名称", "记录状态"), rows,
              col_widths=("序号", "11月30日", "支部党员大会", None, "已定稿（更正1次）"),
              align=["center", "center", "center", "left", "center"], where="会议一览")
    for snap in snaps:
        doc.page_break()
        _MeetingPage(doc, snap).write()
    return doc.build()

