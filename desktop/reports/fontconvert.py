"""CFF (.otf) to TrueType conversion, cached on disk.

reportlab embeds only TrueType outlines, while the openly licensed Noto CJK fonts
ship as CFF. fontTools' cu2qu turns the cubic curves into quadratic ones once
(about 20 s for Noto Serif SC); the result is cached in the user cache directory,
keyed by the source file's hash, so a changed font is converted again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

ENV_FONT_CACHE = "BRANCH_DESK_FONT_CACHE"
CACHE_VERSION = 1  # bump when the conversion changes, so old cache files are ignored

_hash_memo: dict[tuple[str, int, int], str] = {}


def cache_dir() -> Path:
    override = os.environ.get(ENV_FONT_CACHE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("BranchDesk", appauthor=False)) / "fonts"


def file_hash(path: Path) -> str:
    """sha256 of the file; memoised per (path, size, mtime) since fonts are large."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _hash_memo:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _hash_memo[key] = digest.hexdigest()
    return _hash_memo[key]


def is_truetype(path: Path, font_number: int = 0) -> bool:
    """True when the font has TrueType outlines (a 'glyf' table) reportlab can embed."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), fontNumber=font_number, lazy=True) as font:
            return "glyf" in font and "cmap" in font
    except Exception:  # noqa: BLE001 - unreadable or not a font at all: not usable either way
        return False


def cached_truetype_path(source: Path, font_number: int = 0) -> Path:
    """Where the converted copy of *source* lives (whether or not it exists yet)."""
    stem = "".join(c for c in source.stem if c.isalnum() or c in "-_") or "font"
    return cache_dir() / f"{stem}-{font_number}-{file_hash(source)[:16]}-v{CACHE_VERSION}.ttf"


def truetype_for(source: Path | str, font_number: int = 0) -> Path:
    """A TrueType file with the glyphs of *source*: the file itself, or a cached conversion."""
    source = Path(source)
    if is_truetype(source, font_number):
        return source
    target = cached_truetype_path(source, font_number)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fd, temp_name = tempfile.mkstemp(prefix=target.stem, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        convert_cff_to_truetype(source, Path(temp_name), font_number)
        # Atomic: a reader never sees half a font, and two processes racing both succeed.
        os.replace(temp_name, target)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    log.info("converted %s to TrueType in %.1f s", source.name, time.perf_counter() - started)
    return target


def convert_cff_to_truetype(source: Path, target: Path, font_number: int = 0) -> None:
    """The fontTools otf2ttf recipe: cubic CFF outlines to quadratic 'glyf' outlines."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import OPTIMIZE_FONT_SPEED, TTFont, newTable

    font = TTFont(str(source), fontNumber=font_number)
    # The cached copy is only ever subset by reportlab: packing its 65 000 outlines tightly
    # (fontTools' default) costs a third of the time and saves nothing that is printed.
    font.cfg[OPTIMIZE_FONT_SPEED] = True
    if "CFF " not in font:
        raise ValueError(f"{source.name} 既不是 TrueType 字体，也不是 CFF 字体，无法使用")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # max_err 1 unit of 1000/em is invisible at print sizes; reverse: CFF and TrueType wind oppositely.
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        quadratic[name] = pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    del font["CFF "]
    for table in ("VORG", "CFF2"):
        if table in font:
            del font[table]
    hmtx = font["hmtx"]
    for name, glyph in quadratic.items():
        # Bounds straight from the points: compiling the whole table here only to read them
        # did the slowest step twice (save compiles it again).
        glyph.recalcBounds(glyf)
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.compile(font)

    post = font["post"]
    post.formatType = 3.0  # no glyph names: 65 000 CJK names do not fit and nobody needs them
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(target))
    font.close()
