"""Start-up safety, called from app.run around the main window.

claim_database(): the one-writer lock (or bring the running window forward), then the
read-only integrity check with the damaged-database dialog — all before anything opens
the file. start_services(): the start-up backup, the 30-minute backup timer, the
single-instance listener, and the offer to resume an unsaved draft.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ...backup import BackupError
from ...models import Member, db
from ...safety.autobackup import AutoBackup
from ...safety.drafts import describe_time, discard_draft, list_drafts
from ...safety.integrity import check_database
from ...safety.lock import DatabaseBusy, DatabaseLock
from .damaged_dialog import offer_restore
from .draft_autosave import DraftAutosave
from .single_instance import InstanceServer, activate_running, bring_to_front

log = logging.getLogger(__name__)

TICK_MS = 60_000  # how often the timer asks the policy whether a backup is due


@dataclass
class Claim:
    """The database is ours: locked, checked (and restored if it was damaged)."""

    db_path: Path
    lock: DatabaseLock
    notice: str = ""
    services: list[QObject] = field(default_factory=list)

    def release(self) -> None:
        for service in self.services:
            if isinstance(service, InstanceServer):
                service.close()
        self.lock.release()


def claim_database(db_path: Path, parent: QWidget | None = None) -> Claim | int:
    """A Claim to go on with, or the exit code when the app should stop here."""
    db_path = Path(db_path)
    lock = DatabaseLock(db_path)
    try:
        lock.acquire()
    except DatabaseBusy as busy:
        if activate_running(db_path):
            return 0  # the running window came forward; nothing written here
        QMessageBox.information(parent, "支部工作台已在运行", str(busy))
        return 1
    except OSError as exc:  # a read-only folder, say: the lock file cannot be made
        QMessageBox.critical(parent, "无法打开数据库", f"无法在数据库所在文件夹中创建锁文件：\n{exc}")
        return 1
    result = check_database(db_path)
    notice = ""
    if result.damaged:
        notice = offer_restore(db_path, result, parent)
        if notice is None:
            lock.release()
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

    def tick(self) -> None:
        try:
            path = self.policy.tick()
        except (BackupError, OSError) as exc:
            self.window.statusBar().showMessage(f"自动备份失败：{exc}", 15000)
            return
        if path is not None:
            self.window.statusBar().showMessage(self.policy.warning or "已自动备份", 5000)


def start_services(window: QMainWindow, claim: Claim) -> None:
    """Everything that runs beside the main window once the database is open."""
    policy = AutoBackup(db.obj, claim.db_path)
    notice = claim.notice
    try:
        policy.run("startup")
        if policy.warning:
            notice = policy.warning
    except (BackupError, OSError) as exc:
        notice = f"启动时备份失败：{exc}"
    claim.services.append(AutoBackupTimer(policy, window))
    window.autobackup = policy  # the 数据安全 tab and tests reach the policy here
    server = InstanceServer(claim.db_path, window)
    server.activated.connect(lambda: bring_to_front(window))
    server.listen()
    claim.services.append(server)
    if notice:
        window.statusBar().showMessage(notice, 15000)
    QTimer.singleShot(0, window, lambda: resume_drafts(window))


def resume_drafts(window: QMainWindow) -> bool:
    """After a crash: offer the newest unsaved member form, and reopen it if wanted."""
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
    DraftAutosave.approve("member", key)  # asked already: the dialog restores without asking
    if member is None:
        roster.add_member()
    else:
        roster.edit_member()
    return True
