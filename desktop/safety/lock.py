"""One writer per database: an OS lock on '<db>.lock', held while the process runs.

The operating system drops the lock when the process ends, however it ends, so a
crash never leaves a stale lock behind. Taken before the database is opened.
"""
from __future__ import annotations

import os
from pathlib import Path

from .permissions import FILE_MODE, private_file, private_folder


class DatabaseBusy(Exception):
    """Another Branch Desk window or command is using the database."""


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def busy_message(db_path: Path) -> str:
    return (
        f"数据库正在被另一个支部工作台窗口或命令使用：\n{db_path}\n\n"
        "为防止数据互相覆盖，同一时间只能有一个程序修改它。"
        "请先关闭另一个窗口，或等导入、恢复等操作完成后再试。"
    )


if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # BlockingIOError when held elsewhere
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class DatabaseLock:
    """DatabaseLock(db_path).acquire() or raise DatabaseBusy; release() when done.

    Two locks on the same file conflict even inside one process (each opens its own
    file handle), which is what lets tests play the second process in-process.
    """

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> "DatabaseLock":
        if self._fd is not None:
            return self
        private_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseBusy(busy_message(self.db_path))
        private_file(self.path)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)  # the lock file stays: deleting it would race the next locker

    def __enter__(self) -> "DatabaseLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def is_locked(db_path: Path) -> bool:
    """True when some process (this one included) holds the database's lock."""
    probe = DatabaseLock(db_path)
    if not probe.path.exists():
        return False
    try:
        probe.acquire()
    except DatabaseBusy:
        return True
    probe.release()
    return False


# Locks a command holds until the process ends (the CLI releases them in main()).
_held: dict[Path, DatabaseLock] = {}


def hold(db_path: Path) -> DatabaseLock:
    """Acquire the lock for the rest of the process (idempotent); DatabaseBusy if taken."""
    key = Path(db_path).resolve()
    lock = _held.get(key)
    if lock is None:
        lock = DatabaseLock(key).acquire()
        _held[key] = lock
    return lock


def release_all() -> None:
    while _held:
        _, lock = _held.popitem()
        lock.release()
