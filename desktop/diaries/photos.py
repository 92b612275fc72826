"""Photos of a diary: the original copied unchanged into <data>/photos/<yyyy>/<sha256><ext>.

One file per content (sha256), however many entries show it. Removing a photo removes
its row only: files are never deleted by the app, so a restored backup of the database
still finds every photo it names. Thumbnails are a cache in photos/.thumbs/.

On import a display copy (upright JPEG, at most DISPLAY_SIZE pixels on its longer side) is
made in photos/.display/: reports and thumbnails read it, never a phone's 50-megapixel
original. A picture of more than MAX_PIXELS is refused with a Chinese message before a
pixel of it is decoded (a PNG header can claim any size: a decompression bomb), and
Pillow's English DecompressionBombWarning is never let out.

Every path read or written is confined to the photos folder: a stored name from the
database that is absolute, holds "..", or resolves (through a link) outside is refused.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path, PurePosixPath, PureWindowsPath

from peewee import fn

from ..models import DiaryEntry, DiaryPhoto, db
from .service import DiaryError, _id

THUMBS = ".thumbs"
DISPLAY = ".display"
DISPLAY_SIZE = 2048  # longer side: a full screen, and 120 mm printed at 200 dpi needs ~950
MAX_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 64_000_000  # 48/50-megapixel phone photos pass; 108/144-megapixel modes and bombs do not
_SHA256 = re.compile(r"[0-9a-f]{64}")
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "BMP": ".bmp", "WEBP": ".webp",
              "TIFF": ".tif", "MPO": ".jpg", "HEIF": ".heic"}


def photos_dir() -> Path:
    """The photos folder beside the database file."""
    if db.obj is None or db.obj.database in ("", ":memory:"):
        raise DiaryError("数据库未打开，无法保存照片。")
    return Path(db.obj.database).parent / "photos"


def _inside(relative: str) -> Path:
    """photos/<relative>, or DiaryError when *relative* would lead outside the photos folder."""
    name = str(relative or "")
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if (not name or PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute()
            or PureWindowsPath(name).drive or ".." in parts or "\x00" in name):
        raise DiaryError(f"照片的存放位置“{name}”不在照片文件夹内，已拒绝读取。数据库中的这条照片记录可能被改动过。")
    base = photos_dir()
    target = base / name
    try:
        target.resolve().relative_to(base.resolve())  # a link inside may still point outside
    except ValueError:
        raise DiaryError(f"照片“{name}”指向照片文件夹以外，已拒绝读取。") from None
    return target


def _digest_name(photo: DiaryPhoto) -> str:
    sha = str(photo.sha256 or "")
    if not _SHA256.fullmatch(sha):  # it names cache files: nothing but hex may go into a path
        raise DiaryError(f"照片记录“{photo.original_name or photo.stored_name}”的校验值不正常，已拒绝读取。")
    return sha


def photo_path(photo: DiaryPhoto) -> Path:
    """The original file, confined to the photos folder (see the module docstring)."""
    return _inside(photo.stored_name)


def display_path(photo: DiaryPhoto) -> Path:
    """The display copy, made on import (photos/.display/<sha256>.jpg)."""
    return _inside(f"{DISPLAY}/{_digest_name(photo)}.jpg")


def image_for_reading(photo: DiaryPhoto) -> Path:
    """What a report or a thumbnail reads: the display copy, else (a photo added before
    display copies existed) the original if it is of a sensible size; else DiaryError."""
    copy = display_path(photo)
    if copy.is_file():
        return copy
    original = photo_path(photo)
    if original.is_file():
        _check_pixels(original)
    return original


def _too_many_pixels(name: str, pixels: int | None) -> DiaryError:
    size = f"约 {pixels / 1e6:,.0f} 百万像素，" if pixels else ""
    return DiaryError(f"“{name}”像素过多（{size}最多 {MAX_PIXELS // 1_000_000} 百万像素），可能是超高像素模式拍摄的照片"
                      "或异常文件。请在手机或电脑上把照片缩小后再添加。")


@contextmanager
def _opened(path: Path):
    """Image.open without Pillow's English DecompressionBombWarning (we check sizes ourselves);
    its DecompressionBombError (past twice Pillow's limit) becomes our Chinese message."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except Image.DecompressionBombError:
            raise _too_many_pixels(path.name, None) from None
    with image:
        yield image


def _check_pixels(path: Path) -> None:
    """DiaryError if the picture claims more than MAX_PIXELS (its header is read, no pixel)."""
    try:
        with _opened(path) as image:
            width, height = image.size
    except DiaryError:
        raise
    except Exception:  # noqa: BLE001 - unreadable: the reader that follows says so in its own words
        return
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(path.name, width * height)


def _inspect(path: Path) -> tuple[str, int, int]:
    """(format, width, height) as shown upright, or DiaryError for anything not an image or
    too big; no pixel is decoded here (the orientation comes from the EXIF tag)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with _opened(path) as image:
            kind = image.format or ""
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_many_pixels(path.name, width * height)
            orientation = image.getexif().get(0x0112)
        with _opened(path) as image:
            image.verify()  # reads the whole file: a truncated download fails here
    except DiaryError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise DiaryError(f"“{path.name}”不是可识别的图片文件（支持 JPG、PNG 等常见格式）。") from None
    if orientation in (5, 6, 7, 8):  # stored sideways: shown the other way round
        width, height = height, width
    return kind, width, height


def _downscaled(path: Path, size: int):
    """The picture upright, RGB, at most *size* on its longer side. A JPEG is decoded at a
    fraction of its size (draft), so a 50-megapixel original never fills the memory."""
    from PIL import ImageOps

    with _opened(path) as image:
        image.draft("RGB", (size, size))
        picture = ImageOps.exif_transpose(image)
        picture.thumbnail((size, size))
        if picture.mode not in ("RGB", "L"):
            background = picture.convert("RGBA")
            flat = _white(background.size)
            flat.paste(background, mask=background.getchannel("A"))
            picture = flat
        return picture.convert("RGB")


def _white(size):
    from PIL import Image

    return Image.new("RGB", size, "white")  # a transparent PNG prints on paper, not on black


def _save_jpeg(picture, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~", suffix=".jpg", dir=target.parent)
    os.close(fd)
    try:
        picture.save(temp, format="JPEG", quality=88)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _make_display_copy(source: Path, target: Path) -> None:
    try:
        picture = _downscaled(source, DISPLAY_SIZE)
    except DiaryError:
        raise
    except (OSError, ValueError, SyntaxError):
        raise DiaryError(f"“{source.name}”不是可识别的图片文件（支持 JPG、PNG 等常见格式）。") from None
    _save_jpeg(picture, target)


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
        stored = f"{entry.date.year:04d}/{sha}{ext}"
        if known is not None:
            try:
                _inside(known.stored_name)
                stored = known.stored_name
            except DiaryError:
                pass  # a tampered row's name is never written through: use a fresh one
        target = _inside(stored)
        copy = _inside(f"{DISPLAY}/{sha}.jpg")
        if not copy.is_file():
            _make_display_copy(source, copy)  # before the row: a picture that cannot be read writes nothing
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
    """A JPEG at most *size* pixels on its longer side, upright, made once (from the display
    copy) and then reused."""
    target = _inside(f"{THUMBS}/{_digest_name(photo)}_{int(size)}.jpg")
    if target.is_file():
        return target
    source = image_for_reading(photo)
    try:
        picture = _downscaled(source, int(size))
    except DiaryError:
        raise
    except (OSError, ValueError, SyntaxError):
        raise DiaryError(f"照片文件不存在或已损坏：{photo.original_name or photo.stored_name}") from None
    _save_jpeg(picture, target)
    return target
