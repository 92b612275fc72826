"""The one door every write of the live view goes through: live, locked, or in a correction.

A correction collects the changes and applies them in ONE correct() call on 保存更正. Why not
one correct() per change: the autosave flushes every ~800 ms, so a single correction session
would leave dozens of revisions, each with the same reason, and 修改历史 would be unreadable.
A correction is deliberate and short (unlike live minutes), so holding its edits in memory
until the user saves is an acceptable risk; the widgets show the edited values meanwhile and
取消更正 reloads from the database.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal

from ...meetings.service import MeetingError, MeetingLocked, correct

log = logging.getLogger(__name__)


QUEUED = object()  # what write() returns for a change held for the correction


class Mode(Enum):
    LIVE = "live"            # a draft meeting: every write goes straight to the database
    LOCKED = "locked"        # finalized: read-only
    CORRECTING = "correcting"  # finalized, edits queued for one correct() call


class MeetingSession(QObject):
    """Holds the open meeting's id and mode; panels call write() and listen to mode_changed."""

    mode_changed = Signal(object)   # Mode
    failed = Signal(str)            # a Chinese message for the status line
    written = Signal()              # something reached the database
    reload_needed = Signal()        # the database changed under the widgets (after a correction)
    queued = Signal(int)            # changes held for the correction so far

    def __init__(self, meeting_id: int, final: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.meeting_id = meeting_id
        self._mode = Mode.LOCKED if final else Mode.LIVE
        self._queue: dict[object, Callable[[], object]] = {}
        self._reason = ""

    # -- mode ------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    def editable(self) -> bool:
        return self._mode is not Mode.LOCKED

    def live(self) -> bool:
        return self._mode is Mode.LIVE

    def set_final(self) -> None:
        self._set_mode(Mode.LOCKED)

    def begin_correction(self, reason: str) -> None:
        self._reason = reason
        self._queue.clear()
        self._set_mode(Mode.CORRECTING)

    def pending_changes(self) -> int:
        return len(self._queue)

    def save_correction(self) -> bool:
        """Apply the queued edits as one revision; True when saved (or nothing to save)."""
        queue = list(self._queue.values())
        if queue:
            def apply() -> None:
                for change in queue:
                    change()

            try:
                correct(self.meeting_id, self._reason, apply)
            except MeetingError as exc:
                self.failed.emit(str(exc))
                return False
            self.written.emit()
        self._queue.clear()
        self._set_mode(Mode.LOCKED)
        self.reload_needed.emit()
        return True

    def cancel_correction(self) -> None:
        self._queue.clear()
        self._set_mode(Mode.LOCKED)
        self.reload_needed.emit()

    def _set_mode(self, mode: Mode) -> None:
        if mode is not self._mode:
            self._mode = mode
            self.mode_changed.emit(mode)

    # -- writing ---------------------------------------------------------------

    def write(self, fn: Callable, *args, key: object = None, **kwargs):
        """Run a service call now (live) or queue it (correcting; a later change with the
        same *key* replaces the earlier one). Returns the call's result (True for a call that
        returns nothing), QUEUED, or None when refused (the reason went to failed)."""
        if self._mode is Mode.LOCKED:
            self.failed.emit("会议记录已定稿；如需修改，请点“更正…”并填写原因。")
            return None
        if self._mode is Mode.CORRECTING:
            self._queue[key if key is not None else object()] = lambda: fn(*args, **kwargs)
            self.queued.emit(len(self._queue))
            return QUEUED
        try:
            result = fn(*args, **kwargs)
        except MeetingLocked as exc:
            self._set_mode(Mode.LOCKED)
            self.failed.emit(str(exc))
            return None
        except MeetingError as exc:
            self.failed.emit(str(exc))
            return None
        self.written.emit()
        return True if result is None else result
