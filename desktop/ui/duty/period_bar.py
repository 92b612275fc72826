"""The period the duty page shows: 上周 / 本周 / 下周 / 两周 / 自定义, with ‹ › to step through.

Whatever way the days were chosen (the list, ‹ ›, Alt+←/→ or typed dates), the list names the
period relative to today when it is a whole week (本周, 上周, 下周, 3周后 …), so stepping from
本周 never turns into an anonymous 自定义.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from .duty_format import week_of
from .generate_dialog import date_edit, to_date, to_qdate

CHOICES = ("上周", "本周", "下周", "两周（本周起）", "自定义")
LAST_WEEK, THIS_WEEK, NEXT_WEEK, TWO_WEEKS, CUSTOM = range(5)
WEEK_OFFSETS = {LAST_WEEK: -1, THIS_WEEK: 0, NEXT_WEEK: 1}


def week_name(offset: int) -> str:
    """'本周', '上周', '下周', '2周前', '3周后' for a week *offset* weeks from this one."""
    if offset in (-1, 0, 1):
        return CHOICES[offset + 1]
    return f"{-offset}周前" if offset < 0 else f"{offset}周后"


def choice_for(today: dt.date, first: dt.date, last: dt.date) -> tuple[int, str]:
    """The list entry that names first..last: (index, text of the 自定义 entry)."""
    monday, sunday = week_of(today)
    if first.weekday() == 0 and (last - first).days == 6:
        offset = (first - monday).days // 7
        if offset in (-1, 0, 1):
            return offset + 1, CHOICES[CUSTOM]
        return CUSTOM, week_name(offset)
    if first == monday and last == sunday + dt.timedelta(days=7):
        return TWO_WEEKS, CHOICES[CUSTOM]
    return CUSTOM, CHOICES[CUSTOM]


class PeriodBar(QWidget):
    """changed(first, last) whenever the shown days change."""

    changed = Signal(object, object)

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.combo = QComboBox(self)
        self.combo.addItems(CHOICES)
        self.combo.setToolTip("选择显示的日期范围")
        self.combo.setMinimumContentsLength(7)  # '两周（本周起）' and '12周后' fit
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
        self._name_period()
        self.combo.currentIndexChanged.connect(self._choice)
        self.from_edit.dateChanged.connect(self._edited)
        self.to_edit.dateChanged.connect(self._edited)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button.clicked.connect(lambda: self.step(1))

    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.from_edit.date()), to_date(self.to_edit.date())

    def period_name(self) -> str:
        """What the list shows: '本周', '下周', '3周后', '自定义' …"""
        return self.combo.currentText()

    def set_period(self, first: dt.date, last: dt.date) -> None:
        self._quiet = True
        try:
            self.from_edit.setDate(to_qdate(first))
            self.to_edit.setDate(to_qdate(max(first, last)))
            self._name_period()
        finally:
            self._quiet = False
        self.changed.emit(*self.period())

    def _name_period(self) -> None:
        was, self._quiet = self._quiet, True
        index, custom_text = choice_for(self.today, *self.period())
        self.combo.setItemText(CUSTOM, custom_text)
        self.combo.setCurrentIndex(index)
        self._quiet = was

    def step(self, direction: int) -> None:
        first, last = self.period()
        length = dt.timedelta(days=(last - first).days + 1)
        self.set_period(first + direction * length, last + direction * length)

    def _choice(self, index: int) -> None:
        if self._quiet:
            return
        if index == CUSTOM:
            self.combo.setItemText(CUSTOM, CHOICES[CUSTOM])
            return
        first, last = week_of(self.today)
        if index in WEEK_OFFSETS:
            shift = dt.timedelta(days=7 * WEEK_OFFSETS[index])
            first, last = first + shift, last + shift
        elif index == TWO_WEEKS:
            last = last + dt.timedelta(days=7)
        self.set_period(first, last)

    def _edited(self, *_) -> None:
        if self._quiet:
            return
        first, last = self.period()
        if last < first:
            self._quiet = True
            self.to_edit.setDate(to_qdate(first))
            self._quiet = False
        self._name_period()
        self.changed.emit(*self.period())
