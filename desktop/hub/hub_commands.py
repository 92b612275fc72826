"""`branch-desk hub …`: the hub (汇总台) from the command line, Qt-free.

    branch-desk hub init --hub HUB [--key KEYFILE] [--key-out RECEIVING.json]
    branch-desk hub import PATH... --hub HUB [--key KEYFILE]
    branch-desk hub branches --hub HUB
    branch-desk hub report summary|cadres|branches --from DATE --to DATE [--unit UNIT] -o FILE.pdf|FILE.docx
                   --hub HUB [--key KEYFILE]

HUB is a SQLite file or a postgresql:// URL (else BRANCH_DESK_HUB); KEYFILE the hub's private
key (beside a SQLite hub by default; a PostgreSQL hub needs --key or BRANCH_DESK_HUB_KEY).
"""
from __future__ import annotations

import argparse
from pathlib import Path


def _cmd_init(args: argparse.Namespace) -> int:
    from .hub_init import init_hub

    result = init_hub(args.hub, args.key, args.key_out)
    try:
        for line in result.lines:
            print(line)
    finally:
        result.hub.close()
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .hub_import import REFUSED, import_paths, package_files
    from .store import HubError, open_hub

    if not package_files(args.paths):
        raise HubError("没有找到数据包：请给出 .bdpkg 文件，或存放它们的文件夹。")
    hub = open_hub(args.hub, key_path=args.key)
    try:
        outcomes = import_paths(hub, args.paths, progress=lambda outcome: print(outcome.line(), flush=True))
    finally:
        hub.close()
    tally = {}
    for outcome in outcomes:
        tally[outcome.status] = tally.get(outcome.status, 0) + 1
    from .hub_import import LABELS

    print("合计：" + "，".join(f"{LABELS[status]} {n} 个" for status, n in tally.items()))
    return 1 if tally.get(REFUSED) else 0


def _cmd_branches(args: argparse.Namespace) -> int:
    from .hub_models import HubBranch
    from .store import open_hub

    hub = open_hub(args.hub)
    try:
        branches = list(HubBranch.select().order_by(HubBranch.name, HubBranch.uid))
        if not branches:
            print(f"汇总台 {hub.shown} 还没有导入任何支部的数据包。")
        for branch in branches:
            print(branch_line(branch))
    finally:
        hub.close()
    return 0


REPORT_KINDS = {"summary": "街道临时党支部工作汇总", "cadres": "下沉干部现实表现情况（按派出单位）",
                "branches": "支部报送情况"}


def _cmd_report(args: argparse.Namespace) -> int:
    """One report file; `cadres` without --unit and -o a folder: one file per home unit."""
    from ..reports.font_choice import font_set
    from ..reports.limits import check_period
    from .reports import (
        build_cadre_reports_per_unit,
        build_hub_cadre_report,
        build_hub_summary,
        build_submission_report,
    )
    from .store import HubError, open_hub

    check_period(args.date_from, args.date_to)  # a PeriodError is a UserError: printed, exit 1
    target = Path(args.output)
    per_unit = args.kind == "cadres" and args.unit is None and target.suffix.lower() not in (".pdf", ".docx")
    if args.unit is not None and args.kind != "cadres":
        raise HubError("--unit 只用于 cadres（下沉干部现实表现情况）。")
    if not per_unit and target.suffix.lower() not in (".pdf", ".docx"):
        raise HubError(f"输出文件应以 .pdf（PDF）或 .docx（Word 文档）结尾：{target}"
                       + ("（cadres 不带 --unit 时也可给一个文件夹，每个派出单位一个文件）" if args.kind == "cadres" else ""))
    if per_unit and target.exists() and not target.is_dir():
        raise HubError(f"{target} 已存在且不是文件夹。")
    hub = open_hub(args.hub, key_path=args.key)
    try:
        with _time_limit(target, REPORT_KINDS[args.kind]):
            fonts = font_set()
            if per_unit:
                results = build_cadre_reports_per_unit(hub, target, args.date_from, args.date_to,
                                                       fmt=args.format, fonts=fonts)
            elif args.kind == "summary":
                results = [build_hub_summary(hub, target, args.date_from, args.date_to, fonts=fonts)]
            elif args.kind == "cadres":
                results = [build_hub_cadre_report(hub, target, args.date_from, args.date_to, unit=args.unit,
                                                  fonts=fonts)]
            else:
                results = [build_submission_report(hub, target, args.date_from, args.date_to, fonts=fonts)]
    finally:
        hub.close()
    if per_unit and not results:
        print(f"本期没有在岗的下沉干部，未生成文件（{target}）。")
    for result in results:
        pages = f"{result.page_count} 页，" if result.page_count else "Word 文档，"
        print(f"已生成 {result.path}（{pages}用时 {result.seconds:.1f} 秒）")
        if result.missing_characters:
            print(f"注意：{result.missing_message}")
        for warning in result.warnings:
            print(f"注意：{warning}")
    return 0


def _time_limit(target: Path, title: str):
    """The branch reports' watchdog: a build stuck on a garbled font ends with a message."""
    from ..report_commands import time_limit

    return time_limit(target if target.suffix else target / "_", title)


def branch_line(branch) -> str:
    """One line per branch: name, community, people, newest package and its period."""
    period = "全部记录"
    if branch.period_from or branch.period_to:
        period = f"{branch.period_from or '…'} 至 {branch.period_to or '…'}"
    personal = "含身份证号和手机号" if branch.personal == "sealed" else "未含身份证号和手机号"
    where = branch.community or branch.compound or "（未填社区）"
    return (f"{branch.name or '（未命名支部）'}｜{where}｜成员 {branch.member_count} 人｜"
            f"会议 {branch.meeting_count} 次｜值班 {branch.duty_count} 人次｜日记 {branch.diary_count} 篇｜"
            f"第 {branch.last_sequence} 号数据包（{period}，{personal}），"
            f"导入于 {branch.last_imported_at:%Y-%m-%d %H:%M}｜编号 {branch.uid[:8]}")


def add_hub_commands(commands: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    hub = commands.add_parser("hub", help="汇总台：导入各支部的上报数据包并汇总")
    actions = hub.add_subparsers(dest="kind", metavar="操作", required=True, parser_class=parser_class)

    def hub_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--hub", metavar="HUB",
                            help="汇总台：SQLite 文件路径或 postgresql://用户@主机:端口/数据库（默认：环境变量 BRANCH_DESK_HUB）")

    def key_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--key", metavar="KEYFILE",
                            help="汇总台私钥文件（SQLite 汇总台默认在数据库旁；PostgreSQL 汇总台必须指定，"
                                 "或设置环境变量 BRANCH_DESK_HUB_KEY）")

    init = actions.add_parser("init", help="建立汇总台的数据表和密钥对，写出发给各支部的接收密钥")
    hub_option(init)
    key_option(init)
    init.add_argument("--key-out", metavar="KEYFILE", help="接收密钥（公开部分）写到这个文件，发给各支部")
    init.set_defaults(handler=_cmd_init)

    imp = actions.add_parser("import", help="导入数据包（文件或文件夹），逐个报告：已导入 / 未变化 / 已忽略 / 已拒绝")
    imp.add_argument("paths", nargs="+", metavar="PATH", type=Path, help=".bdpkg 文件或存放它们的文件夹")
    hub_option(imp)
    key_option(imp)
    imp.set_defaults(handler=_cmd_import)

    branches = actions.add_parser("branches", help="列出汇总台中的支部，每个支部一行")
    hub_option(branches)
    branches.set_defaults(handler=_cmd_branches)

    from ..report_commands import parse_day

    report = actions.add_parser("report", help="汇总台报表：summary 工作汇总，cadres 下沉干部现实表现（按派出单位），"
                                               "branches 支部报送情况")
    report.add_argument("kind", choices=sorted(REPORT_KINDS), metavar="summary|cadres|branches",
                        help="；".join(f"{k} {v}" for k, v in REPORT_KINDS.items()))
    report.add_argument("--from", dest="date_from", type=parse_day, required=True, metavar="DATE",
                        help="开始日期 YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", type=parse_day, required=True, metavar="DATE", help="结束日期 YYYY-MM-DD")
    report.add_argument("--unit", metavar="UNIT", help="cadres：只写这个派出单位（与花名册中的写法一致）")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                        help="输出文件：.pdf 或 .docx；cadres 不带 --unit 时给一个文件夹则每个派出单位一个文件")
    report.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                        help="每个派出单位一个文件时的格式（默认 pdf）")
    hub_option(report)
    key_option(report)
    report.set_defaults(handler=_cmd_report)
