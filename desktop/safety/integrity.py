"""Is this file a healthy Branch Desk database? Checked read-only, before anything writes.

A damaged file must not be written to: SQLite would try to make sense of it, and what
is still readable could be lost. So the check opens it with mode=ro and never migrates.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..backup import BackupInfo, list_backups, readonly_uri, reason_label

HEADER = b"SQLite format 3\x00"

OK = "ok"
NEW = "new"              # missing or empty: created on first open
NOT_SQLITE = "not_sqlite"
DAMAGED = "damaged"
TOO_NEW = "too_new"
UNREADABLE = "unreadable"  # permissions, a locked file: not damaged, just not ours to read now


@dataclass(frozen=True)
class CheckResult:
    path: Path
    status: str
    version: int | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status in (OK, NEW)

    @property
    def damaged(self) -> bool:
        return self.status in (DAMAGED, NOT_SQLITE)

    def message(self) -> str:
        """What went wrong, in plain Chinese (empty when nothing did)."""
        if self.status == NOT_SQLITE:
            return (f"这个文件不是支部工作台的数据库（也不是 SQLite 数据库文件），无法打开：\n{self.path}")
        if self.status == DAMAGED:
            return (f"数据库文件已损坏，无法安全打开：\n{self.path}\n\n"
                    "可能是保存时突然断电、U 盘被拔出或磁盘出错造成的。"
                    "为避免损失扩大，程序不会向这个文件写入任何内容。")
        if self.status == TOO_NEW:
            from ..models.migrations import LATEST

            return (f"数据库版本为 {self.version}，高于本程序支持的版本 {LATEST}。"
                    "请升级支部工作台后再打开。")
        if self.status == UNREADABLE:
            return f"无法读取数据库文件：\n{self.path}\n\n原因：{self.detail}"
        return ""


def check_database(path: Path) -> CheckResult:
    """PRAGMA quick_check on a read-only connection, plus the schema version."""
    from ..models.migrations import LATEST

    path = Path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return CheckResult(path, NEW, 0)
        with path.open("rb") as handle:
            header = handle.read(len(HEADER))
    except FileNotFoundError:
        return CheckResult(path, NEW, 0)
    except OSError as exc:
        return CheckResult(path, UNREADABLE, detail=exc.strerror or str(exc))
    if header != HEADER:
        return CheckResult(path, NOT_SQLITE, detail="文件头不是 SQLite 格式")
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        return CheckResult(path, UNREADABLE, detail=str(exc))
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(20)").fetchall()]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return CheckResult(path, DAMAGED, detail=str(exc))
    finally:
        conn.close()
    if rows != ["ok"]:
        return CheckResult(path, DAMAGED, version, "；".join(rows[:5]))
    if version > LATEST:
        return CheckResult(path, TOO_NEW, version)
    return CheckResult(path, OK, version)


def is_branch_desk_file(path: Path) -> bool:
    """A healthy SQLite file with our roster table: worth restoring from."""
    result = check_database(path)
    if result.status != OK or not result.version:
        return False
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return {"member", "team"} <= tables


def newest_good_backup(folders: list[Path]) -> BackupInfo | None:
    """The newest backup in *folders* that passes the check; damaged ones are skipped."""
    found: list[BackupInfo] = []
    for folder in folders:
        if Path(folder).is_dir():
            found.extend(list_backups(folder))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return next((b for b in found if is_branch_desk_file(b.path)), None)


def describe_backup(backup: BackupInfo) -> str:
    """'2026-11-22 20:30（定时）'"""
    return f"{backup.taken_at:%Y-%m-%d %H:%M}（{reason_label(backup.reason)}）"
