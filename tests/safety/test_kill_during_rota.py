"""Pull the plug mid-generation: a real `branch-desk schedule` process is killed at random
moments, 20 times with fixed seeds. Every time the database must be intact and hold either
the rota it had before or the complete new one — never a half-replaced rota.

The database starts with a complete rota for the period (so "none" is visible as the old
rota). Half of the kills land anywhere in the run; the other half wait for the pre-rota
backup (the write transaction starts right after it) so they hit the writing itself.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.models import Member, Post, ShiftDefinition, ShiftPattern, close, db, open_store
from desktop.safety.integrity import OK, check_database

from .helpers import ROOT, checkpoint

RUNS = 20
PEOPLE = 24
POSTS = 4
DAYS = 10
START = dt.date.today() + dt.timedelta(days=1)
END = START + dt.timedelta(days=DAYS - 1)
SLOTS = POSTS * 3 * DAYS  # one person per post-shift


def schedule(db_path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "schedule", "--from", START.isoformat(), "--to", END.isoformat(),
         "--time-limit", "3", "--db", str(db_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def rota(db_path: Path) -> set[tuple]:
    conn = sqlite3.connect(db_path)  # a normal connection: replays or discards the -wal
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return set(conn.execute(
            "SELECT date, post_id, shift_id, member_id FROM duty_assignment WHERE date BETWEEN ? AND ?",
            (START.isoformat(), END.isoformat())))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A template database with posts, people and a first complete rota for the period."""
    folder = tmp_path_factory.mktemp("kill-rota")
    template = folder / "template.sqlite3"
    close()
    open_store(template)
    with db.atomic():
        pattern = ShiftPattern.create(name="三班倒")
        for i, (name, start, end) in enumerate((("早班", "08:00", "16:00"), ("中班", "16:00", "00:00"),
                                                ("夜班", "00:00", "08:00"))):
            ShiftDefinition.create(pattern=pattern, name=name, start_time=start, end_time=end,
                                   is_night=name == "夜班", position=i)
        for j in range(POSTS):
            Post.create(name=f"卡口{j + 1}", pattern=pattern, position=j)
        for i in range(PEOPLE):
            Member.create(name=f"队员{i + 1:02d}", name_pinyin=f"dui{i:02d}", political_status="中共党员")
    close()
    first = schedule(template)
    assert first.wait(timeout=120) == 0
    checkpoint(template)
    assert len(rota(template)) == SLOTS
    for old in (folder / "backups").glob("*"):
        old.unlink()
    return folder


def outcome(db_path: Path, before: set) -> str:
    assert check_database(db_path).status == OK
    after = rota(db_path)
    if after == before:
        return "old"
    slots = {(d, p, s) for d, p, s, _ in after}
    assert len(after) == SLOTS and len(slots) == SLOTS, f"half-replaced rota: {len(after)} of {SLOTS}"
    return "new"


def writing_started(db_path: Path) -> bool:
    return any((db_path.parent / "backups").glob("*-pre-rota.sqlite3"))


def start(workdir: Path, name: str) -> tuple[subprocess.Popen, Path]:
    run_dir = workdir / name
    run_dir.mkdir()
    db_path = run_dir / "branch-desk.sqlite3"
    shutil.copy(workdir / "template.sqlite3", db_path)
    return schedule(db_path), db_path


def reference_run(workdir: Path) -> tuple[float, float]:
    process, db_path = start(workdir, "reference")
    began, write_at = time.monotonic(), None
    while process.poll() is None:
        if write_at is None and writing_started(db_path):
            write_at = time.monotonic() - began
        time.sleep(0.005)
    assert process.returncode == 0
    return time.monotonic() - began, write_at or 0.0


def killed_run(workdir: Path, seed: int, total: float, write_at: float, before: set) -> tuple[str, bool]:
    rng = random.Random(seed)
    process, db_path = start(workdir, f"seed{seed:02d}")
    began = time.monotonic()
    if seed % 2:
        while not writing_started(db_path) and process.poll() is None and time.monotonic() - began < 60:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, max(total - write_at, 0.05)))
    else:
        time.sleep(rng.uniform(0.1, total * 1.1))
    while_writing = writing_started(db_path) and process.poll() is None
    process.kill()
    process.wait(timeout=30)
    return outcome(db_path, before), while_writing


def test_killed_rota_generation_leaves_old_or_new_rota(workdir):
    before = rota(workdir / "template.sqlite3")
    total, write_at = reference_run(workdir)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda seed: killed_run(workdir, seed, total, write_at, before), range(RUNS)))
    outcomes = [r for r, _ in results]
    print(f"\nschedule {total:.2f} s, writing from {write_at:.2f} s; outcomes: "
          f"{outcomes.count('old')} old, {outcomes.count('new')} new")
    assert len(outcomes) == RUNS
    assert outcomes.count("old") >= 3  # kills before the write must have happened
