"""Every report kind the 报表 page offers, and how each is built from the page's choices.

Qt-free: the page shows the list, and the child process (child.py) builds from it.
Builders are imported when a report is built, so a broken report module only disables
its own entry instead of breaking the page.
"""
from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Choices:
    """What the user picked on the page."""
    date_from: dt.date
    date_to: dt.date
    member_id: int | None = None
    reveal: bool = False
    include_departed: bool = False
    fonts: object = None  # a FontSet; None: the user's choices in 设置 (font_choice.font_set)
    include_people: bool = True  # 值班表: each person's shifts after the weekly tables


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    module: str                      # desktop.reports.<module>
    function: str
    call: Callable[[Callable, object, Choices], object]  # (builder, target, choices) -> ReportResult
    period: str = "range"            # 'range' | 'day' | 'none'
    member: str = ""                 # '' | 'optional' (全体 or one member)
    notes_kind: str = ""             # report_note kind whose text boxes the page shows
    sections: tuple[str, ...] = field(default=())
    # The command line (desktop/cli/report.py) makes `branch-desk report <key>` from these:
    options: tuple[str, ...] = field(default=())  # 'reveal', 'departed', 'no_people': the choices it offers
    cli_help: str = ""               # the command's line in --help (default: the title)
    member_help: str = ""            # --member's help, for a kind with member='optional'

    def builder(self) -> Callable:
        """The build_* function; ImportError/AttributeError when it is not there yet."""
        return getattr(importlib.import_module(f"desktop.reports.{self.module}"), self.function)

    def available(self) -> bool:
        """Whether the builder's module is installed: found, not imported (importing a report
        module loads reportlab, ~0.1–0.4 s; the child process does that when it builds)."""
        return importlib.util.find_spec(f"desktop.reports.{self.module}") is not None

    def build(self, choices: Choices, target=None):
        """ReportResult; written to *target*, or kept in memory (.data) when it is None."""
        return self.call(self.builder(), target, choices)


SUMMARY_SECTIONS = ("成效", "问题", "下一步")
CADRE_SECTIONS = ("评价",)

KINDS: tuple[ReportKind, ...] = (
    ReportKind("summary", "工作情况报告", "summary", "build_summary_report",
               lambda f, t, c: f(t, c.date_from, c.date_to, fonts=c.fonts), notes_kind="summary", sections=SUMMARY_SECTIONS,
               cli_help="工作情况报告：期间内支部工作的报告"),
    ReportKind("members", "党员花名册", "members", "build_members_report",
               lambda f, t, c: f(t, reveal=c.reveal, include_departed=c.include_departed, fonts=c.fonts),
               period="none", options=("reveal", "departed")),
    ReportKind("duty", "值班表", "duty", "build_duty_report",
               lambda f, t, c: f(t, c.date_from, c.date_to, fonts=c.fonts, include_people=c.include_people),
               options=("no_people",), cli_help="值班表：每周一张横向表，附个人值班安排"),
    ReportKind("handover", "交接班记录", "handover_sheet", "build_handover_sheet",
               lambda f, t, c: f(t, c.date_from, c.date_to, fonts=c.fonts),
               cli_help="交接班记录：期间内每班的交接记录，附交班人、接班人签名栏"),
    ReportKind("minutes", "会议记录汇编", "minutes", "build_minutes_report",
               lambda f, t, c: f(t, c.date_from, c.date_to, fonts=c.fonts), cli_help="会议记录汇编：期间内的每次会议"),
    ReportKind("signin", "会议签到表", "signin", "build_signin_sheet", lambda f, t, c: f(t, c.date_from, fonts=c.fonts),
               period="day"),
    ReportKind("diaries", "包保日记汇编", "diaries", "build_diary_report",
               lambda f, t, c: f(t, c.date_from, c.date_to, member_id=c.member_id, fonts=c.fonts), member="optional",
               cli_help="包保日记汇编：期间内每人每天的日记",
               member_help="只汇编这名成员的日记（重名时写成“姓名（单位）”）"),
    ReportKind("cadre", "下沉干部现实表现", "cadre", "build_cadre_report",
               lambda f, t, c: f(t, c.date_from, c.date_to, member_id=c.member_id, fonts=c.fonts), member="optional",
               notes_kind="cadre", sections=CADRE_SECTIONS, cli_help="下沉干部现实表现情况：每人一份",
               member_help="只写这名干部（重名时写成“姓名（单位）”）"),
)
KIND_KEYS = tuple(k.key for k in KINDS)


def kind(key: str) -> ReportKind:
    return KINDS[KIND_KEYS.index(key)]


# --- periods ----------------------------------------------------------------------------------

PERIODS = ("本周", "上周", "本月", "自定义")


def period(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday–Sunday weeks and whole months: what a weekly or monthly report covers."""
    monday = today - dt.timedelta(days=today.weekday())
    if name == "上周":
        monday -= dt.timedelta(days=7)
    if name in ("本周", "上周"):
        return monday, monday + dt.timedelta(days=6)
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def file_stem(report: ReportKind, choices: Choices) -> str:
    """A default file name: 值班表_2022-04-11至2022-04-17."""
    if report.period == "none":
        return f"{report.title}_{dt.date.today().isoformat()}"
    if report.period == "day" or choices.date_from == choices.date_to:
        return f"{report.title}_{choices.date_from.isoformat()}"
    return f"{report.title}_{choices.date_from.isoformat()}至{choices.date_to.isoformat()}"
