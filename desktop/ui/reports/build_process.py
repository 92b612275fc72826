"""Building a report in a child process (desktop/reports/child.py), watched through QProcess.

The UI thread never runs reportlab: it stays responsive, shows the pages built so far, and
取消 ends the child at once. The result is read back from files in a private temp folder.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from ...reports.kinds import Choices, ReportKind
from ...reports.limits import BUILD_SECONDS, PeriodError, check_period, time_limit_message
from ...safety.errors import user_message

log = logging.getLogger(__name__)


@dataclass
class BuildOutcome:
    """What the page shows: the PDF bytes and the builder's findings."""
    data: bytes
    page_count: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    empty_sections: list[str] = field(default_factory=list)
    missing_message: str = ""


def python_for_children() -> str:
    """The interpreter running the app; pythonw.exe on Windows so no console window flashes."""
    executable = Path(sys.executable)
    if sys.platform == "win32" and executable.name.lower() == "python.exe":
        windowless = executable.with_name("pythonw.exe")
        if windowless.exists():
            return str(windowless)
    return str(executable)


def _package_root() -> str:
    return str(Path(__file__).resolve().parents[3])  # the folder holding desktop/


class BuildProcess(QObject):
    CHILD_MODULE = "desktop.reports.child"  # tests put a slow or failing stand-in here
    TIME_LIMIT_S = BUILD_SECONDS  # a build still running then is stopped with a message

    progress = Signal(int)       # pages built so far
    fonts_preparing = Signal(int)  # the child first converts this many fonts (first use only)
    finished = Signal(object)    # BuildOutcome
    failed = Signal(str)         # a Chinese message
    cancelled = Signal()

    def __init__(self, report: ReportKind, choices: Choices, db_path: Path, parent: QObject | None = None,
                 fmt: str = "pdf"):
        super().__init__(parent)
        self.report, self.choices, self.fmt = report, choices, fmt
        self.folder = Path(tempfile.mkdtemp(prefix="branch-desk-report-"))
        # The output's extension picks the format the child writes: report.pdf or report.docx.
        self.output, self.result_file = self.folder / f"report.{fmt}", self.folder / "result.json"
        request = {
            "db": str(db_path), "kind": report.key, "date_from": choices.date_from.isoformat(),
            "date_to": choices.date_to.isoformat(), "member_id": choices.member_id,
            "reveal": choices.reveal, "include_departed": choices.include_departed,
            "output": str(self.output), "result": str(self.result_file),
        }
        request_file = self.folder / "request.json"
        request_file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
        self.pages = 0
        self.started_at = 0.0
        self._cancelled = False
        self._timed_out = False
        self._done = False
        self.limit = QTimer(self)
        self.limit.setSingleShot(True)
        self.limit.timeout.connect(self._time_up)
        self.process = QProcess(self)
        self.process.setProgram(python_for_children())
        self.process.setArguments(["-m", self.CHILD_MODULE, str(request_file)])
        environment = QProcessEnvironment.systemEnvironment()
        paths = [_package_root()] + [p for p in [environment.value("PYTHONPATH")] if p]
        environment.insert("PYTHONPATH", os.pathsep.join(paths))
        environment.insert("PYTHONIOENCODING", "utf-8")
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._read_progress)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)

    def start(self) -> None:
        self.started_at = time.monotonic()
        if self.report.period != "none":
            try:  # an absurd period would take gigabytes: refused before any child starts
                check_period(self.choices.date_from, self.choices.date_to)
            except PeriodError as exc:
                QTimer.singleShot(0, self, lambda message=str(exc): self._finish_with_failure(message))
                return
        self.limit.start(int(self.TIME_LIMIT_S * 1000))
        self.process.start()

    def _time_up(self) -> None:
        if self._done:
            return
        self._timed_out = True
        self.process.kill()

    def running(self) -> bool:
        return not self._done

    def elapsed(self) -> float:
        return time.monotonic() - self.started_at if self.started_at else 0.0

    def cancel(self) -> None:
        if self._done:
            return
        self._cancelled = True
        self.process.kill()

    def wait(self, ms: int) -> bool:
        """Block until the child ends (tests and closing); True when it has."""
        if not self._done:
            self.process.waitForFinished(ms)
        return self._done

    def _read_progress(self) -> None:
        for raw in bytes(self.process.readAllStandardOutput().data()).splitlines():
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if isinstance(event, dict) and isinstance(event.get("fonts"), int):
                self.fonts_preparing.emit(event["fonts"])
            if isinstance(event, dict) and isinstance(event.get("pages"), int):
                self.pages = event["pages"]
                self.progress.emit(self.pages)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finish_with_failure(f"无法启动生成报表的后台进程（{self.process.program()}）："
                                      f"{self.process.errorString()}")

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._done:
            return
        self.limit.stop()
        if self._cancelled:
            self._done = True
            self._cleanup()
            self.cancelled.emit()
            return
        if self._timed_out:
            self._finish_with_failure(time_limit_message(self.report.title, self.TIME_LIMIT_S))
            return
        try:
            outcome = json.loads(self.result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stderr = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").strip()
            log.error("report child ended (code %s, %s) without a result: %s", code, status, stderr)
            self._finish_with_failure(f"生成“{self.report.title}”时后台进程意外退出（代码 {code}）。"
                                      + (f"\n{stderr.splitlines()[-1]}" if stderr else ""))
            return
        if not outcome.get("ok"):
            self._finish_with_failure(outcome.get("message") or f"生成“{self.report.title}”失败。")
            return
        try:
            data = self.output.read_bytes()
        except OSError as exc:
            self._finish_with_failure("无法读取生成的报表文件。" + user_message(
                exc, fallback="请检查系统临时文件夹所在的磁盘后再试。"))
            return
        self._done = True
        self._cleanup()
        self.finished.emit(BuildOutcome(
            data=data, page_count=int(outcome.get("pages", 0)), seconds=float(outcome.get("seconds", 0.0)),
            warnings=list(outcome.get("warnings", [])), empty_sections=list(outcome.get("empty_sections", [])),
            missing_message=str(outcome.get("missing_message", "")),
        ))

    def _finish_with_failure(self, message: str) -> None:
        if self._done:
            return
        self.limit.stop()
        self._done = True
        self._cleanup()
        self.failed.emit(message)

    def _cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

