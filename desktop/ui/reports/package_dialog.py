"""报表 → 上报数据包…: export the branch's records as a signed package for the hub (汇总台).

The hub's receiving key (接收密钥) is chosen once and kept with the branch's records; the
export itself is desktop/hub/export.py, the same as `branch-desk package export`, and the
dialog shows the same summary the command prints. The export runs in a thread of its own
(its own connection to the file, closed when done): a large branch's records take seconds.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...hub import export as package_export
from ...hub.package import PackageError
from ...models import Branch, db

log = logging.getLogger(__name__)


class ExportWorker(QObject):
    finished = Signal(object)  # ExportResult
    failed = Signal(str)       # a Chinese message

    def __init__(self, target: Path, options: dict):
        super().__init__()
        self.target, self.options = target, options

    @Slot()
    def run(self) -> None:
        from ...safety.errors import fault_message

        try:
            result = package_export.export_package(self.target, **self.options)
        except PackageError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("exporting the package failed")
            self.failed.emit(fault_message(exc, self.target) or f"导出上报数据包失败：{exc}")
        else:
            self.finished.emit(result)
        finally:
            db.close()  # this thread's own connection (peewee keeps one per thread)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PackageDialog(QDialog):
    """*today* is for tests."""

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.setWindowTitle("上报数据包")
        self.setMinimumWidth(520)
        self._today = today
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        intro = QLabel("把本支部的记录导出为一个带签名的数据包（.bdpkg），用U盘或内网邮件报送汇总台。"
                       "花名册总是完整导出；数据包在途中被改动，汇总台会拒收。", self)
        intro.setWordWrap(True)

        self.key_status = QLabel(self)
        self.key_status.setObjectName("hubKeyStatus")
        self.key_status.setWordWrap(True)
        self.choose_key_button = QPushButton("选择接收密钥文件…", self)
        self.forget_key_button = QPushButton("不用密钥", self)
        self.forget_key_button.setToolTip("不再使用已保存的接收密钥：身份证号和手机号将不放入数据包")
        key_row = QHBoxLayout()
        key_row.addWidget(self.choose_key_button)
        key_row.addWidget(self.forget_key_button)
        key_row.addStretch(1)

        self.limit_period = QCheckBox("只导出一段时间的记录", self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, day in ((self.date_from, today() - dt.timedelta(days=6)), (self.date_to, today())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(_qdate(day))
            edit.setEnabled(False)
        period_row = QHBoxLayout()
        period_row.addWidget(self.date_from)
        period_row.addWidget(QLabel("至", self))
        period_row.addWidget(self.date_to)
        period_row.addStretch(1)
        self.photos = QCheckBox("包括日记照片（文件会大很多）", self)

        form = QFormLayout()
        form.addRow("汇总台接收密钥", self.key_status)
        form.addRow("", key_row)
        form.addRow("期间", self.limit_period)
        form.addRow("", period_row)
        form.addRow("照片", self.photos)

        self.result = QLabel(self)
        self.result.setObjectName("packageResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("QLabel#packageResult { background: #EEF6EE; border: 1px solid #B9D8B9;"
                                  " border-radius: 4px; padding: 6px 8px; }")
        self.result.hide()
        self.export_button = QPushButton("导出…", self)
        self.export_button.setObjectName("primaryButton")
        self.export_button.setDefault(True)
        close_button = QPushButton("关闭", self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.choose_key_button.clicked.connect(self.choose_key)
        self.forget_key_button.clicked.connect(self.forget_key)
        self.limit_period.toggled.connect(self.date_from.setEnabled)
        self.limit_period.toggled.connect(self.date_to.setEnabled)
        self.export_button.clicked.connect(self.export)
        close_button.clicked.connect(self.reject)
        self._show_key()

    def _show_key(self) -> None:
        key = package_export.remembered_hub_key()
        if key is None:
            self.key_status.setText("未选择：身份证号和手机号不会放入数据包。"
                                    "请向汇总台索取接收密钥文件，选择一次即可，以后自动使用。")
        else:
            try:
                label = package_export.hub_key_label(key)
            except Exception:  # noqa: BLE001 - a damaged stored key is shown, then replaced
                label = "已损坏，请重新选择"
            self.key_status.setText(f"已保存（密钥指纹 {label}）：身份证号和手机号加密后只有该汇总台能读取。")
        self.forget_key_button.setEnabled(key is not None)

    def choose_key(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择汇总台的接收密钥", "", "接收密钥 (*.json *.key *.txt);;所有文件 (*)")
        if not name:
            return
        try:
            package_export.remember_hub_key(Path(name))
        except PackageError as exc:
            QMessageBox.warning(self, "接收密钥", str(exc))
            return
        self._show_key()

    def forget_key(self) -> None:
        package_export.remember_hub_key(None)
        self._show_key()

    def _suggested_name(self) -> str:
        branch = Branch.current().name or "支部"
        return f"{branch}_上报数据包_{self._today():%Y%m%d}{package_export.SUFFIX}"

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "保存上报数据包", self._suggested_name(),
                                              f"上报数据包 (*{package_export.SUFFIX})")
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() != package_export.SUFFIX:
            target = target.with_name(target.name + package_export.SUFFIX)
        limited = self.limit_period.isChecked()
        options = {"date_from": self.date_from.date().toPython() if limited else None,
                   "date_to": self.date_to.date().toPython() if limited else None,
                   "photos": self.photos.isChecked(), "hub_key_text": package_export.remembered_hub_key()}
        self.export_button.setEnabled(False)
        self.result.setText("正在导出……")
        self.result.show()
        self.worker = ExportWorker(target, options)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        queued = Qt.ConnectionType.QueuedConnection  # the signals come from the export's thread
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._exported, queued)
        self.worker.failed.connect(self._failed, queued)
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def exporting(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def _done(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(10000)
        self.thread, self.worker = None, None
        self.export_button.setEnabled(True)

    def _exported(self, outcome) -> None:
        self._done()
        self.result.setText("\n".join(outcome.lines()))

    def _failed(self, message: str) -> None:
        self._done()
        self.result.hide()
        QMessageBox.warning(self, "上报数据包", message)

    def done(self, code: int) -> None:  # overrides QDialog.done: never leave the export's thread behind
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()  # the export ends by itself; its file appears whole or not at all
        super().done(code)
