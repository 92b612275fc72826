"""`branch-desk report KIND …`: one sub-command per report kind of the 报表 page
(desktop/reports/kinds.py KINDS), with the options its ReportKind declares: a period
(--from/--to, --date or none), --member, --full/--departed, --no-people. The extension of -o
picks the format: FILE.pdf a PDF, FILE.docx a Word document to edit.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from pathlib import Path

from .common import CliError, Commands, check_period, db_option, open_db, parse_day, period_options

# The command-line flag of each option a ReportKind may declare, and its help.
OPTION_FLAGS = {
    "reveal": ("--full", "打印完整的身份证号和手机号（默认脱敏）"),
    "departed": ("--departed", "包括已撤离人员"),
    "no_people": ("--no-people", "不附个人值班安排"),
}


def register(commands: Commands) -> None:
    from ..reports.kinds import KINDS

    kinds = commands.group("report", "生成 PDF 或 Word 报表")
    for report in KINDS:
        sub = kinds.add_parser(report.key, help=report.cli_help or report.title)
        if report.period == "range":
            period_options(sub, required=True)
        sub.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.docx",
                         help="输出文件：.pdf 为 PDF，.docx 为可编辑的 Word 文档")
        db_option(sub)
        for option in report.options:
            flag, help_text = OPTION_FLAGS[option]
            sub.add_argument(flag, dest=option, action="store_true", help=help_text)
        if report.member == "optional":
            sub.add_argument("--member", metavar="NAME",
                             help=report.member_help or "只包括这名成员（重名时写成“姓名（单位）”）")
        if report.period == "day":
            sub.add_argument("--date", type=parse_day, required=True, metavar="DATE", help="会议日期 YYYY-MM-DD")
        sub.set_defaults(handler=_handler(report))


def _handler(report):
    title = (report.cli_help or report.title).split("：")[0]

    def run(args: argparse.Namespace) -> int:
        with time_limit(Path(args.output), title):
            return build(report, args)

    return run


def build(report, args: argparse.Namespace) -> int:
    """Check the period, then the target, open the database, find the member, build."""
    from ..reports.font_choice import font_set
    from ..reports.kinds import Choices

    if report.period == "range":
        check_period(args.date_from, args.date_to)
        start, end = args.date_from, args.date_to
    elif report.period == "day":
        start = end = args.date
    else:
        start = end = None
    target = Path(args.output)
    if target.suffix.lower() not in (".pdf", ".docx"):
        raise CliError(f"输出文件应以 .pdf（PDF）或 .docx（Word 文档）结尾：{target}")
    open_db(args)
    member = None
    if getattr(args, "member", None):
        from ..diaries.service import member_by_name

        member = member_by_name(args.member)  # unknown or ambiguous: a UserError listing the candidates
    choices = Choices(start, end, member_id=member, reveal=getattr(args, "reveal", False),
                      include_departed=getattr(args, "departed", False), fonts=font_set(),
                      include_people=not getattr(args, "no_people", False))
    return _report_result(target, report.build(choices, target))


@contextlib.contextmanager
def time_limit(target: Path, title: str, seconds: float | None = None):
    """A build still running after *seconds* is stuck (a garbled font loops for ever): say so
    and end the process. Its half-written temporary PDF is removed first; the target itself
    is only ever replaced whole."""
    from ..reports.limits import BUILD_SECONDS, time_limit_message

    seconds = BUILD_SECONDS if seconds is None else seconds

    def stop() -> None:
        for partial in target.parent.glob(f".~{target.stem}*.pdf"):
            with contextlib.suppress(OSError):
                partial.unlink()
        print(f"错误：{time_limit_message(title, seconds)}", file=sys.stderr, flush=True)
        os._exit(1)

    watchdog = threading.Timer(seconds, stop)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()


def _report_result(target: Path, result) -> int:
    if result.page_count:
        print(f"已生成 {target}（{result.page_count} 页，用时 {result.seconds:.1f} 秒）")
    else:  # Word: the page count is Word's to decide
        print(f"已生成 {target}（Word 文档，用时 {result.seconds:.1f} 秒）")
    if result.missing_characters:
        print(f"注意：{result.missing_message}")
    for warning in result.warnings:
        print(f"注意：{warning}")
    return 0
