"""报表: choose a report and its period, preview it in memory, then save, open or print it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...paths import resolve_db_path
from ...reports.kinds import KINDS, PERIODS, Choices, ReportKind, file_stem, period
from ...roster import service as roster
from ...safety.errors import user_message
from ..safety.font_prep import PER_FONT_SECONDS
from ..widgets import role_label
from . import pdf_output
from .build_process import BuildOutcome, BuildProcess
from .notes_panel import NotesKey, NotesPanel
from .preview_panel import PreviewPanel

MESSAGE_STYLE = "QLabel#reportMessages { background: #FFF8E6; border: 1px solid #F0D9A8; border-radius: 4px;" \
                " padding: 6px 8px; color: #7A4B00; }"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsPage(QWidget):
    """*db_path*: the open database, handed down by the window (the report child opens it
    read-only); a page built on its own uses the one the environment names. *today* is for tests."""

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today,
                 db_path: Path | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path) if db_path is not None else resolve_db_path()
        self.setObjectName("pageContent")
        self.setStyleSheet(MESSAGE_STYLE)
        self._today = today
        self.job: BuildProcess | None = None  # the child process building a report
        self.word_target: Path | None = None  # where the Word file being built goes
        self.result: BuildOutcome | None = None  # what the preview shows
        self.fonts_total = 0  # fonts the running build prepares first (first use only) ...
        self.fonts_left = 0   # ... and how many of them are still to do
        self.shown: tuple[ReportKind, Choices] | None = None  # what it was built from: names the file
        self._ticker = QTimer(self)  # refreshes "已生成 N 页，用时 X 秒" while a build runs
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._show_progress)

        self.kinds = QListWidget(self)
        self.kinds.setObjectName("reportKinds")
        for report in KINDS:
            self.kinds.addItem(report.title)
        self.kinds.setFixedHeight(self.kinds.sizeHintForRow(0) * len(KINDS) + 8)

        self.period_combo = QComboBox(self)
        self.period_combo.addItems(PERIODS)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.member_combo = QComboBox(self)
        self.reveal = QCheckBox("完整显示身份证号和手机号", self)
        self.include_departed = QCheckBox("包括已离开的人员", self)
        self.notes = NotesPanel(self)

        self.form = QFormLayout()
        self.form.addRow("时间范围", self.period_combo)
        self.form.addRow("开始日期", self.date_from)
        self.form.addRow("结束日期", self.date_to)
        self.form.addRow("人员", self.member_combo)
        options = QWidget(self)
        options.setObjectName("pageContent")  # white like the page, not the scroll area's grey
        column = QVBoxLayout(options)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("报表", options))
        column.addWidget(self.kinds)
        column.addLayout(self.form)
        column.addWidget(self.reveal)
        column.addWidget(self.include_departed)
        column.addWidget(self.notes)
        self.unavailable = role_label("", "error", options)
        self.unavailable.setWordWrap(True)
        column.addWidget(self.unavailable)
        self.build_button = QPushButton("生成预览", options)
        self.build_button.setObjectName("primaryButton")
        column.addWidget(self.build_button)
        self.cancel_button = QPushButton("取消生成", options)
        self.cancel_button.setToolTip("停止生成（Esc）")
        self.cancel_button.hide()
        column.addWidget(self.cancel_button)
        self.package_button = QPushButton("上报数据包…", options)  # package_dialog.py
        self.package_button.setToolTip("导出带签名的数据包（.bdpkg），报送街道或组织部的汇总台")
        self.package_button.clicked.connect(self.open_package_dialog)
        column.addWidget(self.package_button)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(options)
        scroll.setMinimumWidth(220)  # the page must fit beside the sidebar on a small screen

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("saveFormat")
        self.format_combo.addItem("PDF", "pdf")
        self.format_combo.addItem("Word", "docx")
        self.format_combo.setToolTip("保存的文件格式：PDF 用于报送和打印；Word 文档（.docx）可在 Word 或 WPS 中修改后再报送")
        self.save_button = QPushButton("保存…", self)
        # Short labels: the row must fit beside the options on a half-screen window.
        self.open_button = QPushButton("打开", self)
        self.open_button.setToolTip("用系统的 PDF 查看器或 Word/WPS 打开")
        self.print_button = QPushButton("打印…", self)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(QLabel("格式", self))
        actions.addWidget(self.format_combo)
        for button in (self.save_button, self.open_button, self.print_button):
            actions.addWidget(button)
        self.preview = PreviewPanel(self)
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addLayout(actions)
        right_column.addWidget(self.preview, 1)

        splitter = QSplitter(self)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

        self.kinds.currentRowChanged.connect(self._kind_changed)
        self.period_combo.currentTextChanged.connect(self._period_chosen)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.member_combo.currentIndexChanged.connect(self._choices_changed)
        self.reveal.toggled.connect(self._choices_changed)
        self.include_departed.toggled.connect(self._choices_changed)
        self.build_button.clicked.connect(self.build_preview)
        self.cancel_button.clicked.connect(self.cancel_build)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_build,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.build_preview,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_button.clicked.connect(self.save)
        self.open_button.clicked.connect(self.open_external)
        self.print_button.clicked.connect(self.print_pdf)

        self._fill_members()
        self._period_chosen(PERIODS[0])
        self.kinds.setCurrentRow(0)
        self._update_buttons()

    def open_package_dialog(self) -> None:
        from .package_dialog import PackageDialog

        PackageDialog(self, self._today).exec()

    # --- choices ----------------------------------------------------------------

    def report(self) -> ReportKind:
        return KINDS[max(self.kinds.currentRow(), 0)]

    def choose(self, key: str) -> None:
        self.kinds.setCurrentRow([k.key for k in KINDS].index(key))

    def choices(self) -> Choices:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        if self.report().period == "day":
            end = start
        return Choices(start, end, self.member_combo.currentData(), self.reveal.isChecked(),
                       self.include_departed.isChecked())

    def _fill_members(self) -> None:
        current = self.member_combo.currentData()
        self.member_combo.blockSignals(True)
        self.member_combo.clear()
        self.member_combo.addItem("全体人员", None)
        for member in roster.list_members():
            self.member_combo.addItem(member.name, member.id)
        index = self.member_combo.findData(current)
        self.member_combo.setCurrentIndex(max(index, 0))
        self.member_combo.blockSignals(False)

    def _kind_changed(self, _row: int) -> None:
        report = self.report()
        ranged = report.period == "range"
        self.period_combo.setVisible(ranged)
        self.form.labelForField(self.period_combo).setVisible(ranged)
        self.date_from.setVisible(report.period != "none")
        self.form.labelForField(self.date_from).setVisible(report.period != "none")
        self.form.labelForField(self.date_from).setText("开始日期" if ranged else "日期")
        self.date_to.setVisible(ranged)
        self.form.labelForField(self.date_to).setVisible(ranged)
        self.member_combo.setVisible(bool(report.member))
        self.form.labelForField(self.member_combo).setVisible(bool(report.member))
        self.reveal.setVisible("reveal" in report.options)
        self.include_departed.setVisible("departed" in report.options)
        self.notes.set_sections(report.sections)
        self.unavailable.setText("" if report.available() else "该报表功能尚未安装，暂时无法生成。")
        self._choices_changed()

    def _period_chosen(self, name: str) -> None:
        if name == "自定义":
            return
        start, end = period(name, self._today())
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        self._choices_changed()

    def _dates_edited(self) -> None:
        if self.date_to.date() < self.date_from.date():
            self.date_to.setDate(self.date_from.date())  # re-enters here once, then in order
            return
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentText("自定义")
        self.period_combo.blockSignals(False)
        self._choices_changed()

    def _choices_changed(self, *_args) -> None:
        report, choices = self.report(), self.choices()
        key = None
        if report.notes_kind and not (report.notes_kind == "cadre" and choices.member_id is None):
            key = NotesKey(report.notes_kind, choices.date_from, choices.date_to,
                           choices.member_id if report.notes_kind == "cadre" else None)
        self.notes.set_key(key)
        self.notes.setVisible(key is not None)
        if self.preview.data is not None:
            self.preview.status.setText(f"预览显示的是之前生成的“{self.preview.title}”；选项已更改，"
                                        "请重新生成预览。")

    # --- building ---------------------------------------------------------------

    def building(self) -> bool:
        return self.job is not None

    def build_preview(self) -> None:
        """Start building the chosen report in a child process; the preview shows it when done."""
        if self.building():
            return
        self.notes.save()  # the work report prints what was just typed
        self._start(self.report(), self.choices(), "pdf")

    def _start(self, report: ReportKind, choices: Choices, fmt: str) -> None:
        self.job = BuildProcess(report, choices, self.db_path, self, fmt=fmt)
        self.fonts_total = self.fonts_left = 0
        self.job.progress.connect(lambda _pages: self._show_progress())
        self.job.fonts_preparing.connect(self._fonts_preparing)
        self.job.finished.connect(self._built if fmt == "pdf" else self._word_built)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.preview.busy(f"正在生成“{report.title}”" + ("的 Word 文档" if fmt == "docx" else "") + "……")
        self.job.start()
        self._ticker.start()
        self._update_buttons()

    def cancel_build(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _fonts_preparing(self, left: int) -> None:
        self.fonts_total, self.fonts_left = max(self.fonts_total, left), max(left, 0)
        self._show_progress()

    def _show_progress(self) -> None:
        if self.job is None:
            return
        if self.fonts_left:  # a first report after install: the wait is the fonts, and says so
            done = self.fonts_total - self.fonts_left
            word = "的 Word 文档" if self.job.fmt == "docx" else ""
            self.preview.busy(
                f"正在准备打印用字体（仅首次，约 {self.fonts_left * PER_FONT_SECONDS} 秒），完成后自动开始生成"
                f"“{self.job.report.title}”{word}。已准备 {done}/{self.fonts_total} 个字体，"
                f"用时 {self.job.elapsed():.0f} 秒（可按 Esc 取消）", done, self.fonts_total)
            return
        pages = f"已生成 {self.job.pages} 页，" if self.job.pages else ""
        word = "的 Word 文档" if self.job.fmt == "docx" else ""
        self.preview.busy(f"正在生成“{self.job.report.title}”{word}……{pages}用时 {self.job.elapsed():.0f} 秒"
                          "（可按 Esc 取消）")

    def _end_job(self) -> tuple[ReportKind, Choices]:
        job, self.job = self.job, None
        self._ticker.stop()
        job.deleteLater()
        self._update_buttons()
        return job.report, job.choices

    def _built(self, result: BuildOutcome) -> None:
        waited = self.job.elapsed()  # what the user waited, starting the child included
        report, choices = self._end_job()
        title = report.title
        if not result.data or not self.preview.show_pdf(result.data, title):
            self.result, self.shown = None, None
            self.preview.idle("预览无法显示生成的文件。")
            self._update_buttons()
            return
        self.result = result
        lines = list(result.warnings)
        if result.empty_sections:
            lines.append("以下部分暂无记录：" + "、".join(result.empty_sections))
        if result.missing_message:
            lines.append(result.missing_message)
        self.shown = (report, choices)
        self.preview.show_messages(lines)
        self.preview.idle(f"{title}：共 {result.page_count} 页，用时 {waited:.1f} 秒。")
        self._update_buttons()

    def _word_built(self, result: BuildOutcome) -> None:
        """The Word file of what the preview shows is built: write it where the user chose."""
        self._end_job()
        path, self.word_target = self.word_target, None
        if path is not None and self._write(path, result.data):
            self.preview.idle(f"已保存 Word 文档：{path}")

    def _failed(self, message: str) -> None:
        self.word_target = None
        self._end_job()
        self.preview.idle(message)
        QMessageBox.warning(self, "生成报表", message)

    def _cancelled(self) -> None:
        self.word_target = None
        report, _choices = self._end_job()
        shown = f"预览仍显示之前生成的“{self.preview.title}”。" if self.preview.data is not None else ""
        self.preview.idle(f"已取消生成“{report.title}”。{shown}")

    def _update_buttons(self) -> None:
        busy, ready = self.building(), self.preview.data is not None
        self.build_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.kinds.setEnabled(not busy)
        for button in (self.save_button, self.open_button, self.print_button):
            button.setEnabled(ready and not busy)

    # --- output -----------------------------------------------------------------

    def _stem(self) -> str:
        report, choices = self.shown or (self.report(), self.choices())
        return file_stem(report, choices)

    def save(self) -> None:
        """Save what the preview shows in the chosen format: the PDF as shown, or a Word
        document built from the same report and choices (in the child process, like a preview)."""
        if self.preview.data is None or self.building():
            return
        fmt = self.format_combo.currentData()
        path = pdf_output.ask_save_path(self, self._stem(), fmt)
        if path is None:
            return
        if fmt == "pdf":
            if self._write(path, self.preview.data):
                self.preview.status.setText(f"已保存：{path}")
            return
        report, choices = self.shown or (self.report(), self.choices())
        self.notes.save()
        self.word_target = path
        self._start(report, choices, "docx")

    def _write(self, path: Path, data: bytes) -> bool:
        try:
            pdf_output.write_pdf(path, data)
        except OSError as exc:  # full disk, read-only stick, a file open in a viewer: in Chinese
            QMessageBox.warning(self, "保存报表", user_message(
                exc, path, fallback=f"无法保存到 {path}，文件没有保存。请换一个位置后再试。",
                open_elsewhere="PDF 阅读器、Word 或 WPS"))
            return False
        return True

    def open_external(self) -> None:
        if self.preview.data is not None:
            try:
                pdf_output.open_in_viewer(self.preview.data, self._stem())
            except OSError as exc:
                QMessageBox.warning(self, "打开报表", "无法写出供查看的临时文件。" + user_message(
                    exc, fallback="请检查系统临时文件夹所在的磁盘是否已满。"))

    def print_pdf(self) -> None:
        if self.preview.data is not None and pdf_output.print_document(self, self.preview.document,
                                                                       self.preview.title):
            self.preview.status.setText(f"已发送到打印机：{self.preview.title}")

    # --- page life --------------------------------------------------------------

    def on_shown(self) -> None:
        self._fill_members()  # the roster may have changed meanwhile

    def reload(self) -> None:
        self._fill_members()
        self.notes.key = None  # the database changed under the texts: read them again
        self._choices_changed()

    def wait_for_build(self, ms: int = 60000) -> None:
        """Block until a running build has ended and been shown (tests, closing)."""
        if self.job is not None:
            self.job.wait(ms)

    def closeEvent(self, event) -> None:
        self.notes.save()
        self.cancel_build()  # a build for a closed window is of no use: end the child now
        super().closeEvent(event)
