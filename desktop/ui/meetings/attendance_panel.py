"""Roll call: everyone expected, present by default; one click (or a digit key) marks an absentee."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ...meetings import service
from ...models import Member
from .absence_popup import NEEDS_NOTE, AbsencePopup
from .member_picker import MemberPicker
from .session import MeetingSession

ABSENT_COLOR = QColor("#B00020")
MemberIdRole = Qt.ItemDataRole.UserRole + 1
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n - 1 for n in range(1, len(service.ABSENCE_REASONS) + 1)}


class RollList(QListWidget):
    """Names in a grid. Space/Enter toggles the current person; 1–5 marks them absent at once."""

    toggle_requested = Signal(QListWidgetItem)
    reason_key = Signal(QListWidgetItem, int)
    remove_requested = Signal(QListWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if item is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.toggle_requested.emit(item)
                return
            if event.key() in _DIGITS:
                self.reason_key.emit(item, _DIGITS[event.key()])
                return
            if event.key() == Qt.Key.Key_Delete:
                self.remove_requested.emit(item)
                return
        super().keyPressEvent(event)


class AttendancePanel(QWidget):
    """AttendancePanel(session). load(rows) with service.attendance_rows(); counts_changed
    fires after every change so the quorum line can follow."""

    counts_changed = Signal()

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._state: dict[int, tuple[Member, bool, str, str]] = {}  # id -> member, present, reason, note
        self._popup: AbsencePopup | None = None

        self.counts = QLabel(self)
        self.counts.setObjectName("attendanceCounts")
        self.list = RollList(self)
        self.list.setObjectName("rollList")
        self.list.setViewMode(QListView.ViewMode.ListMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setGridSize(QSize(self.fontMetrics().horizontalAdvance("欧阳晓明") + 34,
                                    self.fontMetrics().height() + 8))
        self.list.setToolTip("单击或按空格：标记缺席/出席；按 1–5 直接选缺席原因；Delete 移出应到")
        self.list.itemClicked.connect(self.toggle)
        self.list.toggle_requested.connect(self.toggle)
        self.list.reason_key.connect(self._reason_key)
        self.list.remove_requested.connect(self.remove)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)

        self.add_picker = MemberPicker(self)
        self.add_picker.setPlaceholderText("＋ 应到人员（姓名/首字母）")
        self.add_picker.setToolTip("把不在名单上的人加入应到：输入姓名或拼音首字母，Enter")
        self.absent_label = QLabel(self)
        self.absent_label.setObjectName("absentLine")
        self.absent_label.setWordWrap(True)
        self.add_picker.chosen.connect(self._add_chosen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.absent_label)
        layout.addWidget(self.add_picker)
        session.mode_changed.connect(lambda _mode: self._apply_mode())
        self._apply_mode()

    # -- content ---------------------------------------------------------------

    def load(self, rows, members: list[Member]) -> None:
        """*rows*: MeetingAttendance with member; *members*: who may be added."""
        self._state = {
            r.member.id: (r.member, bool(r.present), r.absence_reason, r.note) for r in rows
        }
        self.add_picker.set_members(members)
        self._rebuild()

    def _rebuild(self, current_id: int | None = None) -> None:
        self.list.clear()
        for member_id, (member, present, reason, note) in self._state.items():
            item = QListWidgetItem(member.name)
            item.setData(MemberIdRole, member_id)
            item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
            # Not user-checkable: a click anywhere on the name toggles, not just on the box.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if not present:
                item.setForeground(QBrush(ABSENT_COLOR))
                item.setToolTip(f"缺席：{reason}" + (f"（{note}）" if note else ""))
            self.list.addItem(item)
            if member_id == current_id:
                self.list.setCurrentItem(item)
        self._update_counts()

    def _update_counts(self) -> None:
        expected = len(self._state)
        present = sum(1 for _m, p, _r, _n in self._state.values() if p)
        self.counts.setText(f"应到 <b>{expected}</b>　实到 <b>{present}</b>　缺席 <b>{expected - present}</b>")
        absent = [f"{m.name}（{r}{'：' + n if n else ''}）" for m, p, r, n in self._state.values() if not p]
        self.absent_label.setText("缺席：" + "、".join(absent) if absent else "")
        self.absent_label.setVisible(bool(absent))
        self.counts_changed.emit()

    def counts_tuple(self) -> tuple[int, int, int]:
        expected = len(self._state)
        present = sum(1 for _m, p, _r, _n in self._state.values() if p)
        return expected, present, expected - present

    def absentees(self) -> dict[str, tuple[str, str]]:
        """name -> (reason, note): what the panel shows as absent."""
        return {m.name: (r, n) for m, p, r, n in self._state.values() if not p}

    def item_for(self, name: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if self._state[item.data(MemberIdRole)][0].name == name:
                return item
        return None

    def popup(self) -> AbsencePopup | None:
        """The reason chooser while it is open."""
        return self._popup if self._popup is not None and self._popup.isVisible() else None

    def _apply_mode(self) -> None:
        # The grid stays readable when locked; clicks are refused in toggle().
        self.add_picker.setVisible(self.session.live())

    # -- changing --------------------------------------------------------------

    def toggle(self, item: QListWidgetItem) -> None:
        if not self.session.editable():
            return
        member, present, _reason, _note = self._state[item.data(MemberIdRole)]
        if present:
            self._ask_reason(item)
        elif self.session.write(service.set_present, self.session.meeting_id, member.id,
                                key=("attendance", member.id)) is not None:
            self._state[member.id] = (member, True, "", "")
            self._rebuild(member.id)

    def _reason_key(self, item: QListWidgetItem, index: int) -> None:
        reason = service.ABSENCE_REASONS[index]
        if reason == NEEDS_NOTE:  # 其他 must say what: ask for the note
            self._ask_reason(item, reason)
        elif self.session.editable():
            self._mark_absent(item, reason, "")

    def _ask_reason(self, item: QListWidgetItem, preset: str = "") -> None:
        if not self.session.editable():
            return
        member, _present, reason, note = self._state[item.data(MemberIdRole)]
        popup = AbsencePopup(member.name, self, preset or reason, note)
        popup.chosen.connect(lambda r, n: self._mark_absent(item, r, n))
        popup.destroyed.connect(self._popup_closed)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._popup = popup
        rect = self.list.visualItemRect(item)
        popup.popup_at(self.list.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 2)))
        if preset == NEEDS_NOTE:
            popup.ask_note()

    def _popup_closed(self, *_args) -> None:
        self._popup = None
        # Some platforms leave no window active after a popup: give the keys back to the list.
        self.window().activateWindow()
        self.list.setFocus(Qt.FocusReason.PopupFocusReason)

    def _mark_absent(self, item: QListWidgetItem, reason: str, note: str) -> None:
        member_id = item.data(MemberIdRole)
        member = self._state[member_id][0]
        if self.session.write(service.set_absent, self.session.meeting_id, member_id, reason, note,
                              key=("attendance", member_id)) is not None:
            self._state[member_id] = (member, False, reason, note)
            self._rebuild(member_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove(self, item: QListWidgetItem) -> None:
        if not self.session.live():
            return
        member_id = item.data(MemberIdRole)
        if self.session.write(service.remove_expected, self.session.meeting_id, member_id) is not None:
            del self._state[member_id]
            self._rebuild()

    def _add_chosen(self, member: Member | None) -> None:
        if member is None or member.id in self._state:
            self.add_picker.clear()
            return
        if self.session.write(service.add_expected, self.session.meeting_id, member.id) is not None:
            self._state[member.id] = (member, True, "", "")
            # Keep the roster order the service gives: pinyin.
            self._state = dict(sorted(self._state.items(), key=lambda kv: (kv[1][0].name_pinyin, kv[0])))
            self._rebuild(member.id)
        self.add_picker.clear()

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None or not self.session.editable():
            return
        menu = QMenu(self)
        present = self._state[item.data(MemberIdRole)][1]
        menu.addAction("标记出席" if not present else "标记缺席…", lambda: self.toggle(item))
        if self.session.live():
            menu.addAction("移出应到（Delete）", lambda: self.remove(item))
        menu.exec(self.list.viewport().mapToGlobal(pos))
