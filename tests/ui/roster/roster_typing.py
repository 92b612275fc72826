"""Typing Chinese in tests: QTest.keyClicks only knows Latin-1 keys, so Chinese
arrives the way a real input method delivers it, as a committed string."""
from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget


def editor_of(widget: QWidget) -> QWidget:
    """The widget that receives keystrokes: an editable combo's line edit, a date input's line edit."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    return getattr(widget, "line_edit", widget)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Focus *widget* and type *text*: ASCII as key presses, anything else through the IME."""
    target = editor_of(widget)
    target.setFocus()
    run = ""
    for char in text + "\0":
        if char.isascii() and char != "\0":
            run += char
            continue
        if run:
            qtbot.keyClicks(target, run)
            run = ""
        if char != "\0":
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(target, event)
