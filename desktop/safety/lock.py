"""One writer per database: an OS lock on '<db>.lock', held while the process runs.

The operating system drops the lock when the process ends, however it ends, so a
crash never leaves a stale lock behind. Taken before the database is opened, and only
by programs that write: reports, exports, backups and checks read without it.

The holder writes who it is into the lock file (which program, its process id and when
it started), so a refused writer can say what to close instead of guessing.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from ..errors import UserError
from .permissions import FILE_MODE, private_file, private_folder


class DatabaseBusy(UserError):
    """Another Branch Desk window or command is using the database."""


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


APP_WINDOW = "支部工作台窗口"
# Where the byte we lock sits: past the holder's note, which Windows would otherwise hide
# from the very process that wants to read who holds the file.
LOCK_OFFSET = 1 << 16


def read_holder(db_path: Path) -> dict:
    """{'holder', 'pid', 'started'} as the current holder wrote them; {} when unknown."""
    try:
        with open(lock_path(db_path), "rb") as handle:
            data = json.loads(handle.read(4096).rstrip(b"\0").decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_holder(info: dict) -> str:
    """'支部工作台窗口（进程 4242，12月5日 09:12 起）', or '' when nothing is known."""
    holder = info.get("holder")
    if not isinstance(holder, str) or not holder:
        return ""
    facts = []
    if isinstance(info.get("pid"), int):
        facts.append(f"进程 {info['pid']}")
    try:
        started = dt.datetime.fromisoformat(str(info.get("started")))
        facts.append(f"{started.month}月{started.day}日 {started:%H:%M} 起")
    except ValueError:
        pass
    return holder + (f"（{'，'.join(facts)}）" if facts else "")


def busy_message(db_path: Path) -> str:
    who = describe_holder(read_holder(db_path))
    if who.startswith(APP_WINDOW):
        advice = "请切换到已打开的支部工作台窗口操作，或先关闭它再试。"
    elif who:
        advice = "请等这个命令完成后再试。"
    else:
        advice = "请先关闭另一个窗口，或等导入、恢复等操作完成后再试。"
    return (
        f"数据库正在被{who or '另一个支部工作台窗口或命令'}修改：\n{db_path}\n\n"
        f"为防止数据互相覆盖，同一时间只能有一个程序修改它。{advice}"
        "（生成报表、导出、备份和检查不受影响，随时可以进行。）"
    )


if sys.platform == "win32":  # (not os.name: mypy follows sys.platform to msvcrt)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)
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
    """DatabaseLock(db_path, holder).acquire() or raise DatabaseBusy; release() when done.

    *holder* names the program for a refused writer ("支部工作台窗口", "命令行导入花名册").
    Two locks on the same file conflict even inside one process (each opens its own
    file handle), which is what lets tests play the second process in-process.
    """

    def __init__(self, db_path: Path, holder: str = APP_WINDOW):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.holder = holder
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DatabaseLock:
        if self._fd is not None:
            return self
        private_folder(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseBusy(busy_message(self.db_path))
        private_file(self.path)
        self._fd = fd
        self._write_holder(fd)
        return self

    def _write_holder(self, fd: int) -> None:
        note = json.dumps({"holder": self.holder, "pid": os.getpid(),
                           "started": dt.datetime.now().isoformat(timespec="seconds")}, ensure_ascii=False)
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, note.encode("utf-8"))
        except OSError:  # the note is a courtesy; the lock itself is what protects the file
            pass

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)  # the lock file stays: deleting it would race the next locker

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def is_locked(db_path: Path) -> bool:
    """True when some process (this one included) holds the database's lock."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDONLY if os.name != "nt" else os.O_RDWR)
    except OSError:  # no lock file (or none we may open): nobody has held it
        return False
    try:
        if not _try_lock(fd):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)


# Locks a command holds until the process ends (the CLI releases them in main()).
_held: dict[Path, DatabaseLock] = {}


def hold(db_path: Path, holder: str = "支部工作台命令行") -> DatabaseLock:
    """Acquire the lock for the rest of the process (idempotent); DatabaseBusy if taken."""
    key = Path(db_path).resolve()
    lock = _held.get(key)
    if lock is None:
        lock = DatabaseLock(key, holder).acquire()
        _held[key] = lock
    return lock


def release_all() -> None:
    while _held:
        _, lock = _held.popitem()
        lock.release()
