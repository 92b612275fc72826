"""Official records are for the secretary's account only: files 600, folders 700 on POSIX.

Windows keeps per-user data under the profile's ACLs already, so these are no-ops there.
"""
from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from ..paths import data_dir

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
SIDECARS = ("-wal", "-shm", "-journal", ".lock")


def _posix() -> bool:
    return os.name == "posix"


def _chmod(path: Path, mode: int) -> None:
    try:
        path.chmod(mode)
    except FileNotFoundError:
        pass
    except OSError:  # someone else's file, or a FAT stick: nothing we can do
        log.debug("cannot chmod %s", path, exc_info=True)


def private_folder(folder: Path, always: bool = False) -> Path:
    """Create *folder* (and parents) for the user only; an existing folder is tightened
    only when *always* (our own folders), never a folder the user merely chose."""
    folder = Path(folder)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if _posix() and (created or always):
        _chmod(folder, DIR_MODE)
    return folder


def private_file(path: Path) -> None:
    if _posix():
        _chmod(Path(path), FILE_MODE)


def prepare_database_file(db_path: Path) -> None:
    """Before SQLite opens *db_path*: its folder exists, and a new file is born 600,
    so the -wal and -shm SQLite creates beside it inherit that mode."""
    db_path = Path(db_path)
    ours = db_path.parent.resolve() == data_dir().resolve()
    private_folder(db_path.parent, always=ours)
    if not db_path.exists():
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
    secure_database_files(db_path)


def secure_database_files(db_path: Path) -> None:
    """The database and the files SQLite and we keep beside it: 600."""
    if not _posix():
        return
    db_path = Path(db_path)
    _chmod(db_path, FILE_MODE)
    for suffix in SIDECARS:
        _chmod(db_path.with_name(db_path.name + suffix), FILE_MODE)


def write_private(path: Path, data: bytes) -> Path:
    """Write *data* to *path* for this account only (600 on POSIX), whole or not at all.

    The file is born private in a temporary name beside the target (never readable by others,
    not even for a moment), flushed, then renamed over the target; a failure (a full disk)
    removes the temporary file and leaves any earlier target as it was. Every file the app
    writes that holds personal data goes through here or is born the same way."""
    path = Path(path)
    partial = path.with_name(f".~{path.name}.{os.getpid()}.part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        private_file(partial)  # O_CREAT's mode does not apply to a file left by a crash
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return path
