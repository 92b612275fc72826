"""导入数据包: packages (files or a folder) into the hub, in a thread, one line per package.

The import itself is desktop/hub/hub_import.py, the same as `branch-desk hub import`: each
package is one transaction (imported whole or not at all). The thread has its own connection
to the hub (peewee keeps one per thread), closed when it is done.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...hub.hub_import import IGNORED, IMPORTED, LABELS, REFUSED, ImportOutcome, import_paths
from ...hub.store import Hub
from ..table_base import RowTableModel

log = logging.getLogger(__name__)

STATUS_COLORS = {IMPORTED: QColor("#1B7F3B"), IGNORED: QColor("#8A6D00"), REFUSED: QColor("#B00020")}


class ImportWorker(QObject):
    """Signals: progress(ImportOutcome) per package; finished(list) at the end; failed(str)."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, hub: Hub, paths: list[Path]):
        super().__init__()
        self.hub, self.paths = hub, paths

    @Slot()
    def run(self) -> None:
        from peewee import DatabaseError, InterfaceError

        try:
            outcomes = import_paths(self.hub, self.paths, progress=self.progress.emit)
        except UserError as exc:  # no usable key file, a hub that cannot be opened
            self.failed.emit(str(exc))
        except (DatabaseError, InterfaceError) as exc:
            log.warning("hub import failed", exc_info=True)
            self.failed.emit(f"导入中断：无法写入汇总台（{self.hub.shown}）：{exc}。"
                             "已导入的数据包都是完整的，其余未导入，可以重新导入。")
        except Exception as exc:
            log.exception("hub import failed")
            self.failed.emit(f"导入中断（{type(exc).__name__}：{exc}）。已导入的数据包都是完整的，详情见日志。")
        else:
            self.finished.emit(outcomes)
        finally:
            self.hub.close()  # this thread's connection


class OutcomeTableModel(RowTableModel):
    HEADERS = ("文件", "支部", "序号", "结果", "说明")

    def add(self, outcome: ImportOutcome) -> None:
        row = len(self._rows)
        self.beginInsertRows(self.index(0, 0).parent(), row, row)
        self._rows.append(outcome)
        self._loaded.append(outcome)
        self.endInsertRows()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        outcome: ImportOutcome | None = self.row_at(index)
        if outcome is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (outcome.path.name, outcome.branch_name,
                    "" if outcome.sequence is None else str(outcome.sequence),
                    LABELS[outcome.status], outcome.note)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(outcome.path) if column == 0 else (outcome.note or None)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and outcome.status in STATUS_COLORS:
            return QBrush(STATUS_COLORS[outcome.status])
        return None


class ImportDialog(QDialog):
    """Starts at once on *paths* (already checked to hold packages). Signals: imported() when at
    least one package changed the hub, so the pages read again."""

    imported = Signal()

    def __init__(self, hub: Hub, paths: list[Path], count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入数据包")
        self.resize(900, 420)
        self.hub, self.count = hub, count
        self.outcomes: list[ImportOutcome] = []
        self.heading = QLabel(f"正在导入 {count} 个数据包……每个数据包要么完整导入，要么不写入。", self)
        self.heading.setWordWrap(True)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, count)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("%v / %m")
        self.model = OutcomeTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importOutcomes")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.close_button = QPushButton("关闭", self)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.worker = ImportWorker(hub, paths)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        queued = Qt.ConnectionType.QueuedConnection  # the signals come from the import's thread
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._one_done, queued)
        self.worker.finished.connect(self._finished, queued)
        self.worker.failed.connect(self._failed, queued)
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def _one_done(self, outcome: ImportOutcome) -> None:
        self.outcomes.append(outcome)
        self.model.add(outcome)
        self.progress_bar.setValue(len(self.outcomes))
        for column in range(4):  # file, branch, number, result: never cut off
            self.table.resizeColumnToContents(column)
        self.table.scrollToBottom()

    def _end_thread(self) -> None:
        self.thread.quit()  # the worker's own quit signal is queued behind this call: ask directly
        self.thread.wait()

    def _finished(self, outcomes: list[ImportOutcome]) -> None:
        self._end_thread()
        tally: dict[str, int] = {}
        for outcome in outcomes:
            tally[outcome.status] = tally.get(outcome.status, 0) + 1
        self.heading.setText(f"导入完成：共 {len(outcomes)} 个数据包。")
        self.summary.setText("合计：" + "，".join(f"{LABELS[s]} {n} 个" for s, n in tally.items()))
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        if tally.get(IMPORTED):
            self.imported.emit()  # the pages read again, once

    def _failed(self, message: str) -> None:
        self._end_thread()
        self.heading.setText("导入中断。")
        self.summary.setText(message)
        self.close_button.setEnabled(True)
        if any(o.status == IMPORTED for o in self.outcomes):
            self.imported.emit()
        QMessageBox.warning(self, "导入数据包", message)

    def reject(self) -> None:  # overrides QDialog.reject: Esc waits for the package being written
        if self.thread.isRunning():
            return  # a package is one transaction: it ends by itself in seconds; stopping it half-way is no option
        super().reject()

    def done(self, code: int) -> None:  # overrides QDialog.done: never leave the import's thread behind
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
        super().done(code)
