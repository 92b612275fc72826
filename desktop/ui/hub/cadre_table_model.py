"""干部 as a table: one CadreRow (desktop/hub/queries.py) per person, across branches.

The search text of each row is made once in set_cadres(), so filtering as the person types
reads no database and no pinyin dictionary.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from ...hub.queries import CadreRow
from ...roster.pinyin import name_key, pinyin_key
from ..table_base import RecordRole, RowSortProxy, RowTableModel, SortRole

COL_NAME, COL_UNIT, COL_UNIT_POST, COL_BRANCHES, COL_DAYS = range(5)
COL_SHIFTS, COL_NIGHTS, COL_MEETINGS, COL_ATTENDANCE, COL_DIARIES = range(5, 10)

HEADERS = ("姓名", "派出单位", "单位职务", "所在支部", "在岗天数", "值班", "其中夜班", "参会（实到/应到）",
           "出勤率", "日记")
NUMBERS = (COL_DAYS, COL_SHIFTS, COL_NIGHTS, COL_MEETINGS, COL_ATTENDANCE, COL_DIARIES)

SearchRole = Qt.ItemDataRole.UserRole + 4  # the lower-case text the search box matches


@dataclass(frozen=True)
class Row:
    cadre: CadreRow
    search: str


def search_text(cadre: CadreRow) -> str:
    """Name (characters, toneless pinyin, initials), unit, post, branches, teams and roles."""
    syllables = ["".join(c for c in s if not c.isdigit()) for s in name_key(cadre.name).split()]
    parts = (cadre.name, "".join(syllables), "".join(s[:1] for s in syllables), cadre.unit, cadre.unit_post,
             *cadre.branches, *(s.team for s in cadre.stints), *(s.branch_role for s in cadre.stints))
    return "\n".join(p or "" for p in parts).lower()  # newlines: a term never spans two fields


class CadreTableModel(RowTableModel):
    HEADERS = HEADERS

    def set_cadres(self, cadres: list[CadreRow]) -> None:
        self.set_rows([Row(c, search_text(c)) for c in cadres])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row: Row | None = self.row_at(index)
        if row is None:
            return None
        cadre, column = row.cadre, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cadre, column)
        if role == SortRole:
            return self._sort_value(cadre, column)
        if role == RecordRole:
            return cadre
        if role == SearchRole:
            return row.search
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cadre, column)
        return None

    @staticmethod
    def _display(cadre: CadreRow, column: int) -> str:
        return {
            COL_NAME: cadre.name, COL_UNIT: cadre.unit, COL_UNIT_POST: cadre.unit_post,
            COL_BRANCHES: cadre.branches_text, COL_DAYS: str(cadre.days_in_post), COL_SHIFTS: str(cadre.shifts),
            COL_NIGHTS: str(cadre.night_shifts),
            COL_MEETINGS: f"{cadre.meetings_attended}/{cadre.meetings_expected}",
            COL_ATTENDANCE: cadre.attendance_text, COL_DIARIES: str(cadre.diaries),
        }[column]

    @staticmethod
    def _sort_value(cadre: CadreRow, column: int):
        if column == COL_NAME:
            return f"{name_key(cadre.name)}\t{cadre.name}" if cadre.name else None
        if column in (COL_UNIT, COL_UNIT_POST, COL_BRANCHES):
            text = {COL_UNIT: cadre.unit, COL_UNIT_POST: cadre.unit_post, COL_BRANCHES: cadre.branches_text}[column]
            return pinyin_key(text) if text else None
        if column == COL_MEETINGS:
            return (cadre.meetings_attended, cadre.meetings_expected)
        if column == COL_ATTENDANCE:
            return cadre.meetings_attended / cadre.meetings_expected if cadre.meetings_expected else None
        return {COL_DAYS: cadre.days_in_post, COL_SHIFTS: cadre.shifts, COL_NIGHTS: cadre.night_shifts,
                COL_DIARIES: cadre.diaries}[column]

    @staticmethod
    def _tooltip(cadre: CadreRow, column: int) -> str | None:
        if column == COL_BRANCHES:
            lines = []
            for stint in cadre.stints:
                span = f"{stint.arrived_on or '…'} 至 {stint.departed_on or '今'}"
                extra = "，".join(t for t in (stint.team, stint.branch_role) if t)
                lines.append(f"{stint.branch_name}：{span}" + (f"（{extra}）" if extra else ""))
            return "\n".join(lines)
        if column == COL_NAME and cadre.assessments:
            return "\n".join(f"{branch}评价：{text}" for branch, text in cadre.assessments)
        if column == COL_UNIT and cadre.home_org:
            return f"组织关系所在党组织：{cadre.home_org}"
        return None


class CadreFilterProxy(RowSortProxy):
    """Search terms (all must match) and one 派出单位 (None: every unit)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: list[str] = []
        self._unit: str | None = None

    def set_search_text(self, text: str) -> None:
        self._change("_terms", (text or "").lower().split())

    def set_unit(self, unit: str | None) -> None:
        self._change("_unit", unit)

    def _change(self, attr: str, value) -> None:
        if getattr(self, attr) == value:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            setattr(self, attr, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, attr, value)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        cadre = model.data(index, RecordRole)
        if cadre is None:
            return False
        if self._unit is not None and cadre.unit != self._unit:
            return False
        haystack = model.data(index, SearchRole) or ""
        return all(term in haystack for term in self._terms)
