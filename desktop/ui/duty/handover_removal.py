"""删除本班记录 and 移除选中人员 on the 交接班 panel (a mixin of HandoverPanel), both taken back
by the page's PageUndo (撤销 / Ctrl+Z). A deleted record comes back exactly, under its id with
its people; see duty.handover_undo for the fresh record the slot gets in the meantime."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ...duty import handover as service
from ...duty import handover_undo
from ...models import Handover
from ...models.snapshot import RecordSnapshot, RestoreConflict
from .duty_format import day_long

MemberRole = Qt.ItemDataRole.UserRole + 1  # the member id on the people table's name cells


class HandoverRemovals:
    """Needs the panel's handover_id, undo (PageUndo), people, day(), post_combo, shift_combo,
    save_now(), open_slot(), _slot_changed(), _fill_people() and _refresh_outgoing()."""

    def remove_selected_person(self) -> None:
        row = self.people.currentRow()
        if row < 0 or self.handover_id is None:
            return
        self.save_now()  # the signers shown are stored before the list they come from changes
        handover_id, member_id = self.handover_id, self.people.item(row, 0).data(MemberRole)
        name, check_in, check_out = (self.people.item(row, c).text() for c in range(3))
        service.remove_person(handover_id, member_id)
        self._fill_people()
        self._refresh_outgoing()
        words = self._slot_words()
        label = f"{name}（{words}）"

        def take_back() -> None:
            if Handover.get_or_none(Handover.id == handover_id) is None:
                raise RestoreConflict(f"无法撤销：{words}的交接班记录已被删除。")
            service.add_person(handover_id, member_id, check_in, check_out)
            self._reshow()

        self.undo.push(label, take_back, f"已从本班记录移除 {name}", f"已把 {name} 加回本班记录")

    def _slot_words(self) -> str:
        return f"{day_long(self.day())} {self.post_combo.currentText()} {self.shift_combo.currentText()}"

    def delete_record(self) -> bool:
        """删除本班记录 after a confirmation naming the shift; 撤销 brings it back exactly."""
        if self.handover_id is None:
            return False
        words = self._slot_words()
        text = (f"删除 {words} 的交接班记录吗？\n填写的数字、情况和值班人员都会删除，"
                "删除后可以立即撤销（Ctrl+Z）。")
        buttons = QMessageBox.StandardButton
        if QMessageBox.question(self, "删除交接班记录", text, buttons.Yes | buttons.No, buttons.No) != buttons.Yes:
            return False
        self.save_now()  # what is deleted (and comes back) is what is shown
        deleted = handover_undo.delete_handover(self.handover_id)
        self.handover_id = None
        self._slot_changed()  # the slot shows an empty record again
        self.undo.push(words, lambda: self._restore(deleted), f"已删除 {words} 的交接班记录",
                       f"已恢复 {words} 的交接班记录")
        return True

    def _restore(self, deleted: RecordSnapshot) -> None:
        self.save_now()  # typing into the fresh record counts: it must not be thrown away
        handover_undo.restore_handover(deleted)
        self.handover_id = None  # the record shown may be the fresh one, gone now
        values = deleted.rows[0].values
        self.open_slot(dt.date.fromisoformat(str(values["date"])[:10]), values["post_id"], values["shift_id"])

    def _reshow(self) -> None:
        """Show the current slot's record as stored (after an undo changed it); typing pending
        in it is saved first."""
        self._slot_changed()
