"""Privacy on POSIX: the database, its companions, the lock and the backups are 600; folders 700."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.models import close
from desktop.paths import data_dir
from desktop.safety.autobackup import AutoBackup
from desktop.safety.backup import list_backups, safety_backup
from desktop.safety.config import config_path, default_backup_folder, set_backup_folder
from desktop.safety.opening import Mode, open_database

from .helpers import add_members

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """Even with a umask that makes everything world-readable, ours stay private."""
    old = os.umask(0o002)
    yield
    os.umask(old)


def test_a_new_database_and_everything_beside_it_is_private(tmp_path, loose_umask):
    close()
    db_path = tmp_path / "新建文件夹" / "branch-desk.sqlite3"
    database = open_database(db_path, Mode.WRITE, holder="支部工作台命令行").database
    add_members("安𪚥")
    policy = AutoBackup(database, db_path)
    backup = policy.run("startup")
    imported = safety_backup("pre-import")
    set_backup_folder(db_path, None)

    files = [db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm"),
             db_path.with_name(db_path.name + ".lock"), backup, imported, config_path(db_path)]
    assert {f.name: oct(mode(f)) for f in files} == {f.name: oct(0o600) for f in files}
    assert mode(db_path.parent) == 0o700  # created by us
    assert mode(default_backup_folder(db_path)) == 0o700


def test_an_existing_loose_database_is_tightened_on_open(tmp_path, loose_umask):
    close()
    db_path = tmp_path / "branch-desk.sqlite3"
    db_path.touch(mode=0o644)
    (tmp_path / "backups").mkdir(mode=0o755)
    open_database(db_path, Mode.WRITE, holder="支部工作台命令行")
    assert mode(db_path) == 0o600
    assert mode(tmp_path / "backups") == 0o700


def test_a_folder_the_user_chose_is_not_changed(tmp_path, loose_umask):
    close()
    documents = tmp_path / "我的文档"
    documents.mkdir(mode=0o755)
    documents.chmod(0o755)
    open_database(documents / "branch-desk.sqlite3", Mode.WRITE, holder="支部工作台命令行")
    assert mode(documents) == 0o755
    assert mode(documents / "branch-desk.sqlite3") == 0o600


def test_the_default_data_folder_is_700(tmp_path, monkeypatch, loose_umask):
    close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    open_database(folder / "branch-desk.sqlite3", Mode.WRITE, holder="支部工作台命令行")
    assert mode(folder) == 0o700


def test_chosen_backup_folder_created_private(database, tmp_path, loose_umask):
    db_path = Path(database.database)
    set_backup_folder(db_path, tmp_path / "U盘" / "备份")
    path = AutoBackup(database, db_path).run("auto")
    assert mode(path.parent) == 0o700 and mode(path) == 0o600
    assert [b.path for b in list_backups(path.parent)] == [path]
