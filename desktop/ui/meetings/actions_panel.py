"""待办 raised in this meeting: what, who, by when, status. Owner and due are typed inline."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ...models import ActionItem, Member
from .action_edit_bar import ActionEditBar
from .meeting_format import short_date
from .session import QUEUED, MeetingSession

COL_TEXT, COL_OWNER, COL_DUE, COL_STATUS = range(4)
HEADERS = ("事项", "负责人", "期限", "状态")
IdRole = Qt.ItemDataRole.UserRole + 1


class ActionsPanel(QWidget):
    """ActionsPanel(session). edit_owner(item) opens the inline owner/due line; finished fires
    when it closes, so the live view can return to the notes entry."""

    count_changed = Signal(int)
    finished = Signal()

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._items: dict[int, ActionItem] = {}
        self._filling = False
        self.table = self._make_table()
        self.bar = ActionEditBar(self)
        self.bar.submitted.connect(self._owner_due_submitted)
        self.bar.finished.connect(self.finished)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.bar)
        session.mode_changed.connect(lambda _mode: self._apply_mode())
        self._apply_mode()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(HEADERS), self)
        table.setObjectName("actionsTable")
        table.setHorizontalHeaderLabels(HEADERS)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in ((COL_OWNER, "欧阳晓明"), (COL_DUE, "12月31日"), (COL_STATUS, "未完成")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 14)
        table.setToolTip("双击事项修改内容；选中后按 F2 改负责人和期限；Delete 删除")
        table.itemChanged.connect(self._item_changed)
        for keys, slot, text in (((Qt.Key.Key_F2,), self.edit_selected, "负责人和期限"),
                                 ((Qt.Key.Key_Delete,), self.delete_selected, "删除待办")):
            action = QAction(text, table)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            table.addAction(action)
        return table

    def _apply_mode(self) -> None:
        editable = self.session.editable()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked if editable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        if not editable:
            self.bar.close_bar()

    # -- content ---------------------------------------------------------------

    def set_members(self, members: list[Member]) -> None:
        self.bar.set_members(members)

    def load(self, items: list[ActionItem]) -> None:
        self._items = {}
        self.table.setRowCount(0)
        for item in items:
            self.append(item, select=False)
        self.count_changed.emit(self.table.rowCount())

    def append(self, item: ActionItem, select: bool = True) -> None:
        row = self._row_of(item.id)
        self._filling = True
        if row < 0:
            row = self.table.rowCount()
            self.table.insertRow(row)
        self._items[item.id] = item
        owner = item.owner.name if item.owner_id else ""
        cells = (item.text, owner, short_date(item.due_date), item.status)
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            if column != COL_TEXT:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            cell.setData(IdRole, item.id)
            self.table.setItem(row, column, cell)
        self._filling = False
        if select:
            self.table.selectRow(row)
        self.count_changed.emit(self.table.rowCount())

    def _row_of(self, item_id: int) -> int:
        return next((r for r in range(self.table.rowCount())
                     if self.table.item(r, COL_TEXT).data(IdRole) == item_id), -1)

    def row_texts(self) -> list[tuple[str, str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(len(HEADERS)))
                for r in range(self.table.rowCount())]

    # -- editing ---------------------------------------------------------------

    def edit_owner(self, item: ActionItem) -> None:
        if self.session.editable():
            self.bar.edit(item)
            # The bar takes room from the table: keep the item being edited in view.
            QTimer.singleShot(0, lambda: self._scroll_to(item.id))

    def _scroll_to(self, item_id: int) -> None:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, COL_TEXT)
            if cell is not None and cell.data(IdRole) == item_id:
                self.table.scrollToItem(cell)
                return

    def edit_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.edit_owner(self._items[self.table.item(row, COL_TEXT).data(IdRole)])

    def _owner_due_submitted(self, item: ActionItem, owner: Member | None, due: dt.date | None) -> None:
        result = self.session.write(service.update_action_item, item.id,
                                    owner_id=owner.id if owner is not None else None, due=due,
                                    key=("action", item.id, "owner_due"))
        if result is None:
            return
        if result is QUEUED:
            item.owner, item.due_date = owner, due
            result = item
        self.append(result)

    def _item_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() != COL_TEXT:
            return
        item = self._items[cell.data(IdRole)]
        text = cell.text().strip()
        if self.session.write(service.update_action_item, item.id, text=text,
                              key=("action", item.id, "text")) is None:
            self._filling = True
            cell.setText(item.text)
            self._filling = False
            return
        item.text = text

    def add_typed(self) -> None:
        if not self.session.live():
            return
        text, ok = QInputDialog.getText(self, "新增待办", "待办事项：")
        if ok and text.strip():
            item = self.session.write(service.add_action_item, self.session.meeting_id, text.strip())
            if item is not None:
                self.append(item)
                self.edit_owner(item)

    def delete_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or not self.session.live():
            return
        item = self._items[self.table.item(row, COL_TEXT).data(IdRole)]
        answer = QMessageBox.question(
            self, "删除待办", f"删除这条待办事项？\n\n{item.text[:80]}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self.session.write(
                service.delete_action_item, item.id) is not None:
            del self._items[item.id]
            self.table.removeRow(row)
            self.count_changed.emit(self.table.rowCount())
