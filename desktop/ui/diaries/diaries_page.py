"""包保日记: pick a member and a day, write; photos below; 粘贴导入 for a chat's worth of
diaries; 查找 across everything. Keyboard: Alt+↑/↓ member, Alt+←/→ day, Ctrl+F find,
Ctrl+Shift+V paste import, Alt+1..8 tags, Ctrl+S save now (saving is automatic anyway)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...diaries.service import DiaryError
from ...models import DiaryEntry
from ...models.snapshot import RecordSnapshot, delete_with_snapshot, restore
from ...roster.service import list_members
from ..undo import PageUndo
from ..widgets import MessageBar, role_label
from .diary_calendar import DiaryCalendar
from .diary_format import short_day
from .diary_style import DIARY_STYLE
from .entry_editor import EntryEditor
from .member_list import MemberList
from .paste_import_dialog import PasteImportDialog
from .search_panel import SearchPanel


class DiariesPage(QWidget):
    """DiariesPage(parent=None, today=None). open_entry(member_id, day); reload(); flush()."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self.setStyleSheet(DIARY_STYLE)
        self.members = MemberList(self, today)
        self.calendar = DiaryCalendar(self, today)
        self.editor = EntryEditor(self, today)
        self.search = SearchPanel(self, load=False)  # reload() below fills its filters
        self.message = MessageBar(self)
        self.undo = PageUndo(self, self.message, (DiaryError,))
        self.delete_button = QPushButton("删除这篇…", self)
        self.delete_button.setToolTip("删除误录入的这篇日记（连同标签、数字和照片记录），删除后可撤销（Ctrl+Z）")
        self.delete_button.clicked.connect(self.delete_entry)
        self.import_button = QPushButton("粘贴导入…", self)
        self.import_button.setToolTip("把聊天里复制的多天日记一次导入（Ctrl+Shift+V）")
        self.import_button.clicked.connect(self.paste_import)
        self.tags_button = QPushButton("标签…", self)
        self.tags_button.setToolTip("新增、改名或停用工作类别标签")
        self.tags_button.clicked.connect(self.edit_tags)
        self.today_button = QPushButton("今天", self)
        self.today_button.setToolTip("回到今天")
        self.today_button.clicked.connect(lambda: self.calendar.select_day(self.today()))
        self._build_layout()
        self._make_actions()
        self.undo.share_with(self.editor.text)

        self.members.member_changed.connect(self._member_changed)
        self.members.activated.connect(self.editor.text.setFocus)
        self.calendar.selectionChanged.connect(self._day_changed)
        self.calendar.activated.connect(lambda _d: self.editor.text.setFocus())
        self.editor.saved.connect(self._saved)
        self.search.open_requested.connect(self.open_entry)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.reload()
        self._fresh = True  # just read: the first on_shown() need not read again

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _build_layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.members, 1)
        column.addWidget(self.calendar)
        column.addWidget(role_label("红点：昨天还没写日记 · 日历红点：已写", "hint", self))
        self.calendar.setFixedHeight(230)
        write = QSplitter(Qt.Orientation.Horizontal, self)
        write.addWidget(left)
        write.addWidget(self.editor)
        write.setChildrenCollapsible(False)
        write.setHandleWidth(12)
        write.setStretchFactor(1, 1)
        write.setSizes([270, 820])
        write_tab = QWidget(self)
        box = QVBoxLayout(write_tab)
        box.setContentsMargins(0, 8, 0, 0)
        box.addWidget(write)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(write_tab, "写日记")
        self.tabs.addTab(self.search, "查找")
        self.tabs.setCornerWidget(self._corner(), Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    def _corner(self) -> QWidget:
        corner = QWidget(self)
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 0, 4)
        row.addWidget(self.delete_button)
        row.addWidget(self.today_button)
        row.addWidget(self.tags_button)
        row.addWidget(self.import_button)
        return corner

    def _make_actions(self) -> None:
        for keys, slot, text in (
            ("Ctrl+F", self.focus_search, "查找日记"),
            ("Ctrl+Shift+V", self.paste_import, "粘贴导入"),
            ("Alt+Up", lambda: self._step_member(-1), "上一位成员"),
            ("Alt+Down", lambda: self._step_member(1), "下一位成员"),
            ("Alt+Left", lambda: self._step_day(-1), "前一天"),
            ("Alt+Right", lambda: self._step_day(1), "后一天"),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- reading -----------------------------------------------------------------

    def reload(self) -> None:
        """Re-read everything (after a restore, an import, or on showing the page)."""
        self._fresh = False
        roster = list_members()  # one read for the member list and the search filter
        self.members.reload(roster)
        self.calendar.refresh()
        self.editor.reload()
        self.search.reload_filters(roster)

    def on_shown(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self.members.reload()  # yesterday's gaps may have been filled elsewhere

    def _member_changed(self, member_id) -> None:
        self.calendar.set_member(member_id)
        self._retarget()

    def _day_changed(self) -> None:
        self._retarget()

    def _retarget(self) -> None:
        member_id = self.members.current_member_id()
        item = self.members.list.currentItem()
        self.editor.set_target(member_id, item.text() if item is not None else "", self.calendar.selected_day())

    def _saved(self, member_id: int, day: dt.date) -> None:
        if member_id == self.members.current_member_id():
            self.calendar.mark(day, True)
        self.members.mark_written(member_id, day)

    # -- moving around -------------------------------------------------------------

    def open_entry(self, member_id: int, day: dt.date) -> None:
        self.tabs.setCurrentIndex(0)
        self.members.filter.clear()
        self.calendar.select_day(day)  # before the member, so the editor loads once per step
        self.members.select_member(member_id)
        self._retarget()
        self.editor.text.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.search.focus_query()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.editor.flush()  # the search must find what was just typed
            self.search.search_now()

    def _step_member(self, step: int) -> None:
        rows = [r for r in range(self.members.list.count()) if not self.members.list.item(r).isHidden()]
        if not rows:
            return
        current = self.members.list.currentRow()
        position = rows.index(current) + step if current in rows else 0
        self.members.list.setCurrentRow(rows[max(0, min(len(rows) - 1, position))])

    def _step_day(self, step: int) -> None:
        day = self.calendar.selected_day() + dt.timedelta(days=step)
        if day <= self.today():
            self.calendar.select_day(day)

    # -- removing an entry made by mistake -----------------------------------------

    def delete_entry(self) -> bool:
        """Ask, then delete the open entry with its tags, figures and photo rows (photo files
        stay, so 撤销 brings everything back). True if deleted."""
        self.editor.flush()
        entry_id = self.editor.entry_id()
        member_id, day = self.editor.target()
        if entry_id is None or member_id is None or day is None:
            self.message.show_message("这一天还没有日记，没有可删除的内容。")
            return False
        item = self.members.list.currentItem()
        label = f"{item.text() if item is not None else ''} {short_day(day)}的日记".strip()
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "删除日记", f"确定删除{label}吗？\n标签、数字和照片记录一并删除。\n删除后可以立即撤销（Ctrl+Z）。",
            buttons.Yes | buttons.No, buttons.No)
        if answer != buttons.Yes:
            return False
        entry = DiaryEntry.get_or_none(DiaryEntry.id == entry_id)
        if entry is None:
            self.reload()
            return False
        removed = delete_with_snapshot(entry)
        self._entry_changed(member_id, day, False)
        self.undo.push(label, lambda: self._restore_entry(removed, member_id, day))
        return True

    def _restore_entry(self, removed: RecordSnapshot, member_id: int, day: dt.date) -> None:
        restore(removed)
        self._entry_changed(member_id, day, True)

    def _entry_changed(self, member_id: int, day: dt.date, written: bool) -> None:
        self.editor.reload()
        if member_id == self.members.current_member_id():
            self.calendar.mark(day, written)
        self.members.reload()

    # -- import --------------------------------------------------------------------

    def edit_tags(self):
        """The tag list is editable; entries keep a retired tag."""
        from ...diaries import service as diary_service
        from ..vocabulary_dialog import Vocabulary, VocabularyDialog

        self.editor.flush()
        dialog = VocabularyDialog(Vocabulary(
            title="日记标签",
            hint="停用的标签不再出现在写日记的标签按钮中，已用过它的日记仍保留。",
            items=diary_service.tags,
            add=diary_service.add_tag,
            rename=diary_service.rename_tag,
            set_active=diary_service.set_tag_active,
            error=diary_service.DiaryError,
        ), self)
        dialog.finished.connect(lambda *_: self.reload())
        dialog.open()
        return dialog

    def paste_import(self) -> None:
        self.editor.flush()
        dialog = PasteImportDialog(self.members.current_member_id(), self, self._today)
        if dialog.exec() != PasteImportDialog.DialogCode.Accepted or dialog.result_counts is None:
            return
        created, appended, skipped = dialog.result_counts
        member_id = dialog.member.currentData()
        self.reload()
        if dialog.plan is not None and dialog.plan.rows:
            self.open_entry(member_id, dialog.plan.rows[-1].day)
        first, last = dialog.plan.rows[0].day, dialog.plan.rows[-1].day
        self.message.show_message(
            f"已导入 {dialog.member.currentText()} {short_day(first)}–{short_day(last)} 的日记："
            f"新增 {created} 天，追加 {appended} 天，跳过 {skipped} 天")

    def flush(self) -> None:
        self.editor.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.editor.flush()
        super().hideEvent(event)
