"""Online backups of the open database with SQLite's backup API, verified after writing."""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase


class BackupError(Exception):
    """A backup could not be written or did not verify."""


def timestamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def integrity_ok(path: Path) -> bool:
    """True when SQLite's quick_check finds nothing wrong with the file at *path*."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        return row is not None and row[0] == "ok"
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def backup_to(database: SqliteDatabase, target: Path) -> Path:
    """Copy the live database to *target* page by page (safe while WAL is active)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(partial))
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
    if os.name == "posix":
        partial.chmod(0o600)
    partial.replace(target)
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
        taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        found.append(BackupInfo(path, taken, match.group(2), path.stat().st_size))
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
    from .paths import backup_dir_for

    database = db.obj
    if database is None or database.database in ("", ":memory:"):
        return None
    folder = backup_dir_for(Path(database.database))
    target = backup_into_dir(database, folder, reason)
    prune_backups(folder)
    return target
