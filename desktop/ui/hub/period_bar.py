"""The period every hub page counts in (期间): two dates and a few quick choices.

One bar for the whole hub window, so 支部一览, 干部 and 报表 always speak of the same days.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

CUSTOM = "自定义"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def presets(today: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The quick choices, newest first; each ends today."""
    return {
        "最近 7 天": (today - dt.timedelta(days=6), today),
        "最近 30 天": (today - dt.timedelta(days=29), today),
        "本月": (today.replace(day=1), today),
        "最近 90 天": (today - dt.timedelta(days=89), today),
    }


class PeriodBar(QWidget):
    """Signals: changed(date_from, date_to) once per change the person made."""

    changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self._today = today
        self.choice = QComboBox(self)
        self.choice.setToolTip("统计期间：支部一览的关键数字、干部的在岗天数和报表都按这段时间计算")
        self._presets = presets(today())
        self.choice.addItems([*self._presets, CUSTOM])
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        label = QLabel("统计期间(&P)", self)
        label.setBuddy(self.choice)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.choice)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("至", self))
        row.addWidget(self.date_to)
        self._quiet = False
        self.choice.setCurrentText("最近 30 天")
        self._apply_choice(self.choice.currentText())
        self.choice.currentTextChanged.connect(self._apply_choice)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)

    def period(self) -> tuple[dt.date, dt.date]:
        """(from, to), in order even if the person typed them the other way round."""
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        return (first, last) if first <= last else (last, first)

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        self._quiet = True
        try:
            self.choice.setCurrentText(CUSTOM)
            self.date_from.setDate(_qdate(date_from))
            self.date_to.setDate(_qdate(date_to))
        finally:
            self._quiet = False
        self.changed.emit(*self.period())

    def _apply_choice(self, text: str) -> None:
        if text not in self._presets:
            return
        first, last = self._presets[text]
        self._quiet = True
        try:
            self.date_from.setDate(_qdate(first))
            self.date_to.setDate(_qdate(last))
        finally:
            self._quiet = False
        self.changed.emit(*self.period())

    def _dates_edited(self) -> None:
        if self._quiet:
            return
        self.choice.blockSignals(True)
        self.choice.setCurrentText(CUSTOM)
        self.choice.blockSignals(False)
        self.changed.emit(*self.period())
