"""The one door to the database: open_database(location, mode) for the app, the command
line, the report child, the bench and the tests.

Three modes, said out loud by the caller:
- Mode.WRITE: the one writer. Checked read-only first (never write into a damaged file),
  born private, migrated to the latest schema with a backup first. With *holder* the door
  takes the one-writer lock for the rest of the process (the CLI); without, the caller
  answers for it (the app claims the lock at start; tests and the bench own their files).
- Mode.READ: read-only alongside the running app (report, export, backup, check): no lock,
  nothing created, migrated or chmod-ed, works on a read-only file or medium. Only a file
  at an older schema is brought up to date first, when nobody holds it and it can be written.
- Mode.SNAPSHOT: read-only, exactly as it is: never upgraded, no integrity scan (the report
  child, which the app starts on a file it has just opened).

The location is a path, ':memory:', or a URL; only SQLite files open for now (the hub will
open postgresql:// locations through this same door). What opened comes back as an
OpenDatabase: the database, its path and its backup policy, handed on to whoever needs them
instead of being read back from the models' global proxy.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from peewee import SqliteDatabase

from ..errors import UserError
from ..models.migrations import LATEST, SchemaTooNew, migrate, schema_version
from ..paths import MEMORY, parse_location
from .backup import backup_first_into, backup_into_dir
from .config import backup_folder, default_backup_folder
from .connection import bind, bind_readonly
from .errors import (
    IS_FOLDER,
    NOT_FOUND,
    READ_ONLY,
    StorageFault,
    UnsupportedLocation,
    is_read_only_file,
    message_for,
)
from .integrity import OK, TOO_NEW, UNREADABLE, CheckResult, check_database
from .lock import DatabaseLock, hold, is_locked
from .permissions import prepare_database_file, private_folder, secure_database_files


class Mode(Enum):
    WRITE = "write"        # the one writer (see the module docstring)
    READ = "read"          # read-only alongside the running app
    SNAPSHOT = "snapshot"  # read-only, as it is, never upgraded


@dataclass(frozen=True)
class OpenDatabase:
    """What the door opened, handed to whoever works on it.

    *backup_folder* is the backup policy: where "back up first" copies go before a risky
    step (None: read-only or in memory, nothing to back up)."""

    database: SqliteDatabase
    path: Path | None
    mode: Mode
    backup_folder: Path | None = None

    @property
    def writable(self) -> bool:
        return self.mode is Mode.WRITE

    def backup_first(self, reason: str) -> Path | None:
        """A backup of the open database into the policy's folder before a risky step."""
        if self.backup_folder is None:
            return None
        return backup_into_dir(self.database, self.backup_folder, reason)


class SnapshotOutOfDate(StorageFault):
    """A snapshot met a schema other than this program's: the app must open it first."""


def open_database(location: str | os.PathLike[str], mode: Mode = Mode.WRITE, *, holder: str | None = None,
                  checked: bool = True) -> OpenDatabase:
    """Open the database at *location* in *mode* and bind the models to it.

    *holder* (WRITE only): take the one-writer lock for the rest of the process, naming the
    holder to anyone refused; DatabaseBusy if another program has it. *checked=False*
    (WRITE only, for files this process made itself: the bench, the tests): no integrity
    scan, no permission tightening, upgrade backups beside the file."""
    path = parse_location(location)
    if mode is Mode.WRITE:
        if path is None:
            database = bind(MEMORY)
            migrate(database, None)
            return OpenDatabase(database, None, mode)
        if holder is not None:
            refuse_unusable(path, write=True)
            hold(path, holder)
        if not checked:
            database = bind(path)
            folder = default_backup_folder(path)
            migrate(database, backup_first_into(database, folder))
            return OpenDatabase(database, path, mode, folder)
        return _open_checked(path)
    if path is None:
        raise UnsupportedLocation("只读打开需要一个数据库文件，不能是内存数据库。")
    if mode is Mode.READ:
        return _open_for_reading(path)
    return _open_snapshot(path)


class DatabaseDamaged(UserError):
    """The file failed the integrity check; carries the CheckResult."""

    def __init__(self, result: CheckResult):
        super().__init__(result.message())
        self.result = result


class NeedsUpgrade(UserError):
    """A read-only command met a file that needs migrating while the app holds it."""


def _raise_for(result: CheckResult) -> None:
    if result.status == TOO_NEW:
        raise SchemaTooNew(result.message())
    if result.status == UNREADABLE or result.damaged:
        raise DatabaseDamaged(result)


def refuse_unusable(db_path: Path, write: bool) -> None:
    """StorageFault in plain Chinese for a path that cannot be this command's database."""
    db_path = Path(db_path)
    if db_path.is_dir():
        raise StorageFault(message_for(IS_FOLDER, db_path))
    if not write and not db_path.is_file():
        raise StorageFault(f"找不到数据库文件：{db_path}\n请用 --db 指定数据库文件，或先打开支部工作台创建它。")
    if write and not db_path.parent.is_dir() and db_path.parent.exists():
        raise StorageFault(message_for(NOT_FOUND, db_path.parent))
    if write and is_read_only_file(db_path):
        raise StorageFault(message_for(READ_ONLY, db_path))


def _open_checked(db_path: Path) -> OpenDatabase:
    """Check, then connect and migrate; the caller holds the lock."""
    db_path = Path(db_path)
    refuse_unusable(db_path, write=True)
    _raise_for(check_database(db_path))
    prepare_database_file(db_path)
    database = bind(db_path)
    secure_database_files(db_path)
    default = default_backup_folder(db_path)
    if default.exists():
        private_folder(default, always=True)  # ours, even if an old version made it 755
    folder = backup_folder(db_path)
    try:
        private_folder(folder)
    except OSError:  # the chosen USB stick is not plugged in: upgrade backups go beside the file
        folder = default
    migrate(database, backup_first_into(database, folder))
    secure_database_files(db_path)
    return OpenDatabase(database, db_path, Mode.WRITE, folder)


def _open_for_reading(db_path: Path) -> OpenDatabase:
    """Open for a command that only reads, without the lock: the app and imports may write
    meanwhile (WAL lets them). Nothing is created or changed beside the file."""
    db_path = Path(db_path)
    refuse_unusable(db_path, write=False)
    result = check_database(db_path)
    _raise_for(result)
    if result.status != OK:  # an empty file: nothing to read yet
        raise StorageFault(f"数据库文件是空的：{db_path}\n请先打开支部工作台，或用 branch-desk demo 创建示例数据库。")
    if result.version < LATEST:
        _upgrade_first(db_path, result.version)
    return OpenDatabase(bind_readonly(db_path), db_path, Mode.READ)


def _open_snapshot(db_path: Path) -> OpenDatabase:
    """Read the file as it is; SnapshotOutOfDate unless it is at this program's schema."""
    db_path = Path(db_path)
    refuse_unusable(db_path, write=False)
    database = bind_readonly(db_path)
    version = schema_version(database)
    if version != LATEST:
        database.close()
        raise SnapshotOutOfDate(f"数据库的数据结构版本（{version}）与本程序（{LATEST}）不一致，请先用支部工作台打开它一次。")
    return OpenDatabase(database, db_path, Mode.SNAPSHOT)


def _upgrade_first(db_path: Path, version: int) -> None:
    """An older file cannot be read by today's models: upgrade it (backed up first) when
    nobody holds it and it may be written, holding the lock only for the upgrade."""
    if is_locked(db_path) or is_read_only_file(db_path) or is_read_only_file(db_path.parent):
        raise NeedsUpgrade(
            f"数据库需要升级到新的数据结构（{version} → {LATEST}）才能读取，但现在不能升级："
            "它正被支部工作台使用，或文件是只读的。请先用支部工作台打开它一次（升级会先自动备份），再运行这个命令。"
        )
    lock = DatabaseLock(db_path, "支部工作台命令行（升级数据结构）").acquire()
    try:
        _open_checked(db_path)
    finally:
        from ..models.db import close

        close()
        lock.release()
