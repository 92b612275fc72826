"""值班偏好 as a table model: one row per member, edited in place; every change is saved at
once through duty.setup.set_preferences, a refused one leaves the stored value showing.

Signals: saved(PreferenceRow) after a stored change; refused(str) “姓名：message”.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...duty import setup
from ..meetings.member_picker import match_key
from ..table_base import RecordRole, RowSortProxy, RowTableModel, SortRole

HEADERS = ("姓名", "每周最多（小时）", "不排夜班", "尽量少排夜班", "首选值守点")
COL_NAME, COL_HOURS, COL_NO_NIGHTS, COL_AVOID, COL_POST = range(len(HEADERS))
CHECK_COLUMNS = (COL_NO_NIGHTS, COL_AVOID)
UNLIMITED = "不限"
NO_POST = "（无）"
DEFAULT_FG = QColor("#9AA0A6")  # 不限 / （无）: the rows with a setting stand out
MAX_HOURS = 168

_Checked, _Unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
_Role = Qt.ItemDataRole


def is_checked(value) -> bool:
    """A CheckStateRole value as views and tests send it: the enum or its int."""
    return getattr(value, "value", value) == _Checked.value


@dataclass(eq=False)
class PreferenceRow:
    """What is stored for one member (updated from the service's answer after each save)."""

    member: object
    hours: int | None
    no_nights: bool
    avoid_nights: bool
    post_id: int | None

    @cached_property
    def key(self) -> str:
        """'张建国 zhangjianguo zjg', worked out on the first filter only."""
        return match_key(self.member)

    @property
    def has_any(self) -> bool:
        return bool(self.hours or self.no_nights or self.avoid_nights or self.post_id)


class PreferencesModel(RowTableModel):
    """load(members) reads; setData() saves through the service (see the module docstring)."""

    HEADERS = HEADERS
    saved = Signal(object)
    refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.posts: list = []
        self._post_names: dict[int, str] = {}
        self._post_order: dict[int, int] = {}

    def load(self, members) -> None:
        """Posts and the members' preferences: two queries, whatever the number of people."""
        self.posts = setup.posts()
        self._post_names = {p.id: p.name for p in self.posts}
        self._post_order = {p.id: number for number, p in enumerate(self.posts)}
        members = list(members)
        prefs = setup.preferences_of(m.id for m in members)
        rows = []
        for member in members:
            pref = prefs[member.id]
            rows.append(PreferenceRow(member, pref.max_hours_per_week, bool(pref.no_nights),
                                      bool(pref.avoid_nights), pref.preferred_post_id))
        self.set_rows(rows)

    def post_choices(self) -> list[tuple[str, int | None]]:
        """What the post editor offers: （无） first, then the posts in display order."""
        return [(NO_POST, None)] + [(p.name, p.id) for p in self.posts]

    def with_settings(self) -> int:
        return sum(row.has_any for row in self._rows)

    def record(self, number: int) -> PreferenceRow:
        """The row at *number* without copying the list (rows() does) — the filter asks 400 times."""
        return self._rows[number]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = self.row_at(index)
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        column = index.column()
        if column in (COL_HOURS, COL_POST):
            flags |= Qt.ItemFlag.ItemIsEditable
        elif column in CHECK_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if column == COL_AVOID and row.no_nights:  # 不排夜班 already covers it
                flags &= ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def data(self, index, role=_Role.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        column = index.column()
        if role == _Role.DisplayRole:
            if column == COL_NAME:
                return row.member.name
            if column == COL_HOURS:
                return str(row.hours) if row.hours else UNLIMITED
            if column == COL_POST:
                return self._post_names.get(row.post_id, NO_POST)
            return None
        if role == _Role.EditRole:
            if column == COL_HOURS:
                return row.hours or 0
            if column == COL_POST:
                return row.post_id
            return row.member.name if column == COL_NAME else None
        if role == _Role.CheckStateRole and column in CHECK_COLUMNS:
            return _Checked if (row.no_nights if column == COL_NO_NIGHTS else row.avoid_nights) else _Unchecked
        if role == SortRole:
            return self._sort_key(row, column)
        if role == RecordRole:
            return row
        if role == _Role.ForegroundRole and ((column == COL_HOURS and not row.hours)
                                             or (column == COL_POST and not row.post_id)):
            return QBrush(DEFAULT_FG)
        if role == _Role.TextAlignmentRole and column == COL_HOURS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == _Role.ToolTipRole:
            if column == COL_AVOID and row.no_nights:
                return "已选“不排夜班”，不会再排夜班"
            if column == COL_HOURS:
                return "双击或按 F2 修改，0 为不限"
        return None

    def _sort_key(self, row: PreferenceRow, column: int):
        """Names by pinyin; ticked boxes first (ascending); no limit / no post (None) last either way."""
        if column == COL_NAME:
            return row.member.name_pinyin or row.member.name
        if column == COL_HOURS:
            return row.hours or None
        if column == COL_NO_NIGHTS:
            return 0 if row.no_nights else 1
        if column == COL_AVOID:
            return 0 if row.avoid_nights else 1
        return self._post_order.get(row.post_id) if row.post_id else None

    def setData(self, index, value, role=_Role.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or not self.flags(index) & Qt.ItemFlag.ItemIsEnabled:
            return False
        stored = {"hours": row.hours, "no_nights": row.no_nights, "avoid_nights": row.avoid_nights,
                  "post_id": row.post_id}
        wanted = dict(stored)
        column = index.column()
        if column == COL_HOURS and role == _Role.EditRole:
            wanted["hours"] = int(value or 0) or None
        elif column == COL_POST and role == _Role.EditRole:
            wanted["post_id"] = value or None
        elif column in CHECK_COLUMNS and role == _Role.CheckStateRole:
            wanted["no_nights" if column == COL_NO_NIGHTS else "avoid_nights"] = is_checked(value)
        else:
            return False
        if wanted == stored:
            return True  # an editor closed without a change: nothing to save
        try:
            pref = setup.set_preferences(row.member.id, max_hours_per_week=wanted["hours"],
                                         no_nights=wanted["no_nights"], avoid_nights=wanted["avoid_nights"],
                                         preferred_post_id=wanted["post_id"])
        except setup.DutySetupError as exc:
            self.refused.emit(f"{row.member.name}：{exc}")
            return False  # the row still holds the stored values: the view shows them again
        row.hours, row.no_nights = pref.max_hours_per_week, bool(pref.no_nights)
        row.avoid_nights, row.post_id = bool(pref.avoid_nights), pref.preferred_post_id
        number = index.row()
        self.dataChanged.emit(self.index(number, COL_HOURS), self.index(number, COL_POST))  # 尽量少 may change too
        self.saved.emit(row)
        return True


class PreferencesFilter(RowSortProxy):
    """Name, full pinyin or initials ('zs' -> 张三), optionally only those with a setting.

    Not dynamic: a row edited out of “只看有限制或意愿的” stays until the filter changes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.only_set = False
        self.setDynamicSortFilter(False)

    def set_filter(self, text: str | None = None, only_set: bool | None = None) -> None:
        def apply():
            if text is not None:
                self.text = text.strip().lower()
            if only_set is not None:
                self.only_set = only_set

        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        if not self.text and not self.only_set:
            return True
        row = self.sourceModel().record(source_row)
        return (not self.only_set or row.has_any) and (not self.text or self.text in row.key)
