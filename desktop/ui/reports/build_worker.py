"""Building a report off the UI thread: a worker QObject moved into a QThread.

The report modules give no progress, so the page shows an indeterminate bar between
started and finished/failed.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ...models import db
from .report_kinds import Choices, ReportKind

log = logging.getLogger(__name__)


class BuildWorker(QObject):
    started = Signal(str)        # what is being built, for the progress line
    finished = Signal(object)    # ReportResult with .data (the PDF bytes)
    failed = Signal(str)         # a Chinese message

    def __init__(self, report: ReportKind, choices: Choices):
        super().__init__()
        self.report, self.choices = report, choices

    @Slot()
    def run(self) -> None:
        self.started.emit(f"正在生成“{self.report.title}”……")
        try:
            result = self.report.build(self.choices)
        except (ImportError, AttributeError) as exc:
            log.warning("report %s not available: %s", self.report.key, exc)
            self.failed.emit(f"“{self.report.title}”暂不可用：该报表功能尚未安装。")
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never lost in a thread
            log.exception("building %s failed", self.report.key)
            self.failed.emit(f"生成“{self.report.title}”失败：{exc}")
            return
        finally:
            db.close()  # peewee opened a connection for this thread; the thread is about to end
        self.finished.emit(result)


def start_worker(worker: BuildWorker, parent: QObject | None = None) -> QThread:
    """Run *worker* in a new thread that quits (and is cleaned up) when the worker is done."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread
