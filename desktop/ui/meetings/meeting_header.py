"""The meeting's header fields in two dense rows: type, title, date, times, place, host, recorder, 列席."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...models import Meeting, MeetingType, Member
from ..widgets import set_invalid
from .meeting_format import join_guests, parse_time, split_guests
from .member_picker import MemberPicker

FIELDS = ("meeting_type", "title", "date", "start_time", "end_time", "place", "host", "recorder", "guests")


def _label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    label.setObjectName("fieldLabel")
    return label


class MeetingHeader(QWidget):
    """changed(field) fires on every user edit of a field whose text is valid; value(field)
    gives what update_meeting takes. set_meeting() fills without firing."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._filling = False
        metrics = self.fontMetrics()
        self.type_combo = QComboBox(self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("会议标题")
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy.MM.dd")
        self.start_time = QLineEdit(self)
        self.end_time = QLineEdit(self)
        for edit, tip in ((self.start_time, "开始"), (self.end_time, "结束")):
            edit.setPlaceholderText("20:30")
            edit.setToolTip(f"{tip}时间，如 20:30、2030")
            edit.setFixedWidth(metrics.horizontalAdvance("00:00") + 20)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText("会议地点")
        self.host = MemberPicker(self)
        self.recorder = MemberPicker(self)
        for picker in (self.host, self.recorder):
            picker.setPlaceholderText("姓名或拼音首字母")
            picker.setFixedWidth(metrics.horizontalAdvance("姓名或拼音首字母") + 20)
        self.guests = QLineEdit(self)
        self.guests.setPlaceholderText("列席人员，用“、”分隔")

        # Two rows of label+field pairs; long texts (title, place, 列席) take the spare width.
        rows = (
            (("类型", self.type_combo, 0), ("标题", self.title, 3), ("日期", self.date, 0),
             ("时间", self.start_time, 0), ("–", self.end_time, 0)),
            (("地点", self.place, 2), ("主持人", self.host, 0), ("记录人", self.recorder, 0),
             ("列席", self.guests, 3)),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for pairs in rows:
            line = QHBoxLayout()
            line.setSpacing(4)
            for text, field, stretch in pairs:
                if text != "–" and line.count():
                    line.addSpacing(8)
                line.addWidget(_label(text, field, self))
                line.addWidget(field, stretch)
            layout.addLayout(line)
        self.type_combo.setMinimumContentsLength(6)

        self.type_combo.activated.connect(lambda _i: self._emit("meeting_type"))
        self.title.textEdited.connect(lambda _t: self._emit("title"))
        self.date.dateChanged.connect(lambda _d: self._emit("date"))
        self.start_time.textEdited.connect(lambda _t: self._emit("start_time"))
        self.end_time.textEdited.connect(lambda _t: self._emit("end_time"))
        self.place.textEdited.connect(lambda _t: self._emit("place"))
        self.guests.textEdited.connect(lambda _t: self._emit("guests"))
        for name, picker in (("host", self.host), ("recorder", self.recorder)):
            picker.chosen.connect(lambda _m, n=name: self._emit(n))
            picker.textEdited.connect(lambda _t, p=picker: set_invalid(p, not p.is_valid()))

    # -- content ---------------------------------------------------------------

    def set_meeting(self, meeting: Meeting, types: list[MeetingType], members: list[Member]) -> None:
        self._filling = True
        self.type_combo.clear()
        for kind in types:
            self.type_combo.addItem(kind.name, kind.id)
        if self.type_combo.findData(meeting.meeting_type_id) < 0:  # a deactivated type stays shown
            self.type_combo.addItem(meeting.meeting_type.name, meeting.meeting_type_id)
        self.type_combo.setCurrentIndex(self.type_combo.findData(meeting.meeting_type_id))
        self.title.setText(meeting.title)
        self.date.setDate(QDate(meeting.date.year, meeting.date.month, meeting.date.day))
        self.start_time.setText(meeting.start_time)
        self.end_time.setText(meeting.end_time)
        self.place.setText(meeting.place)
        for picker in (self.host, self.recorder):
            picker.set_members(members)
        self.host.set_member(meeting.host if meeting.host_id else None)
        self.recorder.set_member(meeting.recorder if meeting.recorder_id else None)
        self.guests.setText(join_guests(meeting.guests))
        for widget in (self.start_time, self.end_time, self.title, self.host, self.recorder):
            set_invalid(widget, False)
        self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.title, self.start_time, self.end_time, self.place, self.guests,
                     self.host, self.recorder):
            edit.setReadOnly(read_only)
        self.date.setReadOnly(read_only)
        self.type_combo.setEnabled(not read_only)

    def value(self, field: str):
        """What update_meeting(**{field: value}) takes; raises ValueError when the text is not valid."""
        if field == "meeting_type":
            return self.type_combo.currentData()
        if field == "title":
            if not self.title.text().strip():
                raise ValueError("标题不能为空")
            return self.title.text()
        if field == "date":
            return self.date.date().toPython()
        if field in ("start_time", "end_time"):
            value = parse_time(getattr(self, field).text())
            if value is None:
                raise ValueError("时间格式不对")
            return value
        if field == "place":
            return self.place.text()
        if field in ("host", "recorder"):
            picker: MemberPicker = getattr(self, field)
            if picker.text().strip() and picker.member() is None:
                raise ValueError("花名册中没有此人")
            return picker.member().id if picker.member() is not None else None
        if field == "guests":
            return split_guests(self.guests.text())
        raise KeyError(field)

    def _emit(self, field: str) -> None:
        if self._filling:
            return
        widget = {"start_time": self.start_time, "end_time": self.end_time, "title": self.title}.get(field)
        try:
            self.value(field)
        except ValueError:
            if widget is not None:
                set_invalid(widget, True)
            return
        if widget is not None:
            set_invalid(widget, False)
        if field in ("host", "recorder"):
            set_invalid(getattr(self, field), False)
        self.changed.emit(field)

    def meeting_date(self) -> dt.date:
        return self.date.date().toPython()
