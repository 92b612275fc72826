"""`branch-desk --hub HUB` (or BRANCH_DESK_HUB) opens the hub window; a bad hub is told in Chinese."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

import desktop.app
from desktop.cli import main


def _recording(monkeypatch):
    calls = []
    monkeypatch.setattr(desktop.app, "run_hub", lambda hub, key=None: calls.append(("hub", hub, key)) or 0)
    monkeypatch.setattr(desktop.app, "run", lambda path: calls.append(("branch", str(path))) or 0)
    return calls


def test_hub_option_opens_the_hub_window(monkeypatch, tmp_path):
    calls = _recording(monkeypatch)

    assert main(["--hub", str(tmp_path / "h.sqlite3"), "--key", "k.pem"]) == 0

    assert calls == [("hub", str(tmp_path / "h.sqlite3"), "k.pem")]


def test_the_environment_opens_the_hub_unless_a_database_is_named(monkeypatch, tmp_path):
    calls = _recording(monkeypatch)
    monkeypatch.setenv("BRANCH_DESK_HUB", str(tmp_path / "h.sqlite3"))

    main([])
    main(["--db", str(tmp_path / "branch.sqlite3")])

    assert calls == [("hub", str(tmp_path / "h.sqlite3"), None), ("branch", str(tmp_path / "branch.sqlite3"))]


def test_a_missing_hub_file_is_told_in_chinese(qapp, monkeypatch, tmp_path):
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: told.append(text))
    # The shared test QApplication must not keep Qt's Chinese translation after this test.
    monkeypatch.setattr(desktop.app, "install_qt_translation", lambda app: None)

    assert desktop.app.run_hub(str(tmp_path / "没有这个.sqlite3")) == 1

    assert told and "找不到汇总台文件" in told[0]
