"""DraftAutosave: what is typed into a form is in the Draft table about a second later.

    self.autosave = DraftAutosave(self, "member", key, collect_fn, apply_fn, is_dirty=self.is_dirty)
    ... after a successful save, or a confirmed discard:  self.autosave.discard()

It watches every text field, combo box and check box inside the widget, saves after
*delay_ms* of quiet, and when the widget is first shown offers to restore a draft
left by a crash: “发现未保存的草稿（2026-11-22 20:31），是否恢复？”
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ...safety.drafts import SavedDraft, describe_time, discard_draft, load_draft, save_draft

log = logging.getLogger(__name__)

DELAY_MS = 1000


def restore_question(draft: SavedDraft) -> str:
    return f"发现未保存的草稿（{describe_time(draft.updated_at)}），是否恢复？"


class DraftAutosave(QObject):
    # Drafts the user already agreed to restore (at start-up): applied without asking again.
    _approved: set[tuple[str, str]] = set()

    def __init__(
        self, widget: QWidget, kind: str, key: str, collect_fn: Callable[[], dict],
        apply_fn: Callable[[dict], None], is_dirty: Callable[[], bool] | None = None,
        delay_ms: int = DELAY_MS, offer_on_show: bool = True,
    ):
        super().__init__(widget)
        self.widget, self.kind, self.key = widget, kind, str(key)
        self.collect_fn, self.apply_fn, self.is_dirty = collect_fn, apply_fn, is_dirty
        self.active = True
        self._applying = False
        self._offered = not offer_on_show
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        self.watch(widget)
        widget.installEventFilter(self)

    @classmethod
    def approve(cls, kind: str, key: str) -> None:
        cls._approved.add((kind, str(key)))

    def watch(self, root: QWidget) -> None:
        """Restart the countdown on every edit inside *root*."""
        for edit in root.findChildren(QLineEdit):
            edit.textChanged.connect(self.schedule)
        for edit in root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
            edit.textChanged.connect(self.schedule)
        for combo in root.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.schedule)
        for button in root.findChildren(QAbstractButton):
            if button.isCheckable():
                button.toggled.connect(self.schedule)

    def schedule(self, *_) -> None:
        if self.active and not self._applying:
            self.timer.start()  # restarting is the debounce

    def pending(self) -> bool:
        return self.timer.isActive()

    def save_now(self) -> None:
        """Write the draft now (or drop it once the form is back to its saved state)."""
        self.timer.stop()
        if not self.active:
            return
        try:
            if self.is_dirty is not None and not self.is_dirty():
                discard_draft(self.kind, self.key)
            else:
                save_draft(self.kind, self.key, self.collect_fn())
        except Exception:
            log.warning("saving draft %s/%s failed", self.kind, self.key, exc_info=True)

    def discard(self) -> None:
        """The form was saved, or its changes deliberately thrown away."""
        self.timer.stop()
        self.active = False
        try:
            discard_draft(self.kind, self.key)
        except Exception:
            log.warning("discarding draft %s/%s failed", self.kind, self.key, exc_info=True)

    def offer_restore(self) -> bool:
        """Ask about a left-over draft; True if it was put back into the form."""
        self._offered = True
        draft = load_draft(self.kind, self.key)
        if draft is None:
            return False
        if (self.kind, self.key) in self._approved:
            self._approved.discard((self.kind, self.key))
        else:
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self.widget, "恢复草稿", restore_question(draft), buttons.Yes | buttons.No, buttons.Yes,
            )
            if answer != buttons.Yes:
                discard_draft(self.kind, self.key)
                return False
        self._applying = True
        try:
            self.apply_fn(draft.payload)
        finally:
            self._applying = False
        return True  # the draft stays until the form is saved or discarded

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and not self._offered:
            self._offered = True
            QTimer.singleShot(0, self, self.offer_restore)  # once the form is on screen
        return False
