"""粘贴导入: a block of diaries pasted from a chat (or read from a .txt) becomes one entry per
day. A WeChat group chat (header lines "张建国 2026/12/3 22:05") splits by sender: each
member's messages become that member's entries. Anything else belongs to the member
chosen here -- none is chosen at first, so nobody's diaries land on the first name in the
list by accident. Nothing is written until 导入; days that already have a diary are
asked about first (append the pasted text, or leave them as they are)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...diaries.importer import (
    APPEND,
    apply_diary_import,
    plan_chat_import,
    plan_diary_import,
    read_text_file,
)
from ...diaries.service import DiaryError, active_members, day_text
from ..widgets import repolish, role_label, set_label_role
from .diary_style import DIARY_STYLE
from .import_preview_model import ImportPreviewModel

PLAN_DELAY_MS = 300


ASK_MEMBER = "没有识别出作者：请在上方选择这些日记的作者"
PICK_MEMBER = "请选择成员"


class PasteImportDialog(QDialog):
    """PasteImportDialog(member_id, parent, today=None). After exec(): result_counts is
    (created, appended, skipped), or None if nothing was imported; after a group chat the
    member box shows the authors (its data: the last row's author).

    *member_id* (the page's current member) is deliberately not preselected: a paste for
    someone else must not land on whoever happened to be selected."""

    def __init__(self, member_id: int | None, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle("粘贴导入日记")
        self.setStyleSheet(DIARY_STYLE)
        self.resize(980, 640)
        self._today = today or dt.date.today()
        self.plan = None
        self.result_counts: tuple[int, int, int] | None = None
        self._year_chosen = False

        self.chat = False  # the plan comes from a group chat's senders
        self.member = QComboBox(self)
        self.member.setPlaceholderText(PICK_MEMBER)
        self.member.setMinimumContentsLength(8)
        for m in active_members(self._today):
            self.member.addItem(m.name, m.id)
        self.member.setCurrentIndex(-1)
        self.member_hint = role_label("", "hint", self)
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
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.problems = role_label("", "error", self)
        self.problems.setWordWrap(True)
        self.notes = role_label("", "hint", self)  # doubtful lines kept as text: nothing lost
        self.notes.setWordWrap(True)
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
        top.addWidget(self.member_hint)
        top.addSpacing(12)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.year_hint, 1)
        top.addStretch(1)  # with the year hidden (a chat), the boxes keep their width
        top.addWidget(self.file_button)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.summary)
        column.addWidget(self.preview, 1)
        column.addWidget(self.problems)
        column.addWidget(self.notes)
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
        text = self.paste.toPlainText()
        self.plan, self.chat = None, False
        self.problems.setText("")
        self.notes.setText("")
        self.member_hint.setText("")
        set_label_role(self.member_hint, "hint")
        if not text.strip():
            self.model.set_rows([])
            self.summary.setText("粘贴后，这里逐日列出将要导入的内容" if self.member.count() else "没有可选的成员")
            self._show_year(False)
            self._update_button()
            return
        try:
            self.plan = self._chat_plan(text) or self._member_plan(text)
        except DiaryError as exc:
            self.plan = None
            self.problems.setText(str(exc))
        rows = self.plan.rows if self.plan is not None else []
        self.model.set_rows(rows)
        self.preview.setColumnHidden(1, not self.chat)  # one member: the box above says who
        self.member.setEnabled(not self.chat)  # the senders are the authors
        if self.plan is None:
            self._show_year(False)
            if not self.problems.text():
                self.summary.setText(ASK_MEMBER)
                self.member_hint.setText("← 请选择")
                set_label_role(self.member_hint, "error")
            self._update_button()
            return
        if self.plan.needs_year and not self._year_chosen and self.plan.year_used:
            self.year.blockSignals(True)
            self.year.setCurrentIndex(max(0, self.year.findData(self.plan.year_used)))
            self.year.blockSignals(False)
        self._show_year(not self.chat and (self.plan.needs_year or self._year_chosen))
        counts = {}
        for row in rows:
            counts[row.action] = counts.get(row.action, 0) + 1
        unit = "篇" if self.chat else "天"  # a chat's rows are (author, day): several per day
        parts = "，".join(f"{action} {n} {unit}" for action, n in counts.items())
        whose = f"{len(self.plan.authors)} 人（{'、'.join(self.plan.authors)}），" if self.chat else ""
        self.summary.setText(f"共 {whose}{len(rows)} 篇：{parts}" if self.chat and rows
                             else f"共 {len(rows)} 天：{parts}" if rows else "没有识别出日期")
        self.problems.setText("\n".join(f"⚠ {p}" for p in self.plan.problems))
        self.notes.setText("\n".join(f"ⓘ {n}" for n in self.plan.notes))
        self._update_button()

    def _chat_plan(self, text: str):
        """A group chat with members among its senders: the senders are the authors."""
        plan = plan_chat_import(text, today=self._today)
        if plan is None or not plan.rows:
            return None
        self.chat = True
        self.member_hint.setText("按聊天记录中的发送人导入")
        return plan

    def _member_plan(self, text: str):
        member_id = self.member.currentData()
        if member_id is None:
            return None  # asked for in refresh_plan: no author is guessed
        year = self.year.currentData() if self._year_chosen else None
        return plan_diary_import(text, member_id, year=year, today=self._today)

    def _show_year(self, visible: bool) -> None:
        for widget in (self.year_label, self.year, self.year_hint):
            widget.setVisible(visible)
        self.year_hint.setText("日记里没有写年份，请确认年份" if visible else "")

    def _update_button(self) -> None:
        plan = self.plan
        problems = bool(plan and plan.problems)
        self.problems.setVisible(bool(self.problems.text()))
        self.notes.setVisible(bool(self.notes.text()))
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
        existing = [row for row in self.plan.rows if row.action == APPEND]
        append = True
        if existing:
            buttons = QMessageBox.StandardButton
            who = "、".join(dict.fromkeys(row.member_name for row in existing))
            days = "、".join(day_text(r.day) + (f"（{r.member_name}）" if self.chat else "") for r in existing[:6]) \
                + ("等" if len(existing) > 6 else "")
            answer = QMessageBox.question(
                self, "已有日记",
                f"{who} 在 {days} 已有日记（共 {len(existing)} 篇）。\n"
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
        if self.chat:  # the page names "the member" imported for and opens the last entry
            self.member.blockSignals(True)
            self.member.addItem("、".join(self.plan.authors), self.plan.rows[-1].member_id)
            self.member.setCurrentIndex(self.member.count() - 1)
            self.member.blockSignals(False)
        self.accept()
