"""Command line: start the app, or script the roster without Qt.

    branch-desk [--db PATH]
    branch-desk demo --db PATH [--seed N]
    branch-desk import members FILE [--sheet NAME] [--dry-run] [--skip-invalid]
    branch-desk import diary FILE [--member NAME] [--year YEAR] [--no-append] [--dry-run]
    branch-desk export members FILE.xlsx|FILE.csv [--reveal]
    branch-desk export duty FILE.xlsx|FILE.csv|FILE.png [--from DATE --to DATE]
    branch-desk schedule --from DATE --to DATE [--time-limit SECONDS]
    branch-desk package export -o FILE.bdpkg [--to-hub KEYFILE] [--from DATE --to DATE] [--photos]
    branch-desk backup [-o FILE] | restore FILE [--other-branch] | check

A refusal (desktop.errors.UserError, or a storage fault said in its words) goes to stderr in
Chinese with exit code 1; anything else is an internal error: one Chinese line naming the log
file, exit code 2, the traceback only in the log (desktop/logs.py). --verbose logs everything.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import UserError
from .paths import resolve_db_path

log = logging.getLogger(__name__)

# argparse speaks English; the secretary should not have to. argparse looks its
# messages up through its module-level gettext alias, so a table is all it takes.
_ARGPARSE_CHINESE = {
    "usage: ": "用法：",
    "positional arguments": "命令与参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个参数值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
}
argparse._ = lambda text: _ARGPARSE_CHINESE.get(text, text)  # type: ignore[attr-defined]


class CliError(UserError):
    """A user-facing failure: printed in Chinese, exit code 1."""


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # overrides ArgumentParser.error: exit 1, not 2
        self.print_usage(sys.stderr)
        self.exit(1, f"错误：{message}\n")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=default,
        help="数据库文件（默认：环境变量 BRANCH_DESK_DB，或用户数据目录中的 branch-desk.sqlite3）",
    )
    # Every command's parser gets --db from here, so --verbose rides along: accepted anywhere.
    parser.add_argument("--verbose", action="store_true",
                        default=argparse.SUPPRESS if default is argparse.SUPPRESS else False,
                        help="在日志文件中记录全部调试信息（身份证号和手机号仍会隐去）")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="branch-desk", description="支部工作台：临时党支部的花名册、会议、值班、日记与报表。"
    )
    _db_option(parser, None)
    parser.add_argument("--hub", dest="open_hub", metavar="HUB",
                        help="打开汇总台而不是支部数据库：SQLite 文件或 postgresql:// 地址（或环境变量 BRANCH_DESK_HUB）")
    parser.add_argument("--key", dest="open_hub_key", metavar="KEYFILE",
                        help="汇总台私钥文件，导入加密的数据包时用（PostgreSQL 汇总台；或环境变量 BRANCH_DESK_HUB_KEY）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)

    demo = commands.add_parser("demo", help="新建一个含虚构示例支部的数据库")
    _db_option(demo, argparse.SUPPRESS)
    demo.add_argument("--seed", type=int, metavar="N",
                      help="生成第 N 个虚构支部（小区、人员、派出单位各不相同；同一个 N 总是同一个支部）")
    demo.set_defaults(handler=_cmd_demo)

    imp = commands.add_parser("import", help="导入数据")
    imp_kinds = imp.add_subparsers(dest="kind", metavar="类型", required=True, parser_class=ChineseArgumentParser)
    imp_members = imp_kinds.add_parser("members", help="从 .xlsx 或 .csv 导入花名册")
    imp_members.add_argument("file", metavar="FILE", help="花名册文件（.xlsx 或 .csv）")
    imp_members.add_argument("--dry-run", action="store_true", help="只检查并列出问题，不写入")
    imp_members.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，只导入有效行")
    imp_members.add_argument("--sheet", metavar="NAME", help="要导入的工作表名称（默认：含花名册表头的那一个）")
    _db_option(imp_members, argparse.SUPPRESS)
    imp_members.set_defaults(handler=_cmd_import_members)
    from .diaries.commands import add_diary_import_command

    add_diary_import_command(imp_kinds, _db_option)

    exp = commands.add_parser("export", help="导出数据")
    exp_kinds = exp.add_subparsers(dest="kind", metavar="类型", required=True, parser_class=ChineseArgumentParser)
    exp_members = exp_kinds.add_parser("members", help="把花名册导出为 .xlsx 或 .csv")
    exp_members.add_argument("file", metavar="FILE", help="导出文件（.xlsx 或 .csv）")
    exp_members.add_argument("--reveal", action="store_true", help="导出完整的身份证号和手机号（默认脱敏）")
    _db_option(exp_members, argparse.SUPPRESS)
    exp_members.set_defaults(handler=_cmd_export_members)
    exp_duty = exp_kinds.add_parser("duty", help="把值班表导出为 .xlsx（值班表 + 每人每班）、.csv（每人每班一行）或 .png（一周，发群用的图片）")
    exp_duty.add_argument("file", metavar="FILE", help="导出文件（.xlsx、.csv 或 .png）")
    _period_options(exp_duty, required=False)
    _db_option(exp_duty, argparse.SUPPRESS)
    exp_duty.set_defaults(handler=_cmd_export_duty)

    schedule = commands.add_parser("schedule", help="自动排班：保留已过去的班次和锁定的安排")
    _period_options(schedule, required=True)
    schedule.add_argument("--time-limit", type=float, default=30.0, metavar="SECONDS", help="求解时限（秒，默认 30）")
    _db_option(schedule, argparse.SUPPRESS)
    schedule.set_defaults(handler=_cmd_schedule)

    from .report_commands import add_report_commands

    add_report_commands(commands, ChineseArgumentParser, _db_option)

    from .safety.commands import add_safety_commands

    add_safety_commands(commands, ChineseArgumentParser, _db_option)

    from .hub.commands import add_package_commands

    add_package_commands(commands, ChineseArgumentParser, _db_option)

    from .hub.hub_commands import add_hub_commands

    add_hub_commands(commands, ChineseArgumentParser)
    return parser


def command_holder(args: argparse.Namespace) -> str:
    """How a refused writer is told which program holds the file: '命令行命令 branch-desk import members'."""
    words = [w for w in (getattr(args, "command", None), getattr(args, "kind", None)) if isinstance(w, str)]
    return "命令行命令 branch-desk " + " ".join(words) if words else "支部工作台命令行"


def _open(args: argparse.Namespace, write: bool = False) -> Path:
    """Open the database; *write* commands take the one-writer lock and fail if the app holds
    it; read-only ones take no lock and write nothing beside the file."""
    from .safety.opening import Mode, open_database

    path = resolve_db_path(args.db)  # a server URL is refused here, in Chinese
    if write:
        open_database(path, Mode.WRITE, holder=command_holder(args))
    else:
        open_database(path, Mode.READ)
    return path


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import create_demo_database

    if not args.db:
        raise CliError("请用 --db 指定新数据库文件的路径，例如：branch-desk demo --db 示例.sqlite3")
    path = Path(args.db).expanduser().resolve()
    from .safety.lock import hold

    hold(path, command_holder(args))  # an app already on this file must not see it filled under its feet
    summary = create_demo_database(path, branch_seed=getattr(args, "seed", None))
    print(f"已创建示例数据库：{path}")
    for line in summary:
        print(f"  {line}")
    return 0


def _cmd_import_members(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.exists():
        raise CliError(f"找不到文件：{source}")
    from .importers.members import apply_import, plan_member_import

    if args.dry_run and not resolve_db_path(args.db).exists():
        from .safety.opening import open_database

        open_database(":memory:")  # a new database: check against an empty roster, create nothing
    else:
        _open(args, write=not args.dry_run)
    plan = plan_member_import(source, sheet=args.sheet)
    _print_import_plan(plan)
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


def _print_import_plan(plan) -> None:
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


def _cmd_export_members(args: argparse.Namespace) -> int:
    from .exporters.members import export_members

    _open(args)
    target = Path(args.file)
    count = export_members(target, reveal=args.reveal)
    masked = "（含完整身份证号和手机号）" if args.reveal else "（身份证号和手机号已脱敏）"
    print(f"已导出 {count} 人到 {target}{masked}")
    return 0


def _period_options(parser: argparse.ArgumentParser, required: bool) -> None:
    from .report_commands import parse_day

    parser.add_argument("--from", dest="date_from", type=parse_day, required=required, metavar="DATE",
                        help="开始日期 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=parse_day, required=required, metavar="DATE",
                        help="结束日期 YYYY-MM-DD")


def _check_period(date_from, date_to) -> None:
    """The reports' limits (limits.py) for any command given a period: a slip such as 0001-01-01
    or 9999-12-31 would walk millions of days. One date alone must be in the years allowed."""
    from .reports.limits import PeriodError, check_period

    if date_from is None and date_to is None:
        return
    try:
        check_period(date_from or date_to, date_to or date_from)
    except PeriodError as exc:
        raise CliError(str(exc)) from None


def _cmd_export_duty(args: argparse.Namespace) -> int:
    from .rotation.export import export_duty

    _check_period(args.date_from, args.date_to)
    _open(args)
    target = Path(args.file)
    count = export_duty(target, args.date_from, args.date_to)
    what = "值班图片（一周）" if target.suffix.lower() == ".png" else ""
    print(f"已导出 {count} 条值班安排{what}到 {target}")
    return 0


def _cmd_schedule(args: argparse.Namespace) -> int:
    _check_period(args.date_from, args.date_to)  # before the lock: nothing is touched
    from .rotation.generate import generate_rota

    _open(args, write=True)
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


def _start_app(args: argparse.Namespace) -> int:
    import os

    hub = getattr(args, "open_hub", None) or (None if args.db else os.environ.get("BRANCH_DESK_HUB"))
    if hub:  # the hub window (汇总台); an explicit --db opens the branch even when BRANCH_DESK_HUB is set
        from .app import run_hub

        return run_hub(hub, getattr(args, "open_hub_key", None))
    from .app import run  # the integrity check begins once the window is painted (app.run)

    return run(resolve_db_path(args.db))


def _quiet_unraisable(unraisable) -> None:
    """An object failing while it is collected (ZipFile.__del__ closing an .xlsx on a full
    disk) must not print a traceback after our Chinese message: log it instead."""
    log.debug("ignored while cleaning up: %r", unraisable.exc_value,
              exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback))


def _plain_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """`branch-desk [--verbose] [--db PATH]` without building the whole parser: its sub-commands
    import modules the window does not need (the start is timed against a bare Qt window)."""
    argv = list(argv)
    verbose = "--verbose" in argv
    argv = [word for word in argv if word != "--verbose"]
    if not argv:
        return argparse.Namespace(db=None, verbose=verbose)
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return argparse.Namespace(db=argv[1], verbose=verbose)
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return argparse.Namespace(db=argv[0][5:], verbose=verbose)
    return None


NUL_IN_ARGUMENT = "参数中含有无效字符（空字符），请检查文件路径和名称。"


def _refusal(exc: BaseException, db_path: Path | None) -> UserError | None:
    """*exc* as something to tell the user (exit 1), or None for a bug (exit 2)."""
    from .safety.errors import as_user_error

    return as_user_error(exc, db_path)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if any("\0" in word for word in argv):  # only an in-process caller can pass one: no OS argv holds NUL
        print(f"错误：{NUL_IN_ARGUMENT}", file=sys.stderr)
        return 1
    args = _plain_start(argv) or build_parser().parse_args(argv)
    from . import logs

    logs.configure(verbose=bool(getattr(args, "verbose", False)), terminal=True)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _start_app)
    previous_hook = sys.unraisablehook
    if handler is not _start_app:
        sys.unraisablehook = _quiet_unraisable
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the CLI's promise is: no traceback, ever
        try:
            db_path = resolve_db_path(getattr(args, "db", None))
        except Exception:  # noqa: BLE001 - naming the file is a nicety
            db_path = None
        refusal = _refusal(exc, db_path)
        if refusal is not None:
            log.info("command refused: %s", refusal, exc_info=exc)
            line, code = f"错误：{refusal}", 1
        else:
            log.error("internal error in %s", command_holder(args), exc_info=exc, extra=logs.SHOWN)
            line, code = logs.internal_error_text(exc), 2
        link: BaseException | None = exc
        while link is not None:  # frames may hold a half-written ZipFile: let it go now, quietly
            link.__traceback__ = None
            link = link.__cause__ or link.__context__
        print(line, file=sys.stderr)
        return code
    finally:
        import gc

        from .models import close
        from .safety.lock import release_all

        close()
        release_all()
        gc.collect()  # objects of a failed command clean up while our hook is in place
        sys.unraisablehook = previous_hook


if __name__ == "__main__":
    sys.exit(main())
