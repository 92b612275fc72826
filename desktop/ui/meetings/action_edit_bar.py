"""The inline line under the action items where owner and due date are typed right after Ctrl+T."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QWidget

from ...models import ActionItem, Member
from ..widgets import role_label, set_invalid, set_label_role
from .meeting_format import parse_due, short_date
from .member_picker import MemberPicker


class DueEdit(QLineEdit):
    """Esc gives up, like the owner field."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
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
        self.owner.chosen.connect(lambda _member: self.due.setFocus(Qt.FocusReason.OtherFocusReason))
        self.owner.cancelled.connect(self.close_bar)
        self.due = DueEdit(self)
        self.due.setPlaceholderText("明天 / 周五 / 4.20")
        self.due.returnPressed.connect(self.submit)
        self.due.cancelled.connect(self.close_bar)
        self.due.textChanged.connect(self._describe_due)
        self.due_hint = role_label("", "hint", self)
        self.due_hint.setWordWrap(True)
        self.label.setWordWrap(True)
        # Two short rows that fit the narrow 待办 column: one wide row would widen the column
        # and push the whole live view sideways when the bar opens.
        for field in (self.owner, self.due):
            field.setMinimumWidth(self.fontMetrics().horizontalAdvance("欧阳晓明") + 24)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.label, 0, 0, 1, 2)
        layout.addWidget(QLabel("负责人", self), 1, 0)
        layout.addWidget(self.owner, 1, 1)
        layout.addWidget(QLabel("期限", self), 2, 0)
        layout.addWidget(self.due, 2, 1)
        layout.addWidget(self.due_hint, 3, 1)
        layout.setColumnStretch(1, 1)
        self.hide()

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def item(self) -> ActionItem | None:
        return self._item

    def set_members(self, members: list[Member]) -> None:
        self.owner.set_members(members)

    def edit(self, item: ActionItem, meeting_date: dt.date | None = None) -> None:
        self._item = item
        self.label.setText("待办的负责人和期限（Enter 确定，Esc 跳过）")
        self.label.setToolTip(item.text)
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
