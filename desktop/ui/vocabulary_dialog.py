"""An editable list of names (meeting types, diary tags): add, rename, reorder and
(de)activate. A name in use is never deleted, only deactivated, so old records keep it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .widgets import role_label

INACTIVE_COLOR = QColor("#8a8a8a")
TypeIdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Vocabulary:
    """The service functions behind one editable list, and how to speak of it."""

    title: str            # 会议类型
    hint: str             # what deactivating means for this list
    items: Callable       # (include_inactive=True) -> rows with id, name, active
    add: Callable         # (name) -> row
    rename: Callable      # (id, name) -> row
    set_active: Callable  # (id, active) -> row
    error: type[Exception]
    move: Callable | None = None  # (id, offset) -> row


class VocabularyDialog(QDialog):
    """VocabularyDialog(vocabulary, parent). changed is True after anything was edited."""

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None):
        super().__init__(parent)
        self.vocabulary = vocabulary
        self.setWindowTitle(vocabulary.title)
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
        layout.addWidget(role_label(vocabulary.hint, "hint", self))
        layout.addWidget(close)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_type_id() if select_id is None else select_id
        self.list.clear()
        for kind in self.vocabulary.items(include_inactive=True):
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
        self.up_button.setVisible(self.vocabulary.move is not None)
        self.down_button.setVisible(self.vocabulary.move is not None)
        if item is not None:
            self.toggle_button.setText("停用" if item.data(Qt.ItemDataRole.UserRole) else "启用")

    def _run(self, action, *args, select_id: int | None = None) -> None:
        try:
            result = action(*args)
        except self.vocabulary.error as exc:
            QMessageBox.warning(self, self.vocabulary.title, str(exc))
            return
        self.changed = True
        self.reload(select_id if select_id is not None else getattr(result, "id", None))

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, f"新增{self.vocabulary.title}", "名称：")
        if ok and name.strip():
            self._run(self.vocabulary.add, name)

    def rename(self) -> None:
        type_id = self.current_type_id()
        if type_id is None:
            return
        old = next(k.name for k in self.vocabulary.items(include_inactive=True) if k.id == type_id)
        name, ok = QInputDialog.getText(self, f"{self.vocabulary.title}改名", "新名称（已有记录一并显示新名称）：",
                                        text=old)
        if ok and name.strip() and name.strip() != old:
            self._run(self.vocabulary.rename, type_id, name)

    def toggle_active(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._run(self.vocabulary.set_active, item.data(TypeIdRole),
                      not item.data(Qt.ItemDataRole.UserRole))

    def move(self, offset: int) -> None:
        type_id = self.current_type_id()
        if type_id is not None and self.vocabulary.move is not None:
            self._run(self.vocabulary.move, type_id, offset, select_id=type_id)
