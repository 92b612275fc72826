"""粘贴导入: a block of diaries pasted from a chat (or read from a .txt) becomes one entry per
day for one member. Nothing is written until 导入; days that already have a diary are
asked about first (append the pasted text, or leave them as they are)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
    QHeaderView, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from ...diaries.importer import APPEND, apply_diary_import, plan_diary_import, read_text_file
from ...diaries.service import DiaryError, active_members, day_text
from ..widgets import repolish, role_label
from .diary_style import DIARY_STYLE
from .import_preview_model import ImportPreviewModel

PLAN_DELAY_MS = 300


class PasteImportDialog(QDialog):
    """PasteImportDialog(member_id, parent, today=None). After exec(): result_counts is
    (created, appended, skipped), or None if nothing was imported."""

    def __init__(self, member_id: int | None, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle("粘贴导入日记")
        self.setStyleSheet(DIARY_STYLE)
        self.resize(980, 640)
        self._today = today or dt.date.today()
        self.plan = None
        self.result_counts: tuple[int, int, int] | None = None
        self._year_chosen = False

        self.member = QComboBox(self)
        for m in active_members(self._today):
            self.member.addItem(m.name, m.id)
        if member_id is not None and self.member.findData(member_id) >= 0:
            self.member.setCurrentIndex(self.member.findData(member_id))
        self.year_label = QLabel("年份", self)
        self.year = QComboBox(self)
        for year in range(self._today.year, self._today.year - 4, -1):
            self.year.addItem(f"{year} 年", year)
        self.year_hint = role_label("", "hint", self)
        self.file_button = QPushButton("从文件读取…", self)
        self.file_button.clicked.connect(self.read_file)
        self.paste = QPlainTextEdit(self)
        self.paste.setObjectName("diaryText")
        self.paste.setPlaceholderText(
            "把日记粘贴到这里，每天一段，段首写日期，例如：\n\n11月20日：上午在东门卡口值守，协助核酸采样 320 人。\n"
            "11月21日：走访 3 号楼独居老人 5 户，代购药品 2 份。")
        self.model = ImportPreviewModel(self)
        self.preview = QTableView(self)
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.problems = role_label("", "error", self)
        self.problems.setWordWrap(True)
        self.ignore_problems = QCheckBox("忽略以上问题，只导入识别出的日期", self)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("primaryButton")
        repolish(self.import_button)  # the name came after the button was styled
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        self._layout()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PLAN_DELAY_MS)
        self.timer.timeout.connect(self.refresh_plan)
        self.paste.textChanged.connect(self.timer.start)
        self.member.currentIndexChanged.connect(lambda _i: self.refresh_plan())
        self.year.currentIndexChanged.connect(self._year_changed)
        self.ignore_problems.toggled.connect(lambda _c: self._update_button())
        self.refresh_plan()
        self.paste.setFocus()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("成员", self))
        top.addWidget(self.member)
        top.addSpacing(12)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.year_hint, 1)
        top.addWidget(self.file_button)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.preview, 1)
        column.addWidget(self.problems)
        column.addWidget(self.ignore_problems)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.paste)
        body.addWidget(right)
        body.setChildrenCollapsible(False)
        body.setSizes([380, 580])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addWidget(self.buttons)

    # -- the preview ---------------------------------------------------------------

    def _year_changed(self, _index: int) -> None:
        self._year_chosen = True
        self.refresh_plan()

    def refresh_plan(self) -> None:
        self.timer.stop()
        member_id = self.member.currentData()
        text = self.paste.toPlainText()
        if member_id is None or not text.strip():
            self.plan = None
            self.model.set_rows([])
            self.summary.setText("粘贴后，这里逐日列出将要导入的内容" if member_id is not None else "没有可选的成员")
            self.problems.setText("")
            self._show_year(False)
            self._update_button()
            return
        year = self.year.currentData() if self._year_chosen else None
        try:
            self.plan = plan_diary_import(text, member_id, year=year, today=self._today)
        except DiaryError as exc:
            self.plan = None
            self.model.set_rows([])
            self.problems.setText(str(exc))
            self._update_button()
            return
        self.model.set_rows(self.plan.rows)
        if self.plan.needs_year and not self._year_chosen and self.plan.year_used:
            self.year.blockSignals(True)
            self.year.setCurrentIndex(max(0, self.year.findData(self.plan.year_used)))
            self.year.blockSignals(False)
        self._show_year(self.plan.needs_year or self._year_chosen)
        counts = {}
        for row in self.plan.rows:
            counts[row.action] = counts.get(row.action, 0) + 1
        parts = "，".join(f"{action} {n} 天" for action, n in counts.items())
        self.summary.setText(f"共 {len(self.plan.rows)} 天：{parts}" if self.plan.rows else "没有识别出日期")
        self.problems.setText("\n".join(f"⚠ {p}" for p in self.plan.problems))
        self._update_button()

    def _show_year(self, visible: bool) -> None:
        for widget in (self.year_label, self.year, self.year_hint):
            widget.setVisible(visible)
        self.year_hint.setText("日记里没有写年份，请确认年份" if visible else "")

    def _update_button(self) -> None:
        plan = self.plan
        problems = bool(plan and plan.problems)
        self.problems.setVisible(bool(self.problems.text()))
        self.ignore_problems.setVisible(problems)
        ok = plan is not None and plan.importable > 0 and (not problems or self.ignore_problems.isChecked())
        self.import_button.setEnabled(ok)

    def read_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "读取日记文本", str(Path.home()), "文本文件 (*.txt);;所有文件 (*)")
        if not path:
            return
        try:
            self.paste.setPlainText(read_text_file(path))
        except DiaryError as exc:
            QMessageBox.warning(self, "无法读取文件", str(exc))
            return
        self.refresh_plan()

    # -- importing -----------------------------------------------------------------

    def do_import(self) -> None:
        self.refresh_plan()  # the text may have changed in the last 300 ms
        if not self.import_button.isEnabled():
            return
        existing = [row.day for row in self.plan.rows if row.action == APPEND]
        append = True
        if existing:
            buttons = QMessageBox.StandardButton
            days = "、".join(day_text(d) for d in existing[:6]) + ("等" if len(existing) > 6 else "")
            answer = QMessageBox.question(
                self, "已有日记",
                f"{self.member.currentText()} 在 {days} 已有日记（共 {len(existing)} 天）。\n"
                "是否把粘贴的内容追加到这些日记后面？\n\n选“否”则这些天保持原样，只导入其他日期。",
                buttons.Yes | buttons.No | buttons.Cancel, buttons.Yes)
            if answer == buttons.Cancel:
                return
            append = answer == buttons.Yes
        try:
            self.result_counts = apply_diary_import(self.plan, append_existing=append, today=self._today)
        except DiaryError as exc:
            QMessageBox.warning(self, "导入失败", f"{exc}\n\n没有导入任何内容。")
            return
        self.accept()
