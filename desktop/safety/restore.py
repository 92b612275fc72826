"""Bringing a backup back: into the open database, or over a damaged file at start-up.

Both verify the backup first. Into the open database, the current state is backed up,
then SQLite's backup API copies the file in one write transaction (all or nothing).
Over a damaged file, the backup goes to a new file that is then swapped in; the
damaged file is kept, renamed, for the record.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from ..errors import UserError
from .backup import backup_first_into, backup_into_dir, branch_identity, integrity_ok, prune_backups
from .connection import read_file, write_file
from .identity import RECORD_TABLES, Identity, NotOurDatabase, read_identity
from .integrity import TOO_NEW, check_database
from .permissions import private_file

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm", "-journal")


class RestoreError(UserError):
    """The backup cannot be used; the database was left as it was."""


class OtherBranch(RestoreError):
    """The backup belongs to another database and this one holds records: restoring needs
    an explicit choice (allow_other_branch=True). The message names both branches."""

    def __init__(self, message: str, backup: Identity, live_label: str):
        super().__init__(message)
        self.backup, self.live_label = backup, live_label


@dataclass
class RestoreResult:
    source: Path
    safety_copy: Path | None = None   # the state just before restoring
    damaged_kept: Path | None = None  # the damaged file, renamed


def verify_backup(source: Path) -> Identity:
    """The backup's identity, or RestoreError in plain Chinese unless *source* is a healthy
    Branch Desk database of a known schema version with every table and column it should have."""
    source = Path(source)
    if source.is_dir():
        raise RestoreError(f"这是一个文件夹，不是备份文件：{source}")
    if not source.is_file():
        raise RestoreError(f"找不到备份文件：{source}")
    result = check_database(source)
    if result.status == TOO_NEW:
        raise RestoreError(f"备份文件由更新版本的支部工作台创建，请升级后再恢复：{source}")
    try:
        return read_identity(source)
    except NotOurDatabase as exc:
        raise RestoreError(f"这个文件不能用来恢复，数据库保持原样：{source}\n原因：{exc}") from None


def live_records(database: SqliteDatabase) -> int:
    tables = set(database.get_tables())
    return sum(database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in RECORD_TABLES if t in tables)


def _label(uid: str, name: str) -> str:
    return Identity(Path(), 0, uid, name, 0).label


def other_branch_message(backup: Identity, live_label: str, records: int) -> str:
    return (f"这份备份属于另一个支部：“{backup.label}”。\n"
            f"当前打开的数据库属于“{live_label}”，其中已有 {records} 条记录。\n\n"
            f"恢复后，“{live_label}”的全部数据将被“{backup.label}”的数据替换"
            "（恢复前会先自动备份当前数据，需要时可以再恢复回来）。")


def check_same_branch(database: SqliteDatabase, backup: Identity) -> None:
    """OtherBranch unless *backup* is this database's, or this database holds no records yet
    (a new laptop: restoring any branch's backup into it is the point)."""
    uid, name = branch_identity(database)
    if not uid or backup.uid == uid:
        return
    if not backup.uid and backup.branch_name == name:
        return  # made before identities existed (schema < 10): the name is all there is to go by
    records = live_records(database)
    if records:
        label = _label(uid, name)
        raise OtherBranch(other_branch_message(backup, label, records), backup, label)


def restore_into(database: SqliteDatabase, source: Path, backup_folder: Path,
                 allow_other_branch: bool = False) -> RestoreResult:
    """Replace the open *database*'s content with the backup at *source*. A backup of another
    database over one holding records raises OtherBranch unless *allow_other_branch*."""
    from ..models.migrations import migrate

    source = Path(source)
    live = Path(database.database).resolve()
    if source.resolve() == live:
        raise RestoreError("不能用正在使用的数据库文件恢复它自己。")
    backup = verify_backup(source)
    if not allow_other_branch:
        check_same_branch(database, backup)
    if database.in_transaction():
        raise RestoreError("有尚未完成的保存操作，请稍后再试。")
    safety_copy = backup_into_dir(database, backup_folder, "pre-restore")
    try:
        src = read_file(source)
    except sqlite3.Error as exc:
        raise RestoreError(f"无法读取备份文件：{exc}") from exc
    try:
        _copy_into(src, database)
    except sqlite3.Error as exc:
        raise RestoreError(f"恢复失败，数据库保持原样：{exc}") from exc
    finally:
        src.close()
    migrate(database, backup_first_into(database, backup_folder))  # an older backup comes back at today's schema
    prune_backups(backup_folder)
    log.info("restored %s from %s", live, source)
    return RestoreResult(source, safety_copy=safety_copy)


def _copy_into(src: sqlite3.Connection, database: SqliteDatabase) -> None:
    """One step (-1 pages): a single write transaction, rolled back whole on failure."""
    try:
        src.backup(database.connection(), pages=-1)
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc):
            raise
        # A WAL database cannot take a copy with another page size: step out of WAL
        # for the copy (still one journaled transaction), then back in.
        database.execute_sql("PRAGMA journal_mode = DELETE")
        try:
            src.backup(database.connection(), pages=-1)
        finally:
            database.execute_sql("PRAGMA journal_mode = WAL")


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def restore_to_path(source: Path, db_path: Path) -> RestoreResult:
    """Put the backup at *source* in place of the (damaged or missing) file at *db_path*.

    Nothing is written into the old file: the copy is made beside it, verified, and
    swapped in; the old file and its -wal/-shm become '<name>.damaged-<time>[-wal]'.
    The database must not be open.
    """
    source, db_path = Path(source), Path(db_path)
    verify_backup(source)
    fresh = db_path.with_name(f"{db_path.name}.restoring-{_stamp()}")
    fresh.unlink(missing_ok=True)
    os.close(os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        src = read_file(source)
        dest = write_file(fresh)
        try:
            src.backup(dest, pages=-1)
        finally:
            dest.close()
            src.close()
        if not integrity_ok(fresh):
            raise RestoreError("恢复出的文件校验未通过，原文件未被改动。")
    except (sqlite3.Error, OSError, RestoreError) as exc:
        fresh.unlink(missing_ok=True)
        if isinstance(exc, RestoreError):
            raise
        raise RestoreError(f"恢复失败，原文件未被改动：{exc}") from exc
    private_file(fresh)

    kept = None
    if db_path.exists():
        kept = db_path.with_name(f"{db_path.name}.damaged-{_stamp()}")
        os.replace(db_path, kept)
    for suffix in SIDE_FILES:
        # A stale -wal beside the new file would be replayed into it.
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            if kept is not None:
                os.replace(side, kept.with_name(kept.name + suffix))
            else:
                side.unlink()
    os.replace(fresh, db_path)
    log.warning("replaced %s with backup %s; old file kept as %s", db_path, source, kept)
    return RestoreResult(source, damaged_kept=kept)
