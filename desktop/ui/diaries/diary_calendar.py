"""The month calendar of one member's diary: days with an entry carry a red dot.

One entry_days() query per month shown (and per member switch); a save only adds its day
to the set, so typing never costs a calendar query.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QCalendarWidget, QWidget

from ...diaries import service
from .diary_style import ACCENT


class DiaryCalendar(QCalendarWidget):
    """DiaryCalendar(parent, today=None). set_member(id); marked_days(); mark(day, True/False);
    selected_day() -> date. queries counts entry_days calls (tests keep it to one per month)."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._member_id: int | None = None
        self._days: set[dt.date] = set()
        self.queries = 0
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # 十一月, 周一 on any system
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(False)
        today = today or dt.date.today()
        self.setMaximumDate(QDate(today))  # a diary is about a day that has happened
        self.setSelectedDate(QDate(today))
        self.currentPageChanged.connect(lambda *_: self.refresh())

    def set_member(self, member_id: int | None) -> None:
        if member_id != self._member_id:
            self._member_id = member_id
            self.refresh()

    def refresh(self) -> None:
        self._days = set()
        if self._member_id is not None:
            self._days = set(service.entry_days(self._member_id, self.yearShown(), self.monthShown()))
            self.queries += 1
        self.updateCells()

    def mark(self, day: dt.date, has_entry: bool) -> None:
        if (day.year, day.month) != (self.yearShown(), self.monthShown()):
            return
        (self._days.add if has_entry else self._days.discard)(day)
        self.updateCells()

    def marked_days(self) -> set[dt.date]:
        return set(self._days)

    def selected_day(self) -> dt.date:
        return self.selectedDate().toPython()

    def select_day(self, day: dt.date) -> None:
        self.setSelectedDate(QDate(day))

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        super().paintCell(painter, rect, date)
        if date.toPython() not in self._days or date.month() != self.monthShown():
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ACCENT))
        size = max(4, rect.height() // 7)
        painter.drawEllipse(rect.center().x() - size // 2, rect.bottom() - size - 2, size, size)
        painter.restore()
