"""The period the duty page shows: 本周 / 下周 / 两周 / 自定义, with ‹ › to step through."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from .duty_format import week_of
from .generate_dialog import date_edit, to_date, to_qdate

CHOICES = ("本周", "下周", "两周（本周起）", "自定义")
THIS_WEEK, NEXT_WEEK, TWO_WEEKS, CUSTOM = range(4)


class PeriodBar(QWidget):
    """changed(first, last) whenever the shown days change."""

    changed = Signal(object, object)

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.combo = QComboBox(self)
        self.combo.addItems(CHOICES)
        self.combo.setToolTip("选择显示的日期范围")
        first, last = week_of(today)
        self.from_edit = date_edit(first, self)
        self.to_edit = date_edit(last, self)
        self.back_button = QToolButton(self)
        self.back_button.setText("‹")
        self.back_button.setToolTip("上一段（Alt+←）")
        self.forward_button = QToolButton(self)
        self.forward_button.setText("›")
        self.forward_button.setToolTip("下一段（Alt+→）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo)
        layout.addWidget(self.back_button)
        layout.addWidget(self.from_edit)
        layout.addWidget(QLabel("至", self))
        layout.addWidget(self.to_edit)
        layout.addWidget(self.forward_button)
        self._quiet = False
        self.combo.currentIndexChanged.connect(self._choice)
        self.from_edit.dateChanged.connect(self._edited)
        self.to_edit.dateChanged.connect(self._edited)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button.clicked.connect(lambda: self.step(1))

    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.from_edit.date()), to_date(self.to_edit.date())

    def set_period(self, first: dt.date, last: dt.date, choice: int = CUSTOM) -> None:
        self._quiet = True
        try:
            self.from_edit.setDate(to_qdate(first))
            self.to_edit.setDate(to_qdate(max(first, last)))
            self.combo.setCurrentIndex(choice)
        finally:
            self._quiet = False
        self.changed.emit(*self.period())

    def step(self, direction: int) -> None:
        first, last = self.period()
        length = dt.timedelta(days=(last - first).days + 1)
        self.set_period(first + direction * length, last + direction * length)

    def _choice(self, index: int) -> None:
        if self._quiet or index == CUSTOM:
            return
        first, last = week_of(self.today)
        if index == NEXT_WEEK:
            first, last = first + dt.timedelta(days=7), last + dt.timedelta(days=7)
        elif index == TWO_WEEKS:
            last = last + dt.timedelta(days=7)
        self.set_period(first, last, index)

    def _edited(self, *_) -> None:
        if self._quiet:
            return
        first, last = self.period()
        if last < first:
            self._quiet = True
            self.to_edit.setDate(to_qdate(first))
            self._quiet = False
        self._quiet = True
        self.combo.setCurrentIndex(CUSTOM)
        self._quiet = False
        self.changed.emit(*self.period())
