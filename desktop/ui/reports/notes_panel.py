"""The text a report needs from the secretary (成效/问题/下一步, or 评价), saved as typed.

Texts belong to (kind, period, member); set_key() saves what is pending under the old key
before loading the new one, so switching the period never loses or misfiles a word.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...safety.errors import user_message
from ..widgets import role_label

log = logging.getLogger(__name__)

AUTOSAVE_MS = 700
HINTS = {
    "成效": "本期主要工作和取得的成效……",
    "问题": "存在的问题和困难……",
    "下一步": "下一步工作打算……",
    "评价": "对该同志下沉期间现实表现的评价……",
}


def _notes():
    from ...reports import notes  # lazy: written alongside this page

    return notes


@dataclass(frozen=True)
class NotesKey:
    kind: str
    date_from: dt.date
    date_to: dt.date
    member_id: int | None = None


class NotesPanel(QWidget):
    saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.key: NotesKey | None = None
        self.boxes: dict[str, QPlainTextEdit] = {}
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.status = role_label("", "hint", self)
        self._layout.addWidget(self.status)

    def set_sections(self, sections: tuple[str, ...]) -> None:
        """Rebuild the boxes for a report kind (after saving the old ones)."""
        self.save()
        for box in self.boxes.values():
            box.parentWidget().deleteLater()
        self.boxes = {}
        for section in sections:
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(QLabel(section, holder))
            box = QPlainTextEdit(holder)
            box.setPlaceholderText(HINTS.get(section, ""))
            box.setTabChangesFocus(True)
            box.setMinimumHeight(70)
            box.textChanged.connect(self._changed)
            column.addWidget(box)
            self._layout.insertWidget(self._layout.count() - 1, holder)
            self.boxes[section] = box
        self.key = None

    def set_key(self, key: NotesKey | None) -> None:
        """Save under the old key, then show the texts stored under *key* (None: disabled)."""
        if key == self.key:
            return
        self.save()
        self.key = key
        try:
            notes = _notes() if key is not None else None
        except ImportError:
            notes = None
            self.status.setText("填写说明的功能尚未安装，报告将不含这些文字。")
        for section, box in self.boxes.items():
            text = notes.report_text(key.kind, key.date_from, key.date_to, section, key.member_id) if notes else ""
            box.blockSignals(True)
            box.setPlainText(text)
            box.blockSignals(False)
            box.setEnabled(notes is not None)
        self._dirty = False
        if notes is not None:
            self.status.setText("填写的内容自动保存，并写入报告。")

    def _changed(self) -> None:
        self._dirty = True
        self.status.setText("正在保存……")
        self._timer.start()

    def save(self) -> bool:
        """Write the boxes now (autosave, before building, before switching)."""
        self._timer.stop()
        if not self._dirty or self.key is None:
            return True
        key = self.key
        try:
            notes = _notes()
            for section, box in self.boxes.items():
                notes.set_report_text(key.kind, key.date_from, key.date_to, section, box.toPlainText(),
                                      member_id=key.member_id)
        except Exception as exc:
            log.exception("saving report text failed")
            self.status.setText("保存失败：" + user_message(exc, fallback="文字仍在框中，请稍后再试。"))
            return False
        self._dirty = False
        self.status.setText("已自动保存。")
        self.saved.emit()
        return True

    def has_unsaved(self) -> bool:
        return self._dirty
