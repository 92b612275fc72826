"""Keep None, True and False alive under PySide6 6.12 on CPython 3.11.

PySide6 6.12.0 drops one reference to None on every call of a void method (setText, fillRect
...) and on every None a QVariant hands back, and one reference to True on every Signal.emit()
from Python. CPython 3.12+ makes these objects immortal, so nothing happens there; on 3.11 a
long session (scrolling a big table, a full test run, a worker emitting progress) reaches zero
and aborts with "Fatal Python error: none_dealloc" / "bool_dealloc". PySide6 6.11 does not
have the bug, but it ships QtPdf only in the 600 MB Addons package. Give the three objects
the huge count 3.12 gives them.
"""
from __future__ import annotations

import ctypes
import sys

_KEPT: list[int] = []


def keep_none_alive() -> None:
    """Once per process: each object gets 2**40 references (2**29 on 32-bit), never freed."""
    if _KEPT or sys.version_info >= (3, 12) or sys.implementation.name != "cpython" \
            or hasattr(sys, "gettotalrefcount"):
        return  # done, immortal objects, or a debug build whose object header differs
    boost = 1 << 40 if ctypes.sizeof(ctypes.c_ssize_t) == 8 else 1 << 29
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += boost
        _KEPT.append(id(singleton))
