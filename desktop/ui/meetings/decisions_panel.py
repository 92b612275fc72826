"""决议: what the meeting decided, with vote counts when a vote was taken."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...meetings import service
from ...models import MeetingDecision
from ..widgets import delete_key
from .session import MeetingSession

COL_TEXT = 0
VOTE_COLUMNS = {1: "votes_for", 2: "votes_against", 3: "votes_abstain"}
HEADERS = ("决议", "同意", "反对", "弃权")
IdRole = Qt.ItemDataRole.UserRole + 1


class DecisionsTable(QTableWidget):
    """DecisionsTable(session): edits in place go to update_decision; a refused value is put back."""

    count_changed = Signal(int)

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(0, len(HEADERS), parent)
        self.session = session
        self._decisions: dict[int, MeetingDecision] = {}
        self._filling = False
        self.setObjectName("decisionsTable")
        self.setHorizontalHeaderLabels(HEADERS)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().horizontalAdvance("同意") + 16
        for column in VOTE_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.setToolTip("双击修改；票数可不填；Delete 删除")
        self.itemChanged.connect(self._item_changed)
        delete_key(self, self.delete_selected, "删除决议")
        session.mode_changed.connect(lambda _mode: self._apply_mode())
        self._apply_mode()

    def _apply_mode(self) -> None:
        triggers = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setEditTriggers(triggers if self.session.editable() else QAbstractItemView.EditTrigger.NoEditTriggers)

    # -- content ---------------------------------------------------------------

    def load(self, decisions: list[MeetingDecision]) -> None:
        self._decisions = {}
        self.setRowCount(0)
        for decision in decisions:
            self.append(decision, select=False)
        self.count_changed.emit(self.rowCount())

    def append(self, decision: MeetingDecision, select: bool = True) -> None:
        existing = next((r for r in range(self.rowCount()) if self.item(r, 0).data(IdRole) == decision.id), -1)
        row = existing if existing >= 0 else self.rowCount()
        self._filling = True
        if existing < 0:
            self.insertRow(row)
        self._decisions[decision.id] = decision
        text = QTableWidgetItem(decision.text)
        text.setData(IdRole, decision.id)
        self.setItem(row, COL_TEXT, text)
        for column, field in VOTE_COLUMNS.items():
            value = getattr(decision, field)
            item = QTableWidgetItem("" if value is None else str(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, column, item)
        self._filling = False
        if select:
            self.selectRow(row)
            self.scrollToItem(text)
        self.count_changed.emit(self.rowCount())

    def texts(self) -> list[str]:
        return [self.item(r, COL_TEXT).text() for r in range(self.rowCount())]

    def votes(self, row: int) -> tuple[str, str, str]:
        return tuple(self.item(row, c).text() for c in VOTE_COLUMNS)

    # -- editing ---------------------------------------------------------------

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        decision = self._decisions[self.item(item.row(), COL_TEXT).data(IdRole)]
        column = item.column()
        if column == COL_TEXT:
            field, value = "text", item.text().strip()
        else:
            field, text = VOTE_COLUMNS[column], item.text().strip()
            value = text or None
        result = self.session.write(service.update_decision, decision.id, **{field: value},
                                    key=("decision", decision.id, field))
        if result is None:  # refused: show what is stored
            self._filling = True
            old = getattr(decision, field)
            item.setText("" if old is None else str(old))
            self._filling = False
            return
        setattr(decision, field, value if column == COL_TEXT or value is None else int(value))

    def add_typed(self) -> None:
        if not self.session.live():
            return
        text, ok = QInputDialog.getText(self, "新增决议", "决议内容：")
        if ok and text.strip():
            decision = self.session.write(service.add_decision, self.session.meeting_id, text.strip())
            if decision is not None:
                self.append(decision)

    def delete_selected(self) -> None:
        row = self.currentRow()
        if row < 0 or not self.session.live():
            return
        decision = self._decisions[self.item(row, COL_TEXT).data(IdRole)]
        answer = QMessageBox.question(
            self, "删除决议", f"删除这条决议？\n\n{decision.text[:80]}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self.session.write(service.delete_decision, decision.id) is not None:
            del self._decisions[decision.id]
            self.removeRow(row)
            self.count_changed.emit(self.rowCount())
