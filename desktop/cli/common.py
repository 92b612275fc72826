"""What every command-line group shares: the Chinese argparse, the --db/--verbose options,
dates and periods, and opening the database through the one door (safety/opening.py).

Each group module (roster, diary, duty, report, safety, hub, demo) has
`register(commands: Commands) -> None` and imports its helpers from here, never from
another group or from desktop/cli/__init__.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..paths import resolve_db_path

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


@dataclass
class Commands:
    """The top-level sub-commands, handed to every group's register(). `verb("import")` is the
    shared `import`/`export` parser several groups add their kinds to (import members, import
    diaries, export duty …), made by whichever group comes first."""
    top: argparse._SubParsersAction
    _verbs: dict[str, argparse._SubParsersAction] = field(default_factory=dict)

    VERB_HELP = {"import": "导入数据", "export": "导出数据"}

    def add(self, name: str, help_text: str) -> argparse.ArgumentParser:
        return self.top.add_parser(name, help=help_text)

    def group(self, name: str, help_text: str, metavar: str = "类型") -> argparse._SubParsersAction:
        """`branch-desk NAME KIND …`: a command whose second word picks the action."""
        parser = self.add(name, help_text)
        return parser.add_subparsers(dest="kind", metavar=metavar, required=True, parser_class=ChineseArgumentParser)

    def verb(self, name: str) -> argparse._SubParsersAction:
        if name not in self._verbs:
            self._verbs[name] = self.group(name, self.VERB_HELP[name])
        return self._verbs[name]


def hidden_alias(kinds: argparse._SubParsersAction, alias: str, parser: argparse.ArgumentParser) -> None:
    """*alias* runs *parser* too, without being listed in the help (an earlier name in users' scripts)."""
    kinds.choices[alias] = parser


def db_option(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=default,
        help="数据库文件（默认：环境变量 BRANCH_DESK_DB，或用户数据目录中的 branch-desk.sqlite3）",
    )
    # Every command's parser gets --db from here, so --verbose rides along: accepted anywhere.
    parser.add_argument("--verbose", action="store_true",
                        default=argparse.SUPPRESS if default is argparse.SUPPRESS else False,
                        help="在日志文件中记录全部调试信息（身份证号和手机号仍会隐去）")


def command_holder(args: argparse.Namespace) -> str:
    """How a refused writer is told which program holds the file: '命令行命令 branch-desk import members'."""
    words = [w for w in (getattr(args, "command", None), getattr(args, "kind", None)) if isinstance(w, str)]
    return "命令行命令 branch-desk " + " ".join(words) if words else "支部工作台命令行"


def open_db(args: argparse.Namespace, write: bool = False) -> Path:
    """Open the database; *write* commands take the one-writer lock and fail if the app holds
    it; read-only ones take no lock and write nothing beside the file."""
    from ..safety.opening import Mode, open_database

    path = resolve_db_path(args.db)  # a server URL is refused here, in Chinese
    if write:
        open_database(path, Mode.WRITE, holder=command_holder(args))
    else:
        open_database(path, Mode.READ)
    return path


def parse_day(text: str) -> dt.date:
    """YYYY-MM-DD, as the CLI documents; anything else is a clear error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，例如 2022-04-13") from None


def period_options(parser: argparse.ArgumentParser, required: bool, from_help: str = "开始日期 YYYY-MM-DD") -> None:
    parser.add_argument("--from", dest="date_from", type=parse_day, required=required, metavar="DATE",
                        help=from_help)
    parser.add_argument("--to", dest="date_to", type=parse_day, required=required, metavar="DATE",
                        help="结束日期 YYYY-MM-DD")


def check_period(date_from: dt.date | None, date_to: dt.date | None) -> None:
    """The reports' limits (limits.py) for any command given a period: a slip such as 0001-01-01
    or 9999-12-31 would walk millions of days. One date alone must be in the years allowed."""
    from ..reports.limits import PeriodError
    from ..reports.limits import check_period as check

    if date_from is None and date_to is None:
        return
    try:
        check(date_from or date_to, date_to or date_from)
    except PeriodError as exc:
        raise CliError(str(exc)) from None
