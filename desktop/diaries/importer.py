"""Import one member's diaries from a .txt file or a paste: plan (preview), then apply.

The plan compares each day with what is already stored: 新增 (no entry that day),
追加 (the text becomes a new paragraph of the day's entry), 相同跳过 (the entry already
contains this text, e.g. the same file imported twice).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..models import DiaryEntry, db
from .service import DiaryError, _id, _member, append_to_entry, day_text, save_entry, shift_that_day
from .service import strip_controls
from .splitter import split_diary_text

NEW, APPEND, SAME = "新增", "追加", "相同跳过"
MAX_FILE = 5 * 1024 * 1024


class DiaryImportRow(NamedTuple):
    day: dt.date
    text: str
    action: str
    existing_entry_id: int | None


@dataclass
class DiaryImportPlan:
    member_id: int
    rows: list[DiaryImportRow]
    problems: list[str] = field(default_factory=list)
    needs_year: bool = False
    year_used: int | None = None

    @property
    def importable(self) -> int:
        return sum(1 for row in self.rows if row.action != SAME)


def read_text_file(path) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (GBK)."""
    source = Path(path)
    if not source.is_file():
        raise DiaryError(f"找不到文件：{source}")
    data = source.read_bytes()
    if len(data) > MAX_FILE:
        raise DiaryError(f"文件太大（超过 5 MB），不像是日记文本：{source.name}")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows Notepad's "Unicode"
        return data.decode("utf-16")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise DiaryError(f"无法识别“{source.name}”的文字编码。请用记事本打开后“另存为”UTF-8 编码再导入。")


def _squash(text: str) -> str:
    return "".join(text.split())


def plan_diary_import(text: str, member_id, year: int | None = None,
                      today: dt.date | None = None) -> DiaryImportPlan:
    """Split *text* into days and decide, day by day, what importing would do (no writes)."""
    today = today or dt.date.today()
    member = _member(member_id)
    split = split_diary_text(strip_controls(text), year=year, today=today)
    problems = list(split.problems)
    wanted = [e for e in split.entries if e.day <= today]
    for entry in split.entries:
        if entry.day > today:
            problems.append(f"第{entry.source_line}行：{entry.day.year}年{day_text(entry.day)}还没有到，未导入。"
                            "如果年份不对，请选择正确的年份。")
    days = [e.day for e in wanted]
    stored = {e.date: e for e in DiaryEntry.select().where(
        (DiaryEntry.member == member.id) & DiaryEntry.date.in_(days))} if days else {}
    rows = []
    for entry in wanted:
        existing = stored.get(entry.day)
        if existing is None:
            action = NEW
        elif _squash(entry.text) in _squash(existing.text):
            action = SAME
        else:
            action = APPEND
        rows.append(DiaryImportRow(entry.day, entry.text, action, existing.id if existing else None))
    return DiaryImportPlan(member.id, rows, problems, split.needs_year, split.year_used)


def apply_diary_import(plan: DiaryImportPlan, append_existing: bool = True,
                       today: dt.date | None = None) -> tuple[int, int, int]:
    """Write the plan in one transaction after a safety backup; (created, appended, skipped).

    Each day is re-checked, so an entry typed since the preview is appended to, not lost.
    """
    from ..backup import safety_backup

    if not plan.rows:
        return 0, 0, 0
    safety_backup("pre-import")
    created = appended = skipped = 0
    with db.atomic():
        for row in plan.rows:
            existing = DiaryEntry.get_or_none((DiaryEntry.member == _id(plan.member_id))
                                              & (DiaryEntry.date == row.day))
            if existing is None:
                shift = shift_that_day(plan.member_id, row.day)
                save_entry(plan.member_id, row.day, row.text, duty_assignment_id=shift, today=today)
                created += 1
            elif _squash(row.text) in _squash(existing.text) or not append_existing:
                skipped += 1
            else:
                append_to_entry(plan.member_id, row.day, row.text, today=today)
                appended += 1
    return created, appended, skipped
