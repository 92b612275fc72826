"""The rota as a grid: one row per post × shift, one column per day; cells list the people.

Everything a cell shows is worked out in set_rows() from the rota and the conflict list,
so data() never touches the database.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...models.choices import PARTY_STATUSES
from ..table_base import RecordRole, SortRole  # RecordRole gives the Cell
from .duty_format import day_header, day_header_short, shift_label

__all__ = ["RecordRole", "SortRole", "RotaGridModel", "Cell", "Lane"]

CONFLICT_BG = QColor("#FDE2E4")
SHORT_BG = QColor("#FFF1DB")
WEEKEND_BG = QColor("#F7F7F8")
CONFLICT_BRUSH, SHORT_BRUSH, WEEKEND_BRUSH = QBrush(CONFLICT_BG), QBrush(SHORT_BG), QBrush(WEEKEND_BG)
PARTY_MARK = "★"
PIN_MARK = "[钉]"


def is_party(member) -> bool:
    return getattr(member, "political_status", "") in PARTY_STATUSES


@dataclass(frozen=True)
class Lane:
    """One row of the grid: a post and one shift of its pattern."""

    post: object
    shift: object

    @property
    def key(self) -> tuple[int, int]:
        return (self.post.id, self.shift.id)


@dataclass(slots=True)
class Cell:
    day: dt.date
    lane: Lane
    assignments: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)  # broken rules here (red)
    shortage: object = None  # the 'understaffed' Conflict, shown as 缺N人 (orange), not red
    needed: int = 1  # the post's people per shift

    @property
    def missing(self) -> int:
        """People still needed; 0 where the conflict check found nothing short (e.g. inactive days)."""
        return max(0, self.needed - len(self.assignments)) if self.shortage is not None else 0

    def names(self) -> list[str]:
        return [a.member.name for a in self.assignments]

    def lines(self) -> list[str]:
        """'★张三 [钉]': party members starred, pinned ones marked."""
        out = []
        for a in self.assignments:
            text = (PARTY_MARK if is_party(a.member) else "") + a.member.name
            out.append(f"{text} {PIN_MARK}" if a.pinned else text)
        return out

    def messages(self) -> list[str]:
        seen: list[str] = []
        for c in self.conflicts:
            if c.message not in seen:
                seen.append(c.message)
        return seen


def cell_background(cell: Cell) -> QBrush | None:
    """Red where a rule is broken, orange where people are missing, grey at weekends."""
    if cell.conflicts:
        return CONFLICT_BRUSH
    if cell.missing:
        return SHORT_BRUSH
    if cell.day.weekday() >= 5:
        return WEEKEND_BRUSH
    return None


def build_cells(days: list[dt.date], lanes: list[Lane], assignments, conflicts) -> dict:
    """{(row, column): Cell}. Conflicts without a post and shift mark every cell of that
    member on that day; those without a member or cell are left out."""
    row_of = {lane.key: r for r, lane in enumerate(lanes)}
    col_of = {d: c for c, d in enumerate(days)}
    cells = {}
    for r, lane in enumerate(lanes):
        needed = int(getattr(lane.post, "people_needed", 1) or 1)
        for c, d in enumerate(days):
            cells[(r, c)] = Cell(d, lane, needed=needed)
    by_member_day: dict[tuple, list[Cell]] = {}
    for a in assignments:
        key = (row_of.get((a.post_id, a.shift_id)), col_of.get(a.date))
        if None in key:
            continue
        cells[key].assignments.append(a)
        by_member_day.setdefault((a.member_id, a.date), []).append(cells[key])
    for cell in cells.values():
        cell.assignments.sort(key=lambda a: (not is_party(a.member), a.member.name_pinyin or a.member.name))
    for conflict in conflicts:
        post_id, shift_id = getattr(conflict, "post_id", None), getattr(conflict, "shift_id", None)
        key = (row_of.get((post_id, shift_id)), col_of.get(conflict.date))
        if None not in key and conflict.kind == "understaffed":
            cells[key].shortage = conflict
        elif None not in key:
            cells[key].conflicts.append(conflict)
        elif getattr(conflict, "member_id", None) is not None:
            for cell in by_member_day.get((conflict.member_id, conflict.date), []):
                cell.conflicts.append(conflict)
    return cells


class RotaGridModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._days: list[dt.date] = []
        self._lanes: list[Lane] = []
        self._cells: dict[tuple[int, int], Cell] = {}
        self._lane_titles: list[str] = []
        self._day_titles: list[str] = []

    def set_rows(self, days, lanes, assignments, conflicts=()) -> None:
        self.beginResetModel()
        self._days, self._lanes = list(days), list(lanes)
        self._cells = build_cells(self._days, self._lanes, assignments, conflicts)
        # headers are asked for again and again while the view lays out: worked out once
        self._lane_titles = [f"{lane.post.name}\n{shift_label(lane.shift)}" for lane in self._lanes]
        self._day_titles = [day_header_short(day) for day in self._days]
        self.endResetModel()

    def days(self) -> list[dt.date]:
        return list(self._days)

    def lanes(self) -> list[Lane]:
        return list(self._lanes)

    def cell(self, row: int, column: int) -> Cell | None:
        return self._cells.get((row, column))

    def index_of(self, day: dt.date, post_id: int, shift_id: int) -> QModelIndex:
        for r, lane in enumerate(self._lanes):
            if lane.key == (post_id, shift_id) and day in self._days:
                return self.index(r, self._days.index(day))
        return QModelIndex()

    def cells(self) -> list[Cell]:
        return list(self._cells.values())

    # -- Qt model API ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lanes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._days)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and not 0 <= section < len(self._days):
            return None
        if not horizontal and not 0 <= section < len(self._lanes):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._day_titles if horizontal else self._lane_titles)[section]
        if role == Qt.ItemDataRole.ToolTipRole and not horizontal:
            lane = self._lanes[section]
            extra = "，须党员带班" if lane.post.party_member_required else ""
            return f"{lane.post.name}：每班 {lane.post.people_needed} 人{extra}"
        if role == Qt.ItemDataRole.ForegroundRole and horizontal and self._days[section].weekday() >= 5:
            return QBrush(QColor("#C8102E"))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        cell = self._cells.get((index.row(), index.column())) if index.isValid() else None
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            lines = cell.lines()
            if cell.missing:
                lines.append(f"缺{cell.missing}人")
            return "\n".join(lines)
        if role == RecordRole:
            return cell
        if role == SortRole:
            return (cell.day, cell.lane.post.position, cell.lane.shift.position)
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_background(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell)
        return None

    @staticmethod
    def _tooltip(cell: Cell) -> str:
        head = f"{day_header(cell.day)} {cell.lane.post.name} {shift_label(cell.lane.shift)}"
        parts = [head, "、".join(cell.names()) or "（无人）"]
        if cell.missing:
            parts.append(f"还缺 {cell.missing} 人")
        parts += [f"冲突：{m}" for m in cell.messages()]
        return "\n".join(parts)
