"""`branch-desk package export`: the data package from the command line (Qt-free).

A reading command: it works while the app has the same database open (see export.py for
the one counter it writes)."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def _cmd_export(args: argparse.Namespace) -> int:
    from ..cli import _open
    from .export import export_package

    _open(args)
    result = export_package(Path(args.output), Path(args.to_hub) if args.to_hub else None,
                            args.date_from, args.date_to, photos=args.photos)
    for line in result.lines():
        print(line)
    return 0


def add_package_commands(
    commands: argparse._SubParsersAction,
    parser_class: type[argparse.ArgumentParser],
    db_option: Callable[[argparse.ArgumentParser, object], None],
) -> None:
    from ..report_commands import parse_day

    package = commands.add_parser("package", help="上报数据包：导出本支部的记录，报送汇总台")
    actions = package.add_subparsers(dest="kind", metavar="操作", required=True, parser_class=parser_class)
    export = actions.add_parser("export", help="导出签名的上报数据包（.bdpkg）")
    export.add_argument("-o", "--output", required=True, metavar="FILE.bdpkg", help="数据包文件（.bdpkg）")
    export.add_argument("--to-hub", metavar="KEYFILE",
                        help="汇总台的接收密钥文件：身份证号和手机号加密后只有该汇总台能读取（不给则不放入）")
    export.add_argument("--from", dest="date_from", type=parse_day, metavar="DATE",
                        help="开始日期 YYYY-MM-DD（花名册总是完整的）")
    export.add_argument("--to", dest="date_to", type=parse_day, metavar="DATE", help="结束日期 YYYY-MM-DD")
    export.add_argument("--photos", action="store_true", help="包括日记照片（默认不含）")
    db_option(export, argparse.SUPPRESS)
    export.set_defaults(handler=_cmd_export)
