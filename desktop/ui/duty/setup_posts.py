"""值守点与班次: the posts (gates, checkpoints) with their shift pattern, people per shift and
whether a Party member must lead; and the shift patterns with their times.

A post made by mistake is deleted (after confirmation); one with rota or handover records can
only be 停用. Deleting, 停用 and 修改 can be taken back (撤销 / Ctrl+Z) with the page's PageUndo."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...duty import setup
from ...models import Post, snapshot
from ..undo import PageUndo
from ..widgets import delete_key, role_label
from .dialog_undo import DialogUndo
from .duty_format import shift_label

POST_HEADERS = ("值守点", "位置", "班次模式", "每班人数", "党员带班", "启用至")
SHIFT_HEADERS = ("班次", "开始", "结束", "夜班")
IdRole = Qt.ItemDataRole.UserRole + 1


def readonly(text: str, item_id=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setData(IdRole, item_id)
    return item


class PostForm(QDialog):
    """One post's fields; values() for create_post/update_post."""

    def __init__(self, parent: QWidget | None = None, post=None):
        super().__init__(parent)
        self.setWindowTitle("修改值守点" if post else "新增值守点")
        self.name_edit = QLineEdit(post.name if post else "", self)
        self.name_edit.setPlaceholderText("如：东门卡口")
        self.location_edit = QLineEdit(post.location if post else "", self)
        self.pattern_combo = QComboBox(self)
        for pattern in setup.patterns():
            times = "，".join(shift_label(s) for s in pattern.shifts)
            self.pattern_combo.addItem(f"{pattern.name}（{times}）", pattern.id)
        if post is not None:
            self.pattern_combo.setCurrentIndex(max(0, self.pattern_combo.findData(post.pattern_id)))
        self.needed_spin = QSpinBox(self)
        self.needed_spin.setRange(1, 20)
        self.needed_spin.setValue(post.people_needed if post else 2)
        self.needed_spin.setSuffix(" 人")
        self.party_check = QCheckBox("每班须有一名正式党员带班", self)
        self.party_check.setChecked(bool(post and post.party_member_required))
        form = QFormLayout()
        form.addRow("名称：", self.name_edit)
        form.addRow("位置：", self.location_edit)
        form.addRow("班次模式：", self.pattern_combo)
        form.addRow("每班人数：", self.needed_spin)
        form.addRow("", self.party_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict:
        return dict(name=self.name_edit.text(), location=self.location_edit.text(),
                    pattern_id=self.pattern_combo.currentData(), people_needed=self.needed_spin.value(),
                    party_member_required=self.party_check.isChecked())


class PostsDialog(QDialog):
    """PostsDialog(parent=None, undo=None): tabs 值守点 / 班次时间. Every change is saved at once
    through duty.setup; deleting, 停用 and 修改 of a post are pushed to *undo* (the page's)."""

    def __init__(self, parent: QWidget | None = None, undo: PageUndo | None = None):
        super().__init__(parent)
        self.setWindowTitle("值守点与班次")
        self.resize(720, 420)
        setup.ensure_default_pattern()  # a new branch starts from 三班倒
        self.form: PostForm | None = None
        self.posts: list = []

        self.posts_table = self._table(POST_HEADERS)
        self.posts_table.doubleClicked.connect(lambda *_: self.edit_post())
        self.add_post_button = QPushButton("新增值守点…", self)
        self.add_post_button.clicked.connect(lambda: self.edit_post(new=True))
        self.edit_post_button = QPushButton("修改…", self)
        self.edit_post_button.clicked.connect(lambda: self.edit_post())
        self.stop_post_button = QPushButton("停用", self)
        self.stop_post_button.setToolTip("从今天以后不再排这个值守点；已有记录保留")
        self.stop_post_button.clicked.connect(self.deactivate_post)
        self.delete_post_button = QPushButton("删除", self)
        self.delete_post_button.setToolTip("删除误建的值守点（Delete）；已有排班或交接班记录的只能停用")
        self.delete_post_button.setAutoDefault(False)
        self.delete_post_button.clicked.connect(self.delete_post)
        delete_key(self.posts_table, self.delete_post)
        self.undo = DialogUndo(self, undo, self.reload, (setup.DutySetupError,))
        posts_tab = self._tab(self.posts_table, self.add_post_button, self.edit_post_button, self.stop_post_button,
                              self.delete_post_button)

        self.pattern_combo = QComboBox(self)
        self.pattern_combo.currentIndexChanged.connect(self._fill_shifts)
        self.shifts_table = self._table(SHIFT_HEADERS)
        self.shifts_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed
                                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.shifts_table.itemChanged.connect(self._shift_edited)
        self.shift_hint = role_label("双击时间即可修改，如 08:00；结束时间早于开始时间表示跨夜。", "hint", self)
        self.shift_error = role_label("", "error", self)
        shifts_tab = QWidget(self)
        column = QVBoxLayout(shifts_tab)
        column.addWidget(self.pattern_combo)
        column.addWidget(self.shifts_table, 1)
        column.addWidget(self.shift_hint)
        column.addWidget(self.shift_error)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(posts_tab, "值守点")
        self.tabs.addTab(shifts_tab, "班次时间")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        close.addButton(self.undo.button, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.undo.message_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self._loading = False
        self.reload()

    def _table(self, headers) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _tab(self, table, *buttons) -> QWidget:
        tab = QWidget(self)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column = QVBoxLayout(tab)
        column.addWidget(table, 1)
        column.addLayout(row)
        return tab

    def reload(self) -> None:
        current = self.selected_post()
        self._loading = True
        self.posts = setup.posts()
        self.posts_table.setRowCount(len(self.posts))
        for r, post in enumerate(self.posts):
            until = f"{post.active_to:%Y-%m-%d}" if post.active_to else "长期"
            values = (post.name, post.location, post.pattern.name, f"{post.people_needed} 人",
                      "是" if post.party_member_required else "", until)
            for c, value in enumerate(values):
                self.posts_table.setItem(r, c, readonly(value, post.id))
        if current is not None:
            self.select_post(current.id)
        pattern_id = self.pattern_combo.currentData()
        self.pattern_combo.clear()
        for pattern in setup.patterns():
            self.pattern_combo.addItem(pattern.name, pattern.id)
        if pattern_id is not None:
            self.pattern_combo.setCurrentIndex(max(0, self.pattern_combo.findData(pattern_id)))
        self._loading = False
        self._fill_shifts()

    def _fill_shifts(self, *_) -> None:
        if self._loading:
            return
        self._loading = True
        pattern_id = self.pattern_combo.currentData()
        shifts = setup.shifts_of(pattern_id) if pattern_id else []
        self.shifts_table.setRowCount(len(shifts))
        for r, shift in enumerate(shifts):
            for c, value in enumerate((shift.name, shift.start_time, shift.end_time)):
                item = QTableWidgetItem(value)
                item.setData(IdRole, shift.id)
                self.shifts_table.setItem(r, c, item)
            self.shifts_table.setItem(r, 3, readonly("是" if shift.is_night else "", shift.id))
        self._loading = False

    def selected_post(self):
        row = self.posts_table.currentRow()
        return self.posts[row] if 0 <= row < len(self.posts) else None

    def select_post(self, post_id: int) -> bool:
        row = next((r for r, p in enumerate(self.posts) if p.id == post_id), -1)
        if row >= 0:
            self.posts_table.selectRow(row)
        return row >= 0

    def names(self) -> list[str]:
        """The post names the table shows, in order."""
        return [self.posts_table.item(r, 0).text() for r in range(self.posts_table.rowCount())]

    def _push_edit(self, before: snapshot.RecordSnapshot, label: str, what: str) -> None:
        """The post was just changed: 撤销 puts back *before* if the post is still as it was left."""
        after = snapshot.capture_row(Post.get_by_id(before.row_id))

        def take_back() -> None:
            post = Post.get_or_none(Post.id == before.row_id)
            if post is None or snapshot.capture_row(post).rows[0].values != after.rows[0].values:
                raise snapshot.RestoreConflict(f"无法撤销：值守点“{label}”之后又改动过或已删除。")
            snapshot.revert_row(before)

        self.undo.push(label, take_back, f"已{what}值守点“{label}”", f"已撤销对值守点“{label}”的{what}")

    def _fail(self, exc: setup.DutySetupError) -> None:
        QMessageBox.warning(self, "值守点与班次", str(exc))

    def edit_post(self, new: bool = False) -> None:
        post = None if new else self.selected_post()
        if not new and post is None:
            return
        self.form = PostForm(self, post)
        while self.form.exec() == QDialog.DialogCode.Accepted:
            before = snapshot.capture_row(post) if post is not None else None
            try:
                if post is None:
                    saved = setup.create_post(**self.form.values())
                else:
                    saved = setup.update_post(post.id, **self.form.values())
            except setup.DutySetupError as exc:
                self._fail(exc)
                continue
            if before is not None and snapshot.capture_row(saved).rows[0].values != before.rows[0].values:
                self._push_edit(before, post.name, "修改")
            self.reload()
            self.select_post(saved.id)
            return
        self.reload()

    def deactivate_post(self) -> None:
        post = self.selected_post()
        if post is None:
            return
        buttons = QMessageBox.StandardButton
        if QMessageBox.question(self, "停用值守点", f"从今天以后不再给“{post.name}”排班？已有记录保留。") != buttons.Yes:
            return
        self._deactivate(post)

    def _deactivate(self, post) -> None:
        before = snapshot.capture_row(post)
        try:
            setup.deactivate_post(post.id)
        except setup.DutySetupError as exc:
            self._fail(exc)
        else:
            self._push_edit(before, post.name, "停用")
        self.reload()

    def delete_post(self) -> None:
        """Delete the selected post after confirmation; one with records is offered 停用 instead."""
        post = self.selected_post()
        if post is None:
            return
        buttons = QMessageBox.StandardButton
        if setup.post_in_use(post.id):
            text = (f"“{post.name}”已有排班或交接班记录，不能删除，只能停用（记录全部保留）。\n"
                    f"现在停用“{post.name}”，从今天以后不再给它排班吗？")
            if QMessageBox.question(self, "不能删除", text, buttons.Yes | buttons.No, buttons.No) == buttons.Yes:
                self._deactivate(post)
            return
        text = f"确定删除值守点“{post.name}”吗？\n删除后可以立即撤销（Ctrl+Z）。"
        if QMessageBox.question(self, "删除值守点", text, buttons.Yes | buttons.No, buttons.No) != buttons.Yes:
            return
        try:
            deleted = setup.delete_post(post.id)
        except setup.DutySetupError as exc:
            self._fail(exc)
            self.reload()
            return
        self.undo.push(post.name, lambda: snapshot.restore(deleted), f"已删除值守点“{post.name}”",
                       f"已恢复值守点“{post.name}”")
        self.reload()

    def _shift_edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        shift_id = item.data(IdRole)
        field = ("name", "start", "end")[item.column()] if item.column() < 3 else None
        if field is None:
            return
        try:
            setup.update_shift(shift_id, **{field: item.text()})
            self.shift_error.setText("")
        except setup.DutySetupError as exc:
            self.shift_error.setText(str(exc))
        self._fill_shifts()
