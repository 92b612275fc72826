"""`branch-desk [--db PATH]` starts the app without building the whole command-line parser
(its sub-commands import modules the window does not need); everything else still parses."""
from __future__ import annotations

import pytest

from desktop import cli


@pytest.fixture
def started(monkeypatch):
    """The --db value each app start got; the full parser must not be built for it."""
    calls: list[object] = []

    def no_parser():
        raise AssertionError("the whole parser was built for a plain start")

    monkeypatch.setattr(cli, "_start_app", lambda args: calls.append(args.db) or 0)
    monkeypatch.setattr(cli, "build_parser", no_parser)
    return calls


@pytest.mark.parametrize(("argv", "db"), [
    ([], None),
    (["--db", "示例.sqlite3"], "示例.sqlite3"),
    (["--db=/数据/branch-desk.sqlite3"], "/数据/branch-desk.sqlite3"),
])
def test_a_plain_start_skips_the_parser(started, argv, db):
    assert cli.main(argv) == 0
    assert started == [db]


@pytest.mark.parametrize("argv", [["--db"], ["--db", "-x"], ["--db="], ["--help"], ["--db", "a", "check"]])
def test_anything_else_goes_through_the_parser(argv):
    assert cli._plain_start(argv) is None


def test_a_missing_db_value_is_still_an_error_in_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--db"])
    assert stop.value.code == 1
    assert "错误：" in capsys.readouterr().err
