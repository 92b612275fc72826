"""`branch-desk import diary FILE --member NAME [--year YEAR]`: the handler lives here so
cli.py, edited by several people, only gains the line that registers it."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

PREVIEW_CHARS = 30


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS] + "……"


def _cmd_import_diary(args: argparse.Namespace) -> int:
    from ..cli import CliError, _open
    from .importer import NEW, SAME, apply_diary_import, plan_diary_import, read_text_file
    from .service import day_text, member_by_name

    if args.year is not None and not 2000 <= args.year <= 2100:
        raise CliError(f"年份“{args.year}”不对，应为四位数的年份，例如 2022。")
    text = read_text_file(args.file)  # before opening: a wrong file costs no lock
    _open(args, write=not args.dry_run)
    member = member_by_name(args.member)
    plan = plan_diary_import(text, member.id, year=args.year)
    for problem in plan.problems:
        print(problem, file=sys.stderr)
    if plan.needs_year and plan.year_used:
        print(f"文中没有写年份，按{plan.year_used}年处理；如不对，请用 --year 指定。", file=sys.stderr)
    for row in plan.rows:
        action = row.action if args.append or row.action in (NEW, SAME) else "已有日记，跳过"
        print(f"{day_text(row.day)} {action} {_preview(row.text)}")
    wanted = [r for r in plan.rows if r.action == NEW or (r.action != SAME and args.append)]
    if not wanted:
        print("没有可导入的日记。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("（试运行，未写入任何数据）")
        return 0
    created, appended, skipped = apply_diary_import(plan, append_existing=args.append)
    print(f"导入完成（{member.name}）：新增 {created} 篇，追加 {appended} 篇，跳过 {skipped} 篇。")
    return 0


def add_diary_import_command(
    kinds: argparse._SubParsersAction,
    db_option: Callable[[argparse.ArgumentParser, object], None],
) -> None:
    sub = kinds.add_parser("diary", help="从 .txt 文本导入一名成员的包保日记（每段以日期开头）")
    sub.add_argument("file", metavar="FILE", help="日记文本文件（.txt，UTF-8 或 GBK 编码）")
    sub.add_argument("--member", required=True, metavar="NAME", help="日记作者的姓名（重名时写成“姓名（单位）”）")
    sub.add_argument("--year", type=int, metavar="YEAR", help="文中日期没有写年份时使用的年份")
    sub.add_argument("--no-append", dest="append", action="store_false",
                     help="某天已有日记时跳过（默认把新内容追加为一段）")
    sub.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    db_option(sub, argparse.SUPPRESS)
    sub.set_defaults(handler=_cmd_import_diary)
