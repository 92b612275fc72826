"""`branch-desk hub …`: the hub (汇总台) from the command line, Qt-free.

    branch-desk hub init --hub HUB [--key KEYFILE] [--key-out RECEIVING.json]
    branch-desk hub import PATH... --hub HUB [--key KEYFILE]
    branch-desk hub branches --hub HUB

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
    tally: dict[str, int] = {}
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
