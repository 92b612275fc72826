"""One answer to "what went wrong with the file?" for the CLI and the window alike.

SQLite and the operating system speak English ("database or disk is full", "Is a
directory"), and peewee re-raises SQLite's errors as its own OperationalError, which is
not a subclass of sqlite3's. fault_message() reads both, follows the chain to the original
error, and says in plain Chinese what happened and what to do; None when the exception is
not a storage fault (then it is a bug or a domain error with its own message).
as_user_error() brings such a fault into the family of desktop.errors.UserError.
"""
from __future__ import annotations

import errno
import os
import sqlite3
import sys
from pathlib import Path

from ..errors import UserError

FULL = "full"
LOCKED = "locked"
READ_ONLY = "read_only"
NO_PERMISSION = "no_permission"
IS_FOLDER = "is_folder"
NOT_FOUND = "not_found"
IO_ERROR = "io_error"
CANNOT_OPEN = "cannot_open"
NOT_A_DATABASE = "not_a_database"

class StorageFault(UserError):
    """A file fault found before trying (a folder given as the database, a read-only file):
    its message is the Chinese sentence to show."""


class UnsupportedLocation(StorageFault):
    """A database location this version cannot open (a server URL, an unknown scheme)."""


NOTHING_SAVED = "这次操作没有保存任何内容，原有数据不受影响。"


def _where(path: Path | str | None) -> str:
    return f"：{path}" if path else ""


def _text(kind: str, path: Path | str | None) -> str:
    where = _where(path)
    if kind == FULL:
        return (f"磁盘空间已满，无法写入{where}。{NOTHING_SAVED}"
                "请删除不需要的文件、清空回收站，或换一个空间足够的磁盘或 U 盘后再试。")
    if kind == LOCKED:
        return (f"数据库被其他程序占用，暂时无法写入{where}。{NOTHING_SAVED}"
                "可能是数据库查看工具、同步网盘或杀毒软件正打开着它：请关闭这些程序，稍等片刻后再试。")
    if kind == READ_ONLY:
        return (f"文件是只读的，无法写入{where}。{NOTHING_SAVED}"
                "请在文件属性中取消“只读”，或把文件复制到可以写入的文件夹（不要在光盘或写保护的 U 盘上直接修改）后再试。")
    if kind == NO_PERMISSION:
        return (f"没有权限访问{where}。{NOTHING_SAVED}"
                "请确认这个文件或文件夹属于当前登录的账户，或换一个位置后再试。")
    if kind == IS_FOLDER:
        return f"这是一个文件夹，不是文件{where}。请指定文件夹中的文件名，例如 {Path(path or '.') / 'branch-desk.sqlite3'}。"
    if kind == NOT_FOUND:
        return f"找不到文件或文件夹{where}。请检查路径是否写对，U 盘或网络盘是否已连接。"
    if kind == IO_ERROR:
        return (f"读写磁盘时出错{where}。{NOTHING_SAVED}"
                "可能是 U 盘被拔出、网络盘断开或磁盘有坏道：请检查连接后再试，并尽快备份。")
    if kind == NOT_A_DATABASE:
        return (f"这个文件不是支部工作台能读取的数据库，或已经损坏{where}。"
                "请确认选择的是支部工作台的数据库文件；若文件已损坏，请从备份恢复。")
    return (f"无法打开数据库文件{where}。请确认路径正确、所在文件夹存在且可以写入。")


_OS_KINDS = {
    code: kind for name, kind in (
        ("ENOSPC", FULL), ("EDQUOT", FULL), ("EFBIG", FULL), ("EROFS", READ_ONLY),
        ("EACCES", NO_PERMISSION), ("EPERM", NO_PERMISSION), ("EISDIR", IS_FOLDER),
        ("ENOENT", NOT_FOUND), ("ENOTDIR", NOT_FOUND), ("EIO", IO_ERROR),
    ) if (code := getattr(errno, name, None)) is not None  # EDQUOT is POSIX only
}

# sqlite3's primary result codes (sqlite3.SQLITE_* exist only from Python 3.11 on some builds).
_SQLITE_KINDS = {13: FULL, 5: LOCKED, 6: LOCKED, 8: READ_ONLY, 10: IO_ERROR, 14: CANNOT_OPEN, 23: NO_PERMISSION,
                 11: NOT_A_DATABASE, 26: NOT_A_DATABASE}

_SQLITE_WORDS = (  # the message when no code came with it (peewee copies only the args)
    ("database or disk is full", FULL), ("disk is full", FULL),
    ("database is locked", LOCKED), ("database table is locked", LOCKED), ("database schema is locked", LOCKED),
    ("readonly database", READ_ONLY), ("read-only", READ_ONLY),
    ("disk i/o error", IO_ERROR), ("unable to open database file", CANNOT_OPEN),
    ("authorization denied", NO_PERMISSION),
    ("file is not a database", NOT_A_DATABASE), ("database disk image is malformed", NOT_A_DATABASE),
)


def _chain(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _database_errors() -> tuple[type[BaseException], ...]:
    # peewee only when already loaded: the app's start imports this module before peewee.
    peewee = sys.modules.get("peewee")
    extra = (peewee.DatabaseError, peewee.InterfaceError) if peewee is not None else ()
    return (sqlite3.Error, *extra)


def fault_kind(exc: BaseException) -> str | None:
    """FULL, LOCKED, READ_ONLY, … for a storage fault anywhere in *exc*'s chain, else None."""
    database_errors = _database_errors()
    for link in _chain(exc):
        if isinstance(link, OSError) and link.errno in _OS_KINDS:
            return _OS_KINDS[link.errno]
        if isinstance(link, database_errors):
            code = getattr(link, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
                return _SQLITE_KINDS[code & 0xFF]
            text = str(link).lower()
            for words, kind in _SQLITE_WORDS:
                if words in text:
                    return kind
    return None


def fault_path(exc: BaseException) -> str | None:
    for link in _chain(exc):
        if isinstance(link, OSError) and link.filename:
            return str(link.filename)
    return None


def fault_message(exc: BaseException, path: Path | str | None = None) -> str | None:
    """The Chinese sentence for a storage fault (full disk, locked, read-only, a folder given
    for a file, …), naming *path* (or the file the OS named); None for anything else."""
    kind = fault_kind(exc)
    if kind is None:
        return None
    where = fault_path(exc) or path
    if kind == CANNOT_OPEN and path is not None and Path(path).is_dir():
        kind, where = IS_FOLDER, path
    return _text(kind, where)


def as_user_error(exc: BaseException, path: Path | str | None = None) -> UserError | None:
    """*exc* as a member of the family, or None for a bug.

    A UserError is itself, unless a storage fault lies under it (an ExportError caused by a
    full disk): the fault's sentence says more, which disk and what to do. One raised
    `from None` meant its own words to replace the cause, and keeps them. Any other storage
    fault or failure of the operating system becomes a StorageFault caused by *exc*: the file,
    the disk, the path are the user's to fix."""
    own_words = exc.__suppress_context__ and exc.__cause__ is None  # raised `from None`
    if isinstance(exc, UserError) and (isinstance(exc, StorageFault) or own_words):
        return exc
    message = fault_message(exc, path)
    if isinstance(exc, UserError) and message is None:
        return exc
    if message is None and isinstance(exc, OSError):
        message = (f"文件操作失败：{exc.filename or path or ''}（错误代码 {exc.errno}）。"
                   "请检查文件和文件夹是否可用后再试。")
    if message is None:
        return None
    fault = StorageFault(message)
    fault.__cause__ = exc
    return fault


def message_for(kind: str, path: Path | str | None = None) -> str:
    """The sentence for a fault found by looking rather than by failing (e.g. a 444 file)."""
    return _text(kind, path)


def is_read_only_file(path: Path) -> bool:
    """True when *path* exists and has no owner write bit, or this account cannot write it.
    Checked on the mode bits too: an administrator passes os.access on a 444 file, yet the
    user made it read-only on purpose."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return not mode & 0o200 or not os.access(path, os.W_OK)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def user_message(exc: BaseException, path: Path | str | None = None, fallback: str = "",
                 open_elsewhere: str = "") -> str:
    """What a dialog says about *exc*, always in Chinese: the storage fault's sentence (naming
    *path*, the file the user chose, rather than a temporary file the OS named), else a
    domain error's own Chinese message, else *fallback* — never SQLite's or the OS's English.

    open_elsewhere: a program that may hold the file ("Excel 或 WPS"); Windows reports a file
    open there as a permission error, so that case names it.
    """
    kind = fault_kind(exc)
    if kind is not None:
        where = path or fault_path(exc)
        if kind == CANNOT_OPEN and path is not None and Path(path).is_dir():
            kind = IS_FOLDER
        if kind == IS_FOLDER:  # any file the user chose, not only a database
            return f"无法写入{_where(where)}：这是一个文件夹，不是文件。请另选一个文件名后再试。"
        text = _text(kind, where)
        if open_elsewhere and kind == NO_PERMISSION:
            text += f"如果文件正在 {open_elsewhere} 中打开，请先关闭它。"
        return text
    own = str(exc)
    if own and _has_chinese(own) and not isinstance(exc, (OSError, *_database_errors())):
        return own  # our own domain errors already speak Chinese
    code = f"（错误代码 {exc.errno}）" if isinstance(exc, OSError) and exc.errno else ""
    return (fallback or "操作未能完成。") + code
