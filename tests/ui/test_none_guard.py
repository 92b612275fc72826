"""PySide6 6.12 on CPython 3.11 drops references to None and True; the guard keeps them alive."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

LEAKY = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    {guard}
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()

    class Source(QObject):
        changed = Signal(object)

    source = Source()
    source.changed.connect(lambda value: None)
    # Many more calls than None and True have references in such a process (tens of thousands).
    for _ in range(300_000):
        label.setText("x")
        source.changed.emit(None)
    print("survived")
""")


def run(guard: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", LEAKY.format(guard=guard)], capture_output=True, text=True,
                          timeout=300)


def test_a_long_session_survives_with_the_guard():
    done = run("from desktop.ui.none_guard import keep_none_alive; keep_none_alive()")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from 3.12")
def test_the_guard_is_what_keeps_it_alive():
    import PySide6

    done = run("")
    if done.returncode == 0:
        pytest.skip(f"PySide6 {PySide6.__version__} no longer drops references: the guard is not needed")
    assert "dealloc" in done.stderr
