"""Issues 14.13/14.14 on the 报表 page's build: a build that never ends is stopped with a
message, and an absurd period is refused before any child process starts."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from desktop.reports.kinds import Choices, kind
from desktop.ui.reports.build_process import BuildProcess


def watch(job: BuildProcess) -> dict:
    seen: dict = {"failed": [], "finished": []}
    job.failed.connect(seen["failed"].append)
    job.finished.connect(seen["finished"].append)
    return seen


def test_a_build_that_never_ends_is_stopped_at_the_time_limit(qtbot, database, monkeypatch):
    monkeypatch.setattr(BuildProcess, "CHILD_MODULE", "tests.ui.reports.stand_in_child")
    monkeypatch.setattr(BuildProcess, "TIME_LIMIT_S", 2.0)
    report = dataclasses.replace(kind("members"), key="slow")  # the stand-in reports 3 pages, then hangs
    job = BuildProcess(report, Choices(dt.date(2022, 4, 11), dt.date(2022, 4, 17)), Path(database.database))
    seen = watch(job)
    job.start()
    qtbot.waitUntil(lambda: not job.running(), timeout=60000)
    assert seen["failed"] == [f"生成“{report.title}”超过 2 秒仍未完成，已停止。可能是报表字体文件有问题"
                              "（可在“设置 → 报表字体”中恢复默认字体后再试），或时间范围太大。"]
    assert seen["finished"] == [] and not job.folder.exists()


def test_an_absurd_period_is_refused_before_a_child_starts(qtbot, database):
    job = BuildProcess(kind("duty"), Choices(dt.date(1, 1, 1), dt.date(9999, 12, 31)), Path(database.database))
    seen = watch(job)
    job.start()
    qtbot.waitUntil(lambda: not job.running(), timeout=10000)
    (message,) = seen["failed"]
    assert message.startswith("时间范围 0001-01-01 至 9999-12-31 超出了合理的年份（2000 年至 ")
    assert job.process.processId() == 0  # no child was started
