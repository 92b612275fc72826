"""A fictional example branch for trying the app: `branch-desk demo --db PATH [--seed N]`.

With --seed N another fictional branch of the same sub-district (variety.py): several
seeds simulate a sub-district of branches for the hub.

Every name, phone and ID number here is invented. Later features add their own
module beside roster.py and a line in create_demo_database.
"""
from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

from ..models import close, db
from ..safety.opening import Mode, open_database
from .diaries import build_diaries
from .duty import build_duty
from .meetings import build_meetings
from .report_notes import build_report_notes
from .roster import build_branch, build_roster
from .variety import DEFAULT, DemoBranch, seeded


class DemoExists(Exception):
    pass


def building_path(path: Path) -> Path:
    """Where the example is built before it is renamed into place."""
    return path.with_name(path.name + ".demo-building")


def _holds_nothing(path: Path) -> bool:
    """An empty file, or a Branch Desk database without a single record (what a demo killed
    part-way by an older version left behind): safe to fill with the example."""
    if path.stat().st_size == 0:
        return True
    from ..safety.identity import identity_or_none

    found = identity_or_none(path)
    return found is not None and found.records == 0 and not found.branch_name


def create_demo_database(path: Path, today: dt.date | None = None, seed: int = 2022,
                         branch_seed: int | None = None) -> list[str]:
    """Create a new database at *path* filled with the example branch; return a summary.
    With *branch_seed* another fictional branch, the same for the same seed (variety.py).

    All or nothing: the example is built in a file beside *path* and renamed into place only
    once complete, so a demo killed part-way leaves *path* as it was (the half-built file
    is removed by the next run)."""
    path = Path(path)
    if path.exists() and not _holds_nothing(path):
        raise DemoExists(f"文件已存在：{path}。示例数据只写入新文件，请换一个路径。")
    today = today or dt.date.today()
    demo = DEFAULT if branch_seed is None else seeded(branch_seed)
    rng = random.Random(seed if branch_seed is None else f"branch-desk demo records {branch_seed}")
    staging = building_path(path)
    for leftover in (staging, *(staging.with_name(staging.name + s) for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    try:
        summary = _fill(open_database(staging, Mode.WRITE).database, rng, today, demo)  # born private (600), like any database we create
        if branch_seed is not None:
            summary.insert(2, f"派出单位：{'、'.join(unit for unit, _ in demo.units)}")
        database = db.obj
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.execute_sql("PRAGMA journal_mode = DELETE")  # one self-contained file to rename
        close()
        for side in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + side).unlink(missing_ok=True)  # an empty file's leftovers
        os.replace(staging, path)
        # Back to WAL like every database the app opens (the door sets it again anyway).
        open_database(path, Mode.WRITE)
    except BaseException:
        close()
        for leftover in (staging, *(staging.with_name(staging.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        close()
    return summary


def _fill(database, rng: random.Random, today: dt.date, demo: DemoBranch) -> list[str]:
    with database.atomic():
        branch = build_branch(today, demo)
        members = build_roster(rng, today, demo)
        meetings = build_meetings(rng, today, members, demo)
        duty_summary = build_duty(rng, today, members, demo)
        diaries = build_diaries(rng, today, members, demo)  # after duty: entries link to shifts
        build_report_notes(rng, today, members)
    return [
        f"支部：{branch.name}",
        f"成员：{len(members)} 人（{sum(1 for m in members if m.departed_on)} 人已撤离）",
        f"会议记录：{len(meetings)} 次（最近两周）",
        duty_summary,
        f"包保日记：{len(diaries)} 篇（最近两周）",
    ]
