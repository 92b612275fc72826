"""`branch-desk package export` and `branch-desk hub init | import | branches`: the data package
and the hub (汇总台). Their work is in desktop/hub/commands.py and desktop/hub/hub_commands.py."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import Commands, db_option, open_db, parse_day, period_options


def register(commands: Commands) -> None:
    actions = commands.group("package", "上报数据包：导出本支部的记录，报送汇总台", metavar="操作")
    export = actions.add_parser("export", help="导出签名的上报数据包（.bdpkg）")
    export.add_argument("-o", "--output", required=True, metavar="FILE.bdpkg", help="数据包文件（.bdpkg）")
    export.add_argument("--to-hub", metavar="KEYFILE",
                        help="汇总台的接收密钥文件：身份证号和手机号加密后只有该汇总台能读取（不给则不放入）")
    period_options(export, required=False, from_help="开始日期 YYYY-MM-DD（花名册总是完整的）")
    export.add_argument("--photos", action="store_true", help="包括日记照片（默认不含）")
    db_option(export)
    export.set_defaults(handler=cmd_package_export)

    from ..hub.hub_commands import REPORT_KINDS, cmd_branches, cmd_import, cmd_init

    actions = commands.group("hub", "汇总台：导入各支部的上报数据包并汇总", metavar="操作")
    init = actions.add_parser("init", help="建立汇总台的数据表和密钥对，写出发给各支部的接收密钥")
    _hub_option(init)
    _key_option(init)
    init.add_argument("--key-out", metavar="KEYFILE", help="接收密钥（公开部分）写到这个文件，发给各支部")
    init.set_defaults(handler=cmd_init)

    imp = actions.add_parser("import", help="导入数据包（文件或文件夹），逐个报告：已导入 / 未变化 / 已忽略 / 已拒绝")
    imp.add_argument("paths", nargs="+", metavar="PATH", type=Path, help=".bdpkg 文件或存放它们的文件夹")
    _hub_option(imp)
    _key_option(imp)
    imp.set_defaults(handler=cmd_import)

    branches = actions.add_parser("branches", help="列出汇总台中的支部，每个支部一行")
    _hub_option(branches)
    branches.set_defaults(handler=cmd_branches)

    report = actions.add_parser("report", help="汇总台报表：summary 工作汇总，cadres 下沉干部现实表现（按派出单位），"
                                               "branches 支部报送情况")
    report.add_argument("kind", choices=sorted(REPORT_KINDS), metavar="summary|cadres|branches",
                        help="；".join(f"{k} {v}" for k, v in REPORT_KINDS.items()))
    report.add_argument("--from", dest="date_from", type=parse_day, required=True, metavar="DATE",
                        help="开始日期 YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", type=parse_day, required=True, metavar="DATE",
                        help="结束日期 YYYY-MM-DD")
    report.add_argument("--unit", metavar="UNIT", help="cadres：只写这个派出单位（与花名册中的写法一致）")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                        help="输出文件：.pdf 或 .docx；cadres 不带 --unit 时给一个文件夹则每个派出单位一个文件")
    report.add_argument("--format", choices=("pdf", "docx"), default="pdf",
                        help="每个派出单位一个文件时的格式（默认 pdf）")
    _hub_option(report)
    _key_option(report)
    report.set_defaults(handler=cmd_hub_report)


def cmd_hub_report(args: argparse.Namespace) -> int:
    from ..hub.hub_commands import cmd_report
    from .report import time_limit

    return cmd_report(args, time_limit)


def cmd_package_export(args: argparse.Namespace) -> int:
    from ..hub.commands import cmd_export

    open_db(args)
    return cmd_export(args)


def _hub_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hub", metavar="HUB",
                        help="汇总台：SQLite 文件路径或 postgresql://用户@主机:端口/数据库（默认：环境变量 BRANCH_DESK_HUB）")


def _key_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--key", metavar="KEYFILE",
                        help="汇总台私钥文件（SQLite 汇总台默认在数据库旁；PostgreSQL 汇总台必须指定，"
                             "或设置环境变量 BRANCH_DESK_HUB_KEY）")
