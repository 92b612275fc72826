"""Which font file serves which role, and registering it with reportlab.

Four roles (fontfind.ROLES): body 仿宋, hei 黑体, kai 楷体, title 小标宋. Each role
is served by, in order: the file the user picked in 设置, the system's
official-document font, the bundled Noto font (converted to TrueType once).
A role whose file fails to load falls back to the next candidate, with a note.
"""
from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import UserError
from .fontconvert import cached_truetype_path, is_truetype, truetype_for
from .fontfind import (
    BODY,
    HEI,
    KAI,
    ROLE_LABELS,
    ROLES,
    TITLE,
    FontFile,
    bundled_fonts,
    system_fonts,
)

log = logging.getLogger(__name__)

__all__ = ["BODY", "HEI", "KAI", "TITLE", "ROLES", "ROLE_LABELS", "FontFile", "FontSet",
           "FontUnavailable", "GRID_ADVANCE"]

# Full-width advance in 1/1000 em. GB/T 9704 puts 28 characters of 3号 (16 pt) on a
# 156 mm line, i.e. a 15.79 pt character grid: Word compresses the same way.
GRID_ADVANCE = 987

ORIGIN_LABELS = {
    "user": "设置中选择的字体",
    "system": "本机系统字体",
    "bundled": "程序自带的开源字体（SIL OFL）",
}

_registered: dict[tuple[str, int], str] = {}
_register_lock = threading.RLock()


def _utf16_to_unicode_cmap(fontname, subset, _original=ttfonts.makeToUnicodeCMap):
    """reportlab writes U+2A6A5 as <2A6A5> in the ToUnicode map; PDF wants UTF-16BE
    (<D869DEA5>), or copying and searching such a name in the PDF fails."""
    return _BEYOND_BMP.sub(
        lambda m: "<" + chr(int(m.group(1), 16)).encode("utf-16-be").hex().upper() + ">",
        _original(fontname, subset))


_BEYOND_BMP = re.compile(r"<([0-9A-F]{5,6})>$", re.MULTILINE)
if not getattr(ttfonts.makeToUnicodeCMap, "_branch_desk", False):
    _utf16_to_unicode_cmap._branch_desk = True
    ttfonts.makeToUnicodeCMap = _utf16_to_unicode_cmap


class FontUnavailable(UserError):
    """No usable font for a role."""


def _condense_full_width(font: TTFont) -> None:
    widths = font.face.charWidths
    for code, width in widths.items():
        if abs(width - 1000) < 1:
            widths[code] = GRID_ADVANCE
    if font.face.defaultWidth and abs(font.face.defaultWidth - 1000) < 1:
        font.face.defaultWidth = GRID_ADVANCE


def register(font: FontFile) -> str:
    """Register *font* with reportlab once per process (converting CFF first); its font name."""
    key = (str(font.path), font.index)
    with _register_lock:
        if key in _registered:
            return _registered[key]
        ttf_path = truetype_for(font.path, font.index)
        index = font.index if ttf_path == font.path else 0  # a converted face is a single font
        name = f"BD{len(_registered) + 1}-{''.join(c for c in font.path.stem if c.isalnum())[:24]}"
        ttfont = TTFont(name, str(ttf_path), subfontIndex=index)
        _condense_full_width(ttfont)
        pdfmetrics.registerFont(ttfont)
        _registered[key] = name
        return name


@functools.lru_cache(maxsize=64)
def _cmap_of(path: str, index: int, mtime_ns: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont as FTFont

    with FTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(code for code, glyph in (font.getBestCmap() or {}).items() if glyph != ".notdef")


def coverage(font: FontFile) -> frozenset[int]:
    """Code points with a glyph in *font*, read without registering it."""
    try:
        return _cmap_of(str(font.path), font.index, font.path.stat().st_mtime_ns)
    except Exception as exc:  # noqa: BLE001 - unreadable file: it simply covers nothing
        log.warning("cannot read %s: %s", font.path, exc)
        return frozenset()


def _as_font_file(value: object) -> FontFile:
    if isinstance(value, FontFile):
        return value
    if isinstance(value, tuple):
        return FontFile(Path(value[0]).expanduser(), int(value[1]))
    return FontFile(Path(str(value)).expanduser())


@dataclass
class _Candidate:
    font: FontFile
    origin: str  # user | system | bundled


class FontSet:
    """The fonts of one report.

    chosen: role -> path (or (path, face index) for a .ttc, or FontFile), from 设置.
    use_system / use_bundled: tests switch these off for a deterministic set.
    extra_fallbacks: more files to borrow single missing characters from.
    """

    def __init__(self, chosen: Mapping[str, object] | None = None, *, use_system: bool = True,
                 use_bundled: bool = True, extra_fallbacks: Iterable[object] = ()):
        self.notes: list[str] = []
        self._candidates: dict[str, list[_Candidate]] = {role: [] for role in ROLES}
        self._resolved: dict[str, tuple[_Candidate, str]] = {}
        system = system_fonts() if use_system else None
        bundled = bundled_fonts() if use_bundled else {}
        for role, value in (chosen or {}).items():
            if role not in ROLES:
                raise ValueError(f"unknown font role {role!r}; expected one of {ROLES}")
            if not value:
                continue
            font = _as_font_file(value)
            if font.path.is_file():
                self._candidates[role].append(_Candidate(font, "user"))
            else:
                self.notes.append(f"{ROLE_LABELS[role]}：设置中选择的字体文件不存在（{font.path}），已改用其他字体。")
        for role in ROLES:
            if system and role in system.roles:
                self._candidates[role].append(_Candidate(system.roles[role], "system"))
            if role in bundled:
                self._candidates[role].append(_Candidate(bundled[role], "bundled"))
        self._extra = [_as_font_file(f) for f in extra_fallbacks]
        self._system_fallbacks = list(system.fallbacks) if system else []
        self._bundled = list(dict.fromkeys(bundled.values()))
        self._lock = threading.RLock()

    # -- roles -------------------------------------------------------------------------

    def font_name(self, role: str) -> str:
        """The reportlab font name serving *role*, registering (and converting) on first use."""
        return self._resolve(role)[1]

    def font_file(self, role: str) -> FontFile:
        return self._resolve(role)[0].font

    def _resolve(self, role: str) -> tuple[_Candidate, str]:
        with self._lock:
            if role in self._resolved:
                return self._resolved[role]
            for candidate in self._candidates[role]:
                try:
                    name = register(candidate.font)
                except Exception as exc:  # noqa: BLE001 - any broken or restricted file: the next candidate serves
                    log.warning("font %s unusable: %s", candidate.font.path, exc)
                    self.notes.append(
                        f"{ROLE_LABELS[role]}：无法使用字体文件 {candidate.font.path}（{exc}），已改用其他字体。")
                    continue
                self._resolved[role] = (candidate, name)
                return self._resolved[role]
            raise FontUnavailable(
                f"找不到可用于{ROLE_LABELS[role]}的中文字体。请在“设置”中选择一个 TrueType 字体文件（.ttf/.ttc）。")

    def role_coverage(self, role: str) -> dict[int, int]:
        """The cmap of the role's registered font (code point -> glyph id)."""
        return pdfmetrics.getFont(self.font_name(role)).face.charToGlyph

    # -- borrowing single characters -------------------------------------------------------

    def fallback_files(self, role: str) -> list[FontFile]:
        """Where a character missing from *role*'s font is looked for, in order."""
        own = self.font_file(role)
        ordered: list[FontFile] = []
        for other in ROLES:
            first = self._resolved[other][0].font if other in self._resolved else (
                self._candidates[other][0].font if self._candidates[other] else None)
            if first:
                ordered.append(first)
        ordered += self._extra + self._system_fallbacks + self._bundled
        seen = {(own.path, own.index)}
        unique = []
        for font in ordered:
            if (font.path, font.index) not in seen:
                seen.add((font.path, font.index))
                unique.append(font)
        return unique

    def borrow(self, code: int, role: str) -> str | None:
        """The font name of some other font that has *code*, or None when no font has it."""
        for font in self.fallback_files(role):
            if code in coverage(font):
                try:
                    return register(font)
                except Exception as exc:  # noqa: BLE001 - a broken fallback must not stop the report
                    log.warning("fallback font %s unusable: %s", font.path, exc)
        return None

    # -- preparation and display -------------------------------------------------------

    def prepare(self, parallel: bool = False) -> None:
        """Convert every role's font ahead of time (first run: up to a minute for Noto)."""
        firsts = [self._candidates[role][0].font for role in ROLES if self._candidates[role]]
        pending = list(dict.fromkeys(
            (font.path, font.index) for font in firsts
            if not is_truetype(font.path, font.index)
            and not cached_truetype_path(font.path, font.index).exists()))
        if parallel and len(pending) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Each conversion is single-threaded and CPU-bound: one process per font. Spawn,
            # not fork: the caller may hold threads (Qt) that a forked child would inherit broken.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=len(pending), mp_context=context) as pool:
                list(pool.map(truetype_for, [p for p, _ in pending], [i for _, i in pending]))
        for role in ROLES:
            self.font_name(role)

    def describe(self) -> list[str]:
        """Chinese lines saying which file serves which role, for 设置 and 关于."""
        lines = []
        for role in ROLES:
            if role in self._resolved:
                candidate = self._resolved[role][0]
            elif self._candidates[role]:
                candidate = self._candidates[role][0]
            else:
                lines.append(f"{ROLE_LABELS[role]}：无可用字体")
                continue
            extra = "，转换为 TrueType 后嵌入" if candidate.font.path.suffix.lower() == ".otf" else "，嵌入 PDF"
            lines.append(f"{ROLE_LABELS[role]}：{candidate.font.display}——{ORIGIN_LABELS[candidate.origin]}{extra}")
        borrow = self._extra + self._system_fallbacks
        if borrow:
            lines.append("个别缺字依次从以下字体借用：" + "、".join(f.family or f.path.stem for f in borrow))
        return lines + self.notes
