"""交接班: the handover record of one shift, typed at the gate with the keyboard.

Pick the day, post and shift; what the previous shift left open is shown on top; counts and
notes follow in Tab order; who served, with check-in and check-out times, at the bottom.
交班人 (someone on this shift) and 接班人 (someone on the next) are chosen under the people:
they sign the printed record; a full Party member is offered first. Every change is saved
about a second after typing stops (and at once when the slot changes). 删除本班记录 and
移除选中人员 can be taken back (撤销 / Ctrl+Z) with the page's PageUndo.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...duty import handover as service
from ...duty import setup
from ..undo import PageUndo
from ..widgets import MessageBar, repolish, role_label
from .cell_editor import SubmitPicker
from .duty_format import day_header, shift_label
from .generate_dialog import date_edit, to_date, to_qdate
from .handover_removal import HandoverRemovals, MemberRole
from .rota_data import active_members

SAVE_DELAY_MS = 800
TEXTS = (("events", "重要情况", "如：劝返外来人员 2 人，协助 120 转运 1 人"),
         ("items_handed", "交接物品", "如：登记册 1 本、测温枪 2 把、对讲机 1 部"),
         ("open_matters", "未办结事项（交下一班）", "下一班需要接着办的事"))


class HandoverPanel(QWidget, HandoverRemovals):
    """open_slot(day, post_id, shift_id) shows (creating if needed) that shift's record;
    save_now() writes pending edits; handover_id is the record shown. load=False leaves the
    choices empty until reload_choices(). *undo*: the page's PageUndo (one of its own, with a
    message bar on top, when the panel stands alone)."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None, load: bool = True,
                 undo: PageUndo | None = None):
        super().__init__(parent)
        self.handover_id: int | None = None
        self._stored: tuple | None = None  # what the shown record holds, as _entered() puts it
        self.own_message: MessageBar | None = None
        if undo is None:
            self.own_message = MessageBar(self)
            undo = PageUndo(self, self.own_message, (service.HandoverError,))
        self.undo = undo
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)

        self.date_input = date_edit(today or dt.date.today(), self)
        self.post_combo = QComboBox(self)
        self.shift_combo = QComboBox(self)
        self.post_combo.setMinimumContentsLength(8)
        self.shift_combo.setMinimumContentsLength(14)
        pick = QHBoxLayout()
        for label, widget in (("日期", self.date_input), ("值守点", self.post_combo), ("班次", self.shift_combo)):
            pick.addWidget(QLabel(label, self))
            pick.addWidget(widget)
        pick.addStretch(1)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("handoverSaved")
        pick.addWidget(self.saved_label)

        self.previous_label = QLabel(self)
        self.previous_label.setObjectName("openMatters")
        self.previous_label.setWordWrap(True)
        self.previous_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.counts: dict[str, QSpinBox] = {}
        counts = QGridLayout()
        for i, key in enumerate(service.COUNT_FIELDS):
            spin = QSpinBox(self)
            spin.setRange(0, 99999)
            spin.setAccelerated(True)
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(self.schedule)
            self.counts[key] = spin
            counts.addWidget(QLabel(service.COUNT_LABELS[key], self), 0, i)
            counts.addWidget(spin, 1, i)
        counts.setColumnStretch(len(service.COUNT_FIELDS), 1)

        self.texts: dict[str, QPlainTextEdit] = {}
        notes = QFormLayout()
        for key, label, hint in TEXTS:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)  # Tab walks the form, as at a gate with no mouse
            edit.setPlaceholderText(hint)
            edit.setFixedHeight(58)
            edit.textChanged.connect(self.schedule)
            self.texts[key] = edit
            notes.addRow(label + "：", edit)

        self.people = QTableWidget(0, 3, self)
        self.people.setHorizontalHeaderLabels(("值班人员", "到岗", "离岗"))
        self.people.verticalHeader().hide()
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people.setMaximumHeight(130)
        self.people.itemChanged.connect(self._time_edited)
        self.person_picker = SubmitPicker(self)
        self.person_picker.setPlaceholderText("添加顶班人员：姓名或拼音首字母，回车")
        self.person_picker.submitted.connect(self.add_person)
        self.remove_person_button = QPushButton("移除选中人员", self)
        self.remove_person_button.setToolTip("从本班记录中移除选中的人，可以撤销（Ctrl+Z）")
        self.remove_person_button.clicked.connect(self.remove_selected_person)
        self.delete_button = QPushButton("删除本班记录", self)
        self.delete_button.setObjectName("deleteHandover")
        self.delete_button.setToolTip("删除这一班的交接班记录（数字、情况和值班人员），可以撤销（Ctrl+Z）")
        self.delete_button.clicked.connect(self.delete_record)
        people_row = QHBoxLayout()
        people_row.addWidget(self.person_picker, 1)
        people_row.addWidget(self.remove_person_button)
        for edit in (*self.texts.values(), self.person_picker, *(s.lineEdit() for s in self.counts.values())):
            self.undo.share_with(edit)  # Ctrl+Z: the box's own typing first, then the page's last step
        self.outgoing_combo = QComboBox(self)
        self.incoming_combo = QComboBox(self)
        for combo in (self.outgoing_combo, self.incoming_combo):
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(self.schedule)
        self.incoming_label = QLabel("接班人", self)
        signers_row = QHBoxLayout()
        signers_row.addWidget(QLabel("交班人", self))
        signers_row.addWidget(self.outgoing_combo)
        signers_row.addSpacing(16)
        signers_row.addWidget(self.incoming_label)
        signers_row.addWidget(self.incoming_combo)
        signers_row.addStretch(1)
        signers_row.addWidget(self.delete_button)
        self.error_label = role_label("", "error", self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        if self.own_message is not None:
            layout.addWidget(self.own_message)
        layout.addLayout(pick)
        layout.addWidget(self.previous_label)
        layout.addLayout(counts)
        layout.addLayout(notes)
        layout.addWidget(self.people)
        layout.addLayout(people_row)
        layout.addLayout(signers_row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self._tab_order()

        self.date_input.dateChanged.connect(self._slot_changed)
        self.post_combo.currentIndexChanged.connect(self._post_changed)
        self.shift_combo.currentIndexChanged.connect(self._slot_changed)
        if load:  # the duty page loads it when its tab is first shown
            self.reload_choices()

    def _tab_order(self) -> None:
        chain = [self.date_input, self.post_combo, self.shift_combo, *self.counts.values(),
                 *self.texts.values(), self.people, self.person_picker, self.outgoing_combo,
                 self.incoming_combo]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    # -- choosing the slot ---------------------------------------------------------

    def reload_choices(self) -> None:
        post_id = self.post_combo.currentData()
        self._loading = True
        self.post_combo.clear()
        for post in setup.posts():
            self.post_combo.addItem(post.name, post.id)
        if post_id is not None and self.post_combo.findData(post_id) >= 0:
            self.post_combo.setCurrentIndex(self.post_combo.findData(post_id))
        self._loading = False
        self.person_picker.set_members(active_members(self.day()))
        self._post_changed()

    def _post_changed(self, *_) -> None:
        if self._loading:
            return
        shift_id = self.shift_combo.currentData()
        post = self.post_combo.currentData()
        self._loading = True
        self.shift_combo.clear()
        if post is not None:
            pattern_id = next((p.pattern_id for p in setup.posts() if p.id == post), None)
            for shift in setup.shifts_of(pattern_id) if pattern_id else []:
                self.shift_combo.addItem(shift_label(shift), shift.id)
        if shift_id is not None and self.shift_combo.findData(shift_id) >= 0:
            self.shift_combo.setCurrentIndex(self.shift_combo.findData(shift_id))
        self._loading = False
        self._slot_changed()

    def day(self) -> dt.date:
        return to_date(self.date_input.date())

    def slot(self) -> tuple[dt.date, int | None, int | None]:
        return self.day(), self.post_combo.currentData(), self.shift_combo.currentData()

    def open_slot(self, day: dt.date, post_id: int, shift_id: int) -> None:
        self.save_now()
        self._loading = True
        self.date_input.setDate(to_qdate(day))
        self.post_combo.setCurrentIndex(max(0, self.post_combo.findData(post_id)))
        self._loading = False
        self._post_changed()
        self.shift_combo.setCurrentIndex(max(0, self.shift_combo.findData(shift_id)))
        self.counts[service.COUNT_FIELDS[0]].setFocus()

    def _slot_changed(self, *_) -> None:
        if self._loading:
            return
        self.save_now()
        day, post_id, shift_id = self.slot()
        if post_id is None or shift_id is None:
            self.handover_id = None
            self.previous_label.setText("还没有值守点。请先在“值守点与班次…”中添加。")
            self._set_enabled(False)
            return
        self._set_enabled(True)
        self._show(service.handover_for(day, post_id, shift_id))
        self._show_previous(day, post_id, shift_id)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (*self.counts.values(), *self.texts.values(), self.people, self.person_picker,
                       self.remove_person_button, self.outgoing_combo, self.incoming_combo, self.delete_button):
            widget.setEnabled(enabled)

    def _show_previous(self, day: dt.date, post_id: int, shift_id: int) -> None:
        matters = service.previous_open_matters(day, post_id, shift_id)
        slot = service.previous_slot(day, post_id, shift_id)
        which = f"上一班（{day_header(slot[0])} {slot[1].name}）" if slot else "上一班"
        if matters:
            self.previous_label.setText(f"{which}交来的未办结事项：\n{matters}")
        else:
            self.previous_label.setText(f"{which}没有留下未办结事项。")
        self.previous_label.setProperty("empty", not matters)
        repolish(self.previous_label)

    def _show(self, record) -> None:
        self._loading = True
        try:
            self.handover_id = record.id
            for key, spin in self.counts.items():
                spin.setValue(getattr(record, key))
            for key, edit in self.texts.items():
                edit.setPlainText(getattr(record, key))
            self._fill_people()
            self._fill_signers()
            self._stored = ({key: getattr(record, key) for key in self.values()},
                            record.handed_over_by_id, record.taken_over_by_id)
        finally:
            self._loading = False
        self.saved_label.setText("")
        self.error_label.setText("")

    def _fill_people(self) -> None:
        was_loading, self._loading = self._loading, True
        rows = service.people(self.handover_id)
        self.people.setRowCount(len(rows))
        for r, person in enumerate(rows):
            name = QTableWidgetItem(person.member.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setData(MemberRole, person.member_id)
            self.people.setItem(r, 0, name)
            self.people.setItem(r, 1, QTableWidgetItem(person.check_in))
            self.people.setItem(r, 2, QTableWidgetItem(person.check_out))
        self._loading = was_loading

    def _fill_signers(self) -> None:
        """Both lists from who is on this shift and the next; the stored choice, else the
        leader of each, is selected (and saved with the record)."""
        was_loading, self._loading = self._loading, True
        found = service.signers(self.handover_id)
        for combo, group, chosen in ((self.outgoing_combo, found.outgoing, found.default_outgoing()),
                                     (self.incoming_combo, found.incoming, found.default_incoming())):
            combo.clear()
            combo.addItem("（未选）", None)
            for member in group:
                combo.addItem(member.name, member.id)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        following = found.next_slot
        self.incoming_label.setText(f"接班人（{day_header(following[0])} {following[1].name}）" if following
                                    else "接班人")
        self._loading = was_loading

    def signer_names(self) -> tuple[str, str]:
        """The chosen 交班人 and 接班人 as shown ('' when none)."""
        return tuple(c.currentText() if c.currentData() is not None else ""
                     for c in (self.outgoing_combo, self.incoming_combo))

    # -- saving --------------------------------------------------------------------

    def schedule(self, *_) -> None:
        if not self._loading and self.handover_id is not None:
            self.saved_label.setText("正在输入…")
            if not self.timer.isActive():
                # Not restarted by later keys: steady typing is still saved within the delay.
                self.timer.start()

    def pending(self) -> bool:
        return self.timer.isActive()

    def values(self) -> dict:
        values = {key: spin.value() for key, spin in self.counts.items()}
        values.update({key: edit.toPlainText() for key, edit in self.texts.items()})
        return values

    def _entered(self) -> tuple:
        return self.values(), self.outgoing_combo.currentData(), self.incoming_combo.currentData()

    def save_now(self) -> bool:
        """Write what is shown, if it differs from what is stored (showing a record again must
        not touch it: an undone deletion comes back exactly)."""
        self.timer.stop()
        if self.handover_id is None:
            return False
        entered = self._entered()
        if entered == self._stored:
            return True
        try:
            service.save_handover(self.handover_id, **self.values())
            service.set_signers(self.handover_id, self.outgoing_combo.currentData(),
                                self.incoming_combo.currentData())
        except service.HandoverError as exc:
            self.error_label.setText(str(exc))
            return False
        self._stored = entered
        self.error_label.setText("")
        self.saved_label.setText(f"已自动保存 {dt.datetime.now():%H:%M:%S}")
        return True

    def hideEvent(self, event) -> None:
        self.save_now()
        super().hideEvent(event)

    # -- people --------------------------------------------------------------------

    def _time_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() == 0 or self.handover_id is None:
            return
        row = item.row()
        member_id = self.people.item(row, 0).data(MemberRole)
        try:
            service.set_person_times(self.handover_id, member_id, self.people.item(row, 1).text(),
                                     self.people.item(row, 2).text())
        except service.HandoverError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.setText("")
        self.saved_label.setText(f"已自动保存 {dt.datetime.now():%H:%M:%S}")

    def add_person(self, member) -> None:
        if member is None or self.handover_id is None:
            return
        try:
            service.add_person(self.handover_id, member.id)
        except service.HandoverError as exc:
            QMessageBox.warning(self, "交接班", str(exc))
            return
        self.person_picker.set_member(None)
        self._fill_people()
        self._refresh_outgoing()

    def _refresh_outgoing(self) -> None:
        """Who may sign as 交班人 follows the people list; the choice shown is kept if still there."""
        chosen = self.outgoing_combo.currentData()
        self.save_now()
        self._fill_signers()
        if chosen is not None and self.outgoing_combo.findData(chosen) >= 0:
            self.outgoing_combo.setCurrentIndex(self.outgoing_combo.findData(chosen))

    def names(self) -> list[str]:
        return [self.people.item(r, 0).text() for r in range(self.people.rowCount())]
