"""Pull the plug mid-import: a real `branch-desk import` process is killed (SIGKILL on POSIX,
TerminateProcess on Windows) at random moments, 20 times with fixed seeds. Every time the
database must be intact and hold all of the 3,000 imported rows or none of them.

Half of the kills land anywhere in the run; the other half wait for the pre-import backup
to appear (the write transaction starts right after it) so they hit the writing itself.
Two imports run at a time to keep the test well under a minute.
"""
from __future__ import annotations

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
from openpyxl import Workbook

from desktop.models import close
from desktop.safety.integrity import OK, check_database

from .helpers import ROOT, make_database

ROWS = 3000
RUNS = 20
EXISTING = ("安𪚥", "白雪")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """The 3,000-row workbook and a template database, made once for the module."""
    folder = tmp_path_factory.mktemp("kill")
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "性别", "出生年月", "政治面貌", "派出单位", "联系电话", "小分队", "备注"])
    for i in range(ROWS):
        sheet.append([
            f"导入{i:04d}", "男" if i % 2 else "女", f"19{60 + i % 40}.{1 + i % 12:02d}", "群众",
            f"单位{i % 37}", f"139{i:08d}", f"第{i % 9 + 1}小分队", "一条不短的备注" * 4,
        ])
    book.save(folder / "roster.xlsx")
    close()
    make_database(folder / "template.sqlite3", names=EXISTING)
    return folder


def start_import(workdir: Path, name: str) -> tuple[subprocess.Popen, Path]:
    run_dir = workdir / name
    run_dir.mkdir()
    db_path = run_dir / "branch-desk.sqlite3"
    shutil.copy(workdir / "template.sqlite3", db_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "import", "members", str(workdir / "roster.xlsx"), "--db", str(db_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return process, db_path


def writing_started(db_path: Path) -> bool:
    return any((db_path.parent / "backups").glob("*-pre-import.sqlite3"))


def outcome(db_path: Path) -> str:
    """'all' or 'none'; anything else fails the test with what was found."""
    result = check_database(db_path)
    assert result.status == OK, (db_path, result)
    conn = sqlite3.connect(db_path)  # a normal connection: replays or discards the -wal
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {row[0] for row in conn.execute("SELECT name FROM member")}
        teams = conn.execute("SELECT count(*) FROM team").fetchone()[0]
    finally:
        conn.close()
    assert set(EXISTING) <= names, "existing members lost"
    imported = len(names - set(EXISTING))
    if imported == 0:
        assert teams == 0, "teams written without their members"
        return "none"
    assert imported == ROWS, f"partial import: {imported} of {ROWS} rows"
    return "all"


def reference_run(workdir: Path, name: str) -> tuple[float, float]:
    """An import left alone: how long it takes, and when writing starts."""
    process, db_path = start_import(workdir, name)
    started = time.monotonic()
    write_at = None
    while process.poll() is None:
        if write_at is None and writing_started(db_path):
            write_at = time.monotonic() - started
        time.sleep(0.005)
    total = time.monotonic() - started
    assert process.returncode == 0
    assert outcome(db_path) == "all"
    return total, write_at or total / 2


def killed_run(workdir: Path, seed: int, total: float, write_at: float) -> tuple[str, bool]:
    rng = random.Random(seed)
    targeted = seed % 2 == 1
    process, db_path = start_import(workdir, f"seed{seed:02d}")
    started = time.monotonic()
    if targeted:
        while not writing_started(db_path) and process.poll() is None and time.monotonic() - started < 60:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, max(total - write_at, 0.2)))
    else:
        time.sleep(rng.uniform(0.1, total * 1.1))
    while_writing = writing_started(db_path) and process.poll() is None
    process.kill()
    process.wait(timeout=30)
    return outcome(db_path), while_writing


def test_killed_imports_leave_all_or_nothing(workdir):
    with ThreadPoolExecutor(max_workers=2) as pool:
        # Measured two at a time, as the killed runs will go.
        timings = list(pool.map(lambda name: reference_run(workdir, name), ["reference-1", "reference-2"]))
        total, write_at = max(t for t, _ in timings), min(w for _, w in timings)
        results = list(pool.map(lambda seed: killed_run(workdir, seed, total, write_at), range(RUNS)))
    outcomes = [result for result, _ in results]
    mid_write = sum(1 for result, writing in results if writing)
    print(f"\nimport {total:.2f} s, writing from {write_at:.2f} s; {mid_write} kills after writing began; "
          f"outcomes: {outcomes.count('none')} none, {outcomes.count('all')} all")
    assert len(outcomes) == RUNS
    # Kills during the writing phase must have happened, or the test proved nothing.
    assert mid_write >= 5 and outcomes.count("none") >= 3
