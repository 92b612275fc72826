"""Opening the database safely: lock first, check read-only, then connect and migrate.

The app and the writing CLI commands use open_for_writing(); read-only commands (report,
export, backup, check) use open_for_reading(), which never takes the one-writer lock, never
creates, migrates or chmods anything, and works on a read-only file or medium. Only a file
at an older schema is brought up to date first, when nobody holds it and it can be written.
"""
from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from ..errors import UserError
from ..models import connect
from ..models.db import connect_readonly
from ..models.migrations import LATEST, SchemaTooNew, migrate
from .config import backup_folder, default_backup_folder
from .integrity import OK, TOO_NEW, UNREADABLE, CheckResult, check_database
from .errors import IS_FOLDER, NOT_FOUND, READ_ONLY, StorageFault, is_read_only_file, message_for
from .lock import DatabaseLock, hold, is_locked
from .permissions import prepare_database_file, private_folder, secure_database_files


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


def open_checked(db_path: Path) -> SqliteDatabase:
    """Check, then connect and migrate; the caller holds the lock."""
    db_path = Path(db_path)
    refuse_unusable(db_path, write=True)
    _raise_for(check_database(db_path))
    prepare_database_file(db_path)
    database = connect(db_path)
    secure_database_files(db_path)
    default = default_backup_folder(db_path)
    if default.exists():
        private_folder(default, always=True)  # ours, even if an old version made it 755
    folder = backup_folder(db_path)
    try:
        private_folder(folder)
    except OSError:  # the chosen USB stick is not plugged in: upgrade backups go beside the file
        folder = default
    migrate(database, folder)
    secure_database_files(db_path)
    return database


def open_for_writing(db_path: Path, holder: str = "支部工作台命令行") -> SqliteDatabase:
    """Hold the lock for the rest of the process, then open; DatabaseBusy if taken.
    *holder* is what a refused writer is told holds the file."""
    refuse_unusable(db_path, write=True)
    hold(db_path, holder)
    return open_checked(db_path)


def open_for_reading(db_path: Path) -> SqliteDatabase:
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
    return connect_readonly(db_path)


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
        open_checked(db_path)
    finally:
        from ..models import close

        close()
        lock.release()
