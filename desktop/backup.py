"""Online backups of the open database with SQLite's backup API, verified after writing."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
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
