"""会议类型…: add, rename, reorder and (de)activate meeting types. A type in use is never deleted."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QListWidget, QListWidgetItem,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from ...meetings import service
from ..widgets import role_label

INACTIVE_COLOR = QColor("#8a8a8a")
TypeIdRole = Qt.ItemDataRole.UserRole + 1


class TypeListDialog(QDialog):
    """TypeListDialog(parent). changed is True after anything was edited."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("会议类型")
        self.changed = False
        self.list = QListWidget(self)
        self.list.setMinimumSize(260, 300)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        self.list.currentRowChanged.connect(self._update_buttons)

        self.add_button = QPushButton("新增…", self)
        self.rename_button = QPushButton("改名…", self)
        self.toggle_button = QPushButton("停用", self)
        self.up_button = QPushButton("上移", self)
        self.down_button = QPushButton("下移", self)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        QShortcut(QKeySequence("F2"), self.list, self.rename)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.add)

        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.toggle_button,
                       self.up_button, self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(role_label("停用的类型不再出现在“开会”菜单中，已有的会议记录不受影响。", "hint", self))
        layout.addWidget(close)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_type_id() if select_id is None else select_id
        self.list.clear()
        for kind in service.meeting_types(include_inactive=True):
            item = QListWidgetItem(kind.name if kind.active else f"{kind.name}（已停用）")
            item.setData(TypeIdRole, kind.id)
            item.setData(Qt.ItemDataRole.UserRole, kind.active)
            if not kind.active:
                item.setForeground(QBrush(INACTIVE_COLOR))
            self.list.addItem(item)
            if kind.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def current_type_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(TypeIdRole) if item is not None else None

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _update_buttons(self, *_args) -> None:
        item = self.list.currentItem()
        for button in (self.rename_button, self.toggle_button, self.up_button, self.down_button):
            button.setEnabled(item is not None)
        if item is not None:
            self.toggle_button.setText("停用" if item.data(Qt.ItemDataRole.UserRole) else "启用")

    def _run(self, action, *args, select_id: int | None = None) -> None:
        try:
            result = action(*args)
        except service.MeetingError as exc:
            QMessageBox.warning(self, "会议类型", str(exc))
            return
        self.changed = True
        self.reload(select_id if select_id is not None else getattr(result, "id", None))

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "新增会议类型", "名称：")
        if ok and name.strip():
            self._run(service.add_meeting_type, name)

    def rename(self) -> None:
        type_id = self.current_type_id()
        if type_id is None:
            return
        old = next(k.name for k in service.meeting_types(include_inactive=True) if k.id == type_id)
        name, ok = QInputDialog.getText(self, "会议类型改名", "新名称（已有记录一并显示新名称）：", text=old)
        if ok and name.strip() and name.strip() != old:
            self._run(service.rename_meeting_type, type_id, name)

    def toggle_active(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._run(service.set_meeting_type_active, item.data(TypeIdRole),
                      not item.data(Qt.ItemDataRole.UserRole))

    def move(self, offset: int) -> None:
        type_id = self.current_type_id()
        if type_id is not None and hasattr(service, "move_meeting_type"):
            self._run(service.move_meeting_type, type_id, offset, select_id=type_id)
