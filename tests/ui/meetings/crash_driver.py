"""A real app process typing a meeting, for test_crash_recovery.py to SIGKILL.

    python tests/ui/meetings/crash_driver.py DB_PATH SETTINGS_INI

Boots desktop.app.create_application() and the MainWindow offscreen on DB_PATH, starts
today's 每日例会 from the 会议记录 page and types at a steady pace: the place, the title,
then note lines (Enter after each). After every keystroke it prints one JSON line with the
time and everything typed so far, flushed, so the killer knows what was on screen when.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

KEY_INTERVAL_MS = 35
PLACE = "党群服务站2楼"
TITLE_TAIL = "（扩大）"
LINES = tuple(f"第{n}条：东门卡口晚高峰排队，增派志愿者{n}名ok" for n in range(1, 40))


def keystrokes(live):
    """(widget, char) pairs in typing order; char '\\n' is Enter."""
    for char in PLACE:
        yield live.header.place, char
    for char in TITLE_TAIL:
        yield live.header.title, char
    for line in LINES:
        for char in line:
            yield live.notes.entry, char
        yield live.notes.entry, "\n"


def press(widget, char: str) -> None:
    widget.setFocus()
    if char == "\n":
        QTest.keyClick(widget, Qt.Key.Key_Return)
    elif char.isascii():
        QTest.keyClicks(widget, char)
    else:  # Chinese arrives as an input method commit, as from a real IME
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def main(db_path: Path, settings_path: Path) -> None:
    from desktop.app import create_application, open_database
    from desktop.ui.main_window import PAGE_KEYS, MainWindow

    app = create_application()
    problem = open_database(db_path)
    if problem:
        raise SystemExit(problem)
    window = MainWindow(db_path, QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.show()
    window.show_page(PAGE_KEYS.index("meetings"))
    live = window.current_page().start_meeting("每日例会")
    window.activateWindow()
    live.header.title.end(False)
    steps = keystrokes(live)
    print(json.dumps({"ready": time.time(), "meeting_id": live.meeting_id}), flush=True)

    def step() -> None:
        try:
            widget, char = next(steps)
        except StopIteration:
            timer.stop()
            print(json.dumps({"done": time.time()}), flush=True)
            return
        if widget is live.header.title:
            live.header.title.end(False)
        press(widget, char)
        state = {
            "t": time.time(),
            "place": live.header.place.text(),
            "title": live.header.title.text(),
            "notes": [n.text for n in live.notes.notes()],
            "pending": live.notes.entry.text(),
        }
        print(json.dumps(state, ensure_ascii=False), flush=True)

    timer = QTimer()
    timer.setInterval(KEY_INTERVAL_MS)
    timer.timeout.connect(step)
    timer.start()
    app.exec()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the checkout, for `desktop`
    main(Path(sys.argv[1]), Path(sys.argv[2]))
