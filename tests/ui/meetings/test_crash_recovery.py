"""SIGKILL while typing: everything on screen two seconds before the kill is in the database."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.meetings import service
from desktop.models import close, open_store
from desktop.roster import service as roster

DRIVER = Path(__file__).with_name("crash_driver.py")
KILL_AFTER = (2.6, 3.9, 5.2)  # seconds of typing before each kill
MARGIN = 2.0  # the promise: at most this much typing is lost

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def prepare(path: Path) -> None:
    open_store(path)
    for name in ("张三", "李四", "王五", "赵六"):
        roster.save_member({"name": name, "political_status": "中共党员"})
    close()


class Typist:
    """One driver process and the JSON lines it printed."""

    def __init__(self, workdir: Path):
        self.db = workdir / "crash.sqlite3"
        prepare(self.db)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRANCH_DESK_DB=str(self.db))
        self.stderr_path = workdir / "stderr.txt"
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, str(DRIVER), str(self.db), str(workdir / "settings.ini")],
                stdout=subprocess.PIPE, stderr=stderr, text=True, encoding="utf-8", env=env,
            )
        self.lines: list[dict] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(json.loads(line))

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-2000:]

    def ready_at(self) -> float | None:
        return next((line["ready"] for line in self.lines if "ready" in line), None)

    def meeting_id(self) -> int:
        return next(line["meeting_id"] for line in self.lines if "meeting_id" in line)

    def state_before(self, moment: float) -> dict | None:
        states = [line for line in self.lines if "t" in line and line["t"] <= moment]
        return states[-1] if states else None


def test_sigkill_loses_at_most_two_seconds_of_typing(tmp_path):
    typists = []
    for number in range(len(KILL_AFTER)):
        workdir = tmp_path / f"run{number}"
        workdir.mkdir()
        typists.append(Typist(workdir))
    try:
        deadline = time.time() + 20
        while any(t.ready_at() is None for t in typists):
            assert time.time() < deadline, "the app did not start"
            for typist in typists:
                assert typist.process.poll() is None, f"the app exited:\n{typist.stderr()}"
            time.sleep(0.05)
        kills = {}
        pending = dict(zip(range(len(typists)), KILL_AFTER))
        while pending:
            for number, after in list(pending.items()):
                if time.time() >= typists[number].ready_at() + after:
                    os.kill(typists[number].process.pid, signal.SIGKILL)
                    kills[number] = time.time()
                    del pending[number]
            time.sleep(0.01)
        for typist in typists:
            typist.process.wait(10)
            typist.reader.join(5)
            assert typist.process.returncode == -signal.SIGKILL
    finally:
        for typist in typists:
            if typist.process.poll() is None:
                typist.process.kill()

    checked = 0
    for number, typist in enumerate(typists):
        state = typist.state_before(kills[number] - MARGIN)
        assert state is not None, f"run {number}: no keystroke more than {MARGIN}s before the kill"
        open_store(typist.db)
        try:
            meeting = service.get_meeting(typist.meeting_id())
            stored_notes = [n.text for n in service.notes(meeting.id)]
            pending = service.load_pending_line(meeting.id)
        finally:
            close()
        assert meeting.place.startswith(state["place"]), (number, meeting.place, state)
        assert meeting.title.startswith(state["title"][: len(meeting.title)]) and \
            len(meeting.title) >= len(state["title"]), (number, meeting.title, state)
        assert stored_notes[: len(state["notes"])] == state["notes"], (number, stored_notes, state)
        if state["pending"]:
            # Either still pending (at least as far as typed then) or recorded since as a note.
            later = stored_notes[len(state["notes"]):]
            assert pending.startswith(state["pending"]) or any(
                n.startswith(state["pending"]) for n in later), (number, pending, state)
        checked += len(state["notes"]) + bool(state["pending"]) + bool(state["place"])
    assert checked > 0  # the runs got far enough to check something
