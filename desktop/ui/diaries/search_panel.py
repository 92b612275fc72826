"""查找: search every diary as you type (250 ms after the last key), filter by member, tag
and dates; hits show with the matches highlighted, 200 at a time, older ones as the list is
scrolled to the end; double-click or Enter opens the entry."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ...diaries import service
from ...roster.service import list_members
from ..widgets import role_label
from .hit_delegate import HitDelegate, HtmlRole
from .search_results import HitRole, SearchResultsModel

DEBOUNCE_MS = 250
NO_DATE = QDate(2000, 1, 1)  # the minimum of the date inputs, shown as “不限”
PROMPT = "输入要找的字词；也可以只选成员、标签或日期，列出这些日记"


def _date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("不限")
    edit.setDate(NO_DATE)
    return edit


class SearchPanel(QWidget):
    """SearchPanel(parent, load=True). open_requested(member_id, day); search_now(); hits() for
    tests. load=False leaves the member and tag filters empty until reload_filters()."""

    open_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None, load: bool = True):
        super().__init__(parent)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("查找日记：作者、住户姓名、楼栋、事情……（空格分开多个词）")
        self.query.setClearButtonEnabled(True)
        self.member = QComboBox(self)
        self.tag = QComboBox(self)
        self.date_from, self.date_to = _date_edit(self), _date_edit(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.model = SearchResultsModel(self)
        self.model.fetched.connect(self._show_count)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # hits wrap instead
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.doubleClicked.connect(self._open)
        self.results.activated.connect(self._open)
        self.status = role_label("", "hint", self)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        for label, widget in (("成员", self.member), ("标签", self.tag), ("从", self.date_from), ("到", self.date_to)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

        self.query.textChanged.connect(lambda _t: self.timer.start())  # restart: wait for a pause
        self.query.returnPressed.connect(self._enter)
        for combo in (self.member, self.tag):
            combo.currentIndexChanged.connect(lambda _i: self.search_now())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.search_now())
        if load:
            self.reload_filters()

    def reload_filters(self, roster: list | None = None) -> None:
        """Members and tags may have changed elsewhere; keep what was chosen. roster:
        list_members() when the caller has just read it."""
        roster = list_members() if roster is None else roster
        for combo, rows, everyone in (
            (self.member, [(m.name, m.id) for m in roster], "全部成员"),
            (self.tag, [(t.name, t.name) for t in service.tags(include_inactive=True)], "全部标签"),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for text, data in rows:
                combo.addItem(text, data)
            found = combo.findData(chosen)
            combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def _date(self, edit: QDateEdit) -> dt.date | None:
        return None if edit.date() == NO_DATE else edit.date().toPython()

    def search_now(self) -> None:
        self.timer.stop()
        text = self.query.text().strip()
        filters = dict(member_id=self.member.currentData(), tag=self.tag.currentData(),
                       date_from=self._date(self.date_from), date_to=self._date(self.date_to))
        if not text and not any(v is not None for v in filters.values()):
            self.model.clear()
            self.status.setText(PROMPT)
            return
        self.model.start(text, filters)  # the first page; the view asks for the next ones
        self.results.scrollToTop()  # a reset keeps the old scroll position

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if not shown:
            self.status.setText("没有找到符合条件的日记")
        elif self.model.has_more():
            self.status.setText(f"已显示最新的 {shown} 篇日记，向下滚动查看更早的")
        else:
            self.status.setText(f"找到 {shown} 篇日记")

    def hits(self) -> list[str]:
        """The HTML of each result shown so far, in order (tests read what would be drawn)."""
        return [self.model.index(row).data(HtmlRole) for row in range(self.model.rowCount())]

    def _enter(self) -> None:
        self.search_now()
        if self.model.rowCount():
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0, 0))

    def _open(self, index) -> None:
        target = index.data(HitRole)
        if target is not None:
            self.open_requested.emit(*target)
