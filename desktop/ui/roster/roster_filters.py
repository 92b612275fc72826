"""The row of filter controls above the roster table; it drives a MemberFilterProxy."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from ...models.choices import POLITICAL_STATUSES
from .filter_proxy import NO_TEAM, MemberFilterProxy, StatusFilter


def _combo(name: str, min_chars: int) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(f"按{name}筛选")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    return combo


class RosterFilterBar(QWidget):
    reveal_toggled = Signal(bool)
    search_submitted = Signal()  # Enter in the search box: move on to the table

    def __init__(self, proxy: MemberFilterProxy, parent: QWidget | None = None):
        super().__init__(parent)
        self._proxy = proxy
        self.search = QLineEdit(self)
        # Short enough to show whole at 1280 px; the tooltip says the rest.
        self.search.setPlaceholderText("搜索姓名、拼音、单位、电话")
        self.search.setToolTip("按姓名、拼音首字母、单位、电话或备注查找（Ctrl+F）")
        self.search.setAccessibleName("搜索")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 18)
        self.search.textChanged.connect(proxy.set_search_text)
        self.search.returnPressed.connect(self.search_submitted)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self.search, self.search.clear)

        self.team_combo = _combo("小分队", 6)
        self.political_combo = _combo("政治面貌", 6)
        for text, value in (("全部政治面貌", None), *((s, s) for s in POLITICAL_STATUSES)):
            self.political_combo.addItem(text, value)
        self.unit_combo = _combo("派出单位", 9)
        self.status_combo = _combo("状态", 5)
        for status, text in (
            (StatusFilter.ACTIVE, "在岗人员"), (StatusFilter.DEPARTED, "已撤离人员"),
            (StatusFilter.ALL, "全部人员"),
        ):
            self.status_combo.addItem(text, status)
        self.incomplete_check = QCheckBox("仅显示待完善", self)
        self.reveal_check = QCheckBox("显示完整号码", self)
        self.reveal_check.setToolTip("显示完整的联系电话和身份证号；默认部分隐藏")
        self.set_choices([], [])

        self.team_combo.currentIndexChanged.connect(
            lambda: proxy.set_team(self.team_combo.currentData()))
        self.political_combo.currentIndexChanged.connect(
            lambda: proxy.set_political_status(self.political_combo.currentData()))
        self.unit_combo.currentIndexChanged.connect(
            lambda: proxy.set_unit(self.unit_combo.currentData()))
        self.status_combo.currentIndexChanged.connect(
            lambda: proxy.set_status(self.status_combo.currentData()))
        self.incomplete_check.toggled.connect(proxy.set_incomplete_only)
        self.reveal_check.toggled.connect(self.reveal_toggled)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        for widget in (self.team_combo, self.political_combo, self.unit_combo, self.status_combo):
            layout.addWidget(widget, 1)
        layout.addSpacing(6)
        layout.addWidget(self.incomplete_check)
        layout.addWidget(self.reveal_check)

    def set_choices(self, teams: list[str], units: list[str]) -> None:
        """Refill the team and unit combos, keeping the current choice while it still exists."""
        self._refill(self.team_combo, [("全部小分队", None), *((t, t) for t in teams), ("未分配小分队", NO_TEAM)])
        self._refill(self.unit_combo, [("全部派出单位", None), *((u, u) for u in units)])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in items:
            combo.addItem(text, value)
        index = max(next((i for i, (_, v) in enumerate(items) if v == current), 0), 0)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        if items[index][1] != current:
            combo.currentIndexChanged.emit(index)  # the old choice vanished: widen the filter
