"""One family of errors on the command line: a refusal exits 1 in Chinese, anything else is an
internal error (exit 2, a short Chinese line naming the log); tracebacks only in the kept log,
and the kept log never holds an ID number or a mobile number."""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli, logs
from desktop.errors import UserError
from desktop.models import Member, close, open_store
from tests.importers.messy import id_number

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    """The kept log of this test in its own folder; the root logger as it was afterwards."""
    folder = tmp_path / "日志"
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(folder))
    yield folder
    logs.reset()


def failing_export(exc: BaseException):
    def export_members(target, reveal=False):
        raise exc
    return export_members


def test_an_internal_error_exits_2_naming_the_log_without_a_traceback(log_folder, tmp_path, monkeypatch, capsys):
    import desktop.exporters.members as exporter

    monkeypatch.setattr(exporter, "export_members", failing_export(KeyError("team_id")))
    code = cli.main(["export", "members", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    log_file = log_folder / logs.LOG_FILENAME
    assert code == 2
    assert err.startswith("内部错误：KeyError") and f"详情已记录在 {log_file}" in err
    assert "Traceback" not in err and err.count("\n") == 1
    kept = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in kept and "KeyError: 'team_id'" in kept
    assert "命令行命令 branch-desk export members" in kept  # which command failed


def test_a_user_error_exits_1_with_its_message_and_nothing_in_the_log(log_folder, tmp_path, monkeypatch, capsys):
    import desktop.exporters.members as exporter

    class NewRefusal(UserError):  # a family member the command line has never heard of
        pass

    monkeypatch.setattr(exporter, "export_members", failing_export(NewRefusal("这份名单暂时不能导出。")))
    assert cli.main(["export", "members", str(tmp_path / "out.csv")]) == 1
    assert capsys.readouterr().err == "错误：这份名单暂时不能导出。\n"
    assert not (log_folder / logs.LOG_FILENAME).exists()  # a refusal is no warning: the log stays empty


def test_chinese_in_a_message_does_not_make_a_bug_a_refusal(log_folder, tmp_path, monkeypatch, capsys):
    """Sorted by type, never by reading the message."""
    import desktop.exporters.members as exporter

    monkeypatch.setattr(exporter, "export_members", failing_export(ValueError("数值不对")))
    assert cli.main(["export", "members", str(tmp_path / "out.csv")]) == 2
    assert capsys.readouterr().err.startswith("内部错误：ValueError: 数值不对，详情已记录在")


def test_an_os_failure_is_the_users_to_fix_exit_1(log_folder, tmp_path, monkeypatch, capsys):
    import errno

    import desktop.exporters.members as exporter

    target = tmp_path / "out.csv"
    fault = OSError(errno.ENOSPC, "No space left on device", str(target))
    monkeypatch.setattr(exporter, "export_members", failing_export(fault))
    assert cli.main(["export", "members", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：磁盘空间已满，无法写入：{target}") and "Traceback" not in err


def test_a_nul_in_an_argument_is_refused_before_anything_runs(log_folder, capsys):
    assert cli.main(["export", "members", "a\0b.csv"]) == 1
    assert "空字符" in capsys.readouterr().err


def test_an_internal_error_in_a_real_process(tmp_path):
    """The installed program as a user runs it: exit 2, the line, no traceback on stderr."""
    folder = tmp_path / "log"
    probe = ("import sys, desktop.exporters.members as m\n"
             "def broken(*a, **k): raise ZeroDivisionError('division by zero')\n"
             "m.export_members = broken\n"
             "from desktop.cli import main\n"
             "sys.exit(main(sys.argv[1:]))\n")
    env = {**os.environ, logs.ENV_LOG_DIR: str(folder), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", probe, "export", "members", str(tmp_path / "out.csv")],
                            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2
    assert result.stderr == (f"内部错误：ZeroDivisionError: division by zero，"
                             f"详情已记录在 {folder / logs.LOG_FILENAME}\n")
    assert "ZeroDivisionError" in (folder / logs.LOG_FILENAME).read_text(encoding="utf-8")


def test_verbose_logs_debug_and_the_default_does_not(log_folder, tmp_path, capsys):
    target = tmp_path / "out.csv"
    assert cli.main(["export", "members", str(target)]) == 0
    assert not (log_folder / logs.LOG_FILENAME).exists()
    assert cli.main(["export", "members", str(target), "--verbose"]) == 0
    kept = (log_folder / logs.LOG_FILENAME).read_text(encoding="utf-8")
    assert " DEBUG peewee " in kept  # every query, as a developer needs it


def test_no_phone_or_id_number_reaches_the_log_after_a_roster_import(log_folder, tmp_path, capsys):
    ids = [id_number("11010519491231002"), id_number("44030419800101123")]
    ids.append(next(number for n in range(1000)
                    if (number := id_number(f"32058219900115{n:03d}")).endswith("X")))
    phones = ["13912345678", "15012345678", "18698765432"]
    source = tmp_path / "花名册.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "手机号", "身份证号码", "派出单位"])
        for name, phone, number in zip(["张三", "李四", "王五"], phones, ids):
            writer.writerow([name, phone, number, "区民政局"])
    assert cli.main(["--verbose", "import", "members", str(source)]) == 0, capsys.readouterr().err
    open_store(Path(os.environ["BRANCH_DESK_DB"]))
    stored = {(m.phone, m.id_number) for m in Member.select()}
    close()
    assert stored == set(zip(phones, ids))  # imported whole: the log below saw them go by
    kept = (log_folder / logs.LOG_FILENAME).read_text(encoding="utf-8")
    assert kept.count(logs.MOBILE_MASK) >= 3 and kept.count(logs.ID_MASK) >= 3  # they were logged, masked
    for secret in phones + ids:
        assert secret not in kept and secret[-8:] not in kept
    assert not re.search(r"1[3-9]\d{9}", kept)


@pytest.mark.parametrize(("text", "masked"), [
    ("电话 13912345678。", f"电话 {logs.MOBILE_MASK}。"),
    ("('+86 139-1234-5678',)", f"('{logs.MOBILE_MASK}',)"),
    ("tel=8613912345678&x", f"tel={logs.MOBILE_MASK}&x"),
    ("身份证 32058219900100011X 号", f"身份证 {logs.ID_MASK} 号"),
    ("１３９１２３４５６７８", logs.MOBILE_MASK),  # full-width digits from an IME
    ("12345678901", "12345678901"),  # not a mobile number
    ("id=139123456789", "id=139123456789"),  # 12 digits: part of something longer
    ("2026-12-05 12:39:40,123 pid 13912", "2026-12-05 12:39:40,123 pid 13912"),
])
def test_masking(text, masked):
    assert logs.mask_personal_data(text) == masked


def test_a_log_that_cannot_be_written_never_disturbs_the_command(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "是文件不是文件夹"
    blocker.write_text("")
    monkeypatch.setenv(logs.ENV_LOG_DIR, str(blocker))
    try:
        import desktop.exporters.members as exporter

        monkeypatch.setattr(exporter, "export_members", failing_export(KeyError("x")))
        assert cli.main(["export", "members", str(tmp_path / "out.csv")]) == 2
    finally:
        logs.reset()
    err = capsys.readouterr().err
    assert err.startswith("内部错误：KeyError") and "详情未能记录" in err and "详情已记录" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["--verbose"], ["--verbose", "--db", "示例.sqlite3"], ["--db", "示例.sqlite3", "--verbose"]])
def test_the_app_starts_with_verbose_logging(log_folder, monkeypatch, argv):
    import logging

    levels = []
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("a plain start builds no parser"))
    monkeypatch.setattr(cli, "_start_app", lambda args: levels.append(logs.kept_log().level) or 0)
    assert cli.main(argv) == 0
    assert levels == [logging.DEBUG]


def test_a_malformed_log_call_is_kept_masked_and_the_log_goes_on(log_folder):
    import logging

    kept = logs.configure()

    def record(msg, *args):  # straight to the kept log: pytest's own handler fails a malformed call first
        return logging.LogRecord("desktop.test", logging.WARNING, __file__, 1, msg, args, None)

    kept.handle(record("电话 %s %s", "13912345678"))  # one argument short
    kept.handle(record("之后的记录"))
    kept.flush()
    text = (log_folder / logs.LOG_FILENAME).read_text(encoding="utf-8")
    assert logs.MOBILE_MASK in text and "13912345678" not in text and "之后的记录" in text
    assert kept.failure is None
