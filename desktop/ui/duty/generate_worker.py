"""Planning the rota off the UI thread: a worker QObject moved into a QThread.

The solver calls progress() from its own thread; the worker only re-emits it as a Qt signal,
which Qt queues over to the dialog. cancel() sets the threading.Event the solver polls.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class GenerateWorker(QObject):
    progress = Signal(float, str)  # fraction 0..1, what the solver is doing
    finished = Signal(object)      # RotaResult (also when cancelled: the best found so far)
    failed = Signal(str)           # a Chinese message

    def __init__(self, date_from: dt.date, date_to: dt.date, time_limit_s: float = 30.0,
                 today: dt.date | None = None):
        super().__init__()
        self.date_from, self.date_to = date_from, date_to
        self.time_limit_s, self.today = time_limit_s, today
        self.cancel_event = threading.Event()

    @Slot()
    def run(self) -> None:
        from ...duty import generate  # here: keeps ortools out of the page's start-up

        try:
            result = generate.plan_rota(
                self.date_from, self.date_to, progress=self._report, cancel=self.cancel_event,
                time_limit_s=self.time_limit_s, today=self.today,
            )
        except Exception as exc:
            log.exception("planning the rota failed")
            self.failed.emit(f"自动排班失败：{exc}")
            return
        self.finished.emit(result)

    def _report(self, fraction: float, text: str) -> None:
        self.progress.emit(float(fraction), str(text))

    def cancel(self) -> None:
        self.cancel_event.set()


def start_worker(worker: GenerateWorker, parent: QObject | None = None) -> QThread:
    """Run *worker* in a new thread that quits (and is cleaned up) when the worker is done."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread
