"""自动排班: choose the days and how long it may take, watch the planner work (取消 at any
time), then read the result — status, fairness, shifts left unfilled and why — and 应用 or 放弃
it. Nothing is written before 应用.

The dialog is not modal: the planner runs in a thread and the rest of the window stays usable
while it works (a window-modal dialog made the whole main window wait for the planner). The
planner's own words (stages, objective values, optimal/feasible) are put in a secretary's words.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..widgets import role_label
from .duty_format import day_header, period_text
from .generate_worker import GenerateWorker, start_worker

UNFILLED_HEADERS = ("日期", "值守点", "班次", "需/排", "原因")


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


FAIRNESS_FIGURES = (("shifts", "每人班次", "个"), ("nights", "夜班", "个"), ("weekends", "周末班", "个"),
                    ("hours", "值班时长", "小时"))


def _num(value) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def fairness_lines(fairness: dict) -> list[str]:
    """'每人班次：最少 3 个，最多 5 个' from the planner's min/max figures."""
    fairness = fairness or {}
    lines = []
    if "people" in fairness:
        lines.append(f"参与比较：{fairness['people']} 人（在岗不足半数日子的人不计）")
    for key, label, unit in FAIRNESS_FIGURES:
        if f"{key}_min" in fairness:
            low, high = fairness[f"{key}_min"], fairness[f"{key}_max"]
            lines.append(f"{label}：最少 {_num(low)} {unit}，最多 {_num(high)} {unit}，相差 {_num(high - low)} {unit}")
    return lines


# The planner's status, said as a secretary would (a stage stopped by the clock is "found", not "best").
def result_words(result) -> str:
    if getattr(result, "cancelled", False):
        return "已取消：下面是取消前排出的最好方案"
    if not getattr(result, "complete", True):
        return "排不满：有的班次找不到合适的人（见下表原因）"
    if getattr(result, "optimal", False):
        return "已排好：已算完，在这些规则下没有更好的排法"
    return "已排好：到了最多用时，下面是这段时间里排出的最好方案"


_STAGE = re.compile(r"第\s*(\d+)\s*/\s*(\d+)\s*步（([^）]*)）")


def progress_words(text: str) -> str:
    """'第 2/5 步（工时均衡）：找到更好的方案，目标值 12' -> '第 2/5 步：工时均衡，已排出更好的方案'."""
    text = text or ""
    match = _STAGE.search(text)
    if match:
        step, steps, stage = match.groups()
        better = "找到更好" in text
        return f"第 {step}/{steps} 步：{stage}" + ("，已排出更好的方案" if better else "…")
    text = re.sub(r"[，,]?\s*目标值\s*-?\d+", "", text)
    for planner_word, words in (("已找到最优排班", "已排好"), ("已找到可行排班（达到时间上限）", "已排好（到了最多用时）"),
                                ("最优", "最好"), ("可行", "能用的"), ("求解", "排班")):
        text = text.replace(planner_word, words)
    return text


def date_edit(day: dt.date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class GenerateDialog(QDialog):
    """GenerateDialog(date_from, date_to, parent, today=None). start() runs the planner in a
    QThread; result is the RotaResult once done; applied(date_from, date_to, before) after 应用,
    *before* being rota_restore.rows_of() of those days just before writing (for 撤销)."""

    applied = Signal(object, object, object)

    def __init__(self, date_from: dt.date, date_to: dt.date, parent: QWidget | None = None,
                 today: dt.date | None = None, time_limit_s: int = 30):
        super().__init__(parent)
        self.setWindowTitle("自动排班")
        self.setMinimumWidth(560)
        # Not modal: the window stays usable while the planner works in its thread.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.progress_texts: list[str] = []  # what the progress line said in this run
        self.today = today
        self.result = None
        self.progress_reports = 0  # how many reports the planner sent in this run
        self._run_period = (date_from, date_to)
        self.worker: GenerateWorker | None = None
        self.changes_dialog = None  # the before/after list shown by 应用
        self.thread: QThread | None = None

        self.from_edit = date_edit(date_from, self)
        self.to_edit = date_edit(date_to, self)
        self.limit_spin = QSpinBox(self)
        self.limit_spin.setRange(5, 600)
        self.limit_spin.setValue(time_limit_s)
        self.limit_spin.setSuffix(" 秒")
        self.limit_spin.setToolTip("到时还没排完时，采用这段时间里排出的最好方案")
        days = QHBoxLayout()
        days.addWidget(self.from_edit)
        days.addWidget(QLabel("至", self))
        days.addWidget(self.to_edit)
        days.addStretch(1)
        form = QFormLayout()
        form.addRow("排班日期：", days)
        form.addRow("最多用时：", self.limit_spin)
        note = role_label("已固定（钉）的安排保持不变。点“应用”会先列出要改动的班次，确认后才写入排班表。", "hint", self)
        note.setWordWrap(True)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        self.progress_label = role_label("", "hint", self)
        self.start_button = QPushButton("开始排班", self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setToolTip("停止排班（Esc）；可采用已排出的方案或放弃")
        self.cancel_button.clicked.connect(self.cancel)
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress_bar, 1)
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.cancel_button)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("generateStatus")
        self.status_label.setWordWrap(True)
        self.fairness_label = QLabel(self)
        self.fairness_label.setWordWrap(True)
        self.unfilled_table = QTableWidget(0, len(UNFILLED_HEADERS), self)
        self.unfilled_table.setHorizontalHeaderLabels(UNFILLED_HEADERS)
        self.unfilled_table.verticalHeader().hide()
        self.unfilled_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unfilled_table.horizontalHeader().setStretchLastSection(True)
        self.unfilled_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.result_box = QWidget(self)
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.status_label)
        result_layout.addWidget(self.fairness_label)
        result_layout.addWidget(self.unfilled_table, 1)
        self.result_box.hide()

        self.apply_button = QPushButton("应用", self)
        self.apply_button.setToolTip("把这个方案写入排班表")
        self.apply_button.clicked.connect(self.apply)
        self.discard_button = QPushButton("放弃", self)
        self.discard_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.discard_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(run_row)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.result_box, 1)
        layout.addLayout(buttons)
        self._set_running(False)
        self.apply_button.setEnabled(False)

    # -- running -----------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.from_edit.date()), to_date(self.to_edit.date())

    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def start(self) -> None:
        first, last = self.period()
        if last < first:
            QMessageBox.warning(self, "自动排班", "结束日期不能早于开始日期。")
            return
        self.result = None
        self.progress_reports = 0
        self.progress_texts = []
        self._run_period = (first, last)
        self.result_box.hide()
        self.apply_button.setEnabled(False)
        self.progress_bar.setRange(0, 0)  # busy until the solver first reports
        self.progress_label.setText(f"正在为 {period_text(first, last)} 排班…")
        self.worker = GenerateWorker(first, last, float(self.limit_spin.value()), self.today)
        # Queued explicitly: the signals come from the planner's thread, the slots touch widgets.
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.progress.connect(self._on_progress, queued)
        self.worker.finished.connect(self._on_finished, queued)
        self.worker.failed.connect(self._on_failed, queued)
        self.thread = start_worker(self.worker, self)
        self._set_running(True)

    def cancel(self) -> None:
        if self.worker is not None and self.running():
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("正在取消…")

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for widget in (self.from_edit, self.to_edit, self.limit_spin):
            widget.setEnabled(not running)
        self.discard_button.setEnabled(not running)

    def _on_progress(self, fraction: float, text: str) -> None:
        self.progress_reports += 1
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if text and self.cancel_button.isEnabled():
            words = progress_words(text)
            self.progress_texts.append(words)
            self.progress_label.setText(words)

    def _on_failed(self, message: str) -> None:
        self._finish_thread()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_label.setText(message)

    def _on_finished(self, result) -> None:
        self._finish_thread()
        self.result = result
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(1000)
        self.progress_label.setText(f"用时 {getattr(result, 'seconds', 0):.1f} 秒")
        self.show_result(result)

    def _finish_thread(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(5000)
        self.worker, self.thread = None, None
        self._set_running(False)

    # -- the result --------------------------------------------------------------

    def show_result(self, result) -> None:
        count = len(result.assignments)
        unfilled = list(result.unfilled)
        status = f"{result_words(result)}。共排 {count} 人次"
        if unfilled:
            status += f"，{len(unfilled)} 个班次未排满"
        self.status_label.setText(status)
        self.fairness_label.setText("\n".join(fairness_lines(result.fairness)))
        self.unfilled_table.setRowCount(len(unfilled))
        for row, slot in enumerate(unfilled):
            values = (day_header(slot.date), slot.post_name, slot.shift_name, f"{slot.needed}/{slot.filled}", slot.reason)
            for column, value in enumerate(values):
                self.unfilled_table.setItem(row, column, QTableWidgetItem(str(value)))
        self.unfilled_table.setVisible(bool(unfilled))
        self.result_box.show()
        self.apply_button.setEnabled(count > 0)
        if count:
            self.apply_button.setDefault(True)
            self.apply_button.setFocus()

    def apply(self) -> None:
        """Show the before/after list of the shifts that would change; write only on 应用 there."""
        if self.result is None:
            return
        from ...duty.changes import rota_changes
        from .changes_dialog import ChangesDialog

        first, last = self.result_period()
        changes = rota_changes(self.result, first, last, today=self.today)
        if not changes:
            QMessageBox.information(self, "自动排班", "新方案与现在的排班表相同，没有需要改动的班次。")
            self.reject()
            return
        self.changes_dialog = ChangesDialog(changes, self)
        self.changes_dialog.accepted.connect(self._write)
        self.changes_dialog.finished.connect(self.changes_dialog.deleteLater)
        self.changes_dialog.open()

    def _write(self) -> None:
        from ...duty import generate
        from ...duty.rota_restore import rows_of

        first, last = self.result_period()
        before = rows_of(first, last)
        generate.apply_result(self.result, first, last, today=self.today)
        self.applied.emit(first, last, before)
        self.accept()

    def result_period(self) -> tuple[dt.date, dt.date]:
        return self._run_period  # what was planned, even if the inputs changed since

    # -- closing -----------------------------------------------------------------

    def reject(self) -> None:
        """Esc while running cancels first; closing never leaves a thread behind."""
        if self.running():
            self.cancel()
            return
        super().reject()

    def done(self, code: int) -> None:
        if self.running():
            self.worker.cancel()
            self.thread.quit()
            self.thread.wait(10000)
        super().done(code)
