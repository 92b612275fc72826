import datetime as dt
import sqlite3

from desktop.models import Member
from desktop.safety.backup import (
    BackupInfo,
    backup_into_dir,
    backups_to_keep,
    integrity_ok,
    list_backups,
    prune_backups,
)


def test_backup_is_a_verified_standalone_copy(database, tmp_path):
    Member.create(name="安𪚥", name_pinyin="an1")
    target = backup_into_dir(database, tmp_path / "backups", "manual")
    assert integrity_ok(target)
    assert not target.with_name(target.name + "-wal").exists()
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT name FROM member").fetchall() == [("安𪚥",)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [b.reason for b in list_backups(tmp_path / "backups")] == ["manual"]


def test_damaged_file_fails_integrity(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert not integrity_ok(bad)


def fake(tmp_path, when: dt.datetime) -> BackupInfo:
    return BackupInfo(tmp_path / f"branch-desk-{when:%Y%m%d-%H%M%S}-auto.sqlite3", when, "auto", 1)


def test_rotation_keeps_recent_daily_and_monthly(tmp_path):
    now = dt.datetime(2026, 11, 22, 12, 0)
    hourly = [fake(tmp_path, now - dt.timedelta(hours=h)) for h in range(0, 24 * 60, 6)]
    keep = backups_to_keep(hourly, now=now)
    kept = sorted((b for b in hourly if b.path in keep), key=lambda b: b.taken_at, reverse=True)
    assert [b.taken_at for b in kept[:10]] == [b.taken_at for b in hourly[:10]]
    days = {b.taken_at.date() for b in kept}
    assert all(now.date() - dt.timedelta(days=d) in days for d in range(14))
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert months == {(2026, 11), (2026, 10), (2026, 9)}
    assert len(kept) < len(hourly) / 4


def test_prune_deletes_only_outside_the_set(database, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    now = dt.datetime(2026, 11, 22, 12, 0)
    for h in range(0, 24 * 40, 12):
        when = now - dt.timedelta(hours=h)
        (folder / f"branch-desk-{when:%Y%m%d-%H%M%S}-auto.sqlite3").write_bytes(b"x")
    (folder / "notes.txt").write_text("not ours")
    before = len(list_backups(folder))
    removed = prune_backups(folder, now=now)
    assert removed and len(list_backups(folder)) == before - len(removed)
    assert (folder / "notes.txt").exists()


def test_safety_backup_inside_a_transaction_is_skipped_not_deadlocked(database):
    from desktop.safety.backup import safety_backup

    with database.atomic():
        Member.create(name="甲", name_pinyin="jia3")
        assert safety_backup("pre-rota") is None
    assert safety_backup("pre-rota") is not None
