"""修改历史: each correction of a finalized meeting, newest first, with its reason and what it changed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ..widgets import role_label


class RevisionDialog(QDialog):
    """RevisionDialog(meeting_id, parent): read-only; entries() gives what it lists."""

    def __init__(self, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("修改历史")
        self.resize(720, 420)
        self._entries = service.history(meeting_id)
        self.list = QListWidget(self)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        for entry in self._entries:
            item = QListWidgetItem(f"{entry.revised_at:%Y.%m.%d %H:%M}　{entry.reason}")
            item.setToolTip(entry.reason)
            self.list.addItem(item)
        self.list.currentRowChanged.connect(self._show)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setSizes([260, 460])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self._entries:
            layout.addWidget(role_label(f"共更正 {len(self._entries)} 次；定稿时的原始记录和每次更正前的版本都已保存。", "hint", self))
        else:
            layout.addWidget(QLabel("这份会议记录定稿后没有更正过。", self))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if self._entries:
            self.list.setCurrentRow(0)

    def entries(self) -> list:
        return list(self._entries)

    def detail_text(self) -> str:
        return self.detail.toPlainText()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._entries):
            self.detail.clear()
            return
        entry = self._entries[row]
        lines = [f"更正时间：{entry.revised_at:%Y-%m-%d %H:%M:%S}", f"更正原因：{entry.reason}", "", "改动："]
        lines += [f"· {change}" for change in entry.changes] or ["（无）"]
        self.detail.setPlainText("\n".join(lines))
