"""Building a report: a worker QObject whose signals carry the result or a Chinese message.

The page runs it on the UI thread for now (see ReportsPage.build_preview); it is ready to
move into a QThread or a child process once building off the UI thread is safe.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

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
        self.finished.emit(result)
