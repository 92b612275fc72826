"""The branch's signing key and the hub's receiving key files."""
from __future__ import annotations

import os
import stat

import pytest

from desktop.hub.keys import (
    KeyFileError,
    branch_key_path,
    ensure_branch_key,
    load_branch_key,
    load_hub_private_key,
    load_receiving_key,
    new_hub_keys,
    raw_public,
    write_receiving_key,
)


def test_hub_keys_round_trip(tmp_path):
    private_pem, public = new_hub_keys()
    write_receiving_key(tmp_path / "hub.json", public)
    assert "接收密钥" in (tmp_path / "hub.json").read_text(encoding="utf-8")  # a file a person can recognise
    private = load_hub_private_key(private_pem)
    assert raw_public(private.public_key()) == raw_public(load_receiving_key(tmp_path / "hub.json"))
    assert new_hub_keys()[1] != public


def test_wrong_key_files_are_named_in_chinese(tmp_path):
    (tmp_path / "notes.txt").write_text("不是密钥", encoding="utf-8")
    for path in (tmp_path / "notes.txt", tmp_path / "missing.json", tmp_path):
        with pytest.raises(KeyFileError, match="接收密钥"):
            load_receiving_key(path)
    with pytest.raises(KeyFileError):
        load_hub_private_key(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    _, public = new_hub_keys()
    with pytest.raises(KeyFileError):
        load_hub_private_key(public)  # the public file given where the private key belongs
    with pytest.raises(KeyFileError):
        write_receiving_key(tmp_path / "bad.json", b"{}")
    assert not (tmp_path / "bad.json").exists()


def test_branch_key_is_made_once_beside_the_database_and_private(tmp_path):
    db_path = tmp_path / "branch.sqlite3"
    assert load_branch_key(db_path) is None
    key, created = ensure_branch_key(db_path)
    again, created_again = ensure_branch_key(db_path)
    assert created and not created_again
    assert raw_public(key.public_key()) == raw_public(again.public_key())
    assert branch_key_path(db_path).name == "branch.sqlite3.branch-key"
    if os.name == "posix":
        assert stat.S_IMODE(branch_key_path(db_path).stat().st_mode) == 0o600


def test_a_damaged_branch_key_is_not_replaced_silently(tmp_path):
    db_path = tmp_path / "branch.sqlite3"
    branch_key_path(db_path).write_bytes(b"garbage")
    with pytest.raises(KeyFileError, match="已损坏"):
        ensure_branch_key(db_path)
    assert branch_key_path(db_path).read_bytes() == b"garbage"
