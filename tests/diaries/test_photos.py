"""Photos: copied unchanged beside the database, deduplicated, thumbnails upright."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from PIL import Image

from desktop.diaries import service as S
from desktop.diaries.photos import (
    attach_photo,
    photo_path,
    photos_dir,
    remove_photo,
    thumbnail_path,
)
from desktop.models import DiaryPhoto

from .conftest import TODAY

D = dt.date(2022, 4, 3)


def picture(path: Path, size=(64, 32), color="red", orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, format="JPEG", exif=exif.tobytes())
    return path


@pytest.fixture
def entry(wang):
    return S.save_entry(wang.id, D, "东门卡口", today=TODAY)


def test_attach_copies_the_original_unchanged(entry, tmp_path):
    source = picture(tmp_path / "IMG_0001.JPG")
    photo = attach_photo(entry.id, source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert photo.stored_name == f"2022/{digest}.jpg" and photo.sha256 == digest
    assert photo_path(photo) == Path(os.environ["BRANCH_DESK_DB"]).parent / "photos" / photo.stored_name
    assert photo_path(photo).read_bytes() == source.read_bytes()
    assert (photo.width, photo.height, photo.original_name) == (64, 32, "IMG_0001.JPG")


def test_dedupe_by_content(entry, wang, tmp_path):
    first = attach_photo(entry.id, picture(tmp_path / "a.jpg"))
    again = attach_photo(entry.id, picture(tmp_path / "copy-of-a.jpg"))
    assert again.id == first.id and DiaryPhoto.select().count() == 1
    other = S.save_entry(wang.id, D + dt.timedelta(days=1), "北门", today=TODAY)
    shared = attach_photo(other.id, tmp_path / "a.jpg")
    assert shared.id != first.id and shared.stored_name == first.stored_name
    assert len(list((photos_dir() / "2022").iterdir())) == 1  # one file for both entries
    blue = attach_photo(entry.id, picture(tmp_path / "b.jpg", color="blue"))
    assert blue.position == 2 and len(list((photos_dir() / "2022").iterdir())) == 2


def test_refuses_non_images(entry, tmp_path):
    fake = tmp_path / "日记.jpg"
    fake.write_text("这不是图片", encoding="utf-8")
    with pytest.raises(S.DiaryError, match="不是可识别的图片文件"):
        attach_photo(entry.id, fake)
    truncated = tmp_path / "half.jpg"
    truncated.write_bytes(picture(tmp_path / "whole.jpg", size=(400, 300)).read_bytes()[:300])
    with pytest.raises(S.DiaryError, match="不是可识别的图片文件"):
        attach_photo(entry.id, truncated)
    with pytest.raises(S.DiaryError, match="找不到文件"):
        attach_photo(entry.id, tmp_path / "missing.jpg")
    assert DiaryPhoto.select().count() == 0


def test_thumbnail_is_upright_and_made_once(entry, tmp_path):
    # Orientation 6: the camera stored the portrait shot sideways (320 wide, shown 160 wide).
    photo = attach_photo(entry.id, picture(tmp_path / "portrait.jpg", size=(320, 160), orientation=6))
    assert (photo.width, photo.height) == (160, 320)
    thumb = thumbnail_path(photo, size=100)
    assert thumb.parent == photos_dir() / ".thumbs"
    with Image.open(thumb) as image:
        assert image.size == (50, 100)
    made = thumb.stat().st_mtime_ns
    assert thumbnail_path(photo, size=100) == thumb and thumb.stat().st_mtime_ns == made


def test_remove_photo_and_delete_entry_keep_the_file(entry, tmp_path):
    photo = attach_photo(entry.id, picture(tmp_path / "a.jpg"))
    stored = photo_path(photo)
    remove_photo(photo.id)
    assert DiaryPhoto.select().count() == 0 and stored.is_file()
    with pytest.raises(S.DiaryError):
        remove_photo(photo.id)
    photo = attach_photo(entry.id, tmp_path / "a.jpg")
    S.delete_entry(entry.id)
    assert DiaryPhoto.select().count() == 0 and stored.is_file()


def test_empty_text_allowed_only_with_photos(entry, tmp_path):
    attach_photo(entry.id, picture(tmp_path / "a.jpg"))
    assert S.save_entry(entry.member_id, D, "", today=TODAY).text == ""
