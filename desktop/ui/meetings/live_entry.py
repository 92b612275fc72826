"""开会: the live entry view of one meeting. Everything typed is saved within ~1 s, no save button."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ...models import MeetingNote
from ...roster.service import list_members
from ..widgets import MessageBar
from .actions_panel import ActionsPanel
from .attendance_panel import AttendancePanel
from .autosave import Autosaver
from .carried_panel import CarriedPanel
from .decisions_panel import DecisionsTable
from .live_bar import LiveBar
from .meeting_header import MeetingHeader
from .notes_panel import NotesPanel
from .revision_dialog import RevisionDialog
from .section import Section
from .session import MeetingSession, Mode

TEXT_FIELDS = ("topics", "study_content", "problems")


def _text_box(placeholder: str, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    return box


class LiveEntryView(QWidget):
    """LiveEntryView(meeting_id, parent). back_requested when the user leaves; changed after
    anything reached the database (the list refreshes)."""

    back_requested = Signal()
    remove_requested = Signal()  # 删除…: the meetings page asks and removes
    changed = Signal()

    def __init__(self, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("liveEntry")
        meeting = service.get_meeting(meeting_id)
        self.meeting_id = meeting_id
        self.session = MeetingSession(meeting_id, meeting.is_final, self)
        self.autosaver = Autosaver(self)

        self.bar = LiveBar(self)
        self.message = MessageBar(self)
        self.quorum_label = QLabel(self)
        self.quorum_label.setObjectName("quorumLine")
        self.quorum_label.setWordWrap(True)
        self.header = MeetingHeader(self)
        self.attendance = AttendancePanel(self.session, self)
        self.carried = CarriedPanel(self.session, self)
        self.topics = _text_box("每行一个议题", self)
        self.study = _text_box("学习内容：文件、讲话精神……", self)
        self.notes = NotesPanel(self.session, self.autosaver, self)
        self.decisions = DecisionsTable(self.session, self)
        self.actions = ActionsPanel(self.session, self)
        self.problems = _text_box("本次会议查摆的问题与短板", self)
        self._build_layout()
        self._connect()
        self._make_actions()
        self.reload()
        self.notes.focus_entry()

    # -- construction ----------------------------------------------------------

    def _build_layout(self) -> None:
        self.attendance_section = Section("出席", self.attendance, self)
        self.carried_section = Section("以往待办", self.carried, self, "W 完成 · J 结转")
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.attendance_section)
        left.addWidget(self.carried_section)
        left.setSizes([330, 250])

        line = max(1, self.fontMetrics().lineSpacing())
        for box in (self.topics, self.study):
            box.setMaximumHeight(line * 5 + 14)
        self.notes_section = Section("发言记录", self.notes, self)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(Section("议题", self.topics, self))
        top.addWidget(Section("学习内容", self.study, self))
        center = QWidget(self)
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(top)
        column.addWidget(self.notes_section, 1)

        self.decisions_section = Section("决议", self.decisions, self, "Ctrl+D")
        self.add_decision_button = self.decisions_section.add_button("＋", "新增一条决议", self.decisions.add_typed)
        self.actions_section = Section("待办", self.actions, self, "Ctrl+T")
        self.add_action_button = self.actions_section.add_button("＋", "新增一条待办", self.actions.add_typed)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.decisions_section)
        right.addWidget(self.actions_section)
        right.addWidget(Section("问题与短板", self.problems, self))
        right.setSizes([200, 220, 130])

        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setObjectName("liveBody")
        body.addWidget(left)
        body.addWidget(center)
        body.addWidget(right)
        body.setStretchFactor(1, 1)
        body.setSizes([235, 575, 320])
        for splitter in (left, top, right, body):
            splitter.setChildrenCollapsible(False)
            splitter.setHandleWidth(8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addWidget(self.header)
        layout.addWidget(self.quorum_label)
        layout.addWidget(body, 1)

    def _connect(self) -> None:
        self.bar.back.clicked.connect(self.go_back)
        self.bar.finalize.clicked.connect(self.finalize)
        self.bar.correct.clicked.connect(self.begin_correction)
        self.bar.save_correction.clicked.connect(self.save_correction)
        self.bar.cancel_correction.clicked.connect(self.session.cancel_correction)
        self.bar.history.clicked.connect(self.show_history)
        self.bar.remove.clicked.connect(self.remove_requested)
        self.header.changed.connect(self._header_changed)
        self.topics.textChanged.connect(lambda: self._text_changed("topics"))
        self.study.textChanged.connect(lambda: self._text_changed("study_content"))
        self.problems.textChanged.connect(lambda: self._text_changed("problems"))
        self.attendance.counts_changed.connect(self._update_quorum)
        self.decisions.count_changed.connect(self.decisions_section.set_count)
        self.actions.count_changed.connect(self.actions_section.set_count)
        self.carried.count_changed.connect(self.carried_section.set_count)
        self.actions.finished.connect(self.notes.focus_entry)
        self.autosaver.saved.connect(self._saved)
        self.session.failed.connect(lambda text: self.message.show_message(text))
        self.session.written.connect(self.changed)
        self.session.queued.connect(self.bar.show_queued)
        self.session.mode_changed.connect(self._apply_mode)
        self.session.reload_needed.connect(self.reload)

    def _make_actions(self) -> None:
        for keys, slot, text in (
            ("Ctrl+D", self.make_decision, "设为决议"),
            ("Ctrl+T", self.make_action_item, "设为待办"),
            ("Ctrl+K", self.notes.pick_speaker, "选择发言人"),
            ("Ctrl+L", self.notes.focus_entry, "回到输入行"),
            ("Ctrl+Shift+F", self.finalize, "定稿"),
            ("Ctrl+S", self._save_shortcut, "保存"),
            ("Alt+Left", self.go_back, "返回会议列表"),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole meeting again (after a correction, or when opened)."""
        meeting = service.get_meeting(self.meeting_id)
        roster = [m for m in list_members() if m.departed_on is None or m.departed_on >= meeting.date]
        self.meeting = meeting
        self.bar.show_meeting(meeting)
        self.header.set_meeting(meeting, service.meeting_types(), roster)
        self.attendance.load(service.attendance_rows(self.meeting_id), roster)
        self.notes.load(service.notes(self.meeting_id), roster, service.load_pending_line(self.meeting_id))
        self.decisions.load(service.decisions(self.meeting_id))
        self.actions.set_members(roster)
        self.actions.load(service.action_items(self.meeting_id))
        self.carried.load()
        for box, text in ((self.topics, "\n".join(t.text for t in service.topics(self.meeting_id))),
                          (self.study, meeting.study_content), (self.problems, meeting.problems)):
            box.blockSignals(True)
            box.setPlainText(text)
            box.blockSignals(False)
        self._apply_mode(self.session.mode)

    def _apply_mode(self, mode: Mode) -> None:
        read_only = mode is Mode.LOCKED
        self.header.set_read_only(read_only)
        for box in (self.topics, self.study, self.problems):
            box.setReadOnly(read_only)
        for button in (self.add_decision_button, self.add_action_button):
            button.setVisible(mode is Mode.LIVE)
        self.bar.show_mode(mode, len(service.revisions(self.meeting_id)) if mode is not Mode.LIVE else 0)
        self._update_quorum()

    def _update_quorum(self) -> None:
        check = service.quorum(self.meeting_id)
        self.quorum_label.setVisible(check.applies)
        self.quorum_label.setText(("⚠ " if not check.ok else "法定人数：") + check.message)
        self.quorum_label.setProperty("ok", check.ok)
        self.quorum_label.style().unpolish(self.quorum_label)
        self.quorum_label.style().polish(self.quorum_label)

    # -- autosave --------------------------------------------------------------

    def _header_changed(self, field: str) -> None:
        def save() -> None:
            try:
                value = self.header.value(field)
            except ValueError:
                return  # the field shows red; the last good value stays saved
            self.session.write(service.update_meeting, self.meeting_id, **{field: value}, key=("header", field))
            if field in ("meeting_type", "date"):
                self.bar.show_meeting(service.get_meeting(self.meeting_id))
                self._update_quorum()

        self.autosaver.mark(f"header:{field}", save)
        if field in ("meeting_type", "date", "host", "recorder"):
            self.autosaver.flush()  # a pick, not typing: save at once

    def _text_changed(self, field: str) -> None:
        if self.session.mode is Mode.LOCKED:
            return
        if field == "topics":
            self.autosaver.mark("topics", lambda: self.session.write(
                service.set_topics, self.meeting_id, self.topics.toPlainText().split("\n"), key="topics"))
        else:
            box = self.study if field == "study_content" else self.problems
            self.autosaver.mark(field, lambda: self.session.write(
                service.update_meeting, self.meeting_id, **{field: box.toPlainText()}, key=("header", field)))

    def _saved(self, when) -> None:
        if self.session.live():
            self.bar.show_saved(when)

    def flush(self) -> None:
        self.autosaver.flush()
        if self.session.live():
            service.save_pending_line(self.meeting_id, self.notes.entry.text())

    def hideEvent(self, event: QHideEvent) -> None:
        self.autosaver.flush()
        super().hideEvent(event)

    # -- notes into decisions and action items ---------------------------------

    def _note_to_use(self, key: str, what: str) -> MeetingNote | None:
        """A typed line is recorded first and used; else the line selected in 发言记录.
        With neither, nothing changes and the message bar says why."""
        if self.notes.entry.text().strip():
            return self.notes.commit_line()
        note = self.notes.target_note()
        if note is None:
            self.message.show_message(
                f"输入行是空的，也没有选中发言：{key} 未做任何改动。"
                f"请先输入内容，或在发言记录中点选一行，再按 {key} 设为{what}。")
        return note

    def make_decision(self) -> None:
        if not self.session.live():
            return
        note = self._note_to_use("Ctrl+D", "决议")
        if note is None:
            return
        decision = self.session.write(service.note_to_decision, note.id)
        if decision is not None:
            self.decisions.append(decision)
            self.notes.focus_entry()

    def make_action_item(self) -> None:
        if not self.session.live():
            return
        note = self._note_to_use("Ctrl+T", "待办")
        if note is None:
            return
        item = self.session.write(service.note_to_action, note.id)
        if item is not None:
            self.actions.append(item)
            self.actions.edit_owner(item)

    # -- finalize, correct, history --------------------------------------------

    def finalize(self) -> None:
        if not self.session.live():
            return
        self.autosaver.flush()
        typed = self.notes.entry.text().strip()
        check = service.quorum(self.meeting_id)
        text = "定稿后记录锁定，只能通过“更正”并填写原因来修改。确定定稿吗？"
        if typed:
            text = f"输入行中还有一行未记录：“{typed[:30]}”，将先记入发言记录。\n\n" + text
        if check.applies and not check.ok:
            text = f"注意：{check.message}\n\n" + text
        buttons = QMessageBox.StandardButton
        if QMessageBox.question(self, "定稿", text, buttons.Yes | buttons.No, buttons.No) != buttons.Yes:
            return
        if typed and self.notes.commit_line() is None:
            return
        try:
            service.finalize(self.meeting_id)
        except service.MeetingError as exc:
            QMessageBox.warning(self, "不能定稿", str(exc))
            return
        self.session.set_final()
        self.changed.emit()
        self.reload()

    def begin_correction(self) -> None:
        if self.session.mode is not Mode.LOCKED:
            return
        reason, ok = QInputDialog.getText(self, "更正会议记录", "更正原因（将记入修改历史）：")
        if ok and reason.strip():
            self.session.begin_correction(reason.strip())

    def save_correction(self) -> None:
        if self.session.mode is not Mode.CORRECTING:
            return
        self.autosaver.flush()
        if not self.session.pending_changes():
            QMessageBox.information(self, "更正", "没有改动，已退出更正。")
            self.session.cancel_correction()
            return
        if self.session.save_correction():
            self.message.show_message("更正已保存，原记录已存入修改历史。")
            self.changed.emit()

    def _save_shortcut(self) -> None:
        if self.session.mode is Mode.CORRECTING:
            self.save_correction()
        else:
            self.flush()
            self._saved(dt.datetime.now())

    def show_history(self) -> RevisionDialog:
        dialog = RevisionDialog(self.meeting_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self._history = dialog
        return dialog

    def go_back(self) -> None:
        self.flush()
        self.back_requested.emit()
