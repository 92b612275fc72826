"""The undo steps of the 值班排班 page (a mixin of DutyPage): what 找人替班, 自动排班 and a cell
edit push to the page's PageUndo, and DutyPage.undo(). Each step checks, before writing, that
what it would overwrite is still what the change left (duty.rota_restore)."""
from __future__ import annotations

import datetime as dt

from ...duty import rota_restore


class RotaUndoSteps:
    """Needs page_undo (PageUndo), message (MessageBar), reload() and _today."""

    def _generated(self, first: dt.date, last: dt.date, before: list) -> None:
        self._rewritten(f"自动排班 {first:%m-%d} 至 {last:%m-%d}", first, last, before,
                        f"已应用自动排班：{first:%m-%d} 至 {last:%m-%d}")

    def _rewritten(self, label: str, first: dt.date, last: dt.date, before: list, message: str) -> None:
        """Days were rewritten (自动排班, 为某人找替班): 撤销 puts back *before*, if the days still
        hold what was written."""
        after = rota_restore.rows_of(first, last)
        self.reload()
        self.page_undo.push(label, lambda: rota_restore.restore_rows(first, last, before, today=self._today,
                                                                     expected=after),
                            message, f"已撤销：{label}")

    def _cell_edited(self, label: str, before: rota_restore.SlotImage) -> None:
        """The cell editor closed: one step takes the slot back to what it held when it opened."""
        after = rota_restore.capture_slot(before.day, before.post_id, before.shift_id)
        if after.rows() != before.rows():
            self.page_undo.push(label, lambda: rota_restore.restore_slot(before, expected=after),
                                f"已修改 {label}", f"已撤销对 {label} 的修改")

    def _replaced(self, before: list, assignment_id: int, old_id: int, new_id: int, old_name: str,
                  new_name: str) -> None:
        after = rota_restore.capture_rows([assignment_id])
        what = f"{new_name}替{old_name}"
        self.reload()
        self.page_undo.push(what, lambda: rota_restore.revert_rows(before, after),
                            f"已由{new_name}替{old_name}值这一班", f"已撤销：{what}")

    def _person_replaced(self, first: dt.date, last: dt.date, before: list) -> None:
        self._rewritten(f"替班 {first:%m-%d} 至 {last:%m-%d}", first, last, before,
                        f"已为 {first:%m-%d} 至 {last:%m-%d} 的班次找好替班")

    def undo(self) -> bool:
        """撤销 / Ctrl+Z: the page's last change of this session comes back (the page reloads).
        False, with the reason in the message bar, when there is none or it cannot."""
        if not self.page_undo.can_undo():
            self.message.show_message("没有可撤销的操作")
            return False
        return self.page_undo.undo()
