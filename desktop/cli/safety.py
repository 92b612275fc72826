"""`branch-desk backup | restore | check`: their work is in desktop/safety/commands.py."""
from __future__ import annotations

from .common import Commands, db_option


def register(commands: Commands) -> None:
    from ..safety.commands import cmd_backup, cmd_check, cmd_restore

    backup = commands.add("backup", "立即备份数据库（默认存入备份文件夹）")
    backup.add_argument("-o", "--output", metavar="FILE", help="备份到指定文件，例如 U 盘上的文件")
    db_option(backup)
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add("restore", "用备份文件恢复数据库（会先备份当前数据）")
    restore.add_argument("file", metavar="FILE", help="备份文件（.sqlite3）")
    restore.add_argument("--other-branch", action="store_true",
                         help="备份属于另一个支部时，仍用它替换当前数据库（会先备份当前数据）")
    db_option(restore)
    restore.set_defaults(handler=cmd_restore)

    check = commands.add("check", "检查数据库是否完好，以及数据结构版本")
    db_option(check)
    check.set_defaults(handler=cmd_check)
