"""The members who write diaries: active ones in pinyin order, a red dot on whoever has no
entry for yesterday (so the secretary knows whom to chase before the evening report)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...diaries import service
from ...roster.pinyin import name_key
from ...roster.service import list_members
from .diary_format import short_day
from .diary_style import ACCENT

MemberIdRole = Qt.ItemDataRole.UserRole + 1
MissingRole = Qt.ItemDataRole.UserRole + 2


def _dot(colour: str | None) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)  # a blank icon keeps the names aligned
    if colour:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
    return QIcon(pixmap)


class MemberList(QWidget):
    """MemberList(parent, today=None). member_changed(id or None); reload() re-reads members
    and yesterday's gaps; select_member(id)."""

    member_changed = Signal(object)
    activated = Signal()  # Enter on a name: go write

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("筛选：姓名或拼音首字母")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._first_visible)
        self.list = QListWidget(self)
        self.list.setObjectName("memberList")
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda _item: self.activated.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        self._red, self._blank = _dot(ACCENT), _dot(None)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def reload(self, roster: list | None = None) -> None:
        """roster: list_members() when the caller has just read it (the page shares one read)."""
        today = self.today()
        yesterday = today - dt.timedelta(days=1)
        current = self.current_member_id()
        missing = {m.id for m in service.missing_diaries(yesterday)}
        roster = list_members() if roster is None else roster
        members = [m for m in roster if m.departed_on is None or m.departed_on >= today]
        self.list.blockSignals(True)
        self.list.clear()
        for member in members:
            item = QListWidgetItem(member.name)
            item.setData(MemberIdRole, member.id)
            # the stored key: working out 400 names' pinyin again cost ~30 ms a reload
            initials = "".join(s[:1] for s in (member.name_pinyin or name_key(member.name)).split())
            item.setData(Qt.ItemDataRole.UserRole + 3, f"{member.name} {initials}")
            gap = member.id in missing
            item.setData(MissingRole, gap)
            item.setIcon(self._red if gap else self._blank)
            if gap:
                item.setToolTip(f"昨天（{short_day(yesterday)}）还没有日记")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._apply_filter(self.filter.text())
        if current is None or not self.select_member(current):
            self.member_changed.emit(self.current_member_id())

    def mark_written(self, member_id: int, day: dt.date) -> None:
        """A diary was saved: clear the dot without asking the database again."""
        if day != self.today() - dt.timedelta(days=1):
            return
        item = self._item_for(member_id)
        if item is not None and item.data(MissingRole):
            item.setData(MissingRole, False)
            item.setIcon(self._blank)
            item.setToolTip("")

    def current_member_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(MemberIdRole) if item is not None else None

    def select_member(self, member_id: int) -> bool:
        item = self._item_for(member_id)
        if item is None:
            return False
        item.setHidden(False)
        self.list.setCurrentItem(item)
        return True

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def missing_names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count()) if self.list.item(i).data(MissingRole)]

    def _item_for(self, member_id: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(MemberIdRole) == member_id:
                return self.list.item(row)
        return None

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 3).lower())

    def _first_visible(self) -> None:
        for row in range(self.list.count()):
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                self.list.setFocus()
                return

    def _current_changed(self, current, _previous) -> None:
        self.member_changed.emit(current.data(MemberIdRole) if current is not None else None)
