"""`branch-desk import diaries FILE [--member NAME] [--year YEAR]` (also `import diary`, its
earlier name). With --member the file is that member's diaries; without, a saved group chat: each
message goes to its sender (diaries/chat.py), senders not on the roster are listed and skipped."""
from __future__ import annotations

import argparse
import sys

from .common import CliError, Commands, db_option, hidden_alias, open_db

PREVIEW_CHARS = 30


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS] + "……"


NO_CHAT = ("文件中没有识别出聊天记录的发送人（如“张建国 2026/12/3 22:05”）。"
           "如果这是一名成员的日记，请用 --member 指定作者。")


def cmd_import_diaries(args: argparse.Namespace) -> int:
    from ..diaries.importer import (
        NEW,
        SAME,
        apply_diary_import,
        full_day,
        plan_chat_import,
        plan_diary_import,
        read_text_file,
    )
    from ..diaries.service import member_by_name

    if args.year is not None and not 2000 <= args.year <= 2100:
        raise CliError(f"年份“{args.year}”不对，应为四位数的年份，例如 2022。")
    text = read_text_file(args.file)  # before opening: a wrong file costs no lock
    open_db(args, write=not args.dry_run)
    if args.member is not None:
        member = member_by_name(args.member)
        plan = plan_diary_import(text, member.id, year=args.year)
    else:
        plan = plan_chat_import(text)
        if plan is None:
            raise CliError(NO_CHAT)
    for problem in plan.problems + plan.notes:
        print(problem, file=sys.stderr)
    if plan.needs_year and plan.year_used:
        print(f"文中没有写年份，按{plan.year_used}年处理；如不对，请用 --year 指定。", file=sys.stderr)
    for row in plan.rows:
        action = row.action if args.append or row.action in (NEW, SAME) else "已有日记，跳过"
        author = "" if args.member is not None else f" {row.member_name}"
        mark = "（含疑似日期行，已作正文保留）" if row.doubtful else ""
        print(f"{full_day(row.day)}{author} {action}{mark} {_preview(row.text)}")
    wanted = [r for r in plan.rows if r.action == NEW or (r.action != SAME and args.append)]
    if not wanted:
        print("没有可导入的日记。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("（试运行，未写入任何数据）")
        return 0
    created, appended, skipped = apply_diary_import(plan, append_existing=args.append)
    print(f"导入完成（{'、'.join(plan.authors)}）：新增 {created} 篇，追加 {appended} 篇，跳过 {skipped} 篇。")
    return 0


def register(commands: Commands) -> None:
    kinds = commands.verb("import")
    sub = kinds.add_parser("diaries", help="从 .txt 文本导入包保日记：一名成员的日记（--member），或保存的微信群聊天记录")
    sub.add_argument("file", metavar="FILE", help="日记文本文件（.txt，UTF-8 或 GBK 编码）")
    sub.add_argument("--member", metavar="NAME",
                     help="日记作者的姓名（重名时写成“姓名（单位）”）；不写则按聊天记录的发送人逐条导入")
    sub.add_argument("--year", type=int, metavar="YEAR", help="文中日期没有写年份时使用的年份")
    sub.add_argument("--no-append", dest="append", action="store_false",
                     help="某天已有日记时跳过（默认把新内容追加为一段）")
    sub.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    db_option(sub)
    sub.set_defaults(handler=cmd_import_diaries)
    hidden_alias(kinds, "diary", sub)  # its earlier name, in users' scripts and the README
