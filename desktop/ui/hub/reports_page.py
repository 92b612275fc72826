"""报表 of the hub: 工作汇总, 下沉干部现实表现 (by 派出单位), 支部报送情况 — built in a thread, saved
as PDF or Word. The builders are desktop/hub/reports (the same as `branch-desk hub report`)."""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...hub import queries
from ...hub.store import Hub
from ..widgets import role_label, set_label_role
from .reading import HubReadError, read_hub

log = logging.getLogger(__name__)

KINDS = (("summary", "街道临时党支部工作汇总"), ("cadres", "下沉干部现实表现情况（按派出单位）"),
         ("branches", "支部报送情况"))
ALL_UNITS = "全部派出单位（一个文件，每个单位一部分）"
FORMATS = (("PDF", ".pdf"), ("Word 文档", ".docx"))


class ReportWorker(QObject):
    finished = Signal(object)  # ReportResult
    failed = Signal(str)

    def __init__(self, hub: Hub, kind: str, target: Path, period: tuple[dt.date, dt.date], unit: str | None):
        super().__init__()
        self.hub, self.kind, self.target, self.period, self.unit = hub, kind, target, period, unit

    @Slot()
    def run(self) -> None:
        from ...hub.reports import (
            build_hub_cadre_report,
            build_hub_summary,
            build_submission_report,
        )
        from ...reports.font_choice import font_set
        from ...safety.errors import fault_message

        try:
            fonts = font_set()
            first, last = self.period
            if self.kind == "summary":
                result = build_hub_summary(self.hub, self.target, first, last, fonts=fonts)
            elif self.kind == "cadres":
                result = build_hub_cadre_report(self.hub, self.target, first, last, unit=self.unit, fonts=fonts)
            else:
                result = build_submission_report(self.hub, self.target, first, last, fonts=fonts)
        except UserError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("hub report failed")
            self.failed.emit(fault_message(exc, self.target) or f"生成报表失败（{type(exc).__name__}：{exc}），详情见日志。")
        else:
            self.finished.emit(result)
        finally:
            self.hub.close()  # this thread's connection


class HubReportsPage(QWidget):
    def __init__(self, hub: Hub, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageContent")
        self.hub = hub
        self.period: tuple[dt.date, dt.date] | None = None
        self.thread: QThread | None = None
        self.worker: ReportWorker | None = None
        self.last_path: Path | None = None
        heading = QLabel("报表", self)
        heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.kind = QComboBox(self)
        self.kind.setObjectName("hubReportKind")
        for key, title in KINDS:
            self.kind.addItem(title, key)
        self.unit = QComboBox(self)
        self.unit.setObjectName("hubReportUnit")
        self.format = QComboBox(self)
        for title, suffix in FORMATS:
            self.format.addItem(title, suffix)
        self.period_label = QLabel(self)
        self.build_button = QPushButton("生成并保存…", self)
        self.build_button.setObjectName("primaryButton")
        self.build_button.setToolTip("生成报表并选择保存位置（Ctrl+S）")
        self.open_button = QPushButton("打开文件", self)
        self.open_button.setEnabled(False)
        self.status = role_label("", "hint", self)
        self.status.setObjectName("hubReportStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("报表(&K)", self.kind)
        form.addRow("派出单位(&U)", self.unit)
        form.addRow("格式(&G)", self.format)
        form.addRow("统计期间", self.period_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.build_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setFocusProxy(self.kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.build_button.clicked.connect(self.build)
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path))))
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.build)
        self._kind_changed()

    def reload(self, date_from: dt.date, date_to: dt.date) -> None:
        self.period = (date_from, date_to)
        self.period_label.setText(f"{date_from:%Y-%m-%d} 至 {date_to:%Y-%m-%d}（在窗口上方修改）")
        try:
            names = read_hub(self.hub, "派出单位", lambda: queries.units(self.hub))
        except HubReadError as exc:
            names = []
            self._tell(str(exc), "error")
        chosen = self.unit.currentText()
        self.unit.clear()
        self.unit.addItem(ALL_UNITS)
        self.unit.addItems(names)
        self.unit.setCurrentText(chosen if chosen in names else ALL_UNITS)

    def _kind_changed(self) -> None:
        self.unit.setEnabled(self.kind.currentData() == "cadres")

    def _tell(self, text: str, role: str = "hint") -> None:
        self.status.setText(text)
        set_label_role(self.status, role)

    def _suggested_name(self) -> str:
        first, last = self.period
        title = self.kind.currentText().split("（")[0]
        if self.kind.currentData() == "cadres" and self.unit.currentIndex() > 0:
            title = f"{self.unit.currentText()}_{title}"
        return f"{title}_{first:%Y%m%d}-{last:%Y%m%d}{self.format.currentData()}"

    def build(self) -> None:
        if self.thread is not None or self.period is None:
            return
        suffix = self.format.currentData()
        name, _ = QFileDialog.getSaveFileName(self, "保存报表", self._suggested_name(),
                                              f"{self.format.currentText()} (*{suffix})")
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        unit = self.unit.currentText() if self.unit.isEnabled() and self.unit.currentIndex() > 0 else None
        self.build_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self._tell(f"正在生成“{self.kind.currentText()}”……（首次使用时要先准备打印用字体，可能需要约半分钟）")
        self.worker = ReportWorker(self.hub, self.kind.currentData(), target, self.period, unit)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        queued = Qt.ConnectionType.QueuedConnection
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._built, queued)
        self.worker.failed.connect(self._failed, queued)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def building(self) -> bool:
        return self.thread is not None

    def _end_thread(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        self.thread, self.worker = None, None
        self.build_button.setEnabled(True)

    def _built(self, result) -> None:
        self._end_thread()
        self.last_path = result.path
        pages = f"{result.page_count} 页，" if result.page_count else "Word 文档，"
        lines = [f"已生成 {result.path}（{pages}用时 {result.seconds:.1f} 秒）"]
        if result.missing_characters:
            lines.append(f"注意：{result.missing_message}")
        lines += [f"注意：{warning}" for warning in result.warnings[:5]]
        if len(result.warnings) > 5:
            lines.append(f"……另有 {len(result.warnings) - 5} 条注意事项")
        self._tell("\n".join(lines))
        self.open_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._end_thread()
        self._tell(message, "error")
        QMessageBox.warning(self, "生成报表", message)

    def closeEvent(self, event) -> None:
        self._end_thread()
        super().closeEvent(event)
