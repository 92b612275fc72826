"""Undo for one page: 撤销 (Ctrl+Z) takes back the page's last deletion or edit of the session.

A page makes one PageUndo with its MessageBar and pushes (label, undo callable) after each
change it can take back. The callable puts the data back (e.g. models.snapshot.restore) and
may raise RestoreConflict (or any exception with a Chinese message: MeetingError,
DiaryError ...), which is shown instead of pretending it worked.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from peewee import PeeweeException
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ..models.snapshot import RestoreConflict
from .widgets import MessageBar, page_action

log = logging.getLogger(__name__)

UNDO_TIP = "撤销上一次删除或修改（Ctrl+Z）"


@dataclass(frozen=True)
class UndoStep:
    label: str  # what a person recognises: "会议 2026-12-05 班前会"
    undo: Callable[[], object]
    done_text: str  # shown after undoing: "已恢复 会议 …"


class PageUndo(QObject):
    """PageUndo(page, message_bar).

    Signals:
        undone(str): a step was taken back (its label); the page reloads what it shows.
    """

    undone = Signal(str)

    def __init__(self, page: QWidget, message_bar: MessageBar,
                 errors: tuple[type[Exception], ...] = ()):
        super().__init__(page)
        # The page's service errors carry a Chinese message to show (MeetingError ...).
        self._errors = (RestoreConflict, PeeweeException, *errors)
        self._steps: list[UndoStep] = []
        self.message_bar = message_bar
        # Page-wide shortcut: it works wherever focus is inside the page (main_window moves
        # focus into the page when it is shown).
        self.action = page_action(page, "撤销", self.undo, QKeySequence.StandardKey.Undo, UNDO_TIP)
        self.action.setEnabled(False)
        message_bar.action_triggered.connect(self.undo)
        message_bar.action_button.setToolTip(UNDO_TIP)

    def push(self, label: str, undo: Callable[[], object], message: str | None = None,
             done_text: str | None = None) -> None:
        """Remember how to take back a change just made, and say so with a [撤销] button."""
        self._steps.append(UndoStep(label, undo, done_text or f"已恢复 {label}"))
        self.action.setEnabled(True)
        self.message_bar.show_message(message or f"已删除 {label}", "撤销")

    def share_with(self, edit: QLineEdit | QPlainTextEdit) -> None:
        """Ctrl+Z in *edit* takes back its own typing first, then the page's last change
        (a text box claims Ctrl+Z even with nothing of its own to undo)."""
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # True (not accepted): the shortcut map gives Ctrl+Z to the page's 撤销
        return (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Undo)
                and not _own_undo(watched))

    def can_undo(self) -> bool:
        return bool(self._steps)

    def labels(self) -> list[str]:
        return [s.label for s in self._steps]

    def undo(self) -> bool:
        """Take back the last step. False (and the reason in the message bar) if it failed."""
        if not self._steps:
            return False
        step = self._steps.pop()
        self.action.setEnabled(bool(self._steps))
        try:
            step.undo()
        except self._errors as exc:
            log.warning("undo of %s failed: %s", step.label, exc)
            text = str(exc) if isinstance(exc, RestoreConflict) else f"无法撤销“{step.label}”：{exc}"
            self.message_bar.show_message(text)
            self.undone.emit(step.label)  # what the page shows may still need a reload
            return False
        self.message_bar.show_message(step.done_text, "撤销" if self._steps else "")
        self.undone.emit(step.label)
        return True

    def clear(self) -> None:
        """Forget every step (e.g. the database was restored from a backup)."""
        self._steps.clear()
        self.action.setEnabled(False)
        self.message_bar.dismiss()


def _own_undo(widget: QObject) -> bool:
    """Whether the text box has typing of its own to undo."""
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit):
        return widget.document().isUndoAvailable()
    return True
