"""The report fonts prepared in the background after start, with their progress shown.

Runs `python -m desktop.reports.fontprep` (Qt-free) in a QProcess: nothing happens when the
fonts are ready (every start after the first); otherwise the status bar says what is being
done, why, and how long it takes, and then that it is done.
"""
from __future__ import annotations

import json
import os

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

START_DELAY_MS = 5000
PER_FONT_SECONDS = 25  # measured: Noto Sans SC 23.5 s on the 2-core machine (one run)


class FontPreparation(QObject):
    """FontPreparation(window).start(). Signals: progress(done, total), finished()."""

    progress = Signal(int, int)
    finished = Signal()

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.total = 0
        self.done = 0
        self.stopped = False
        self.label = QLabel(window)
        self.label.setObjectName("fontPreparation")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.process = QProcess(self)
        from ..reports.build_process import _package_root, python_for_children

        self.process.setProgram(python_for_children())
        self.process.setArguments(["-m", "desktop.reports.fontprep"])
        environment = QProcessEnvironment.systemEnvironment()
        paths = [_package_root()] + [p for p in [environment.value("PYTHONPATH")] if p]
        environment.insert("PYTHONPATH", os.pathsep.join(paths))
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)

    def start(self) -> None:
        if not self.stopped:
            self.process.start()

    def start_later(self, ms: int = START_DELAY_MS) -> None:
        """After the start has settled: the first page and the start-up backup come first."""
        from PySide6.QtCore import QTimer

        QTimer.singleShot(ms, self, self.start)

    def stop(self) -> None:
        """Quitting: the conversion is atomic, so ending it leaves no half font behind."""
        self.stopped = True
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(3000)

    def wait(self, ms: int) -> bool:
        return self.process.waitForFinished(ms)

    def text(self) -> str:
        left = max(self.total - self.done, 0)
        return (f"正在准备报表字体（{self.done}/{self.total}）：把程序自带的开源字体转换为 PDF 可嵌入的格式，"
                f"只在第一次使用时进行，约需 {left * PER_FONT_SECONDS // 60 + 1} 分钟，期间可以照常使用。")

    def _read(self) -> None:
        for raw in bytes(self.process.readAllStandardOutput().data()).splitlines():
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if not isinstance(event, dict) or not isinstance(event.get("total"), int):
                continue
            self.total = event["total"]
            self.done = int(event.get("done", 0))
            if self.total:
                self.label.setText(self.text())
                self.label.show()
                self.progress.emit(self.done, self.total)

    def _finished(self, *_args) -> None:
        self._read()
        if self.total and self.done >= self.total:
            self.label.hide()
            self.window.statusBar().showMessage("报表字体已准备好，生成报表不再需要等待。", 15000)
        elif self.total:
            self.label.hide()  # failed or stopped: the first report converts what is missing
        self.finished.emit()
