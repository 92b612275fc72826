"""`branch-desk schedule` and `export duty`: the duty rota (desktop/duty/) from the command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import Commands, check_period, db_option, open_db, period_options


def register(commands: Commands) -> None:
    exp = commands.verb("export").add_parser(
        "duty", help="把值班表导出为 .xlsx（值班表 + 每人每班）、.csv（每人每班一行）或 .png（一周，发群用的图片）")
    exp.add_argument("file", metavar="FILE", help="导出文件（.xlsx、.csv 或 .png）")
    period_options(exp, required=False)
    db_option(exp)
    exp.set_defaults(handler=cmd_export_duty)

    schedule = commands.add("schedule", "自动排班：保留已过去的班次和锁定的安排")
    period_options(schedule, required=True)
    schedule.add_argument("--time-limit", type=float, default=30.0, metavar="SECONDS", help="最多用时（秒，默认 30）")
    db_option(schedule)
    schedule.set_defaults(handler=cmd_schedule)


def cmd_export_duty(args: argparse.Namespace) -> int:
    from ..duty.export import export_duty

    check_period(args.date_from, args.date_to)
    open_db(args)
    target = Path(args.file)
    count = export_duty(target, args.date_from, args.date_to)
    what = "值班图片（一周）" if target.suffix.lower() == ".png" else ""
    print(f"已导出 {count} 条值班安排{what}到 {target}")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    check_period(args.date_from, args.date_to)  # before the lock: nothing is touched
    from ..duty.generate import generate_rota

    open_db(args, write=True)
    shown = [-1]

    def progress(*values) -> None:  # a fraction 0..1 prints as a percentage, anything else as a dot
        value = values[0] if values else None
        if isinstance(value, float) and 0 <= value <= 1 and int(value * 10) != shown[0]:
            shown[0] = int(value * 10)
            print(f"{int(value * 100)}%", end=" ", file=sys.stderr, flush=True)
        elif not isinstance(value, float):
            print(".", end="", file=sys.stderr, flush=True)

    print("正在排班", end=" ", file=sys.stderr, flush=True)
    # Writes the rota even when incomplete; past days and pinned assignments stay as they are.
    result = generate_rota(args.date_from, args.date_to, progress=progress, time_limit_s=args.time_limit)
    print(file=sys.stderr)
    print(f"已排 {len(result.assignments)} 人次（{result.status}，用时 {result.seconds:.1f} 秒）")
    if result.keep_from and result.keep_from > args.date_from:
        print(f"{result.keep_from:%Y-%m-%d} 之前的班次已过去，保持不变；锁定的安排均已保留。")
    for line in getattr(result, "proof", []):  # what the result proves: staffing, fairness, changes
        print(f"  {line}")
    fairness = result.fairness if isinstance(result.fairness, dict) else {}
    if "people" in fairness:
        print(f"公平性（参与统计 {fairness['people']} 人）：")
    for key, label in (("shifts", "班次"), ("hours", "时长（小时）"), ("nights", "夜班"), ("weekends", "周末班")):
        if f"{key}_min" in fairness:
            print(f"  每人{label}：最少 {fairness[key + '_min']:g}，最多 {fairness[key + '_max']:g}")
    if result.complete:
        print("排班完成，所有班次均已排满。")
        return 0
    print(f"排班未完成：{len(result.unfilled)} 个班次缺人（已排的班次已写入）：")
    for gap in result.unfilled:
        print(f"  {gap.date:%Y-%m-%d} {gap.post_name} {gap.shift_name}：需 {gap.needed} 人，"
              f"已排 {gap.filled} 人。{gap.reason}")
    return 1
