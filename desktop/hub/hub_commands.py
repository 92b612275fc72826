"""`branch-desk hub …`: the hub (汇总台) from the command line, Qt-free (registered in
desktop/cli/hub.py).

    branch-desk hub init --hub HUB [--key KEYFILE] [--key-out RECEIVING.json]
    branch-desk hub import PATH... --hub HUB [--key KEYFILE]
    branch-desk hub branches --hub HUB

HUB is a SQLite file or a postgresql:// URL (else BRANCH_DESK_HUB); KEYFILE the hub's private
key (beside a SQLite hub by default; a PostgreSQL hub needs --key or BRANCH_DESK_HUB_KEY).
"""
from __future__ import annotations

import argparse


def cmd_init(args: argparse.Namespace) -> int:
    from .hub_init import init_hub

    result = init_hub(args.hub, args.key, args.key_out)
    try:
        for line in result.lines:
            print(line)
    finally:
        result.hub.close()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
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


def cmd_branches(args: argparse.Namespace) -> int:
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
