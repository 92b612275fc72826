"""Hostile photos (issue 14, points 15 and 19): huge pictures and decompression bombs are
refused in Chinese, imports keep the original and make a display copy reports read, and a
stored name never leads outside the photos folder."""
from __future__ import annotations

import datetime as dt
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from desktop.cli import main
from desktop.diaries import service as S
from desktop.diaries.photos import (
    DISPLAY_SIZE,
    attach_photo,
    display_path,
    photo_path,
    photos_dir,
    thumbnail_path,
)
from desktop.models import DiaryPhoto, close
from desktop.reports.diaries import build_diary_report

from .conftest import TODAY

D = dt.date(2022, 4, 3)
HUGE_MESSAGE = ("“{name}”像素过多（{size}最多 64 百万像素），可能是超高像素模式拍摄的照片或异常文件。"
                "请在手机或电脑上把照片缩小后再添加。")


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width x height, with a few bytes of pixels: a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
    return path


def solid_png(path: Path, size) -> Path:
    """A real picture of *size*, one colour: many pixels, few bytes on disk."""
    Image.new("1", size, 1).save(path, format="PNG")
    return path


@pytest.fixture
def entry(wang):
    return S.save_entry(wang.id, D, "东门卡口", today=TODAY)


@pytest.fixture
def loads(monkeypatch):
    """The size of every picture Pillow decodes."""
    seen = []
    original = ImageFile.ImageFile.load

    def load(self):
        seen.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return seen


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize(("name", "size", "claimed"), [
    ("bomb.png", (30000, 30000), ""),                 # past twice Pillow's limit: its error, our words
    ("144mp.png", (12000, 12000), "约 144 百万像素，"),  # between: Pillow would warn in English
    ("wide.png", (16000, 4500), "约 72 百万像素，"),      # under Pillow's limit, over ours
])
def test_absurd_sizes_are_refused_in_chinese_without_english_warnings(entry, tmp_path, capfd, loads,
                                                                       name, size, claimed):
    source = png_claiming(tmp_path / name, *size)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(S.DiaryError) as refused:
            attach_photo(entry.id, source)
    assert str(refused.value) == HUGE_MESSAGE.format(name=name, size=claimed)
    assert caught == [] and capfd.readouterr().err == ""
    assert loads == []  # not one pixel decoded
    assert DiaryPhoto.select().count() == 0 and files_under(photos_dir()) == []


def test_a_real_144_megapixel_picture_small_on_disk_is_refused(entry, tmp_path, capfd, loads):
    source = solid_png(tmp_path / "IMG_144MP.png", (12000, 12000))
    assert source.stat().st_size < 1_000_000
    with pytest.raises(S.DiaryError, match="像素过多（约 144 百万像素"):
        attach_photo(entry.id, source)
    assert loads == [] and capfd.readouterr().err == ""
    assert DiaryPhoto.select().count() == 0 and files_under(photos_dir()) == []


def test_import_keeps_the_original_and_makes_a_display_copy_that_reports_read(entry, tmp_path, loads, fonts):
    source = tmp_path / "IMG_4000.jpg"
    Image.new("RGB", (4000, 3000), (30, 90, 160)).save(source, quality=90)
    photo = attach_photo(entry.id, source)
    assert photo_path(photo).read_bytes() == source.read_bytes()  # the original, unchanged
    assert (photo.width, photo.height) == (4000, 3000)
    with Image.open(display_path(photo)) as copy:
        assert copy.size == (DISPLAY_SIZE, DISPLAY_SIZE * 3 // 4) and copy.format == "JPEG"
    loads.clear()
    result = build_diary_report(None, D, D, fonts=fonts)
    assert result.warnings == [] and result.data.startswith(b"%PDF")
    assert loads and max(max(size) for size in loads) <= DISPLAY_SIZE  # never the 4000-pixel original
    loads.clear()
    with Image.open(thumbnail_path(photo, size=100)) as thumb:
        assert thumb.size == (100, 75)
    assert max(max(size) for size in loads) <= DISPLAY_SIZE


def test_a_huge_photo_stored_before_the_limit_is_left_out_of_reports(entry, tmp_path, fonts, capfd, loads):
    """A 144-megapixel original already in photos/ (no display copy): the report names it and goes on."""
    source = solid_png(tmp_path / "old.png", (12000, 12000))
    stored = photos_dir() / "2022" / "old.png"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(source.read_bytes())
    DiaryPhoto.create(entry=entry.id, stored_name="2022/old.png", original_name="old.png", sha256="a" * 64,
                      width=12000, height=12000, position=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = build_diary_report(None, D, D, fonts=fonts)
    message = "照片未放入报告：" + HUGE_MESSAGE.format(name="old.png", size="约 144 百万像素，")
    assert result.warnings == [message]
    assert caught == [] and capfd.readouterr().err == "" and loads == []


def test_the_cli_report_prints_no_english_warning(entry, tmp_path, capfd):
    source = solid_png(tmp_path / "old.png", (12000, 12000))
    (photos_dir() / "2022").mkdir(parents=True)
    (photos_dir() / "2022" / "old.png").write_bytes(source.read_bytes())
    DiaryPhoto.create(entry=entry.id, stored_name="2022/old.png", original_name="old.png", sha256="b" * 64,
                      width=12000, height=12000, position=1)
    db_path = photos_dir().parent / "branch-desk.sqlite3"
    close()
    out = tmp_path / "日记.pdf"
    code = main(["report", "diaries", "--from", "2022-04-01", "--to", "2022-04-30", "-o", str(out),
                 "--db", str(db_path)])
    captured = capfd.readouterr()
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert "DecompressionBomb" not in captured.err and "Traceback" not in captured.err
    assert "Warning" not in captured.err and "Warning" not in captured.out


# -- 14.19: never outside the photos folder -------------------------------------------------

@pytest.mark.parametrize("stored", ["/etc/passwd", "../outside.png", "2022/../../outside.png",
                                    "C:\\Windows\\win.ini", "..\\outside.png", ""])
def test_a_stored_name_outside_the_photos_folder_is_never_followed(entry, tmp_path, fonts, stored):
    outside = tmp_path / "outside.png"  # a real picture beside the database: following the name would print it
    Image.new("RGB", (40, 30), "red").save(outside)
    photo = DiaryPhoto.create(entry=entry.id, stored_name=stored, original_name="x.png", sha256="c" * 64,
                              width=40, height=30, position=1)
    with pytest.raises(S.DiaryError, match="已拒绝读取"):
        photo_path(photo)
    with pytest.raises(S.DiaryError, match="已拒绝读取"):
        thumbnail_path(photo)
    result = build_diary_report(None, D, D, fonts=fonts)
    assert len(result.warnings) == 1 and "已拒绝读取" in result.warnings[0]
    assert b"/Subtype /Image" not in result.data
    assert not (photos_dir() / ".thumbs").exists()


def test_a_link_inside_the_photos_folder_pointing_outside_is_refused(entry, tmp_path):
    outside = tmp_path / "secret.png"
    Image.new("RGB", (40, 30), "red").save(outside)
    (photos_dir() / "2022").mkdir(parents=True)
    (photos_dir() / "2022" / "link.png").symlink_to(outside)
    photo = DiaryPhoto.create(entry=entry.id, stored_name="2022/link.png", original_name="x.png", sha256="d" * 64,
                              width=40, height=30, position=1)
    with pytest.raises(S.DiaryError, match="指向照片文件夹以外，已拒绝读取"):
        photo_path(photo)


def test_a_bad_checksum_never_names_a_file(entry):
    photo = DiaryPhoto.create(entry=entry.id, stored_name="2022/a.jpg", original_name="a.jpg",
                              sha256="../../evil", width=1, height=1, position=1)
    with pytest.raises(S.DiaryError, match="校验值不正常"):
        thumbnail_path(photo)
    with pytest.raises(S.DiaryError, match="校验值不正常"):
        display_path(photo)


def test_a_tampered_row_of_the_same_picture_is_not_written_through(entry, wang, tmp_path):
    source = tmp_path / "a.jpg"
    Image.new("RGB", (64, 48), "blue").save(source)
    first = attach_photo(entry.id, source)
    DiaryPhoto.update(stored_name="../../evil.jpg").where(DiaryPhoto.id == first.id).execute()
    other = S.save_entry(wang.id, D + dt.timedelta(days=1), "北门", today=TODAY)
    again = attach_photo(other.id, source)
    assert again.stored_name == f"2022/{first.sha256}.jpg"
    assert photo_path(again).read_bytes() == source.read_bytes()
    assert not (photos_dir().parent.parent / "evil.jpg").exists()
