"""`branch-desk package export`: prints what it wrote; Chinese errors, exit 1."""
from __future__ import annotations

import datetime as dt

from desktop.cli import main
from desktop.hub.keys import new_hub_keys, write_receiving_key
from desktop.hub.package import open_package


def test_export_prints_counts_sequence_and_the_seal(tmp_path, capsys):
    db_path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db_path)]) == 0
    private, public = new_hub_keys()
    write_receiving_key(tmp_path / "hub.key", public)
    capsys.readouterr()
    target = tmp_path / "上报.bdpkg"
    assert main(["package", "export", "--db", str(db_path), "-o", str(target), "--to-hub", str(tmp_path / "hub.key")]) == 0
    out = capsys.readouterr().out
    package = open_package(target, private)
    assert f"数据包序号 {package.manifest['sequence']}" in out
    assert f"成员 {len(package.tables['member'])} 人" in out
    assert f"会议 {len(package.tables['meeting'])} 次" in out
    assert "已加密" in out and "不含照片" in out

    week = tmp_path / "week.bdpkg"
    today = dt.date.today()
    assert main(["package", "export", "--db", str(db_path), "-o", str(week),
                 "--from", f"{today - dt.timedelta(days=6)}", "--to", f"{today}"]) == 0
    out = capsys.readouterr().out
    assert "数据包序号 2" in out and "没有放入数据包" in out
    assert open_package(week).manifest["period_from"] == f"{today - dt.timedelta(days=6)}"


def test_export_errors_are_chinese(tmp_path, capsys):
    db_path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["package", "export", "--db", str(db_path), "-o", str(tmp_path / "a.zip")]) == 1
    assert ".bdpkg" in capsys.readouterr().err
    (tmp_path / "not-a-key.txt").write_text("hello", encoding="utf-8")
    assert main(["package", "export", "--db", str(db_path), "-o", str(tmp_path / "a.bdpkg"),
                 "--to-hub", str(tmp_path / "not-a-key.txt")]) == 1
    err = capsys.readouterr().err
    assert "接收密钥" in err and "Traceback" not in err
    assert not (tmp_path / "a.bdpkg").exists()
    assert main(["package", "export", "--db", str(db_path), "-o", str(tmp_path / "a.bdpkg"),
                 "--from", "2026-12-05", "--to", "2026-12-01"]) == 1
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err


def test_a_missing_folder_is_named_and_nothing_is_left(tmp_path, capsys):
    db_path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db_path)]) == 0
    capsys.readouterr()
    target = tmp_path / "U盘" / "上报.bdpkg"
    assert main(["package", "export", "--db", str(db_path), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and ".part" not in err and "Traceback" not in err
    assert not list(tmp_path.rglob("*.bdpkg*"))


def test_export_works_while_the_app_holds_the_database(tmp_path):
    """The app (here: this process, holding the one-writer lock) keeps writing; the command exports."""
    import os
    import subprocess
    import sys

    from desktop.models import Branch, close
    from desktop.safety.opening import Mode, open_database

    db_path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db_path)]) == 0
    open_database(db_path, Mode.WRITE, holder="支部工作台")
    try:
        target = tmp_path / "a.bdpkg"
        done = subprocess.run([sys.executable, "-m", "desktop", "package", "export", "--db", str(db_path),
                               "-o", str(target)], capture_output=True, text=True, encoding="utf-8",
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "数据包序号 1" in done.stdout
        branch = Branch.current()  # the app goes on writing
        branch.notes = "导出之后写的"
        branch.save()
        assert open_package(target).tables["branch"][0]["notes"] != "导出之后写的"
    finally:
        from desktop.safety.lock import release_all

        close()
        release_all()
