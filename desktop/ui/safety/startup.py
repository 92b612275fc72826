"""Start-up safety, called from app.run around the main window.

lock_database() (single_instance): the one-writer lock, or bring the running window
forward, before the window is shown. check_claim(): the read-only integrity check with
the damaged-database dialog, before anything opens the file. claim_database() does both.
start_services(): the start-up backup, the 30-minute backup timer, the single-instance
listener, and the offer to resume an unsaved draft. Loading this module loads no peewee
and no models (they come with the database).

The start-up backup begins on the first event-loop turn after the database is open and
copies in a worker thread (a large file takes seconds); Claim.stop_services() waits for
it, or takes it then if the app quits before it began, so every start leaves one.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ...safety.integrity import check_database
from ...safety.lock import DatabaseLock
from .single_instance import lock_database

if TYPE_CHECKING:
    from ...models import Member
    from ...safety.autobackup import AutoBackup

log = logging.getLogger(__name__)

TICK_MS = 60_000  # how often the timer asks the policy whether a backup is due


@dataclass
class Claim:
    """The database is ours: locked, checked (and restored if it was damaged)."""

    db_path: Path
    lock: DatabaseLock
    notice: str = ""
    services: list[QObject] = field(default_factory=list)

    def stop_services(self) -> None:
        """Before the database closes: stop listening, let the start-up backup finish."""
        services, self.services = self.services, []
        for service in services:
            service.stop()

    def release(self) -> None:
        self.stop_services()
        self.lock.release()


def claim_database(db_path: Path, parent: QWidget | None = None) -> Claim | int:
    """A Claim to go on with, or the exit code when the app should stop here."""
    lock = lock_database(db_path, parent)
    if isinstance(lock, int):
        return lock
    claim = check_claim(db_path, lock, parent)
    if isinstance(claim, int):
        lock.release()
    return claim


def check_claim(db_path: Path, lock: DatabaseLock, parent: QWidget | None = None) -> Claim | int:
    """The read-only integrity check (and the restore offer when the file is damaged) under
    *lock*; the exit code when the user chose to quit. The lock stays with the caller."""
    db_path = Path(db_path)
    result = check_database(db_path)
    notice = ""
    if result.damaged:
        from .damaged_dialog import offer_restore  # rarely needed: not loaded on a healthy start

        notice = offer_restore(db_path, result, parent)
        if notice is None:
            return 1
    return Claim(db_path, lock, notice or "")


class AutoBackupTimer(QObject):
    """Asks the Qt-free policy every minute; a backup of a small file takes milliseconds,
    so it runs on the UI thread (see the report's measurements)."""

    def __init__(self, policy: AutoBackup, window: QMainWindow):
        super().__init__(window)
        self.policy, self.window = policy, window
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def tick(self) -> None:
        from ...safety.backup import BackupError

        try:
            path = self.policy.tick()
        except (BackupError, OSError) as exc:
            self.window.statusBar().showMessage(f"自动备份失败：{exc}", 15000)
            return
        if path is not None:
            self.window.statusBar().showMessage(self.policy.warning or "已自动备份", 5000)


class StartupBackup(QObject):
    """The verified start-up backup, taken off the UI thread once the window is up.

    Signals:
        finished(str): a message for the status bar ('' when there is nothing to say).
    """

    finished = Signal(str)

    def __init__(self, policy: AutoBackup, window: QMainWindow):
        super().__init__(window)
        self.policy, self.window = policy, window
        self.started = False
        self.finished.connect(self._show)

    def pending(self) -> bool:
        """Not begun yet, or still copying."""
        return not self.started or self.policy.busy

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        self.policy.start_in_background("startup", done=self._from_worker)

    def finish(self) -> None:
        """Wait for the copy; take it now if the app is quitting before it began."""
        from ...safety.backup import BackupError

        if self.started:
            self.policy.wait()
            return
        self.started = True
        try:
            self.policy.run("startup")
        except (BackupError, OSError):
            log.warning("start-up backup failed", exc_info=True)

    stop = finish

    def _from_worker(self, path, error: Exception | None) -> None:
        # Called in the worker thread: the signal carries the message over to the UI thread.
        message = f"启动时备份失败：{error}" if error is not None else self.policy.warning
        try:
            self.finished.emit(message)
        except RuntimeError:  # the window is gone already
            pass

    def _show(self, message: str) -> None:
        if message:
            self.window.statusBar().showMessage(message, 15000)


def start_services(window: QMainWindow, claim: Claim) -> None:
    """Everything that runs beside the main window once the database is open."""
    from ...models import db
    from ...safety.autobackup import AutoBackup
    from .single_instance import InstanceServer, bring_to_front

    policy = AutoBackup(db.obj, claim.db_path)
    notice = claim.notice
    startup_backup = StartupBackup(policy, window)
    claim.services.append(startup_backup)
    window.startup_backup = startup_backup  # tests and bench/window_probe.py wait on it
    QTimer.singleShot(0, startup_backup, startup_backup.start)  # first turn of the event loop
    claim.services.append(AutoBackupTimer(policy, window))
    window.autobackup = policy  # the 数据安全 tab and tests reach the policy here
    server = InstanceServer(claim.db_path, window)
    server.activated.connect(lambda: bring_to_front(window))
    server.listen()
    claim.services.append(server)
    if notice:
        window.statusBar().showMessage(notice, 15000)
    from .font_prep import FontPreparation

    fonts = FontPreparation(window)  # the first report must not wait on a font conversion
    window.font_preparation = fonts
    claim.services.append(fonts)
    fonts.start_later()
    QTimer.singleShot(0, window, lambda: resume_drafts(window))


def resume_drafts(window: QMainWindow) -> bool:
    """After a crash: offer the newest unsaved member form, and reopen it if wanted."""
    from ...models import Member
    from ...safety.drafts import describe_time, discard_draft, list_drafts

    for draft in list_drafts("member"):
        member = None
        if draft.key != "new":
            member = Member.get_or_none(Member.id == int(draft.key)) if draft.key.isdigit() else None
            if member is None:  # the member is gone: the draft has nothing to return to
                discard_draft(draft.kind, draft.key)
                continue
        name = (draft.payload.get("fields") or {}).get("name") or "（未填姓名）"
        what = f"新成员“{name}”" if member is None else f"成员“{member.name}”"
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            window, "恢复草稿",
            f"发现未保存的草稿（{describe_time(draft.updated_at)}）：{what}的信息。是否恢复？",
            buttons.Yes | buttons.No, buttons.Yes,
        )
        if answer != buttons.Yes:
            discard_draft(draft.kind, draft.key)
            return False
        return _reopen_member_form(window, draft.key, member)
    return False


def _reopen_member_form(window: QMainWindow, key: str, member: Member | None) -> bool:
    from ..main_window import PAGE_KEYS

    window.show_page(PAGE_KEYS.index("roster"))
    roster = window.page_by_key("roster")
    if not hasattr(roster, "add_member"):  # a placeholder page: the draft waits
        return False
    if member is not None and not roster.select_member(member.id):
        window.statusBar().showMessage("草稿已保留：打开该成员的编辑窗口时可以恢复。", 10000)
        return False
    from .draft_autosave import DraftAutosave  # only after a crash left a draft

    DraftAutosave.approve("member", key)  # asked already: the dialog restores without asking
    if member is None:
        roster.add_member()
    else:
        roster.edit_member()
    return True
