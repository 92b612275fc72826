"""`branch-desk report KIND ...`: every printed report from the command line, Qt-free.

Each kind is one small handler; the file itself is built in desktop/reports/. The
extension of -o picks the format: FILE.pdf a PDF, FILE.docx a Word document to edit.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import UserError


class ReportCommandError(UserError):
    """A Chinese message for the user; the CLI prints it and exits 1."""


def parse_day(text: str) -> dt.date:
    """YYYY-MM-DD, as the CLI documents; anything else is a clear error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，例如 2022-04-13") from None


def _output(args: argparse.Namespace) -> Path:
    """Check the target, then open the database the way every command does."""
    from .cli import _open

    target = Path(args.output)
    if target.suffix.lower() not in (".pdf", ".docx"):
        raise ReportCommandError(f"输出文件应以 .pdf（PDF）或 .docx（Word 文档）结尾：{target}")
    _open(args)
    return target


def _fonts():
    """The font files chosen in 设置 → 报表字体 apply on the command line too."""
    from .reports.font_choice import font_set

    return font_set()


def _period(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    from .reports.limits import PeriodError, check_period

    try:
        check_period(args.date_from, args.date_to)
    except PeriodError as exc:
        raise ReportCommandError(str(exc)) from None
    return args.date_from, args.date_to


@contextlib.contextmanager
def time_limit(target: Path, title: str, seconds: float | None = None):
    """A build still running after *seconds* is stuck (a garbled font loops for ever): say so
    and end the process. Its half-written temporary PDF is removed first; the target itself
    is only ever replaced whole."""
    from .reports.limits import BUILD_SECONDS, time_limit_message

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


def _cmd_members(args: argparse.Namespace) -> int:
    from .reports.members import build_members_report

    target = _output(args)
    result = build_members_report(target, reveal=args.full, include_departed=args.departed, fonts=_fonts())
    return _report_result(target, result)


def _cmd_minutes(args: argparse.Namespace) -> int:
    from .reports.minutes import build_minutes_report

    start, end = _period(args)
    target = _output(args)
    return _report_result(target, build_minutes_report(target, start, end, fonts=_fonts()))


def _cmd_signin(args: argparse.Namespace) -> int:
    from .reports.minutes import build_signin_sheet

    target = _output(args)
    return _report_result(target, build_signin_sheet(target, args.date, fonts=_fonts()))


def _cmd_duty(args: argparse.Namespace) -> int:
    from .reports.duty import build_duty_report

    start, end = _period(args)
    target = _output(args)
    return _report_result(target, build_duty_report(target, start, end, include_people=not args.no_people, fonts=_fonts()))


def _cmd_handover(args: argparse.Namespace) -> int:
    from .reports.handover_sheet import build_handover_sheet

    start, end = _period(args)
    target = _output(args)
    return _report_result(target, build_handover_sheet(target, start, end, fonts=_fonts()))


def _cmd_diaries(args: argparse.Namespace) -> int:
    from .diaries.service import member_by_name
    from .reports.diaries import build_diary_report

    start, end = _period(args)
    target = _output(args)
    member = member_by_name(args.member) if args.member else None
    return _report_result(target, build_diary_report(target, start, end, member_id=member, fonts=_fonts()))


def _cmd_summary(args: argparse.Namespace) -> int:
    from .reports.summary import build_summary_report

    start, end = _period(args)
    target = _output(args)
    return _report_result(target, build_summary_report(target, start, end, fonts=_fonts()))


def _cmd_cadre(args: argparse.Namespace) -> int:
    from .diaries.service import DiaryError, member_by_name
    from .reports.cadre import build_cadre_report

    start, end = _period(args)
    target = _output(args)
    try:
        member = member_by_name(args.member) if args.member else None
    except DiaryError as exc:  # unknown or ambiguous: the message lists the candidates
        raise ReportCommandError(str(exc)) from None
    return _report_result(target, build_cadre_report(target, start, end, member_id=member, fonts=_fonts()))


def add_report_commands(
    commands: argparse._SubParsersAction,
    parser_class: type[argparse.ArgumentParser],
    db_option: Callable[[argparse.ArgumentParser, object], None],
) -> None:
    report = commands.add_parser("report", help="生成 PDF 或 Word 报表")
    kinds = report.add_subparsers(dest="kind", metavar="类型", required=True, parser_class=parser_class)

    def kind(name: str, help_text: str, handler, period: bool) -> argparse.ArgumentParser:
        sub = kinds.add_parser(name, help=help_text)
        if period:
            sub.add_argument("--from", dest="date_from", type=parse_day, required=True, metavar="DATE",
                             help="开始日期 YYYY-MM-DD")
            sub.add_argument("--to", dest="date_to", type=parse_day, required=True, metavar="DATE",
                             help="结束日期 YYYY-MM-DD")
        sub.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.docx",
                         help="输出文件：.pdf 为 PDF，.docx 为可编辑的 Word 文档")
        db_option(sub, argparse.SUPPRESS)

        def limited(args: argparse.Namespace, title: str = help_text.split("：")[0]) -> int:
            with time_limit(Path(args.output), title):
                return handler(args)

        sub.set_defaults(handler=limited)
        return sub

    members = kind("members", "党员花名册", _cmd_members, period=False)
    members.add_argument("--full", action="store_true", help="打印完整的身份证号和手机号（默认脱敏）")
    members.add_argument("--departed", action="store_true", help="包括已撤离人员")
    kind("minutes", "会议记录汇编：期间内的每次会议", _cmd_minutes, period=True)
    duty = kind("duty", "值班表：每周一张横向表，附个人值班安排", _cmd_duty, period=True)
    duty.add_argument("--no-people", action="store_true", help="不附个人值班安排")
    kind("handover", "交接班记录：期间内每班的交接记录，附交班人、接班人签名栏", _cmd_handover, period=True)
    diaries = kind("diaries", "包保日记汇编：期间内每人每天的日记", _cmd_diaries, period=True)
    diaries.add_argument("--member", metavar="NAME", help="只汇编这名成员的日记（重名时写成“姓名（单位）”）")
    kind("summary", "工作情况报告：期间内支部工作的报告", _cmd_summary, period=True)
    cadre = kind("cadre", "下沉干部现实表现情况：每人一份", _cmd_cadre, period=True)
    cadre.add_argument("--member", metavar="NAME", help="只写这名干部（重名时写成“姓名（单位）”）")
    signin = kind("signin", "会议签到表", _cmd_signin, period=False)
    signin.add_argument("--date", type=parse_day, required=True, metavar="DATE", help="会议日期 YYYY-MM-DD")
