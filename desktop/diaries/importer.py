"""Import diaries from a .txt file or a paste: plan (preview), then apply.

One member's diaries (plan_diary_import), or a group chat whose header lines name each
message's sender (plan_chat_import, see chat.py): each member's messages become that
member's entries, messages of people not on the roster are listed and not imported.

The plan compares each day with what is already stored: 新增 (no entry that day),
追加 (the text becomes a new paragraph of the day's entry), 相同跳过 (the entry already
contains this text, e.g. the same file imported twice).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..models import DiaryEntry, Member, db
from .chat import split_chat
from .service import (
    DiaryError,
    _id,
    _member,
    append_to_entry,
    save_entry,
    shift_that_day,
    strip_controls,
)
from .splitter import split_diary_text

NEW, APPEND, SAME = "新增", "追加", "相同跳过"
MAX_FILE = 5 * 1024 * 1024


class DiaryImportRow(NamedTuple):
    day: dt.date
    text: str
    action: str
    existing_entry_id: int | None
    member_id: int | None = None   # the author; None: the plan's member
    member_name: str = ""
    doubtful: bool = False         # holds a line that looked like a date and was kept as text


@dataclass
class DiaryImportPlan:
    member_id: int | None          # None for a group chat: each row names its author
    rows: list[DiaryImportRow]
    problems: list[str] = field(default_factory=list)  # block the import until acknowledged
    needs_year: bool = False
    year_used: int | None = None
    notes: list[str] = field(default_factory=list)     # worth a look, but nothing is lost
    skipped: list[str] = field(default_factory=list)   # chat senders not on the roster, with lines

    @property
    def authors(self) -> list[str]:
        """The authors' names, in the order they first appear in the rows."""
        return list(dict.fromkeys(row.member_name for row in self.rows))

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


def full_day(day: dt.date) -> str:
    """2026年4月3日: previews show the year, which a paste often leaves out."""
    return f"{day.year}年{day.month}月{day.day}日"


def _action(text: str, existing: DiaryEntry | None) -> str:
    if existing is None:
        return NEW
    return SAME if _squash(text) in _squash(existing.text) else APPEND


def _rows(pieces, today: dt.date, problems: list[str]) -> list[DiaryImportRow]:
    """Rows for (member, day, text, source_line, doubtful) pieces; future days become problems."""
    wanted = []
    for member, day, text, line, doubtful in pieces:
        if day > today:
            problems.append(f"第{line}行：{full_day(day)}还没有到，未导入。如果年份不对，请选择正确的年份。")
        else:
            wanted.append((member, day, text, doubtful))
    stored: dict[tuple[int, dt.date], DiaryEntry] = {}
    for member_id in {m.id for m, *_ in wanted}:
        days = [d for m, d, *_ in wanted if m.id == member_id]
        stored.update({(member_id, e.date): e for e in DiaryEntry.select().where(
            (DiaryEntry.member == member_id) & DiaryEntry.date.in_(days))})
    rows = []
    for member, day, text, doubtful in wanted:
        existing = stored.get((member.id, day))
        rows.append(DiaryImportRow(day, text, _action(text, existing), existing.id if existing else None,
                                   member.id, member.name, doubtful))
    return rows


def plan_diary_import(text: str, member_id, year: int | None = None,
                      today: dt.date | None = None) -> DiaryImportPlan:
    """Split *text* into days and decide, day by day, what importing would do (no writes)."""
    today = today or dt.date.today()
    member = _member(member_id)
    split = split_diary_text(strip_controls(text), year=year, today=today)
    problems = list(split.problems)
    doubtful = set(split.doubtful_lines)
    rows = _rows([(member, e.day, e.text, e.source_line, bool(doubtful & set(e.lines))) for e in split.entries],
                 today, problems)
    return DiaryImportPlan(member.id, rows, problems, split.needs_year, split.year_used, list(split.notes))


def roster_names() -> dict[str, list[Member]]:
    """Members by name (every member, departed ones too: their old messages are theirs)."""
    found: dict[str, list[Member]] = {}
    for member in Member.select().order_by(Member.name_pinyin, Member.id):
        found.setdefault(member.name, []).append(member)
    return found


def plan_chat_import(text: str, today: dt.date | None = None) -> DiaryImportPlan | None:
    """A group chat's messages as entries of their senders (no writes); None when *text*
    has no chat header (see chat.py). Senders not on the roster, or whose name two members
    share, are listed in *skipped* and as a problem, never guessed."""
    today = today or dt.date.today()
    read: list[dict[str, list[Member]]] = []

    def roster() -> dict[str, list[Member]]:  # read only if the text has a header at all
        if not read:
            read.append(roster_names())
        return read[0]

    split = split_chat(strip_controls(text), lambda name: len(roster().get(name, ())) == 1, today)
    if split is None:
        return None
    names = roster()
    problems = list(split.problems)
    skipped = []
    for name, lines in split.strangers:
        twins = len(names.get(name, ()))
        why = f"在花名册中有 {twins} 位同名成员，无法确定是谁" if twins > 1 else "不在花名册中"
        where = "、".join(f"第{n}行" for n in lines[:5]) + ("等" if len(lines) > 5 else "")
        skipped.append(f"发送人“{name}”{why}：{where}的消息未导入。")
    problems += skipped
    doubtful = set(split.doubtful_lines)
    rows = _rows([(names[e.name][0], e.day, e.text, e.source_line, bool(doubtful & set(e.lines)))
                  for e in split.entries], today, problems)
    return DiaryImportPlan(None, rows, problems, False, None, list(split.notes), skipped)


def apply_diary_import(plan: DiaryImportPlan, append_existing: bool = True,
                       today: dt.date | None = None) -> tuple[int, int, int]:
    """Write the plan in one transaction after a safety backup; (created, appended, skipped).

    Each day is re-checked, so an entry typed since the preview is appended to, not lost.
    """
    from ..safety.backup import safety_backup

    if not plan.rows:
        return 0, 0, 0
    safety_backup("pre-import")
    created = appended = skipped = 0
    with db.atomic():
        for row in plan.rows:
            member_id = _id(row.member_id if row.member_id is not None else plan.member_id)
            existing = DiaryEntry.get_or_none((DiaryEntry.member == member_id) & (DiaryEntry.date == row.day))
            if existing is None:
                shift = shift_that_day(member_id, row.day)
                save_entry(member_id, row.day, row.text, duty_assignment_id=shift, today=today)
                created += 1
            elif _squash(row.text) in _squash(existing.text) or not append_existing:
                skipped += 1
            else:
                append_to_entry(member_id, row.day, row.text, today=today)
                appended += 1
    return created, appended, skipped
