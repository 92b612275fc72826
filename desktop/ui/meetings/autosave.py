"""Typing is saved without a save button: changes wait ~800 ms, then go to the database together.

The timer starts at the FIRST unsaved change and is not restarted by later keystrokes: a
restarting debounce never fires while the secretary types steadily, and a crash would then
lose a whole speech. This way nothing typed is older than ~0.8 s in memory.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 800


class Autosaver(QObject):
    """mark(key, fn) remembers the latest save for *key*; flush() runs them all."""

    saved = Signal(object)  # dt.datetime of the flush

    def __init__(self, parent: QObject | None = None, delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self._pending: dict[str, Callable[[], object]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def mark(self, key: str, save: Callable[[], object]) -> None:
        self._pending[key] = save
        if not self._timer.isActive():
            self._timer.start()

    def drop(self, key: str) -> None:
        """Forget a pending save (its value was written another way)."""
        self._pending.pop(key, None)
        if not self._pending:
            self._timer.stop()

    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        self._timer.stop()
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        for save in pending.values():
            save()
        self.saved.emit(dt.datetime.now())
