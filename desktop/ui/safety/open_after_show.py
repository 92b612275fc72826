"""The second half of the start, on the event loop once the main window is up.

app.run shows the window with a placeholder first (the chrome only). Then this begins the
read-only integrity check in a thread (integrity.prefetch) and waits for it, polling so the
window keeps painting, and meanwhile imports the modules the first page needs, one per
loop turn. (The check is not begun before the window: on a busy two-core machine it took
the CPU the window needed.)
Once the check has answered: the restore offer when the file is damaged, then open and
migrate, build the remembered page, start the services. Nothing opens the file before
the check has passed (README "Data safety").

Signals:
    opened(object): the first page is built and filled (the page widget).
    failed(int): the start ends here with this exit code (the user quit, or the file
        cannot be opened); nothing was written to the file.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ...safety.lock import DatabaseLock
    from ..main_window import MainWindow
    from .startup import Claim

POLL_MS = 15  # how often the window asks whether the check has answered


class OpenAfterShow(QObject):
    """OpenAfterShow(window, lock, open_database).start() once window.show() was called.

    *open_database(path)* opens and migrates, returning a Chinese message on failure.
    *preload* names modules to import while the check runs (one per event-loop turn)."""

    opened = Signal(object)
    failed = Signal(int)

    def __init__(self, window: MainWindow, lock: DatabaseLock, open_database: Callable[[Path], str | None],
                 preload: Sequence[str] = ()):
        super().__init__(window)
        self.window, self.lock, self.open_database = window, lock, open_database
        self.preload = list(preload)
        self.claim: Claim | None = None
        self.started = self.cancelled = self.done = False

    def start(self) -> None:
        from ...safety.integrity import prefetch  # after the first paint, like all else here

        self.started = True
        prefetch(self.window.db_path)
        QTimer.singleShot(0, self, self._step)

    def cancel(self) -> None:
        """The loop has ended (the window was closed early): do nothing more."""
        self.cancelled = True

    def _step(self) -> None:
        from ...safety.integrity import pending

        if self.cancelled:
            return
        if self.preload:  # one import per turn: the window repaints in between
            importlib.import_module(self.preload.pop(0))
            QTimer.singleShot(0, self, self._step)
        elif pending(self.window.db_path):
            QTimer.singleShot(POLL_MS, self, self._step)
        else:
            self._open()

    def _open(self) -> None:
        from .startup import check_claim, start_services

        db_path = self.window.db_path
        claim = check_claim(db_path, self.lock, self.window)  # the prefetched answer, or a fresh check
        if isinstance(claim, int):
            self._fail(claim)
            return
        self.claim = claim
        problem = self.open_database(db_path)
        if problem:
            QMessageBox.critical(self.window, "无法打开数据库", problem)
            self._fail(1)
            return
        page = self.window.open_pages()
        start_services(self.window, claim)
        self.done = True
        self.opened.emit(page)

    def _fail(self, code: int) -> None:
        self.done = True
        self.failed.emit(code)
