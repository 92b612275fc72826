"""Online backups of the open database with SQLite's backup API, verified after writing.

A backup's file name says whose it is: 'branch-desk-第一临时党支部-1a2b3c4d-20261205-091500-123456-auto.sqlite3'
(a short branch name, the first 8 characters of Branch.uid, the time, the reason), so two
databases sharing a folder never mix. Lists still ask each file for its identity (see
BackupInfo.uid); files named before identities existed have neither part.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from ..errors import UserError
from .connection import read_file, write_file
from .permissions import private_file, private_folder

# Why a backup was taken, as its file name says it, and as the secretary reads it.
REASON_LABELS = {
    "startup": "启动时",
    "auto": "定时",
    "pre-import": "导入前",
    "pre-restore": "恢复前",
    "pre-rota": "排班前",
    "manual": "手动",
}


class BackupError(UserError):
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
        conn = read_file(path)
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


PARTIAL_SUFFIXES = (".part", ".part-journal")
PARTIAL_AGE = dt.timedelta(minutes=10)  # younger: perhaps another program's backup still copying


def clean_partial_backups(folder: Path, now: dt.datetime | None = None) -> list[Path]:
    """Remove what interrupted backups left in *folder* ('*.sqlite3.part', '*.part-journal'),
    leaving alone any touched in the last few minutes (a backup may be copying right now)."""
    now = now or dt.datetime.now()
    removed: list[Path] = []
    try:
        candidates = [p for p in Path(folder).glob("*.sqlite3.part*") if p.name.endswith(PARTIAL_SUFFIXES)]
    except OSError:
        return removed
    for path in candidates:
        try:
            touched = dt.datetime.fromtimestamp(path.stat().st_mtime)
            if now - touched >= PARTIAL_AGE:
                path.unlink()
                removed.append(path)
        except OSError:  # gone meanwhile, or not ours to remove
            continue
    return removed


# Unquoted on purpose: SQLite reads a quoted column that does not exist ("uid" before
# schema v10) as a string literal instead of failing.
_IDENTITY_SQL = "SELECT uid, name FROM branch ORDER BY id LIMIT 1"


def branch_identity(database: SqliteDatabase) -> tuple[str, str]:
    """(uid, branch name) of the open database; ('', '') before schema v10 or when unreadable."""
    try:
        row = database.execute_sql(_IDENTITY_SQL).fetchone()
    except Exception:  # noqa: BLE001 - pre-v10 file, or a connection that cannot read yet
        return "", ""
    return (str(row[0] or ""), str(row[1] or "").strip()) if row else ("", "")


_UNSAFE = re.compile(r'[\\/:*?"<>|\s.\x00-\x1f]+')


def short_name(branch_name: str, limit: int = 12) -> str:
    """A file-name-safe short form of the branch name: '朝阳里社区临时党支部' -> '朝阳里社区临时党支部'."""
    return _UNSAFE.sub("", branch_name)[:limit]


def backup_name(uid: str, branch_name: str, reason: str, stamp: str | None = None) -> str:
    stamp = stamp or timestamp()
    if not uid:
        return f"branch-desk-{stamp}-{reason}.sqlite3"
    slug = short_name(branch_name)
    return f"branch-desk-{slug + '-' if slug else ''}{uid[:8]}-{stamp}-{reason}.sqlite3"


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
        dest = write_file(partial)
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
    """A timestamped backup in *folder*, named after whose it is and why it was taken."""
    uid, name = branch_identity(database)
    return backup_to(database, Path(folder) / backup_name(uid, name, reason))


def backup_first_into(database: SqliteDatabase, folder: Path) -> Callable[[str], Path]:
    """The "back up first" step migrations call before touching an old file."""
    return lambda reason: backup_into_dir(database, folder, reason)


_NAME = re.compile(r"^branch-desk-(?:(?P<slug>.*)-)?(?P<uid>[0-9a-f]{8})-(?P<at>\d{8}-\d{6})-\d{6}-"
                   r"(?P<reason>[a-z][a-z0-9-]*)\.sqlite3$")
_OLD_NAME = re.compile(r"^branch-desk-(?P<at>\d{8}-\d{6})(?:-\d{6})?-(?P<reason>.+)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    uid8: str = ""  # from the name: groups backups for pruning; lists read the file itself


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in *folder*, newest first (files not named by us are left alone), of every
    database that keeps them there; backups_of() keeps one database's."""
    found = []
    try:
        paths = list(Path(folder).glob("branch-desk-*.sqlite3"))
    except OSError:
        return []
    for path in paths:
        match = _NAME.match(path.name) or _OLD_NAME.match(path.name)
        if not match:
            continue
        try:
            taken = dt.datetime.strptime(match.group("at"), "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):  # an impossible date, or deleted meanwhile
            continue
        uid8 = match.groupdict().get("uid") or ""
        found.append(BackupInfo(path, taken, match.group("reason"), size, uid8))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


_uid_memo: dict[tuple[str, int, int], tuple[str, str]] = {}


def stored_identity(path: Path) -> tuple[str, str]:
    """(uid, branch name) read from the backup file itself, read-only; ('', '') when it has none."""
    try:
        stat = path.stat()
    except OSError:
        return "", ""
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _uid_memo:
        try:
            conn = read_file(path)
        except sqlite3.Error:
            return "", ""
        try:
            row = conn.execute(_IDENTITY_SQL).fetchone()
            _uid_memo[key] = (str(row[0] or ""), str(row[1] or "").strip()) if row else ("", "")
        except sqlite3.Error:
            _uid_memo[key] = ("", "")
        finally:
            conn.close()
    return _uid_memo[key]


def backups_of(folders: list[Path], uid: str, branch_name: str = "") -> list[BackupInfo]:
    """The backups of the database whose Branch.uid is *uid*, by the identity stored in each
    file (not by folder or name). A backup made before identities existed (no uid in it) is
    counted when its branch name is *branch_name*: the best that can be known of it."""
    found: dict[Path, BackupInfo] = {}
    for folder in folders:
        for backup in list_backups(folder):
            if backup.uid8 and uid and not uid.startswith(backup.uid8):
                continue  # the name says another database: no need to open it
            stored_uid, stored_name = stored_identity(backup.path)
            if (stored_uid and stored_uid == uid) or (not stored_uid and stored_name == branch_name):
                found.setdefault(backup.path.resolve(), backup)
    return sorted(found.values(), key=lambda b: (b.taken_at, b.path.name), reverse=True)


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
    """Delete backups outside the rotating set, kept per database (by the identity in the
    name: one database's backups never push out another's); return what was deleted."""
    backups = list_backups(folder)
    keep: set[Path] = set()
    for uid8 in {b.uid8 for b in backups}:
        keep |= backups_to_keep([b for b in backups if b.uid8 == uid8], now=now)
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
    from ..models import db
    from .config import backup_folder

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
