"""The inline line under the action items where owner and due date are typed right after Ctrl+T."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...models import ActionItem, Member
from ..widgets import role_label, set_invalid, set_label_role
from .meeting_format import parse_due, short_date
from .member_picker import MemberPicker


class DueEdit(QLineEdit):
    """Esc gives up, like the owner field."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class ActionEditBar(QFrame):
    """edit(item) shows the bar with the owner field focused; submitted(item, owner, due) on the
    final Enter, finished() when the bar closes either way."""

    submitted = Signal(object, object, object)  # ActionItem, Member | None, dt.date | None
    finished = Signal()

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.setObjectName("actionEditBar")
        self._item: ActionItem | None = None
        self._today = today
        self.label = QLabel(self)
        self.owner = MemberPicker(self)
        self.owner.setPlaceholderText("负责人（拼音首字母）")
        self.owner.setFixedWidth(self.fontMetrics().horizontalAdvance("负责人（拼音首字母）") + 24)
        self.owner.chosen.connect(lambda _member: self.due.setFocus(Qt.FocusReason.OtherFocusReason))
        self.owner.cancelled.connect(self.close_bar)
        self.due = DueEdit(self)
        self.due.setPlaceholderText("期限：明天 / 周五 / 4.20")
        self.due.setFixedWidth(self.fontMetrics().horizontalAdvance("期限：明天 / 周五 / 4.20") + 24)
        self.due.returnPressed.connect(self.submit)
        self.due.cancelled.connect(self.close_bar)
        self.due.textChanged.connect(self._describe_due)
        self.due_hint = role_label("", "hint", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.owner)
        layout.addWidget(self.due)
        layout.addWidget(self.due_hint, 1)
        self.hide()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def item(self) -> ActionItem | None:
        return self._item

    def set_members(self, members: list[Member]) -> None:
        self.owner.set_members(members)

    def edit(self, item: ActionItem, meeting_date: dt.date | None = None) -> None:
        self._item = item
        self.label.setText("待办：")
        self.owner.set_member(item.owner if item.owner_id else None)
        self.due.setText(f"{item.due_date:%Y-%m-%d}" if item.due_date else "")
        self.show()
        self.owner.setFocus(Qt.FocusReason.OtherFocusReason)
        self.owner.selectAll()

    def _describe_due(self, text: str) -> None:
        try:
            day = parse_due(text, self.today())
        except ValueError as exc:
            self.due_hint.setText(str(exc))
            set_label_role(self.due_hint, "error")
            set_invalid(self.due, True)
            return
        self.due_hint.setText(f"即 {short_date(day)}" if day else "")
        set_label_role(self.due_hint, "hint")
        set_invalid(self.due, False)

    def submit(self) -> None:
        if self._item is None:
            return
        try:
            due = parse_due(self.due.text(), self.today())
        except ValueError:
            return  # the red hint says why; the bar stays
        owner = self.owner.resolve() if self.owner.text().strip() else None
        self.submitted.emit(self._item, owner, due)
        self.close_bar()

    def close_bar(self) -> None:
        self._item = None
        self.hide()
        self.finished.emit()
