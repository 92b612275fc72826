"""会议记录: the list of meetings (with filters and statistics) and, on 开会/打开, the live entry view."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ...meetings.removal import remove_meeting, restore_meeting
from ..table_columns import TableColumns
from ..undo import PageUndo
from ..widgets import MessageBar, page_action
from . import date_dialog
from .meeting_filters import MeetingFilterBar
from .meeting_removal import ask_removal
from .meeting_rows import PAGE, MeetingPages
from .meeting_style import MEETING_STYLE
from .meeting_table_model import (
    COL_ACTIONS,
    COL_ATTENDANCE,
    COL_DATE,
    COL_DECISIONS,
    COL_HOST,
    COL_TITLE,
    HEADERS,
    MeetingTableModel,
    RecordRole,
)
from .sort_proxy import MeetingSortProxy
from .stats_panel import StatsPanel

if TYPE_CHECKING:
    from .live_entry import LiveEntryView

DAILY = "每日例会"
COLUMN_SAMPLES = ("2022.04.13 周三", "支部党员大会", "4月13日每日例会（扩大）", "欧阳晓明", "应到/实到", "进行中", "决议", "待办")


class MeetingsPage(QWidget):
    """MeetingsPage(parent=None, today=None). start_meeting(type_name) / open_meeting(id) show
    the live view; live_view() is it (or None); reload() re-reads the list, page_size rows
    first and more as the table is scrolled to the end."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self.page_size = PAGE
        self._live: LiveEntryView | None = None
        self.setStyleSheet(MEETING_STYLE)
        self.model = MeetingTableModel(self)
        self.proxy = MeetingSortProxy(self)
        self.proxy.setSourceModel(self.model)

        self._make_actions()
        self.toolbar = self._make_toolbar()
        self.filters = MeetingFilterBar(self, today)
        self.filters.changed.connect(self.reload)
        self.filters.submitted.connect(self._focus_table)
        self.table = self._make_table()
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        self.stats = StatsPanel(self, today)

        list_tab = QWidget(self)
        column = QVBoxLayout(list_tab)
        column.setContentsMargins(0, 6, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.filters)
        column.addWidget(self.table, 1)
        column.addWidget(self.status_label)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(list_tab, "会议列表")
        self.tabs.addTab(self.stats, "统计")
        self.tabs.currentChanged.connect(lambda i: self.stats.refresh() if i == 1 else None)

        self.list_page = QWidget(self)
        layout = QVBoxLayout(self.list_page)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list_page)
        # Above the list and the live view: "已删除 … [撤销]" shows wherever the removal was made.
        self.message_bar = MessageBar(self)
        self.undo = PageUndo(self, self.message_bar, (service.MeetingError,))
        self.undo.undone.connect(self._after_undo)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.message_bar)
        outer.addWidget(self.stack)
        self.reload()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- construction ----------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return page_action(self, text, slot, shortcut, tip)

    def _make_actions(self) -> None:
        self.start_action = self._action(
            "开会", lambda: self.start_meeting(DAILY), "Ctrl+M",
            "开始（或继续）今天的每日例会（Ctrl+M）；点右侧箭头选其他会议类型")
        self.open_action = self._action("打开", self.open_selected, tip="打开选中的会议（Enter 或双击）")
        self.template_action = self._action(
            "复制为模板…", self.copy_as_template, tip="以选中的会议为模板新建一次会议（复制议题、地点、主持人等）")
        self.delete_action = self._action(
            "删除…", self.delete_selected, tip="删除误建的会议（Delete）；已定稿的须填写原因")
        self.types_action = self._action("会议类型…", self.edit_types, tip="新增、改名、停用会议类型")
        self.find_action = self._action("查找", self._find, QKeySequence.StandardKey.Find)

    def _make_toolbar(self) -> QToolBar:
        toolbar = QToolBar("会议记录", self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.type_menu = QMenu(self)
        self.type_menu.aboutToShow.connect(self._fill_type_menu)
        self.start_button = QToolButton(self)
        self.start_button.setDefaultAction(self.start_action)
        self.start_button.setMenu(self.type_menu)
        self.start_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.start_button.setObjectName("startMeetingButton")
        toolbar.addWidget(self.start_button)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.template_action)
        toolbar.addAction(self.delete_action)
        toolbar.addSeparator()
        toolbar.addAction(self.types_action)
        for action in (self.template_action, self.delete_action, self.types_action):
            action.setIconText(action.text())  # keep the “…”: it says a dialog follows
        return toolbar

    def _fill_type_menu(self) -> None:
        self.type_menu.clear()
        for kind in service.meeting_types():
            self.type_menu.addAction(kind.name, lambda name=kind.name: self.start_meeting(name))

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("meetingsTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = table.fontMetrics()
        for column, (sample, title) in enumerate(zip(COLUMN_SAMPLES, HEADERS)):
            header.resizeSection(column, max(metrics.horizontalAdvance(sample) + 18,
                                             metrics.horizontalAdvance(title) + 34))
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)  # the title takes the room
        self.columns = TableColumns(table, "meetings", (COL_HOST, COL_ATTENDANCE, COL_DECISIONS, COL_ACTIONS),
                                    stretch=COL_TITLE)
        table.doubleClicked.connect(lambda _index: self.open_selected())
        for keys, slot in (((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.open_selected),
                           ((Qt.Key.Key_Delete,), self.delete_selected)):
            action = QAction(table)  # only with the table focused, never in the search box
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            table.addAction(action)
        table.selectionModel().selectionChanged.connect(self._update_actions)
        table.installEventFilter(self)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QObject.eventFilter(): Ctrl+End goes to the last meeting, not the last one read so far."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_End and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.model.fetch_all()
        return super().eventFilter(watched, event)

    # -- the list --------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the list with the current filters, keeping the selection."""
        if self._live is not None:
            try:
                service.get_meeting(self._live.meeting_id)
            except service.MeetingError:  # e.g. the database was restored from a backup
                self.close_live(reload=False)
        current = self.current_row()
        self.filters.set_types(service.meeting_types(include_inactive=True))
        date_from, date_to = self.filters.date_range()
        pages = MeetingPages(self.filters.text(), self.filters.type_id(), date_from, date_to, self.page_size)
        self.model.show_pages(pages)
        self.columns.fit()
        if current is not None:
            self.select_meeting(current.meeting_id)
        shown, drafts = pages.count()  # the whole list's, however much of it is read yet
        text = f"共 {shown} 次会议" + (f"，{drafts} 次进行中" if drafts else "")
        if self.filters.text():
            text += f"（搜索“{self.filters.text()}”）"
        self.status_label.setText(text)
        self._update_actions()

    def current_row(self):
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return index.data(RecordRole)

    def select_meeting(self, meeting_id: int) -> bool:
        """Select (and scroll to) the meeting if the list has it, reading on down to it."""
        row = self.model.row_of(meeting_id)
        if row < 0 and self.model.canFetchMore():
            self.model.fetch_through(meeting_id)
            row = self.model.row_of(meeting_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def visible_rows(self) -> list:
        """The rows in the table, in display order (as far as read: see reload())."""
        return self.proxy.rows()

    def _find(self) -> None:
        if self._live is None:  # in a meeting, Ctrl+F must not jump to the hidden list
            self.filters.focus_search()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_row() is None and self.proxy.rowCount():
            self.table.selectRow(0)

    def _update_actions(self, *_args) -> None:
        selected = self.current_row() is not None
        self.open_action.setEnabled(selected)
        self.template_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)

    # -- starting and opening --------------------------------------------------

    def start_meeting(self, type_name: str = DAILY) -> LiveEntryView | None:
        """Reopen today's meeting of that type, or start one from the latest as template."""
        if self._live is not None and self._live.meeting.meeting_type.name == type_name \
                and self._live.meeting.date == self.today():
            self._live.notes.focus_entry()
            self._live.message.show_message(f"这就是今天的{type_name}，继续记录即可（没有新建会议）。")
            return self._live
        meeting = service.todays_meeting(type_name, self.today())
        if meeting is not None:
            live = self.open_meeting(meeting.id)
            started = f"（{meeting.start_time} 开始）" if meeting.start_time else ""
            live.message.show_message(f"今天的{type_name}已有记录{started}，已重新打开，没有新建会议。")
            return live
        kind = service.type_by_name(type_name)
        latest = service.search_meetings(type_id=kind.id, date_to=self.today(), limit=1) if kind else []
        try:
            meeting = service.start_meeting(type_name, on=self.today(),
                                            template_id=latest[0].id if latest else None)
        except service.MeetingError as exc:
            QMessageBox.warning(self, "开会", str(exc))
            return None
        return self.open_meeting(meeting.id)

    def open_selected(self) -> LiveEntryView | None:
        row = self.current_row()
        return self.open_meeting(row.meeting_id) if row is not None else None

    def open_meeting(self, meeting_id: int) -> LiveEntryView:
        self.close_live(reload=False)
        from .live_entry import LiveEntryView  # loaded with the first meeting opened, not the list

        live = LiveEntryView(meeting_id, self)
        live.back_requested.connect(self.close_live)
        live.remove_requested.connect(lambda: self.delete_meeting(meeting_id))
        self._live = live
        self.stack.addWidget(live)
        self.stack.setCurrentWidget(live)
        live.notes.focus_entry()
        return live

    def live_view(self) -> LiveEntryView | None:
        return self._live

    def close_live(self, reload: bool = True) -> None:
        live, self._live = self._live, None
        if live is not None:
            meeting_id = live.meeting_id
            live.flush()
            self.stack.setCurrentWidget(self.list_page)
            self.stack.removeWidget(live)
            live.deleteLater()
            if reload:
                self.reload()
                self.select_meeting(meeting_id)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def copy_as_template(self) -> LiveEntryView | None:
        row = self.current_row()
        if row is None:
            return None
        day = date_dialog.ask_date(self, "复制为模板", f"以“{row.meeting.title}”为模板新建会议。\n"
                                   "将复制类型、标题格式、地点、主持人、记录人、议题和学习内容。\n新会议日期：",
                                   self.today())
        if day is None:
            return None
        try:
            meeting = service.start_meeting(row.type_name, on=day, template_id=row.meeting_id)
        except service.MeetingError as exc:
            QMessageBox.warning(self, "复制为模板", str(exc))
            return None
        return self.open_meeting(meeting.id)

    # -- removing a meeting made by mistake --------------------------------------

    def delete_selected(self) -> bool:
        row = self.current_row()
        return self.delete_meeting(row.meeting_id) if row is not None else False

    def delete_meeting(self, meeting_id: int) -> bool:
        """Ask (a reason for finalized minutes), remove, and offer 撤销. True if removed."""
        if self._live is not None and self._live.meeting_id == meeting_id:
            self._live.flush()  # the half-typed line goes into what undo puts back
        reason = ask_removal(self, meeting_id)
        if reason is None:
            return False
        try:
            removed = remove_meeting(meeting_id, reason)
        except service.MeetingError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return False
        if self._live is not None and self._live.meeting_id == meeting_id:
            self._discard_live()
        self.reload()
        self.undo.push(removed.label, lambda: self._restore(removed),
                       f"已删除 {removed.label}" + ("（删除原因已留存）" if reason else ""))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _restore(self, removed) -> None:
        restore_meeting(removed)
        self.reload()
        self.select_meeting(removed.meeting_id)

    def _after_undo(self, _label: str) -> None:
        self.reload()

    def _discard_live(self) -> None:
        """The open meeting is gone: leave its view (flushed before asking: nothing pending)."""
        live, self._live = self._live, None
        self.stack.setCurrentWidget(self.list_page)
        self.stack.removeWidget(live)
        live.deleteLater()

    def edit_types(self):
        """Open 会议类型… (window-modal, not blocking); returns the dialog."""
        from .type_list_dialog import TypeListDialog

        dialog = TypeListDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.reload() if dialog.changed else None)
        dialog.open()
        return dialog

    def on_shown(self) -> None:
        """Called by the main window when the page comes up."""
        if self._live is None:
            self.reload()
