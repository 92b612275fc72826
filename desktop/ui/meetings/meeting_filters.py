"""Above the meetings list: type, date range (or 全部日期) and a search over every field of the record."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...models import MeetingType

SEARCH_DELAY_MS = 250  # typing a name: search once the hands pause


class MeetingFilterBar(QWidget):
    """changed() when a filter changes (the search after a short pause); submitted() on Enter."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        today = today or dt.date.today()
        self.type_combo = QComboBox(self)
        self.type_combo.setMinimumContentsLength(6)
        self.all_dates = QCheckBox("全部日期", self)
        self.all_dates.setChecked(True)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        first = today.replace(day=1)
        self.date_from.setDate(QDate(first.year, first.month, first.day))
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy.MM.dd")
            edit.dateChanged.connect(self._dates_changed)
        self.search = QLineEdit(self)
        self.search.setObjectName("meetingSearch")
        self.search.setPlaceholderText("搜索：姓名、发言、决议、待办、地点……（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._submit)
        self.type_combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.all_dates.toggled.connect(self._all_dates_toggled)
        self._all_dates_toggled(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(QLabel("类型", self))
        layout.addWidget(self.type_combo)
        layout.addSpacing(8)
        layout.addWidget(self.all_dates)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("至", self))
        layout.addWidget(self.date_to)
        layout.addSpacing(8)
        layout.addWidget(self.search, 1)

    def set_types(self, types: list[MeetingType]) -> None:
        current = self.type_id()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem("全部类型", None)
        for kind in types:
            self.type_combo.addItem(kind.name if kind.active else f"{kind.name}（已停用）", kind.id)
        index = self.type_combo.findData(current) if current is not None else 0
        self.type_combo.setCurrentIndex(max(index, 0))
        self.type_combo.blockSignals(False)

    def type_id(self) -> int | None:
        return self.type_combo.currentData()

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        if self.all_dates.isChecked():
            return None, None
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def text(self) -> str:
        return self.search.text().strip()

    def _all_dates_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(not checked)
        self.date_to.setEnabled(not checked)
        self.changed.emit()

    def _dates_changed(self, _date) -> None:
        if not self.all_dates.isChecked():
            self.changed.emit()

    def _submit(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.changed.emit()
        self.submitted.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
