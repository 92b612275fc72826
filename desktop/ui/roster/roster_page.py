"""The 花名册 page: toolbar, filters, the member table and a status line."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...models import Member, snapshot
from ...roster import service
from ..table_columns import TableColumns
from ..undo import PageUndo
from ..widgets import STATE_STYLE, MessageBar, page_action
from .departure_dialog import ask_departure_date
from .filter_proxy import MemberFilterProxy
from .member_dialog import MemberDialog
from .roster_filters import RosterFilterBar
from .table_model import (
    COL_ID_NUMBER,
    COL_NAME,
    COL_STATUS,
    HEADERS,
    MemberTableModel,
    RecordRole,
    format_date,
)

# Typical widest content per column, so nothing common gets cut off.
COLUMN_SAMPLES = (
    "欧阳晓明", "性别", "1968.05", "中共预备党员", "市自然资源和规划局", "一级主任科员", "组织委员",
    "第三小分队", "139****5678", "220802196805120017", "2022.04.13", "已撤离 2022.05.01", "待完善",
)


class RosterPage(QWidget):
    """RosterPage(parent=None). Call reload() after anything else changed the database."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._dialog: MemberDialog | None = None
        self.setStyleSheet(STATE_STYLE)

        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._make_actions()
        self.toolbar = QToolBar("花名册", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.edit_action, self.depart_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.export_action)

        self.filters = RosterFilterBar(self.proxy, self)
        self.filters.reveal_toggled.connect(self.model.set_reveal)
        self.filters.search_submitted.connect(self._focus_table)
        self.message_bar = MessageBar(self)
        self.undo = PageUndo(self, self.message_bar, (service.RestoreConflict,))
        self.undo.undone.connect(lambda _label: self.reload())
        self.undo_action = self.undo.action
        self.undo.share_with(self.filters.search)
        self.table = self._make_table()
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged):
            signal.connect(self._on_view_changed)
        self.reload()

    # -- construction ----------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return page_action(self, text, slot, shortcut, tip)

    def _make_actions(self) -> None:
        self.add_action = self._action(
            "新增成员", self.add_member, QKeySequence.StandardKey.New, "新增成员（Ctrl+N）")
        self.edit_action = self._action("编辑", self.edit_member, tip="编辑选中的成员（Enter 或双击）")
        self.depart_action = self._action("标记撤离", self.toggle_departure, tip="标记撤离或恢复在岗")
        self.delete_action = self._action(
            "删除", self.delete_member, tip="删除误录入的成员（Delete）；已有记录的只能标记撤离")
        self.import_action = self._action("导入…", self.import_members, tip="从 Excel 花名册导入")
        self.export_action = self._action("导出…", self.export_members, tip="导出当前显示的成员")
        for action in (self.import_action, self.export_action):
            action.setIconText(action.text())  # keep the “…”: it says a dialog follows
        self.find_action = self._action("查找", self.focus_search, QKeySequence.StandardKey.Find)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = table.fontMetrics()
        for column, (sample, title) in enumerate(zip(COLUMN_SAMPLES, HEADERS)):
            # Room for the sort arrow next to the title, and cell padding.
            width = max(metrics.horizontalAdvance(sample) + 18, metrics.horizontalAdvance(title) + 34)
            header.resizeSection(column, width)
        # Name and 状态 always show; the rest can be hidden from the header's context menu.
        # By default 身份证号 is, so the table fits 1280 px without scrolling sideways.
        self.columns = TableColumns(
            table, "roster", [c for c in range(len(HEADERS)) if c not in (COL_NAME, COL_STATUS)],
            hidden_by_default=(COL_ID_NUMBER,))
        table.doubleClicked.connect(lambda _index: self.edit_member())
        # Enter and Delete act on the row only when the table has focus, never in a filter box.
        for keys, slot in (
            ((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.edit_member),
            ((Qt.Key.Key_Delete,), self.delete_member),
        ):
            action = QAction(table)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            table.addAction(action)
        # Current row moves before the selection does: listen to both.
        table.selectionModel().currentRowChanged.connect(self._update_actions)
        table.selectionModel().selectionChanged.connect(self._update_actions)
        return table

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Re-read every member from the database, keeping the selection."""
        current = self.current_member()
        self.model.set_members(service.list_members())
        self.columns.fit()
        self.filters.set_choices([t.name for t in service.teams()], service.units())
        if current is not None:
            self.select_member(current.id)
        self._on_view_changed()

    def current_member(self) -> Member | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.data(RecordRole)

    def select_member(self, member_id: int) -> bool:
        """Select the member's row if the filters show it."""
        row = self.model.row_of(member_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL_NAME))
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def visible_members(self) -> list[Member]:
        """The members the table shows, in its order."""
        return self.proxy.members()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_member() is None and self.proxy.rowCount():
            self.table.selectRow(0)

    def _on_view_changed(self, *_) -> None:
        self._update_status()
        self._update_actions()

    def _update_status(self) -> None:
        members = self.model.members()
        active = sum(1 for m in members if m.departed_on is None)
        incomplete = self.model.incomplete_count()
        text = f"共 {len(members)} 人，在岗 {active} 人，待完善 {incomplete} 人"
        shown = self.proxy.rowCount()
        if shown != len(members):
            text += f"　（当前显示 {shown} 人）"
        self.status_label.setText(text)

    def _update_actions(self, *_) -> None:
        member = self.current_member()
        for action in (self.edit_action, self.depart_action, self.delete_action):
            action.setEnabled(member is not None)
        departed = member is not None and member.departed_on is not None
        self.depart_action.setText("恢复在岗" if departed else "标记撤离")

    # -- editing ---------------------------------------------------------------

    def add_member(self) -> None:
        self._open_dialog(None)

    def edit_member(self) -> None:
        member = self.current_member()
        if member is not None:
            self._open_dialog(member)

    def member_dialog(self) -> MemberDialog | None:
        """The member dialog currently open, if any."""
        return self._dialog

    def _open_dialog(self, member: Member | None) -> None:
        if self._dialog is not None:
            self._dialog.raise_()
            return
        dialog = MemberDialog(member, self)
        before = snapshot.capture_row(member) if member is not None else None
        dialog.accepted.connect(lambda: self._after_save(dialog.saved_member, before))
        dialog.finished.connect(self._dialog_closed)
        self._dialog = dialog
        dialog.open()  # window-modal without blocking the event loop

    def _dialog_closed(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None
        self.table.setFocus()

    def _after_save(self, member: Member | None, before: snapshot.RecordSnapshot | None = None) -> None:
        self.reload()
        if member is not None and before is not None:
            self.undo.push(member.name, lambda: self._put_back(before),
                           f"已保存“{member.name}”的修改", f"已撤销对“{member.name}”的修改")
        if member is not None and not self.select_member(member.id):
            self.message_bar.show_message(f"已保存“{member.name}”，当前筛选条件下不显示。")

    def _put_back(self, before: snapshot.RecordSnapshot) -> None:
        snapshot.revert_row(before)
        self.reload()
        self.select_member(before.row_id)

    def toggle_departure(self) -> None:
        member = self.current_member()
        if member is None:
            return
        if member.departed_on is not None:
            answer = QMessageBox.question(
                self, "恢复在岗",
                f"将“{member.name}”恢复为在岗？撤离日期 {format_date(member.departed_on)} 将被清除。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            service.cancel_departure(member.id)
        else:
            day = ask_departure_date(member, self)
            if day is None:
                return
            try:
                service.mark_departed(member.id, day)
            except service.ValidationFailed as exc:
                QMessageBox.warning(self, "无法标记撤离", "\n".join(str(p) for p in exc.problems))
                return
        self.reload()
        self.select_member(member.id)

    def delete_member(self) -> None:
        member = self.current_member()
        if member is None:
            return
        records = service.history_count(member)
        if records:
            QMessageBox.information(
                self, "不能删除",
                f"“{member.name}”已有 {records} 条工作记录，不能删除。\n"
                "如果此人已离开，请使用“标记撤离”：记录全部保留，以后也可以恢复在岗。",
            )
            return
        answer = QMessageBox.question(
            self, "删除成员", f"确定删除“{member.name}”吗？\n删除后可以立即撤销（Ctrl+Z）。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            deleted = service.delete_member(member.id)
        except service.HasHistory as exc:
            QMessageBox.information(self, "不能删除", str(exc))
            return
        self.reload()
        self.undo.push(member.name, lambda: self._restore_member(deleted))

    def _restore_member(self, deleted: service.DeletedMember) -> None:
        member = service.restore_member(deleted)
        self.reload()
        self.select_member(member.id)

    def undo_delete(self) -> None:
        """Ctrl+Z / 撤销: the last deletion or edit on this page comes back."""
        self.undo.undo()

    # -- import and export (modules owned by the import/export dialogs) --------

    def import_members(self) -> None:
        from .import_dialog import choose_and_import

        if choose_and_import(self):
            self.reload()

    def export_members(self) -> None:
        from .export_dialog import choose_and_export

        choose_and_export(self, self.visible_members())
