"""Data packages: what goes in comes out, signed, with personal data only for the hub."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest

from desktop.demo import create_demo_database
from desktop.hub import export as export_module
from desktop.hub.export import NOT_EXPORTED, SEQUENCE_KEY, export_package, is_personal_column
from desktop.hub.keys import branch_key_path, new_hub_keys, write_receiving_key
from desktop.hub.package import MAGIC, PackageError, open_package
from desktop.models import close
from desktop.safety.opening import Mode, open_database

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_database(path, today=TODAY)
    close()
    return path


@pytest.fixture
def branch_db(demo_file, tmp_path) -> Path:
    """A private copy of the demo branch, opened the way the CLI's reading commands open it."""
    path = tmp_path / "branch" / "demo.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(demo_file, path)
    open_database(path, Mode.READ)
    yield path
    close()


@pytest.fixture
def hub(tmp_path):
    private, public = new_hub_keys()
    key_file = tmp_path / "汇总台接收密钥.json"
    write_receiving_key(key_file, public)
    return private, key_file


def stored_tables(path: Path) -> dict[str, list[dict]]:
    """Every exported table as the file holds it, read independently of the exporter."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: [dict(row) for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]
                for name in names
                if name not in NOT_EXPORTED and not name.startswith(("sqlite_", "diary_fts"))}


def roster_secrets(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT phone, id_number FROM member").fetchall()
    return [value for row in rows for value in row if value]


def test_round_trip_with_the_hub_key_gives_back_every_row(branch_db, hub, tmp_path):
    private, key_file = hub
    target = tmp_path / "out" / "包.bdpkg"
    target.parent.mkdir()
    result = export_package(target, key_file)
    package = open_package(target, private)

    expected = stored_tables(branch_db)
    assert package.tables == expected
    assert package.manifest["personal"] == "sealed"
    assert package.manifest["counts"] == {name: len(rows) for name, rows in expected.items()}
    assert package.manifest["branch_name"] == "丰泽园小区临时党支部"
    assert package.manifest["branch_uid"] == expected["branch"][0]["uid"]
    assert package.manifest["schema_version"] == 10
    assert result.manifest == package.manifest
    assert any("已加密" in line for line in result.lines())
    for name in ("member", "meeting", "meeting_attendance", "duty_assignment", "handover", "handover_person",
                 "diary_entry", "report_note", "post", "shift_definition", "action_item"):
        assert package.tables[name], name


def test_without_the_hub_key_personal_fields_are_left_out(branch_db, hub, tmp_path):
    private, _ = hub
    target = tmp_path / "无密钥.bdpkg"
    result = export_package(target)
    expected = stored_tables(branch_db)
    for opened in (open_package(target), open_package(target, private)):  # no key can bring them back
        assert opened.manifest["personal"] == "omitted"
        for name, rows in expected.items():
            assert len(opened.tables[name]) == len(rows)
            for mine, theirs in zip(rows, opened.tables[name]):
                for column, value in mine.items():
                    assert theirs[column] == (None if is_personal_column(column) else value), (name, column)
    assert any("没有放入数据包" in line for line in result.lines())


def test_a_sealed_package_opened_without_the_key_has_none(branch_db, hub, tmp_path):
    _, key_file = hub
    target = tmp_path / "a.bdpkg"
    export_package(target, key_file)
    members = open_package(target).tables["member"]
    assert members and all(m["phone"] is None and m["id_number"] is None for m in members)
    assert all(m["name"] for m in members)


def test_another_hubs_key_cannot_open_the_seal(branch_db, hub, tmp_path):
    _, key_file = hub
    other_private, _ = new_hub_keys()
    target = tmp_path / "a.bdpkg"
    export_package(target, key_file)
    with pytest.raises(PackageError, match="另一个汇总台"):
        open_package(target, other_private)


def _all_bytes(path: Path) -> list[bytes]:
    data = path.read_bytes()
    body = data[len(MAGIC) + 32:-64]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return [data, *(archive.read(name) for name in archive.namelist())]


def test_no_phone_or_id_number_readable_in_the_file(branch_db, hub, tmp_path):
    private, key_file = hub
    secrets = roster_secrets(branch_db)
    assert len(secrets) > 20  # the demo has phones and ID numbers to find
    # A diary that names a colleague's phone is sealed too, then given back whole.
    with sqlite3.connect(branch_db) as conn:
        entry_id = conn.execute("SELECT id FROM diary_entry ORDER BY id LIMIT 1").fetchone()[0]
        text = f"联系同组的同志（电话 {secrets[0]}）一起送药。"
        conn.execute("UPDATE diary_entry SET text = ? WHERE id = ?", (text, entry_id))
    for name, key in (("sealed.bdpkg", key_file), ("omitted.bdpkg", None)):
        target = tmp_path / name
        export_package(target, key)
        for blob in _all_bytes(target):
            for secret in secrets:
                assert secret.encode() not in blob, (name, secret)
                assert secret.encode("utf-16-le") not in blob
    entry = next(e for e in open_package(tmp_path / "sealed.bdpkg", private).tables["diary_entry"]
                 if e["id"] == entry_id)
    assert entry["text"] == text
    hidden = next(e for e in open_package(tmp_path / "omitted.bdpkg").tables["diary_entry"] if e["id"] == entry_id)
    assert hidden["text"] is None


def _every_flip_refused(target: Path, positions) -> int:
    original = target.read_bytes()
    changed = target.with_name("changed.bdpkg")
    refused = 0
    for position in positions:
        data = bytearray(original)
        data[position] ^= 0x01
        changed.write_bytes(bytes(data))
        with pytest.raises(PackageError):
            open_package(changed)
        refused += 1
    return refused


def test_one_changed_byte_anywhere_is_refused(database, tmp_path, hub):
    """A small branch, so every single byte of its package can be changed in turn."""
    from desktop.models import Branch
    from desktop.roster.service import save_member

    branch = Branch.current()
    branch.name = "测试临时党支部"
    branch.save()
    save_member({"name": "王测试", "gender": "男", "phone": "13900001111", "id_number": "110199199001011232"},
                today=TODAY)
    target = tmp_path / "small.bdpkg"
    export_package(target, hub[1])
    assert open_package(target, hub[0]).tables["member"][0]["phone"] == "13900001111"
    size = target.stat().st_size
    assert _every_flip_refused(target, range(size)) == size
    with pytest.raises(PackageError):
        target.with_name("short.bdpkg").write_bytes(target.read_bytes()[:-1])
        open_package(target.with_name("short.bdpkg"))
    with pytest.raises(PackageError):
        target.with_name("long.bdpkg").write_bytes(target.read_bytes() + b"\0")
        open_package(target.with_name("long.bdpkg"))


def test_changed_bytes_in_a_whole_branch_package_are_refused(branch_db, hub, tmp_path):
    target = tmp_path / "demo.bdpkg"
    export_package(target, hub[1], photos=False)
    size = target.stat().st_size
    positions = sorted({*range(0, 120), *range(size - 120, size), *range(0, size, max(1, size // 300))})
    assert _every_flip_refused(target, positions) == len(positions)


def test_not_a_package_and_missing_files_are_package_errors(tmp_path):
    for content in (b"", b"PK\x03\x04 a zip, not a package", MAGIC + b"short"):
        path = tmp_path / "x.bdpkg"
        path.write_bytes(content)
        with pytest.raises(PackageError):
            open_package(path)
    with pytest.raises(PackageError, match="找不到"):
        open_package(tmp_path / "missing.bdpkg")
    with pytest.raises(PackageError):
        open_package(tmp_path)


def test_sequence_grows_with_every_export_and_the_key_stays(branch_db, tmp_path):
    manifests = []
    for n in range(3):
        export_package(tmp_path / f"{n}.bdpkg")
        manifests.append(open_package(tmp_path / f"{n}.bdpkg").manifest)
    assert [m["sequence"] for m in manifests] == [1, 2, 3]
    assert len({m["signer_key"] for m in manifests}) == 1  # the key made on the first export is kept
    key = branch_key_path(branch_db)
    assert key.exists()
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    with sqlite3.connect(branch_db) as conn:
        assert conn.execute("SELECT value FROM setting WHERE key = ?", (SEQUENCE_KEY,)).fetchone() == ("3",)


def test_a_write_during_the_read_makes_a_fresh_snapshot(branch_db, tmp_path, monkeypatch):
    """The app saving a diary while the package is read: the number and the rows stay in step."""
    real_rows = export_module._rows
    writes = []

    def rows_while_the_app_writes(database, table, period):
        if table == "meeting" and not writes:
            with sqlite3.connect(branch_db) as other:  # another connection, as the app would be
                other.execute("UPDATE branch SET notes = 'written meanwhile'")
            writes.append(table)
        return real_rows(database, table, period)

    monkeypatch.setattr(export_module, "_rows", rows_while_the_app_writes)
    export_package(tmp_path / "a.bdpkg")
    package = open_package(tmp_path / "a.bdpkg")
    assert writes == ["meeting"]
    assert package.tables["branch"][0]["notes"] == "written meanwhile"
    assert package.manifest["sequence"] == 1


def test_period_keeps_the_roster_whole_and_the_dated_records_inside(branch_db, tmp_path):
    start, end = TODAY - dt.timedelta(days=4), TODAY - dt.timedelta(days=2)
    target = tmp_path / "week.bdpkg"
    result = export_package(target, date_from=start, date_to=end)
    package = open_package(target)
    everything = stored_tables(branch_db)
    assert package.manifest["period_from"] == start.isoformat()
    assert package.manifest["period_to"] == end.isoformat()
    assert package.tables["member"] == [{**m, "phone": None, "id_number": None} for m in everything["member"]]
    for name, column in (("meeting", "date"), ("duty_assignment", "date"), ("handover", "date"),
                         ("diary_entry", "date")):
        days = {row[column] for row in package.tables[name]}
        assert days and all(start.isoformat() <= day <= end.isoformat() for day in days), name
        assert len(package.tables[name]) < len(everything[name])
    meetings = {m["id"] for m in package.tables["meeting"]}
    assert {a["meeting_id"] for a in package.tables["meeting_attendance"]} == meetings
    entries = {e["id"] for e in package.tables["diary_entry"]}
    assert {t["entry_id"] for t in package.tables["diary_entry_tag"]} <= entries
    assert "期间：" + start.isoformat() in "".join(result.lines())


def test_photos_only_when_asked(branch_db, tmp_path):
    from PIL import Image

    from desktop.diaries.photos import attach_photo
    from desktop.models import DiaryEntry
    close()
    open_database(branch_db, Mode.WRITE)  # attaching a photo writes, as the app does
    picture = tmp_path / "现场.jpg"
    Image.new("RGB", (40, 30), "red").save(picture)
    photo = attach_photo(DiaryEntry.select().first().id, picture)
    close()
    open_database(branch_db, Mode.READ)
    export_package(tmp_path / "plain.bdpkg")
    export_package(tmp_path / "photos.bdpkg", photos=True)
    plain, with_photos = open_package(tmp_path / "plain.bdpkg"), open_package(tmp_path / "photos.bdpkg")
    assert plain.photos == {} and plain.manifest["photos"] is False
    assert plain.tables["diary_photo"][0]["sha256"] == photo.sha256  # the record, not the picture
    assert with_photos.manifest["photos"] is True
    assert [name for name in with_photos.photos] == [f"photos/{photo.sha256}.jpg"]
    assert Image.open(io.BytesIO(with_photos.photos[f"photos/{photo.sha256}.jpg"])).size == (40, 30)


def test_manifest_is_readable_json_with_the_contract_fields(branch_db, hub, tmp_path):
    export_package(tmp_path / "a.bdpkg", hub[1])
    data = (tmp_path / "a.bdpkg").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data[len(MAGIC) + 32:-64])) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert set(archive.namelist()) == {"manifest.json", "tables.json", "sealed.bin"}
    for key in ("format", "schema_version", "branch_uid", "branch_name", "sequence", "period_from", "period_to",
                "created_at", "counts", "signer_key", "personal", "photos"):
        assert key in manifest
    assert dt.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert open_package(tmp_path / "a.bdpkg").digest == __import__("hashlib").sha256(data).hexdigest()


def test_a_read_only_database_is_told_not_half_exported(branch_db, tmp_path):
    close()
    branch_db.chmod(0o444)  # e.g. a file on a write-protected USB stick
    try:
        open_database(branch_db, Mode.READ)
        with pytest.raises(PackageError, match="只读"):
            export_package(tmp_path / "a.bdpkg")
        assert not (tmp_path / "a.bdpkg").exists()
    finally:
        close()
        branch_db.chmod(0o600)
