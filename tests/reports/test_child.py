"""The child process that builds the app's previews: reads only, reports pages, says what failed."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from desktop.models import Branch, close, open_store
from desktop.reports import child
from desktop.reports.kinds import KIND_KEYS
from desktop.roster import service as roster


def request(tmp_path: Path, db_path: Path, kind: str = "members", **extra) -> dict:
    return {"db": str(db_path), "kind": kind, "date_from": "2022-04-11", "date_to": "2022-04-17",
            "member_id": None, "reveal": False, "include_departed": False,
            "output": str(tmp_path / "out.pdf"), "result": str(tmp_path / "result.json"), **extra}


def test_builds_every_kind_without_writing_to_the_database(tmp_path, database):
    roster.save_member({"name": "张三", "political_status": "中共党员", "arrived_on": dt.date(2022, 4, 13)})
    db_path = Path(database.database)
    # Schema v10 makes the profile row with the database (its uid); the child adds nothing to it
    # or anywhere else: the file's bytes are compared below.
    assert Branch.select().count() == 1
    close()
    before = db_path.read_bytes()
    for kind in KIND_KEYS:
        outcome = child.build(request(tmp_path, db_path, kind))
        assert outcome["ok"], (kind, outcome)
        assert outcome["pages"] >= 1
        assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert db_path.read_bytes() == before  # not a byte written: no profile row made either


def test_a_database_at_another_schema_version_is_refused_in_chinese(tmp_path, database):
    db_path = Path(database.database)
    database.execute_sql("PRAGMA user_version = 1")
    close()
    outcome = child.build(request(tmp_path, db_path))
    assert not outcome["ok"] and "数据结构" in outcome["message"]
    assert not (tmp_path / "out.pdf").exists()


def test_runs_as_a_process_and_reports_each_page(tmp_path, database):
    for n in range(60):  # enough rows for more than one page
        roster.save_member({"name": f"成员{n:02d}", "political_status": "中共党员", "arrived_on": dt.date(2022, 4, 1)})
    db_path = Path(database.database)
    request_file = tmp_path / "request.json"
    request_file.write_text(json.dumps(request(tmp_path, db_path)), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "desktop.reports.child", str(request_file)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    outcome = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    pages = [json.loads(line)["pages"] for line in run.stdout.splitlines()]
    assert outcome["ok"] and outcome["pages"] >= 2
    assert pages == list(range(1, outcome["pages"] + 1))


def test_an_unknown_database_file_is_a_message(tmp_path):
    close()
    outcome = child.build(request(tmp_path, tmp_path / "nowhere.sqlite3"))
    assert not outcome["ok"] and "找不到数据库文件" in outcome["message"]
    open_store(tmp_path / "again.sqlite3")  # leave a database bound for the fixture's teardown


def test_fonts_still_to_prepare_are_counted_down_before_the_first_page(tmp_path, database, monkeypatch, capsys):
    """A first report after install converts its fonts first and says so, font by font."""
    from desktop.reports import fontconvert, fontprep

    pending = [(tmp_path / "甲.otf", 0), (tmp_path / "乙.otf", 0)]
    converted = []
    monkeypatch.setattr(fontprep, "pending_conversions", lambda: list(pending))

    def convert(path, index=0):
        print(json.dumps({"converting": path.name}), flush=True)  # where it falls among the events
        converted.append(path)
        return path

    monkeypatch.setattr(fontconvert, "truetype_for", convert)
    db_path = Path(database.database)
    close()
    outcome = child.build(request(tmp_path, db_path))
    assert outcome["ok"], outcome
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert converted == [p for p, _ in pending]
    assert events[:5] == [{"fonts": 2}, {"converting": "甲.otf"}, {"fonts": 1}, {"converting": "乙.otf"},
                          {"fonts": 0}]
    assert events[5] == {"pages": 1}  # pages only once the fonts are ready


def test_a_full_disk_is_said_in_chinese(tmp_path, database, monkeypatch):
    import errno

    from desktop.reports import document

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(document, "_write_atomically", full)
    db_path = Path(database.database)
    close()
    outcome = child.build(request(tmp_path, db_path))
    assert not outcome["ok"]
    assert outcome["message"].startswith("生成“党员花名册”失败。磁盘空间已满") and "No space" not in outcome["message"]
