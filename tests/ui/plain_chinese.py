"""What a person reads must be Chinese: no English from the OS or SQLite in a message.

The faults a write meets on an office laptop (a file open in another program, a full disk,
a write-protected stick, a database held by a sync tool), as the layers raise them.
"""
from __future__ import annotations

import errno
import re

import peewee

OS_FAULTS = {
    "no_permission": lambda: PermissionError(errno.EACCES, "Permission denied"),
    "disk_full": lambda: OSError(errno.ENOSPC, "No space left on device"),
    "read_only": lambda: OSError(errno.EROFS, "Read-only file system"),
}
DATABASE_FAULTS = {
    "locked": lambda: peewee.OperationalError("database is locked"),
    "disk_full": lambda: peewee.OperationalError("database or disk is full"),
    "read_only": lambda: peewee.OperationalError("attempt to write a readonly database"),
}
# Names a Chinese office uses as they are.
PRODUCT_NAMES = ("Excel", "WPS", "PDF", "Word")


def english_in(text: str, *paths: object) -> list[str]:
    """The Latin words of *text*, leaving out the file paths it names and product names."""
    for path in paths:
        text = text.replace(str(path), "")
    for name in PRODUCT_NAMES:
        text = text.replace(name, "")
    return re.findall(r"[A-Za-z]{2,}", text)
