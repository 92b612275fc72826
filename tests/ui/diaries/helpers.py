"""Driving the diary page as a person would: click a name, click a day, type."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


def click_member(qtbot, page, name: str) -> None:
    view = page.members.list
    item = next(view.item(r) for r in range(view.count()) if view.item(r).text() == name)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center())


def click_day(qtbot, calendar, day: dt.date) -> None:
    """Click the day's cell in the calendar's grid (the month must be the one shown)."""
    if (calendar.yearShown(), calendar.monthShown()) != (day.year, day.month):
        calendar.setCurrentPage(day.year, day.month)
    view = calendar.findChild(QTableView)
    model = view.model()
    cells = [model.index(r, c) for r in range(1, model.rowCount()) for c in range(model.columnCount())
             if str(model.index(r, c).data()) == str(day.day)]
    # Leading cells belong to the month before (high numbers), trailing ones to the month after.
    index = cells[-1] if day.day > 15 else cells[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert calendar.selected_day() == day
