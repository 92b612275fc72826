"""Command line: start the app, or script it without Qt. One module of this package per group
(GROUPS), each with register(commands); what they share is in common.py.

    branch-desk [--db PATH]
    branch-desk demo --db PATH [--seed N]
    branch-desk import members FILE [--sheet NAME] [--dry-run] [--skip-invalid]
    branch-desk import diaries FILE [--member NAME] [--year YEAR] [--no-append] [--dry-run]
    branch-desk export members FILE.xlsx|FILE.csv [--reveal]
    branch-desk export duty FILE.xlsx|FILE.csv|FILE.png [--from DATE --to DATE]
    branch-desk schedule --from DATE --to DATE [--time-limit SECONDS]
    branch-desk report KIND … -o FILE.pdf|FILE.docx   (one KIND per desktop/reports/kinds.py KINDS)
    branch-desk package export -o FILE.bdpkg [--to-hub KEYFILE] [--from DATE --to DATE] [--photos]
    branch-desk backup [-o FILE] | restore FILE [--other-branch] | check
    branch-desk hub init | import | branches

A refusal (desktop.errors.UserError, or a storage fault said in its words) goes to stderr in
Chinese with exit code 1; anything else is an internal error: one Chinese line naming the log
file, exit code 2, the traceback only in the log (desktop/logs.py). --verbose logs everything.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import UserError
from ..paths import resolve_db_path
from .common import ChineseArgumentParser, CliError, Commands, command_holder, db_option

__all__ = ["CliError", "build_parser", "command_holder", "main"]

log = logging.getLogger(__name__)

# One module of this package per group, in the order `branch-desk --help` lists them.
GROUPS = ("demo", "roster", "diary", "duty", "report", "safety", "hub")

def build_parser() -> argparse.ArgumentParser:
    """Every group registers its sub-commands the same way: GROUPS' register(commands)."""
    parser = ChineseArgumentParser(
        prog="branch-desk", description="支部工作台：临时党支部的花名册、会议、值班、日记与报表。"
    )
    db_option(parser, None)
    parser.add_argument("--hub", dest="open_hub", metavar="HUB",
                        help="打开汇总台而不是支部数据库：SQLite 文件或 postgresql:// 地址（或环境变量 BRANCH_DESK_HUB）")
    parser.add_argument("--key", dest="open_hub_key", metavar="KEYFILE",
                        help="汇总台私钥文件，导入加密的数据包时用（PostgreSQL 汇总台；或环境变量 BRANCH_DESK_HUB_KEY）")
    commands = Commands(parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser))
    for group in GROUPS:
        importlib.import_module(f"{__name__}.{group}").register(commands)
    return parser


def _start_app(args: argparse.Namespace) -> int:
    hub = getattr(args, "open_hub", None) or (None if args.db else os.environ.get("BRANCH_DESK_HUB"))
    if hub:  # the hub window (汇总台); an explicit --db opens the branch even when BRANCH_DESK_HUB is set
        from ..app import run_hub

        return run_hub(hub, getattr(args, "open_hub_key", None))
    from ..app import run  # the integrity check begins once the window is painted (app.run)

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
    from ..safety.errors import as_user_error

    return as_user_error(exc, db_path)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if any("\0" in word for word in argv):  # only an in-process caller can pass one: no OS argv holds NUL
        print(f"错误：{NUL_IN_ARGUMENT}", file=sys.stderr)
        return 1
    args = _plain_start(argv) or build_parser().parse_args(argv)
    from .. import logs

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
    except Exception as exc:
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

        from ..models import close
        from ..safety.lock import release_all

        close()
        release_all()
        gc.collect()  # objects of a failed command clean up while our hook is in place
        sys.unraisablehook = previous_hook


if __name__ == "__main__":
    sys.exit(main())
