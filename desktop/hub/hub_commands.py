"""`branch-desk hub …`: the hub (汇总台) from the command line, Qt-free (registered in
desktop/cli/hub.py).

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


REPORT_KINDS = {"summary": "街道临时党支部工作汇总", "cadres": "下沉干部现实表现情况（按派出单位）",
                "branches": "支部报送情况"}


def cmd_report(args: argparse.Namespace, watchdog) -> int:
    """One report file; `cadres` without --unit and -o a folder: one file per home unit.
    *watchdog(target, title)* is the branch reports' time limit (desktop/cli/report.py): a
    build stuck on a garbled font ends with a message."""
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
        with watchdog(target if target.suffix else target / "_", REPORT_KINDS[args.kind]):
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
