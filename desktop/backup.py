"""Online backups of the open database with SQLite's backup API, verified after writing."""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from .safety.integrity import readonly_uri  # noqa: F401 - kept with the check; used here too
from .safety.permissions import private_file, private_folder

# Why a backup was taken, as its file name says it, and as the secretary reads it.
REASON_LABELS = {
    "startup": "启动时",
    "auto": "定时",
    "pre-import": "导入前",
    "pre-restore": "恢复前",
    "pre-rota": "排班前",
    "manual": "手动",
}


class BackupError(Exception):
    """A backup could not be written or did not verify."""


def reason_label(reason: str) -> str:
    """'auto' -> '定时'; migrations name theirs 'pre-v4' -> '升级前'."""
    if reason.startswith("pre-v") and reason[5:].isdigit():
        return "升级前"
    return REASON_LABELS.get(reason, reason)


def timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def integrity_ok(path: Path) -> bool:
    """True when SQLite's quick_check finds nothing wrong with the file at *path*."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        return row is not None and row[0] == "ok"
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _live_files(database: SqliteDatabase) -> set[Path]:
    """The database file and its companions: never a backup target."""
    if database.database in ("", ":memory:"):
        return set()
    live = Path(database.database).resolve()
    return {live.with_name(live.name + s) for s in ("", "-wal", "-shm", "-journal", ".lock")}


def backup_to(database: SqliteDatabase, target: Path) -> Path:
    """Copy the live database to *target* page by page (safe while WAL is active)."""
    target = Path(target)
    if target.resolve() in _live_files(database):
        raise BackupError("不能把备份写到数据库文件本身（或它旁边的日志文件）上，请换一个文件名。")
    if target.is_dir():
        raise BackupError(f"{target} 是一个文件夹，请指定备份文件的文件名。")
    partial = target.with_name(target.name + ".part")
    try:
        private_folder(target.parent)
        partial.unlink(missing_ok=True)  # left by a crash mid-backup
        # Born 600: the copy holds ID numbers and phones just like the original.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        dest = sqlite3.connect(str(partial))
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"无法在此位置写入备份：{target.parent}（{getattr(exc, 'strerror', None) or exc}）") from exc
    try:
        database.connection().backup(dest)
        # A backup is a standalone file: no WAL beside it to lose.
        dest.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        dest.close()
        partial.unlink(missing_ok=True)
        raise BackupError(f"备份失败：{exc}") from exc
    dest.close()
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise BackupError("备份文件校验未通过，已丢弃。")
    private_file(partial)
    try:
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"无法写入备份文件：{target}（{exc.strerror or exc}）") from exc
    return target


def backup_into_dir(database: SqliteDatabase, folder: Path, reason: str) -> Path:
    """A timestamped backup in *folder*, named after why it was taken."""
    return backup_to(database, Path(folder) / f"branch-desk-{timestamp()}-{reason}.sqlite3")


_NAME = re.compile(r"^branch-desk-(\d{8}-\d{6})(?:-\d{6})?-(.+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in *folder*, newest first (files not named by us are left alone)."""
    found = []
    for path in Path(folder).glob("branch-desk-*.sqlite3"):
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):  # an impossible date, or deleted meanwhile
            continue
        found.append(BackupInfo(path, taken, match.group(2), size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def backups_to_keep(
    backups: list[BackupInfo], keep_last: int = 10, daily_days: int = 14, monthly_months: int = 12,
    now: dt.datetime | None = None,
) -> set[Path]:
    """The rotating set: the newest *keep_last*, the newest of each day for *daily_days*
    days, and the newest of each month for *monthly_months* months."""
    now = now or dt.datetime.now()
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in ordered[:keep_last]}
    days_seen: set[dt.date] = set()
    months_seen: set[tuple[int, int]] = set()
    for backup in ordered:
        day = backup.taken_at.date()
        if (now.date() - day).days < daily_days and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
        month = (day.year, day.month)
        months_back = (now.year - day.year) * 12 + now.month - day.month
        if months_back < monthly_months and month not in months_seen:
            months_seen.add(month)
            keep.add(backup.path)
    return keep


def prune_backups(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete backups outside the rotating set; return what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now=now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def safety_backup(reason: str) -> Path | None:
    """Back up the open database beside it before a risky step (import, restore).

    Returns None for an in-memory database; raises BackupError if the copy fails,
    so the risky step does not go ahead without it."""
    from .models import db
    from .safety.config import backup_folder

    database = db.obj
    if database is None or database.database in ("", ":memory:"):
        return None
    if database.in_transaction():
        # Inside a caller's transaction (e.g. the demo) the whole step is atomic already,
        # and an online backup from this connection would wait on its own write lock.
        return None
    folder = backup_folder(Path(database.database))
    target = backup_into_dir(database, folder, reason)
    prune_backups(folder)
    return target
