"""Small widgets and helpers shared by pages and dialogs."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

# Fallback look for the properties resources/style.qss also styles, so a widget
# built without the app stylesheet (tests, screenshots) still shows its state.
STATE_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {
    border: 1px solid #B00020; background: #FFF6F7;
}
QLabel[role="error"] { color: #B00020; }
QLabel[role="hint"] { color: #6B7280; }
QFrame#messageBar { background: #F3F4F6; border: 1px solid #DDE0E4; border-radius: 4px; }
QFrame#problemSummary { background: #FFF6F7; border: 1px solid #E8B4BC; border-radius: 4px; }
"""


def repolish(widget: QWidget) -> None:
    """Re-apply style sheets after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Red border on an input (style.qss: [invalid="true"])."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    repolish(widget)


def role_label(text: str = "", role: str = "hint", parent: QWidget | None = None) -> QLabel:
    """A QLabel styled by role: 'hint' (grey) or 'error' (red)."""
    label = QLabel(text, parent)
    label.setProperty("role", role)
    return label


def set_label_role(label: QLabel, role: str) -> None:
    if label.property("role") != role:
        label.setProperty("role", role)
        repolish(label)


class MessageBar(QFrame):
    """A one-line notice with an optional action, e.g. “已删除 张三  [撤销]”."""

    action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel(self)
        self.action_button = QPushButton(self)
        self.action_button.clicked.connect(self._on_action)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip("关闭提示")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.action_button)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, action_text: str = "") -> None:
        self.label.setText(text)
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text))
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.action_button.hide()

    def _on_action(self) -> None:
        self.action_triggered.emit()


def page_action(page, text: str, slot, shortcut=None, tip: str = ""):
    """A QAction on *page* whose shortcut works only while that page (not another page of
    the main window) has focus."""
    action = QAction(text, page)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(tip or text)
    action.triggered.connect(slot)
    page.addAction(action)
    return action


def delete_key(widget: QWidget, slot, text: str = "删除") -> QAction:
    """The Delete key on *widget* (a list or table): it acts on the selected row only while
    that widget has focus, so Delete typed in a text box nearby still deletes characters."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action
