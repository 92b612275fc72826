"""The roster as a table: one row per member, no database access after set_members()."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...models import Member
from ...models.choices import BRANCH_ROLES, GENDERS, POLITICAL_STATUSES
from ...roster.dates import format_partial
from ...roster.pinyin import name_key, pinyin_key
from ...roster.privacy import mask_id_number, mask_phone
from ...roster.service import completeness
from ..table_base import RecordRole, RowTableModel, SortRole

COL_NAME = 0
COL_GENDER = 1
COL_BIRTH = 2
COL_POLITICAL = 3
COL_UNIT = 4
COL_UNIT_POST = 5
COL_BRANCH_ROLE = 6
COL_TEAM = 7
COL_PHONE = 8
COL_ID_NUMBER = 9
COL_ARRIVED = 10
COL_STATUS = 11
COL_COMPLETE = 12

HEADERS = (
    "姓名", "性别", "出生年月", "政治面貌", "派出单位", "单位职务", "支部职务",
    "小分队", "联系电话", "身份证号", "到岗日期", "状态", "完整性",
)

MissingRole = Qt.ItemDataRole.UserRole + 3  # labels of missing required fields
SearchRole = Qt.ItemDataRole.UserRole + 4   # lower-case text the search box matches

INCOMPLETE = "待完善"
COMPLETE = "完整"
ACTIVE = "在岗"
DEPARTED = "已撤离"

DEPARTED_COLOR = QColor("#8a8a8a")
WARNING_COLOR = QColor("#b35c00")
WARNING_BACKGROUND = QColor("#fff1db")


def format_date(day: dt.date | None) -> str:
    return day.strftime("%Y.%m.%d") if day else ""


def search_text(member: Member, pinyin: str) -> str:
    """Name, toneless pinyin ('zhangsan'), initials ('zs'), unit, phone, notes."""
    syllables = ["".join(c for c in s if not c.isdigit()) for s in pinyin.split()]
    parts = (
        member.name, "".join(syllables), "".join(s[:1] for s in syllables),
        member.unit, member.phone, member.notes,
    )
    # Newlines keep a search term from matching across two fields.
    return "\n".join(p or "" for p in parts).lower()


_TEXT_ATTRS = {
    COL_NAME: "name",
    COL_GENDER: "gender",
    COL_POLITICAL: "political_status",
    COL_UNIT: "unit",
    COL_UNIT_POST: "unit_post",
    COL_BRANCH_ROLE: "branch_role",
}


def _order(values) -> dict[str, int]:
    return {v: i for i, v in enumerate(values)}


_VOCABULARY_ORDER = {
    COL_GENDER: _order(GENDERS),
    COL_POLITICAL: _order(POLITICAL_STATUSES),
    COL_BRANCH_ROLE: _order(BRANCH_ROLES),
}


@dataclass
class Row:
    """A member plus everything data() needs, computed once."""

    member: Member
    team: str
    pinyin: str
    missing: list[str] = field(default_factory=list)
    search: str = ""


class MemberTableModel(RowTableModel):
    HEADERS = HEADERS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._reveal = False

    # -- content ---------------------------------------------------------------

    def set_members(self, members: list[Member]) -> None:
        """Replace every row. Members from service.list_members() carry their team already."""
        rows = []
        for member in members:
            pinyin = member.name_pinyin or name_key(member.name)
            team = member.team.name if member.team_id else ""
            rows.append(Row(member, team, pinyin, completeness(member), search_text(member, pinyin)))
        self.set_rows(rows)

    def member_at(self, row: int) -> Member:
        return self._rows[row].member

    def members(self) -> list[Member]:
        return [r.member for r in self._rows]

    def incomplete_count(self) -> int:
        return sum(1 for r in self._rows if r.missing)

    def row_of(self, member_id: int) -> int:
        """The row showing *member_id*, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.member.id == member_id), -1)

    def reveal(self) -> bool:
        return self._reveal

    def set_reveal(self, reveal: bool) -> None:
        """Show full phone and ID numbers instead of masked ones."""
        if reveal == self._reveal:
            return
        self._reveal = reveal
        if self._rows:
            last = len(self._rows) - 1
            for column in (COL_PHONE, COL_ID_NUMBER):
                self.dataChanged.emit(self.index(0, column), self.index(last, column))

    # -- Qt model API ------------------------------------------------------------

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SortRole:
            return self._sort_value(row, column)
        if role == RecordRole:
            return row.member
        if role == MissingRole:
            return list(row.missing)
        if role == SearchRole:
            return row.search
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_COMPLETE and row.missing:
                return QBrush(WARNING_COLOR)
            if row.member.departed_on is not None:
                return QBrush(DEPARTED_COLOR)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == COL_COMPLETE and row.missing:
                return QBrush(WARNING_BACKGROUND)
            return None
        return None

    # -- per-role values -------------------------------------------------------

    def _display(self, row: Row, column: int) -> str:
        m = row.member
        if column == COL_PHONE:
            return m.phone if self._reveal else mask_phone(m.phone)
        if column == COL_ID_NUMBER:
            return m.id_number if self._reveal else mask_id_number(m.id_number)
        if column == COL_BIRTH:
            return format_partial(m.birth_date)
        if column == COL_ARRIVED:
            return format_date(m.arrived_on)
        if column == COL_STATUS:
            return f"{DEPARTED} {format_date(m.departed_on)}" if m.departed_on else ACTIVE
        if column == COL_COMPLETE:
            return INCOMPLETE if row.missing else COMPLETE
        if column == COL_TEAM:
            return row.team
        return getattr(m, _TEXT_ATTRS[column]) or ""

    def _sort_value(self, row: Row, column: int):
        m = row.member
        if column == COL_NAME:
            # Homophones (张三, 章三) fall back to the characters.
            return f"{row.pinyin}\t{m.name}" if m.name else None
        if column == COL_ARRIVED:
            return m.arrived_on.isoformat() if m.arrived_on else None
        if column == COL_STATUS:
            # Active first, then departed by date.
            return "1 " + m.departed_on.isoformat() if m.departed_on else "0"
        if column == COL_COMPLETE:
            return len(row.missing)
        if column in (COL_UNIT, COL_UNIT_POST, COL_TEAM):
            text = row.team if column == COL_TEAM else getattr(m, _TEXT_ATTRS[column])
            return pinyin_key(text) if text else None
        if column in (COL_PHONE, COL_ID_NUMBER, COL_BIRTH):
            return self._raw(m, column) or None
        # Vocabularies sort in their own order (中共党员 before 群众), not alphabetically.
        value = getattr(m, _TEXT_ATTRS[column])
        order = _VOCABULARY_ORDER.get(column, {})
        if not value:
            return None
        return f"{order.get(value, 99):02d} {value}"

    @staticmethod
    def _raw(m: Member, column: int) -> str:
        return {COL_PHONE: m.phone, COL_ID_NUMBER: m.id_number, COL_BIRTH: m.birth_date}[column]

    def _tooltip(self, row: Row, column: int) -> str | None:
        m = row.member
        if column == COL_COMPLETE:
            return "缺少：" + "、".join(row.missing) if row.missing else "必填信息已齐全"
        if column == COL_STATUS and m.departed_on:
            return f"{format_date(m.departed_on)} 撤离，记录均保留"
        if column == COL_NAME and m.notes:
            return f"备注：{m.notes}"
        if column in (COL_UNIT, COL_UNIT_POST):  # long texts get cut off in a narrow column
            return getattr(m, _TEXT_ATTRS[column]) or None
        return None
