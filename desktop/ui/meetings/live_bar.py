"""The strip above a meeting: back, what meeting, its state, the autosave note and the record buttons."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QWidget

from ...models import Meeting
from ..widgets import role_label
from .meeting_format import format_day
from .session import Mode


class LiveBar(QWidget):
    """Buttons are public (back, history, correct, save_correction, cancel_correction, finalize);
    the live view connects them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("liveBar")
        self.back = QToolButton(self)
        self.back.setText("← 会议列表")
        self.back.setToolTip("返回会议列表（Alt+←）；内容已自动保存")
        self.back.setAutoRaise(True)
        self.heading = QLabel(self)
        self.heading.setObjectName("meetingHeading")
        self.state = QLabel(self)
        self.state.setObjectName("meetingState")
        self.state.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.saved = role_label("自动保存：输入即存", "hint", self)
        self.saved.setObjectName("autosaveLabel")
        self.history = QPushButton("修改历史", self)
        self.correct = QPushButton("更正…", self)
        self.correct.setToolTip("已定稿的记录须填写更正原因后才能修改，原记录会保留")
        self.save_correction = QPushButton("保存更正", self)
        self.save_correction.setObjectName("primaryButton")
        self.save_correction.setToolTip("把这次更正的全部改动一次保存（Ctrl+S）")
        self.cancel_correction = QPushButton("取消更正", self)
        self.finalize = QPushButton("定稿", self)
        self.finalize.setObjectName("primaryButton")
        self.finalize.setToolTip("定稿后记录锁定，只能通过“更正”修改（Ctrl+Shift+F）")
        self.remove = QPushButton("删除…", self)
        self.remove.setObjectName("removeMeetingButton")
        self.remove.setToolTip("删除误建的这次会议（已定稿的须填写原因），删除后可撤销（Ctrl+Z）")
        for button in (self.history, self.remove, self.correct, self.save_correction,
                       self.cancel_correction, self.finalize):
            button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.back)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addStretch(1)
        layout.addWidget(self.saved)
        layout.addSpacing(8)
        for button in (self.history, self.remove, self.correct, self.cancel_correction,
                       self.save_correction, self.finalize):
            layout.addWidget(button)

    def show_meeting(self, meeting: Meeting) -> None:
        self.heading.setText(f"{meeting.meeting_type.name}　{format_day(meeting.date)}")

    def show_mode(self, mode: Mode, revisions: int) -> None:
        texts = {Mode.LIVE: "进行中", Mode.LOCKED: "已定稿", Mode.CORRECTING: "更正中"}
        self.state.setText(texts[mode])
        self.state.setProperty("state", mode.value)
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        self.finalize.setVisible(mode is Mode.LIVE)
        self.correct.setVisible(mode is Mode.LOCKED)
        self.save_correction.setVisible(mode is Mode.CORRECTING)
        self.cancel_correction.setVisible(mode is Mode.CORRECTING)
        self.history.setVisible(mode is not Mode.LIVE)
        self.remove.setVisible(mode is not Mode.CORRECTING)
        self.history.setText(f"修改历史（{revisions}）" if revisions else "修改历史")
        if mode is Mode.LOCKED:
            self.saved.setText("只读")
        elif mode is Mode.CORRECTING:
            self.saved.setText("更正中：改动在“保存更正”时一次保存")

    def show_saved(self, when: dt.datetime) -> None:
        self.saved.setText(f"已自动保存 {when:%H:%M:%S}")

    def show_queued(self, count: int) -> None:
        self.saved.setText(f"更正待保存：{count} 处改动")
