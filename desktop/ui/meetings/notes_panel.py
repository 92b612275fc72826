"""发言记录: the lines said so far, and the one-line entry where Enter records the next one."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ...models import MeetingNote, Member
from ..widgets import delete_key, role_label
from .autosave import Autosaver
from .member_picker import MemberPicker
from .notes_model import COL_SPEAKER, COL_TIME, NotesModel, RecordRole, speaker_of
from .session import QUEUED, MeetingSession

ENTRY_PLACEHOLDER = "输入发言，按 Enter 记录"
# Under the entry, wrapped: a placeholder this long was cut with "…" at 1280 px.
ENTRY_HINT = ("@ 或 Ctrl+K 选发言人 · Tab 换最近发言人 · Ctrl+D 设为决议 · Ctrl+T 设为待办"
              "（输入行为空时，作用于发言记录中选中的一行）")


class NoteEntry(QLineEdit):
    """'@' on an empty line asks for the speaker; Tab cycles recent speakers (Shift+Tab leaves)."""

    speaker_wanted = Signal()
    cycle_speaker = Signal()

    def event(self, event: QEvent) -> bool:
        # Tab is taken here, before QWidget turns it into a focus move.
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.cycle_speaker.emit()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() in ("@", "＠") and not self.text():
            self.speaker_wanted.emit()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        if event.commitString() in ("@", "＠") and not self.text():
            self.speaker_wanted.emit()
            return
        super().inputMethodEvent(event)


class NotesPanel(QWidget):
    """NotesPanel(session, autosaver). load(...) fills it; commit_line() records the typed line."""

    note_added = Signal(object)   # MeetingNote

    def __init__(self, session: MeetingSession, autosaver: Autosaver, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.autosaver = autosaver
        self._speaker: Member | None = None
        self._guest = ""
        self._recent: list[tuple[Member | None, str]] = []  # most recent first
        self._cycle = -1

        self.model = NotesModel(self)
        self.model.text_edited.connect(self._text_edited)
        self.table = self._make_table()
        self.speaker = MemberPicker(self, allow_guest=True)
        self.speaker.setObjectName("speakerPicker")
        self.speaker.setPlaceholderText("发言人")
        self.speaker.setFixedWidth(self.fontMetrics().horizontalAdvance("欧阳晓明") + 40)
        self.speaker.setToolTip("姓名或拼音首字母，Enter 确定；可填列席人员姓名")
        self.speaker.chosen.connect(self._speaker_chosen)
        self.speaker.cancelled.connect(self.focus_entry)
        self.entry = NoteEntry(self)
        self.entry.setObjectName("noteEntry")
        self.entry.setPlaceholderText(ENTRY_PLACEHOLDER)
        self.hint = role_label(ENTRY_HINT, "hint", self)
        self.hint.setObjectName("entryHint")
        self.hint.setWordWrap(True)
        self.entry.returnPressed.connect(self.commit_line)
        self.entry.textEdited.connect(self._line_edited)
        self.entry.speaker_wanted.connect(self.pick_speaker)
        self.entry.cycle_speaker.connect(self.cycle_speaker)

        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.speaker)
        row.addWidget(self.entry, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        session.mode_changed.connect(lambda _mode: self._apply_mode())
        self._apply_mode()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("notesTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed)
        table.setWordWrap(True)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        header.resizeSection(COL_TIME, metrics.horizontalAdvance("00:00") + 18)
        header.resizeSection(COL_SPEAKER, metrics.horizontalAdvance("欧阳晓明") + 18)
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        delete_key(table, self.delete_selected, "删除这一行")
        return table

    # -- content ---------------------------------------------------------------

    def load(self, notes: list[MeetingNote], members: list[Member], pending: str = "") -> None:
        self.model.set_rows(notes)
        self.speaker.set_members(members)
        self._recent = []
        for note in notes:  # oldest first: _remember keeps the newest at the front
            self._remember(note.speaker if note.speaker_id else None, speaker_of(note))
        if pending and not self.entry.text():
            self.entry.setText(pending)
        self.table.scrollToBottom()

    def notes(self) -> list[MeetingNote]:
        return self.model.notes()

    def current_speaker(self) -> str:
        return self._speaker.name if self._speaker is not None else self._guest

    def focus_entry(self) -> None:
        # Not ShortcutFocusReason: that selects all, and the next key would wipe a restored line.
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)
        self.entry.deselect()

    def _apply_mode(self) -> None:
        live = self.session.live()
        self.entry.setEnabled(live)
        self.speaker.setEnabled(live)
        self.entry.setPlaceholderText(ENTRY_PLACEHOLDER if live else "会议记录已定稿")
        self.hint.setVisible(live)
        self.model.set_editable(self.session.editable())

    # -- the entry line --------------------------------------------------------

    def _line_edited(self, _text: str) -> None:
        self._cycle = -1
        meeting_id = self.session.meeting_id
        # The text is read at flush time, so the saved line is always the latest.
        self.autosaver.mark("pending", lambda: service.save_pending_line(meeting_id, self.entry.text()))

    def commit_line(self) -> MeetingNote | None:
        """Record the typed line (with the current speaker); None when empty or refused."""
        text = self.entry.text().strip()
        if not text or not self.session.live():
            return None
        note = self.session.write(
            service.add_note, self.session.meeting_id, text,
            speaker_id=self._speaker.id if self._speaker is not None else None,
            speaker_name=self._guest,
        )
        if note is None or note is QUEUED:
            return None
        self.autosaver.drop("pending")
        service.clear_pending_line(self.session.meeting_id)
        self.entry.clear()
        # A line selected earlier is not the target of the next Ctrl+D / Ctrl+T any more.
        self.table.clearSelection()
        self.model.append(note)
        self.table.scrollToBottom()
        self._remember(self._speaker, self.current_speaker())
        self._cycle = -1
        self.note_added.emit(note)
        return note

    def pick_speaker(self) -> None:
        if not self.session.live():
            return
        self.speaker.clear()
        self.speaker.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _speaker_chosen(self, member: Member | None) -> None:
        self._speaker = member
        self._guest = "" if member is not None else self.speaker.text().strip()
        self.focus_entry()

    def set_speaker(self, member: Member | None, guest: str = "") -> None:
        self._speaker, self._guest = member, ("" if member is not None else guest)
        self.speaker.set_member(member, guest)

    def cycle_speaker(self) -> None:
        """Tab: the next most recent speaker, round and round."""
        choices = [c for c in self._recent if c[1]]
        if not choices:
            return
        if self._cycle < 0:
            current = self.current_speaker()
            self._cycle = 1 if choices[0][1] == current and len(choices) > 1 else 0
        else:
            self._cycle = (self._cycle + 1) % len(choices)
        self.set_speaker(*choices[self._cycle])

    def _remember(self, member: Member | None, name: str) -> None:
        if not name:
            return
        self._recent = [c for c in self._recent if c[1] != name]
        self._recent.insert(0, (member, name))
        del self._recent[8:]

    # -- lines already recorded ------------------------------------------------

    def target_note(self) -> MeetingNote | None:
        """The line the secretary selected; never a guess such as the last one said."""
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return index.data(RecordRole)
        return None

    def _text_edited(self, note: MeetingNote, text: str) -> None:
        if self.session.write(service.update_note, note.id, text=text, key=("note", note.id)) is None:
            return
        note.text = text
        self.model.replace(note)

    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.session.live():
            return
        note = index.data(RecordRole)
        answer = QMessageBox.question(
            self, "删除发言", f"删除这一行发言记录？\n\n{note.text[:80]}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self.session.write(service.delete_note, note.id) is not None:
            self.model.remove(note.id)
