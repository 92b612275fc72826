"""Photos of a diary: the original copied unchanged into <data>/photos/<yyyy>/<sha256><ext>.

One file per content (sha256), however many entries show it. Removing a photo removes
its row only: files are never deleted by the app, so a restored backup of the database
still finds every photo it names. Thumbnails are a cache in photos/.thumbs/.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from peewee import fn

from ..models import DiaryEntry, DiaryPhoto, db
from .service import DiaryError, _id

THUMBS = ".thumbs"
MAX_BYTES = 50 * 1024 * 1024
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "BMP": ".bmp", "WEBP": ".webp",
              "TIFF": ".tif", "MPO": ".jpg", "HEIF": ".heic"}


def photos_dir() -> Path:
    """The photos folder beside the database file."""
    if db.obj is None or db.obj.database in ("", ":memory:"):
        raise DiaryError("数据库未打开，无法保存照片。")
    return Path(db.obj.database).parent / "photos"


def photo_path(photo: DiaryPhoto) -> Path:
    return photos_dir() / photo.stored_name


def _inspect(path: Path) -> tuple[str, int, int]:
    """(format, width, height) as shown upright, or DiaryError for anything not an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()  # reads the whole file: a truncated download fails here
        with Image.open(path) as image:
            kind = image.format or ""
            upright = ImageOps.exif_transpose(image)
            width, height = upright.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise DiaryError(f"“{path.name}”不是可识别的图片文件（支持 JPG、PNG 等常见格式）。") from None
    return kind, width, height


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def attach_photo(entry_id, source_path) -> DiaryPhoto:
    """Copy *source_path* into the photos folder and attach it to the entry.

    The same picture twice on one entry returns the row it already has.
    """
    source = Path(source_path)
    if not source.is_file():
        raise DiaryError(f"找不到文件：{source}")
    if source.stat().st_size > MAX_BYTES:
        raise DiaryError(f"“{source.name}”太大（超过 50 MB），请换一张照片。")
    entry = DiaryEntry.get_or_none(DiaryEntry.id == _id(entry_id))
    if entry is None:
        raise DiaryError("找不到这篇日记，可能已被删除。")
    kind, width, height = _inspect(source)
    sha = _sha256(source)
    with db.atomic():
        same = DiaryPhoto.get_or_none((DiaryPhoto.entry == entry.id) & (DiaryPhoto.sha256 == sha))
        if same is not None:
            return same
        known = DiaryPhoto.select().where(DiaryPhoto.sha256 == sha).first()
        ext = EXTENSIONS.get(kind) or source.suffix.lower() or ".img"
        stored = known.stored_name if known else f"{entry.date.year:04d}/{sha}{ext}"
        target = photos_dir() / stored
        if not target.is_file() or target.stat().st_size != source.stat().st_size:
            _copy_atomically(source, target)  # before the row: a failed copy writes nothing
        position = (DiaryPhoto.select(fn.MAX(DiaryPhoto.position))
                    .where(DiaryPhoto.entry == entry.id).scalar() or 0) + 1
        return DiaryPhoto.create(entry=entry.id, stored_name=stored, original_name=source.name[:200],
                                 sha256=sha, width=width, height=height, position=position)


def remove_photo(photo_id) -> None:
    """Detach the photo from its entry; the file stays (see the module docstring)."""
    with db.atomic():
        deleted = DiaryPhoto.delete().where(DiaryPhoto.id == _id(photo_id)).execute()
    if not deleted:
        raise DiaryError("找不到这张照片，可能已被删除。")


def thumbnail_path(photo: DiaryPhoto, size: int = 160) -> Path:
    """A JPEG at most *size* pixels on its longer side, upright, made once and then reused."""
    from PIL import Image, ImageOps

    target = photos_dir() / THUMBS / f"{photo.sha256}_{int(size)}.jpg"
    if target.is_file():
        return target
    source = photo_path(photo)
    try:
        with Image.open(source) as image:
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((size, size))
            picture = picture.convert("RGB")
    except (OSError, ValueError):
        raise DiaryError(f"照片文件不存在或已损坏：{photo.original_name or photo.stored_name}") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".jpg", dir=target.parent)
    os.close(fd)
    try:
        picture.save(temp, format="JPEG", quality=85)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target
