"""`branch-desk backup | restore | check`: data safety from the command line, Qt-free
(registered in desktop/cli/safety.py).

backup and check only read, so they work while the app is open; restore writes and
needs the app closed.
"""
from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from ..errors import UserError
from ..paths import resolve_db_path


class SafetyCommandError(UserError):
    """A Chinese message for the user; the CLI prints it and exits 1."""


def _user_path(text: str) -> Path:
    """'~/备份.sqlite3' as the shell would expand it; '~nobody' stays literal rather than fail."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return Path(text)


def cmd_backup(args: argparse.Namespace) -> int:
    from .backup import backup_into_dir, backup_to, clean_partial_backups, prune_backups
    from .config import backup_folder
    from .opening import Mode, open_database

    path = resolve_db_path(args.db)
    database = open_database(path, Mode.READ).database  # no lock: the app and imports go on meanwhile
    if args.output:
        target = backup_to(database, _user_path(args.output))
    else:
        folder = backup_folder(path)
        clean_partial_backups(folder)
        target = backup_into_dir(database, folder, "manual")
        prune_backups(folder)
    print(f"已备份到：{target.resolve()}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .config import backup_folder
    from .integrity import check_database
    from .lock import DatabaseBusy, busy_message, hold
    from .opening import Mode, open_database, refuse_unusable
    from .restore import OtherBranch, restore_into, restore_to_path, verify_backup

    path = resolve_db_path(args.db)
    source = _user_path(args.file)
    refuse_unusable(path, write=True)
    verify_backup(source)  # before the lock and before touching anything
    try:
        hold(path, "命令行命令 branch-desk restore")
    except DatabaseBusy:
        raise SafetyCommandError("不能恢复。" + busy_message(path)) from None
    current = check_database(path)
    if current.damaged or current.status == "new":
        result = restore_to_path(source, path)
        open_database(path, Mode.WRITE)  # brings an older backup up to today's schema
        print(f"已用 {source} 恢复数据库：{path}")
        if result.damaged_kept:
            print(f"损坏的原文件已改名保留：{result.damaged_kept}")
        return 0
    database = open_database(path, Mode.WRITE).database
    try:
        result = restore_into(database, source, backup_folder(path), allow_other_branch=args.other_branch)
    except OtherBranch as exc:
        raise SafetyCommandError(
            f"{exc}\n\n数据库保持原样。确实要这样做，请加上 --other-branch 再运行一次：\n"
            f"branch-desk restore \"{source}\" --db \"{path}\" --other-branch") from None
    print(f"已用 {source} 恢复数据库：{path}")
    print(f"恢复前的数据已备份到：{result.safety_copy}")
    return 0


def _count_members(path: Path) -> int | None:
    from .connection import read_file

    conn = read_file(path)
    try:
        return conn.execute("SELECT count(*) FROM member").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def cmd_check(args: argparse.Namespace) -> int:
    from ..models.migrations import LATEST
    from .backup import backups_of
    from .config import backup_folders
    from .errors import IS_FOLDER, message_for
    from .identity import NotOurDatabase, read_identity
    from .integrity import OK, check_database, describe_backup, newest_good_backup

    path = resolve_db_path(args.db)
    if path.is_dir():
        raise SafetyCommandError(message_for(IS_FOLDER, path))
    if not path.exists():
        raise SafetyCommandError(f"找不到数据库文件：{path}")
    result = check_database(path)
    if result.status != OK:
        message = result.message() or f"数据库文件是空的：{path}"
        good = newest_good_backup(backup_folders(path)) if result.damaged else None
        if good is not None:
            message += (f"\n\n最近一份完好的备份：{describe_backup(good)}\n{good.path}\n"
                        f"可以这样恢复：branch-desk restore \"{good.path}\" --db \"{path}\"")
        raise SafetyCommandError(message)
    try:
        identity = read_identity(path)  # every table and column its version should have
    except NotOurDatabase as exc:
        raise SafetyCommandError(f"数据库结构不完整，不能放心使用：\n{exc}") from None
    members = _count_members(path)
    backups = backups_of(backup_folders(path), identity.uid, identity.branch_name)
    upgrade = "，打开时将升级" if result.version < LATEST else ""
    facts = [f"支部 {identity.label}", f"数据结构版本 {result.version}（本程序支持 {LATEST}{upgrade}），各数据表齐全"]
    if members is not None:
        facts.append(f"成员 {members} 人")
    facts.append(f"备份 {len(backups)} 份" + (f"，最近一次 {backups[0].taken_at:%Y-%m-%d %H:%M}" if backups else ""))
    print(f"数据库完好：{path}；" + "；".join(facts))
    return 0
