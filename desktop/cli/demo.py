"""`branch-desk demo --db PATH [--seed N]`: a new database holding a fictional example branch."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import CliError, Commands, command_holder, db_option


def register(commands: Commands) -> None:
    demo = commands.add("demo", "新建一个含虚构示例支部的数据库")
    db_option(demo)
    demo.add_argument("--seed", type=int, metavar="N",
                      help="生成第 N 个虚构支部（小区、人员、派出单位各不相同；同一个 N 总是同一个支部）")
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import create_demo_database

    if not args.db:
        raise CliError("请用 --db 指定新数据库文件的路径，例如：branch-desk demo --db 示例.sqlite3")
    path = Path(args.db).expanduser().resolve()
    from ..safety.lock import hold

    hold(path, command_holder(args))  # an app already on this file must not see it filled under its feet
    summary = create_demo_database(path, branch_seed=getattr(args, "seed", None))
    print(f"已创建示例数据库：{path}")
    for line in summary:
        print(f"  {line}")
    return 0
