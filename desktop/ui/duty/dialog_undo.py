"""撤销 inside a window-modal dialog of the duty page (值守点与班次, 不可值班).

While such a dialog is open the page's message bar and Ctrl+Z cannot be reached, so the dialog
gets a message bar of its own, a 撤销 button and Ctrl+Z, all using the page's PageUndo: a step
made in the dialog can still be taken back on the page after it closes, and the other way round.
Opened on its own (no page), the dialog keeps a PageUndo of its own.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QPushButton

from ..undo import UNDO_TIP, PageUndo
from ..widgets import MessageBar, page_action


class DialogUndo:
    """DialogUndo(dialog, undo, reload). push() as PageUndo.push; the dialog shows
    self.message_bar and self.button; *reload()* re-reads the dialog after each undo."""

    def __init__(self, dialog: QDialog, undo: PageUndo | None, reload: Callable[[], object],
                 errors: tuple[type[Exception], ...] = ()):
        self.message_bar = MessageBar(dialog)
        self._reload = reload
        if undo is None:
            self.undo = PageUndo(dialog, self.message_bar, errors)
            self.action = self.undo.action
            self.undo.action.triggered.disconnect()
            self.undo.action.triggered.connect(self.take_back)
            self.message_bar.action_triggered.disconnect()
        else:
            self.undo = undo
            # The page's bar is hidden behind this window-modal dialog: say it here meanwhile.
            page_bar, undo.message_bar = undo.message_bar, self.message_bar
            dialog.finished.connect(lambda *_: setattr(undo, "message_bar", page_bar))
            self.action = page_action(dialog, "撤销", self.take_back, QKeySequence.StandardKey.Undo, UNDO_TIP)
        self.message_bar.action_triggered.connect(self.take_back)
        self.message_bar.action_button.setToolTip(UNDO_TIP)
        self.button = QPushButton("撤销", dialog)
        self.button.setToolTip(UNDO_TIP)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.take_back)
        self._update()

    def share_with(self, *edits: QLineEdit | QPlainTextEdit) -> None:
        for edit in edits:
            self.undo.share_with(edit)

    def push(self, label: str, undo: Callable[[], object], message: str | None = None,
             done_text: str | None = None) -> None:
        self.undo.push(label, undo, message, done_text)
        self._update()

    def take_back(self) -> bool:
        if not self.undo.can_undo():
            self.message_bar.show_message("没有可撤销的操作")
            return False
        done = self.undo.undo()
        self._reload()
        self._update()
        return done

    def _update(self) -> None:
        labels = self.undo.labels()
        self.button.setEnabled(bool(labels))
        # The page's steps are shared: say which one would be taken back.
        self.button.setToolTip(f"撤销“{labels[-1]}”（Ctrl+Z）" if labels else UNDO_TIP)
        self.action.setEnabled(True)  # Ctrl+Z with nothing to undo says so instead of doing nothing
