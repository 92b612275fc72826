"""`branch-desk import members` / `export members`: the roster (花名册) as a spreadsheet."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..paths import resolve_db_path
from .common import CliError, Commands, db_option, open_db


def register(commands: Commands) -> None:
    imp = commands.verb("import").add_parser("members", help="从 .xlsx 或 .csv 导入花名册")
    imp.add_argument("file", metavar="FILE", help="花名册文件（.xlsx 或 .csv）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并列出问题，不写入")
    imp.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，只导入有效行")
    imp.add_argument("--sheet", metavar="NAME", help="要导入的工作表名称（默认：含花名册表头的那一个）")
    db_option(imp)
    imp.set_defaults(handler=cmd_import_members)

    exp = commands.verb("export").add_parser("members", help="把花名册导出为 .xlsx 或 .csv")
    exp.add_argument("file", metavar="FILE", help="导出文件（.xlsx 或 .csv）")
    exp.add_argument("--reveal", action="store_true", help="导出完整的身份证号和手机号（默认脱敏）")
    db_option(exp)
    exp.set_defaults(handler=cmd_export_members)


def cmd_import_members(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.exists():
        raise CliError(f"找不到文件：{source}")
    from ..importers.members import apply_import, plan_member_import

    if args.dry_run and not resolve_db_path(args.db).exists():
        from ..safety.opening import open_database

        open_database(":memory:")  # a new database: check against an empty roster, create nothing
    else:
        open_db(args, write=not args.dry_run)
    plan = plan_member_import(source, sheet=args.sheet)
    print_import_plan(plan)
    if args.dry_run:
        print("（试运行，未写入任何数据）")
        return 1 if plan.has_errors and not args.skip_invalid else 0
    outcome = apply_import(plan, skip_invalid=args.skip_invalid)
    print(
        f"导入完成：新增 {outcome.created} 人，更新 {outcome.updated} 人，"
        f"跳过 {outcome.skipped} 行，未导入有错误的行 {outcome.rejected} 行。"
    )
    if outcome.left_out:
        print(f"未导入：{outcome.left_out_text()}")
    return 0


def print_import_plan(plan) -> None:
    """What was read and what will be ignored, then every row that has something to say."""
    where = f"“{plan.source.name}”" + (f"的工作表“{plan.table.sheet}”" if plan.table.sheet else "")
    rows = plan.header_rows
    print(f"读取{where}，表头在第 {rows[0]}" + (f"–{rows[-1]}" if len(rows) > 1 else "") + " 行")
    recognized = "、".join(h if h == label else f"{h}→{label}" for h, label in plan.recognized)
    print(f"识别的列：{recognized}")
    print("忽略的列：" + ("、".join(plan.ignored) + "（这些列的内容不会导入）" if plan.ignored else "无"))
    for row in plan.rows:
        if row.problems:
            print(f"第 {row.sheet_row} 行：{'；'.join(row.problems)}", file=sys.stderr)
        elif row.note:
            print(f"第 {row.sheet_row} 行：{row.action}，{row.note}")
        for warning in row.warnings:
            print(f"第 {row.sheet_row} 行：注意：{warning}")
    counts = "，".join(f"{action} {n} 行" for action, n in plan.counts.items() if n)
    print(f"检查完毕：{counts or '没有数据行'}")
    if plan.warned_rows:
        print(f"有 {len(plan.warned_rows)} 行可能与他人重复（见“注意”），请核对。")


def cmd_export_members(args: argparse.Namespace) -> int:
    from ..exporters.members import export_members

    open_db(args)
    target = Path(args.file)
    count = export_members(target, reveal=args.reveal)
    masked = "（含完整身份证号和手机号）" if args.reveal else "（身份证号和手机号已脱敏）"
    print(f"已导出 {count} 人到 {target}{masked}")
    return 0
