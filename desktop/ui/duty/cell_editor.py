"""Editing one cell of the rota: who is on this shift, add / remove / replace a person (by name
or pinyin initials), pin or unpin. Every change is saved at once through duty.edits; the
page redraws the grid and this dialog shows the cell's conflicts as they are now."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..meetings.member_picker import MemberPicker
from ..widgets import role_label
from .duty_format import day_header, shift_label
from .rota_grid_model import PARTY_MARK, PIN_MARK, is_party

AssignmentRole = Qt.ItemDataRole.UserRole + 1


class SubmitPicker(MemberPicker):
    """Adds only on Enter (submitted), not when focus merely leaves the field."""

    submitted = Signal(object)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.commit() and self.member() is not None:
                self.submitted.emit(self.member())
            event.accept()
            return
        super().keyPressEvent(event)


def duty_refusal(exc: Exception) -> bool:
    """Refusals the services raise (EditRefused, DutySetupError: UserErrors) carry a sentence
    for the user; anything else is a bug and is re-raised (the crash dialog shows it)."""
    from ...errors import UserError

    return isinstance(exc, UserError)


class CellEditor(QDialog):
    """CellEditor(cell, members, refresh, parent). *refresh()* re-reads the grid and returns
    this cell afresh; changed() is emitted after every saved edit."""

    changed = Signal()

    def __init__(self, cell, members: list, refresh: Callable[[], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.cell = cell
        self._refresh = refresh
        self.setWindowTitle("编辑值班")
        self.setMinimumWidth(420)
        heading = QLabel(f"{day_header(cell.day)}　{cell.lane.post.name}　{shift_label(cell.lane.shift)}", self)
        heading.setObjectName("sectionTitle")
        self.need_label = role_label("", "hint", self)
        self.people = QListWidget(self)
        self.people.setObjectName("cellPeople")
        self.people.currentRowChanged.connect(self._update_buttons)
        self.conflict_label = role_label("", "error", self)
        self.conflict_label.setWordWrap(True)

        self.picker = SubmitPicker(self)
        self.picker.set_members(members)
        self.picker.setPlaceholderText("输入姓名或拼音首字母，回车添加（如 zs → 张三）")
        self.picker.submitted.connect(self.add)
        self.add_button = QPushButton("添加", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_typed)
        self.replace_button = QPushButton("替换为输入的人", self)
        self.replace_button.setToolTip("用上面输入的人替换选中的人")
        self.replace_button.clicked.connect(self.replace_selected)
        self.pin_button = QPushButton("固定", self)
        self.pin_button.setToolTip("固定后自动排班不会改动此人此班（Ctrl+L）")
        self.pin_button.clicked.connect(self.toggle_pin)
        self.remove_button = QPushButton("移除", self)
        self.remove_button.setToolTip("从本班移除选中的人（Delete）")
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence("Ctrl+L"), self, self.toggle_pin)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.people, self.remove_selected)

        add_row = QHBoxLayout()
        add_row.addWidget(self.picker, 1)
        add_row.addWidget(self.add_button)
        actions = QHBoxLayout()
        actions.addWidget(self.pin_button)
        actions.addWidget(self.remove_button)
        actions.addWidget(self.replace_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.need_label)
        layout.addWidget(self.people, 1)
        layout.addLayout(actions)
        layout.addLayout(add_row)
        layout.addWidget(self.conflict_label)
        layout.addWidget(close)
        self._fill()
        self.picker.setFocus()

    # -- showing -------------------------------------------------------------------

    def _fill(self) -> None:
        current = self.selected()
        self.people.clear()
        for a in self.cell.assignments:
            text = (PARTY_MARK if is_party(a.member) else "") + a.member.name
            item = QListWidgetItem(f"{text} {PIN_MARK}" if a.pinned else text)
            item.setData(AssignmentRole, a)
            self.people.addItem(item)
            if current is not None and a.id == current.id:
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0 and self.people.count():
            self.people.setCurrentRow(0)
        post = self.cell.lane.post
        need = f"每班 {post.people_needed} 人" + ("，须党员带班" if post.party_member_required else "")
        if self.cell.missing:
            need += f"；还缺 {self.cell.missing} 人"
        self.need_label.setText(need)
        messages = self.cell.messages()
        self.conflict_label.setText("\n".join(f"冲突：{m}" for m in messages))
        self.conflict_label.setVisible(bool(messages))
        self._update_buttons()

    def _update_buttons(self, *_) -> None:
        chosen = self.selected()
        self.pin_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        self.replace_button.setEnabled(chosen is not None)
        self.pin_button.setText("取消固定" if chosen is not None and chosen.pinned else "固定")

    def selected(self):
        item = self.people.currentItem()
        return item.data(AssignmentRole) if item is not None else None

    def names(self) -> list[str]:
        return self.cell.names()

    # -- editing -------------------------------------------------------------------

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except Exception as exc:
            if not duty_refusal(exc):
                raise
            QMessageBox.warning(self, "编辑值班", str(exc))
            return False
        fresh = self._refresh()
        if fresh is not None:
            self.cell = fresh
        self.changed.emit()
        self._fill()
        return True

    def _add_typed(self) -> None:
        member = self.picker.resolve()
        if member is not None:
            self.add(member)

    def add(self, member) -> bool:
        from ...duty import edits

        cell = self.cell
        done = self._run(lambda: edits.assign(cell.day, cell.lane.post.id, cell.lane.shift.id, member.id))
        if done:
            self.picker.set_member(None)
            self.picker.setFocus()
        return done

    def remove_selected(self) -> None:
        from ...duty import edits

        chosen = self.selected()
        if chosen is not None:
            self._run(lambda: edits.unassign(chosen.id))

    def replace_selected(self) -> None:
        from ...duty import edits

        chosen, member = self.selected(), self.picker.resolve()
        if chosen is None or member is None:
            return
        if self._run(lambda: edits.move(chosen.id, member.id)):
            self.picker.set_member(None)

    def toggle_pin(self) -> None:
        from ...duty import edits

        chosen = self.selected()
        if chosen is not None:
            self._run(lambda: edits.set_pinned(chosen.id, not chosen.pinned))
