"""Shared by the data-safety tests: small databases, damaged files, the CLI in a subprocess."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.models import Member, close, open_store
from desktop.roster.service import member_values, save_member
from desktop.safety.connection import bind

ROOT = Path(__file__).resolve().parents[2]


def add_members(*names: str) -> list[Member]:
    return [save_member({"name": name, "unit": "市统计局", "notes": f"{name}的备注"}) for name in names]


def roster() -> dict[str, dict]:
    """Every member's values by name: what 'the same records' means in these tests."""
    return {m.name: member_values(m) for m in Member.select()}


def make_database(path: Path, names: tuple[str, ...] = ("安𪚥", "白雪"), extra: int = 0) -> Path:
    """A closed database at *path* with *names* and *extra* numbered members, WAL folded in."""
    open_store(path)
    add_members(*names)
    if extra:
        from desktop.models import db

        with db.atomic():
            for n in range(extra):
                save_member({"name": f"成员{n:04d}", "unit": "市统计局", "notes": "备注" * 20})
    close()
    checkpoint(path)
    return path


def checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def page_size(path: Path) -> int:
    return int.from_bytes(Path(path).read_bytes()[16:18], "big") or 65536


def damage_pages(path: Path, first_page: int = 2, pages: int = 3) -> None:
    """Overwrite whole pages in the middle of a real database with garbage, as a bad disk would."""
    size = page_size(path)
    with open(path, "r+b") as handle:
        handle.seek(size * (first_page - 1))
        handle.write(bytes((i * 37 + 11) % 256 for i in range(size * pages)))


def truncate_half(path: Path) -> None:
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 2 + 100])


def fingerprint(path: Path) -> tuple[str, int]:
    """The file's bytes and modification time: 'nothing was written'."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=timeout, cwd=ROOT,
    )


def reopen(path: Path) -> None:
    close()
    bind(path)


def run_app_once(tmp_path: Path, db_path: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """A real `python -m desktop --db PATH` that prints its start markers and quits
    (BRANCH_DESK_BENCH_SHOWN), offscreen, with its own settings folder."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRANCH_DESK_BENCH_SHOWN="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("BRANCH_DESK_DB", None)
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def members_in(path: Path) -> list[str]:
    """The names in the member table of the file at *path*, sorted (read without the models)."""
    conn = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in conn.execute("SELECT name FROM member"))
    finally:
        conn.close()
