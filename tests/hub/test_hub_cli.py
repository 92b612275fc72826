"""`branch-desk hub init | import | branches` as a person at the sub-district would run them."""
from __future__ import annotations

import os
import shutil
import stat

import pytest

from desktop.cli import main
from desktop.hub.keys import load_hub_private_key, load_receiving_key
from desktop.hub.store import is_postgresql


def _init(location, tmp_path, capsys, *extra):
    argv = ["hub", "init", "--hub", location, *extra]
    if is_postgresql(location) and "--key" not in extra:
        argv += ["--key", str(tmp_path / "hub.key")]
    code = main(argv)
    return code, capsys.readouterr()


def test_init_makes_the_schema_and_a_key_pair_and_writes_the_receiving_key(hub_location, tmp_path, capsys):
    receiving = tmp_path / "给支部的接收密钥.json"

    code, out = _init(hub_location, tmp_path, capsys, "--key-out", str(receiving))

    assert code == 0, out.err
    assert "已建立汇总台" in out.out
    public = load_receiving_key(receiving)
    private_path = tmp_path / "hub.key" if is_postgresql(hub_location) else tmp_path / "汇总台.sqlite3.hub-key"
    private = load_hub_private_key(private_path.read_bytes())
    assert private.public_key().public_bytes_raw() == public.public_bytes_raw()
    if os.name == "posix":
        assert stat.S_IMODE(private_path.stat().st_mode) == 0o600
        if not is_postgresql(hub_location):  # the hub file holds phones and ID numbers
            assert stat.S_IMODE((tmp_path / "汇总台.sqlite3").stat().st_mode) == 0o600
    assert str(private_path) in out.out and str(receiving) in out.out


def test_init_again_changes_nothing_and_can_write_the_receiving_key_again(hub_location, tmp_path, capsys):
    first = tmp_path / "first.json"
    _init(hub_location, tmp_path, capsys, "--key-out", str(first))
    again = tmp_path / "again.json"

    code, out = _init(hub_location, tmp_path, capsys, "--key-out", str(again))

    assert code == 0
    assert "汇总台已存在" in out.out
    assert again.read_bytes() == first.read_bytes()


def test_a_postgresql_hub_needs_to_be_told_where_its_private_key_goes(pg_hub_location, capsys, monkeypatch):
    monkeypatch.delenv("BRANCH_DESK_HUB_KEY", raising=False)

    code = main(["hub", "init", "--hub", pg_hub_location])

    assert code == 1
    assert "--key" in capsys.readouterr().err


def test_import_prints_one_line_per_package_then_branches_lists_them(hub_location, demo_packages, tmp_path, capsys):
    key_args = ["--key", str(tmp_path / "hub.key")] if is_postgresql(hub_location) else []
    from desktop.hub.hub_init import init_hub

    init_hub(hub_location, key_path=(tmp_path / "hub.key") if key_args else None,
             keys=(demo_packages.private_pem, demo_packages.public_text)).hub.close()
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for path in demo_packages.first:
        shutil.copy2(path, inbox / path.name)

    code = main(["hub", "import", str(inbox), "--hub", hub_location, *key_args])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("已导入：") == 3

    code = main(["hub", "import", str(inbox), str(demo_packages.other_key), "--hub", hub_location, *key_args])
    out = capsys.readouterr().out
    assert code == 1  # a refused package is something to look at
    assert out.count("未变化：") == 3
    assert "已拒绝：branch1-other-key.bdpkg" in out and "另一把密钥" in out

    code = main(["hub", "branches", "--hub", hub_location])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    from desktop.hub.package import open_package

    expected = sorted(f"{p.manifest['branch_name']}｜" for p in map(open_package, demo_packages.first))
    assert sorted(line[:line.index("｜") + 1] for line in lines) == expected
    for package in map(open_package, demo_packages.first):
        line = next(line for line in lines if line.startswith(package.manifest["branch_name"]))
        assert f"成员 {len(package.tables['member'])} 人" in line and "含身份证号和手机号" in line


def test_the_hub_can_come_from_the_environment(tmp_path, capsys, monkeypatch):
    hub = tmp_path / "env-hub.sqlite3"
    monkeypatch.setenv("BRANCH_DESK_HUB", str(hub))

    assert main(["hub", "init"]) == 0
    assert main(["hub", "branches"]) == 0
    assert "还没有导入任何支部" in capsys.readouterr().out


def test_without_a_hub_the_commands_say_how_to_name_one(capsys, monkeypatch):
    monkeypatch.delenv("BRANCH_DESK_HUB", raising=False)

    assert main(["hub", "branches"]) == 1
    assert "--hub" in capsys.readouterr().err


@pytest.mark.parametrize("what", ["missing", "branch database"])
def test_a_place_that_is_not_a_hub_is_refused(what, tmp_path, capsys):
    target = tmp_path / "not-a-hub.sqlite3"
    if what == "branch database":
        target = tmp_path / "branch-desk.sqlite3"  # the test's own branch database

    assert main(["hub", "branches", "--hub", str(target)]) == 1
    err = capsys.readouterr().err
    assert ("找不到汇总台文件" if what == "missing" else "还不是汇总台") in err
    assert what != "missing" or not target.exists()  # a typo leaves no empty hub behind


def test_init_on_a_branch_database_is_refused(tmp_path, capsys):
    assert main(["hub", "init", "--hub", str(tmp_path / "branch-desk.sqlite3")]) == 1
    assert "是支部数据库" in capsys.readouterr().err


def test_a_password_in_the_url_is_never_printed(capsys):
    code = main(["hub", "branches", "--hub", "postgresql://clerk:s3cret@127.0.0.1:1/hub"])

    err = capsys.readouterr().err
    assert code == 1
    assert "s3cret" not in err and "clerk:***@127.0.0.1" in err


def test_a_postgresql_hubs_key_file_can_come_from_the_environment(pg_hub_location, tmp_path, capsys, monkeypatch):
    key = tmp_path / "keys" / "hub.key"
    monkeypatch.setenv("BRANCH_DESK_HUB_KEY", str(key))

    assert main(["hub", "init", "--hub", pg_hub_location]) == 0

    out = capsys.readouterr().out
    assert key.exists() and str(key) in out
    assert (tmp_path / "keys" / "hub.接收密钥.json").exists()  # the receiving key beside it, to send out
