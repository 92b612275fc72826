"""Asking before a meeting is removed: a plain confirmation for one still in progress, a
typed reason for finalized minutes (an official record; the reason stays with its trace)."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ...meetings import service
from ...meetings.figures import meeting_figures
from ...meetings.removal import meeting_label

CANCELLED = None


def ask_removal(parent: QWidget, meeting_id: int) -> str | None:
    """None when the secretary declines; else the reason ("" for a meeting not finalized)."""
    meeting = service.get_meeting(meeting_id)
    label = meeting_label(meeting)
    counts = meeting_figures([meeting_id])[meeting_id]
    notes = service.note_count(meeting_id)
    held = (f"其中的出席登记 {counts.expected} 人、发言 {notes} 条、决议 {counts.decisions} 条、"
            f"待办 {counts.actions} 条将一并删除；在这次会议中办结或结转的以往待办恢复原状。")
    if meeting.is_final:
        reason, ok = QInputDialog.getText(
            parent, "删除已定稿的会议记录",
            f"“{label}”已定稿，是正式记录。\n{held}\n\n"
            "删除须填写原因；原因和完整记录将留存备查。删除原因：")
        reason = (reason or "").strip()
        if not ok or not reason:
            return CANCELLED
        return reason
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, "删除会议记录",
        f"确定删除“{label}”吗？\n{held}\n\n删除后可以立即撤销（Ctrl+Z）。",
        buttons.Yes | buttons.No, buttons.No)
    return "" if answer == buttons.Yes else CANCELLED
