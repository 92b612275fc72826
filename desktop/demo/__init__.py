"""A fictional example branch for trying the app: `branch-desk demo --db PATH`.

Every name, phone and ID number here is invented. Later features add their own
module beside roster.py and a line in create_demo_database.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from ..models import close
from ..safety.opening import open_checked
from .diaries import build_diaries
from .duty import build_duty
from .meetings import build_meetings
from .report_notes import build_report_notes
from .roster import build_branch, build_roster


class DemoExists(Exception):
    pass


def create_demo_database(path: Path, today: dt.date | None = None, seed: int = 2022) -> list[str]:
    """Create a new database at *path* filled with the example branch; return a summary."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise DemoExists(f"文件已存在：{path}。示例数据只写入新文件，请换一个路径。")
    today = today or dt.date.today()
    rng = random.Random(seed)
    database = open_checked(path)  # born private (600), like any database we create
    try:
        with database.atomic():
            branch = build_branch(today)
            members = build_roster(rng, today)
            meetings = build_meetings(rng, today, members)
            duty_summary = build_duty(rng, today, members)
            diaries = build_diaries(rng, today, members)  # after duty: entries link to shifts
            build_report_notes(rng, today, members)
        return [
            f"支部：{branch.name}",
            f"成员：{len(members)} 人（{sum(1 for m in members if m.departed_on)} 人已撤离）",
            f"会议记录：{len(meetings)} 次（最近两周）",
            duty_summary,
            f"包保日记：{len(diaries)} 篇（最近两周）",
        ]
    finally:
        close()
