"""Is this file a healthy Branch Desk database? Checked read-only, before anything writes.

A damaged file must not be written to: SQLite would try to make sense of it, and what
is still readable could be lost. So the check opens it with mode=ro and never migrates.

At start the check of a large file takes a few hundred milliseconds, so the app begins it
in a thread (prefetch) once its window is painted, polls pending() so the window keeps
drawing, and imports what the first page needs meanwhile. The start-up's checks (the
claim's, then the door's) reuse that answer while the file is provably unchanged:
same inode, size and modification time of the file and its write-ahead log as before the
check began, and a few seconds old at most. Only a prefetched OK answer is ever reused.

Nothing here imports peewee or the backup module at load (the app imports this module
before its window shows), and the prefetch thread must not import at all.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .connection import read_file, readonly_uri  # noqa: F401 - readonly_uri: where callers found it

if TYPE_CHECKING:
    from .backup import BackupInfo

HEADER = b"SQLite format 3\x00"

OK = "ok"
NEW = "new"              # missing or empty: created on first open
NOT_SQLITE = "not_sqlite"
DAMAGED = "damaged"
TOO_NEW = "too_new"
UNREADABLE = "unreadable"  # permissions, a locked file: not damaged, just not ours to read now


class CheckResult(NamedTuple):  # not a dataclass: dataclasses cost ~3 ms on the way to the window
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


REUSE_SECONDS = 5.0  # how long an unchanged file's OK answer stands in for a new check

Signature = tuple  # (inode, size, mtime_ns) of the file and of its -wal, None where missing


def _signature(path: Path) -> Signature:
    parts: list[tuple[int, int, int] | None] = []
    for name in (path.name, path.name + "-wal"):
        try:
            stat = path.with_name(name).stat()
        except OSError:
            parts.append(None)
        else:
            parts.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(parts)


class _Answers:
    """Checks begun early (prefetch), and their OK answers for a few seconds after."""

    def __init__(self) -> None:
        self.guard = threading.Lock()
        self.running: dict[Path, threading.Thread] = {}
        self.known: dict[Path, tuple[Signature, float, CheckResult]] = {}

    def remember(self, key: Path, signature: Signature, result: CheckResult) -> None:
        if result.status == OK:  # only a healthy answer is ever reused
            with self.guard:
                self.known[key] = (signature, time.monotonic(), result)

    def reusable(self, key: Path) -> CheckResult | None:
        with self.guard:
            thread = self.running.get(key)
        if thread is not None:
            thread.join()
        with self.guard:
            self.running.pop(key, None)
            known = self.known.get(key)
        if known is None:
            return None
        signature, at, result = known
        if time.monotonic() - at > REUSE_SECONDS or _signature(key) != signature:
            with self.guard:
                self.known.pop(key, None)
            return None
        return result


_answers = _Answers()


def _key(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def prefetch(path: Path) -> None:
    """Begin check_database(path) in a thread; the next check of the same file waits for it
    and uses its answer if the file has not changed since the check began. Does nothing
    while an earlier prefetch of the file is unused."""
    key = _key(path)
    with _answers.guard:
        if key in _answers.running:
            return

    def work() -> None:
        # Only sqlite3 work here: importing in this thread while the main thread imports
        # can meet half-initialised modules. The version is judged in check_database.
        signature = _signature(key)
        _answers.remember(key, signature, _check(key, latest=None))

    thread = threading.Thread(target=work, name="integrity-prefetch", daemon=True)
    with _answers.guard:
        _answers.running[key] = thread
    thread.start()


def pending(path: Path) -> bool:
    """True while a prefetched check of *path* is still running (the window polls this
    instead of blocking in check_database)."""
    with _answers.guard:
        thread = _answers.running.get(_key(path))
    return thread is not None and thread.is_alive()


def check_database(path: Path) -> CheckResult:
    """PRAGMA quick_check on a read-only connection, plus the schema version.

    A prefetched OK answer for the unchanged file is reused (see the module docstring);
    anything else is checked afresh."""
    from ..models.migrations import LATEST

    path = Path(path)
    known = _answers.reusable(_key(path))
    if known is not None:
        if known.version is not None and known.version > LATEST:
            return CheckResult(path, TOO_NEW, known.version)
        return known._replace(path=path)
    return _check(path, LATEST)


def _check(path: Path, latest: int | None) -> CheckResult:
    """The check itself; a version above *latest* is TOO_NEW (never, when latest is None)."""
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
        conn = read_file(path)
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
    if latest is not None and version > latest:
        return CheckResult(path, TOO_NEW, version)
    return CheckResult(path, OK, version)


def is_branch_desk_file(path: Path) -> bool:
    """A healthy Branch Desk database of a known schema, complete: worth restoring from."""
    from .identity import identity_or_none

    return identity_or_none(path) is not None


def newest_good_backup(folders: list[Path]) -> BackupInfo | None:
    """The newest backup in *folders* that passes the check; damaged ones are skipped."""
    from .backup import list_backups

    found: list[BackupInfo] = []
    for folder in folders:
        if Path(folder).is_dir():
            found.extend(list_backups(folder))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return next((b for b in found if is_branch_desk_file(b.path)), None)


def describe_backup(backup: BackupInfo) -> str:
    """'2026-11-22 20:30（定时）'"""
    from .backup import reason_label

    return f"{backup.taken_at:%Y-%m-%d %H:%M}（{reason_label(backup.reason)}）"
