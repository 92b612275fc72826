"""The tiny chooser that pops up when someone is marked absent: a reason by key 1–5, a note if any."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from ...meetings.service import ABSENCE_REASONS
from ..widgets import role_label

NEEDS_NOTE = "其他"  # the service refuses 其他 without a note
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n - 1 for n in range(1, len(ABSENCE_REASONS) + 1)}


class ReasonList(QListWidget):
    """Digits pick at once; Enter picks the highlighted reason."""

    picked = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _DIGITS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.picked.emit(_DIGITS[event.key()])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.picked.emit(max(self.currentRow(), 0))
            return
        super().keyPressEvent(event)


class AbsencePopup(QFrame):
    """AbsencePopup(name, parent). chosen(reason, note) or cancelled(); closes itself either way."""

    chosen = Signal(str, str)
    cancelled = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, reason: str = "", note: str = ""):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("absencePopup")
        self.setFrameShape(QFrame.Shape.Box)
        self._done = False
        title = QLabel(f"<b>{name}</b> 缺席原因", self)
        self.reasons = ReasonList(self)
        for number, text in enumerate(ABSENCE_REASONS, start=1):
            self.reasons.addItem(f"{number}  {text}")
        self.reasons.setCurrentRow(ABSENCE_REASONS.index(reason) if reason in ABSENCE_REASONS else 0)
        row_height = self.reasons.sizeHintForRow(0)
        self.reasons.setFixedHeight(row_height * len(ABSENCE_REASONS) + 2 * self.reasons.frameWidth() + 2)
        self.reasons.picked.connect(self._pick)
        self.reasons.itemClicked.connect(lambda item: self._pick(self.reasons.row(item)))
        self.note = QLineEdit(note, self)
        self.note.setPlaceholderText("备注（可不填）")
        self.note.returnPressed.connect(lambda: self._pick(max(self.reasons.currentRow(), 0)))
        hint = role_label("按 1–5 选定 · Tab 写备注 · Esc 取消", "hint", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.reasons)
        layout.addWidget(self.note)
        layout.addWidget(hint)
        self.setFixedWidth(max(220, hint.sizeHint().width() + 36))

    def popup_at(self, global_pos: QPoint) -> None:
        self.adjustSize()
        self.move(global_pos)
        self.show()
        self.reasons.setFocus(Qt.FocusReason.PopupFocusReason)

    def ask_note(self) -> None:
        """The record must say what “其他” was: ask for it right here."""
        self.note.setPlaceholderText("请写明原因，Enter 确定")
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def _pick(self, index: int) -> None:
        if self._done or not 0 <= index < len(ABSENCE_REASONS):
            return
        if ABSENCE_REASONS[index] == NEEDS_NOTE and not self.note.text().strip():
            self.reasons.setCurrentRow(index)
            self.ask_note()
            return
        self._done = True
        self.chosen.emit(ABSENCE_REASONS[index], self.note.text().strip())
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
        super().closeEvent(event)
