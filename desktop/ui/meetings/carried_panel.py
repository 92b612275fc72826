"""以往待办: open items of earlier meetings, to tick off (✓ 已完成) or carry on (→ 结转) in this one."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ...models import ActionItem
from .meeting_format import short_date

IdRole = Qt.ItemDataRole.UserRole + 1
DONE_COLOR = QColor("#6B7280")
OPEN, CARRIED, CLOSED = "open", "carried", "closed"


def describe(item: ActionItem) -> str:
    """'4月12日提出 · 张建国 · 期限4月15日 · 已结转2次'."""
    parts = [f"{short_date(item.meeting.date)}提出"]
    if item.owner_id:
        parts.append(item.owner.name)
    if item.due_date:
        parts.append(f"期限{short_date(item.due_date)}")
    if item.carried_count:
        parts.append(f"已结转{item.carried_count}次")
    return " · ".join(parts)


class CarriedPanel(QWidget):
    """CarriedPanel(session). load() reads the service. Select a row, then W = 已完成,
    J = 结转, Backspace = 撤销 (or the buttons under the list)."""

    count_changed = Signal(int)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._items: list[tuple[ActionItem, str]] = []
        self.table = QTableWidget(0, 1, self)
        self.table.setObjectName("carriedTable")
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setToolTip("选中后按 W 标记已完成，J 结转到本次会议，Backspace 撤销")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for key, slot in ((Qt.Key.Key_W, self.close_selected), (Qt.Key.Key_J, self.carry_selected),
                          (Qt.Key.Key_Backspace, self.undo_selected)):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        self.done_button = self._button("✓ 已完成", "本次会议确认已完成（W）", self.close_selected)
        self.carry_button = self._button("→ 结转", "仍未完成，结转到本次会议继续跟进（J）", self.carry_selected)
        self.undo_button = self._button("撤销", "撤销完成或结转（Backspace）", self.undo_selected)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for button in (self.done_button, self.carry_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        session.mode_changed.connect(lambda _mode: self._update_buttons())
        self._update_buttons()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def load(self) -> None:
        meeting_id = self.session.meeting_id
        carried = {i.id for i in service.carried_into(meeting_id)}
        rows = [(i, CARRIED if i.id in carried else OPEN) for i in service.open_items_before(meeting_id)]
        rows += [(i, CLOSED) for i in service.closed_in_meeting(meeting_id) if i.meeting_id != meeting_id]
        rows.sort(key=lambda r: (r[0].meeting.date, r[0].meeting_id, r[0].position, r[0].id))
        self._items = rows
        self._fill()

    def _fill(self) -> None:
        current = self.table.currentRow()
        self.table.setRowCount(len(self._items))
        for row, (item, state) in enumerate(self._items):
            mark = {OPEN: "", CARRIED: "→ 已结转　", CLOSED: f"✓ {item.status}　"}[state]
            cell = QTableWidgetItem(f"{mark}{item.text}\n{describe(item)}")
            cell.setData(IdRole, item.id)
            if state == CLOSED:
                cell.setForeground(QBrush(DONE_COLOR))
            self.table.setItem(row, 0, cell)
        if 0 <= current < self.table.rowCount():
            self.table.selectRow(current)
        self._update_buttons()
        self.count_changed.emit(sum(1 for _i, s in self._items if s != CLOSED))

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        state = self._items[row][1] if 0 <= row < len(self._items) and self.table.selectedItems() else None
        live = self.session.live()
        self.done_button.setEnabled(live and state in (OPEN, CARRIED))
        self.carry_button.setEnabled(live and state == OPEN)
        self.undo_button.setEnabled(live and state in (CARRIED, CLOSED))

    def states(self) -> dict[str, str]:
        """item text -> open / carried / closed: what the panel shows."""
        return {i.text: s for i, s in self._items}

    def select_text(self, text: str) -> bool:
        for row, (item, _state) in enumerate(self._items):
            if item.text == text:
                self.table.selectRow(row)
                return True
        return False

    def _selected(self) -> tuple[ActionItem, str] | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._items) or not self.session.live():
            return None
        return self._items[row]

    def close_selected(self) -> None:
        chosen = self._selected()
        if chosen and chosen[1] != CLOSED and self.session.write(
                service.close_item, chosen[0].id, self.session.meeting_id) is not None:
            self.load()

    def carry_selected(self) -> None:
        chosen = self._selected()
        if chosen and chosen[1] == OPEN and self.session.write(
                service.carry_forward, chosen[0].id, self.session.meeting_id) is not None:
            self.load()

    def undo_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        item, state = chosen
        if state == CARRIED:
            done = self.session.write(service.undo_carry, item.id, self.session.meeting_id)
        elif state == CLOSED:
            done = self.session.write(service.reopen_item, item.id)
        else:
            return
        if done is not None:
            self.load()
