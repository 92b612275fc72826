"""The font files the user picked in 设置 → 报表字体, one per role, kept per machine.

Font files are a property of the computer, not of the branch's records, so the choice
lives in a small JSON file in the config directory (paths.config_dir), which the app,
the child process that builds previews and the command line all read.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import UserError
from ..paths import config_dir
from .fontfind import ROLE_LABELS, ROLES, FontFile
from .fonts import FontSet

log = logging.getLogger(__name__)

CHOICES_FILE = "report-fonts.json"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
SAMPLE = "中国共产党临时支部工作情况报告"  # every role must print these


class FontChoiceError(UserError):
    """A Chinese message saying why a font file cannot serve a role."""


def choices_path() -> Path:
    return config_dir() / CHOICES_FILE


def load_choices() -> dict[str, FontFile]:
    """role -> FontFile; an unreadable file counts as no choice (the defaults serve)."""
    path = choices_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable font choices %s: %s", path, exc)
        return {}
    chosen = {}
    for role, entry in (raw.items() if isinstance(raw, dict) else ()):
        if role in ROLES and isinstance(entry, dict) and isinstance(entry.get("path"), str):
            index = entry.get("index", 0)
            chosen[role] = FontFile(Path(entry["path"]), index if isinstance(index, int) else 0,
                                    str(entry.get("family", "")))
    return chosen


def save_choices(chosen: Mapping[str, FontFile | None]) -> None:
    """Write the whole set atomically; roles mapped to None (or absent) use the defaults."""
    data = {role: {"path": str(font.path), "index": font.index, "family": font.family}
            for role, font in chosen.items() if font is not None and role in ROLES}
    path = choices_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".~fonts", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def set_choice(role: str, font: FontFile | None) -> None:
    chosen: dict[str, FontFile | None] = dict(load_choices())
    chosen[role] = font
    save_choices(chosen)


def font_set(**options) -> FontSet:
    """The FontSet every report uses: the user's choices first, then system and bundled fonts."""
    return FontSet(chosen=load_choices(), **options)


def faces(path: Path | str) -> list[str]:
    """Display names of the faces in a font file (several for a .ttc collection)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    path = Path(path)
    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            with TTCollection(str(path), lazy=True) as collection:
                return [_face_name(font) for font in collection.fonts]
        with TTFont(str(path), lazy=True) as font:
            return [_face_name(font)]
    except (OSError, TTLibError, AssertionError, KeyError, ValueError) as exc:
        raise FontChoiceError(f"无法读取字体文件 {path.name}：它可能已损坏，或不是字体文件。") from exc


def _face_name(font) -> str:
    """The Simplified Chinese family name when the font has one (仿宋), else the English one."""
    names = font["name"]
    for lang in (0x804, 0x404, 0x409):
        record = names.getName(4, 3, 1, lang) or names.getName(1, 3, 1, lang)
        if record is not None:
            return record.toUnicode()
    best = names.getBestFullName() or names.getBestFamilyName()
    return best or "（无名称）"


def check_font(role: str, path: Path | str, index: int = 0) -> FontFile:
    """The FontFile to store for *role*, or FontChoiceError with the reason in Chinese.

    The file is tried for real in a child process with a time limit (fontprobe): its
    character map read and a sample line subset, as every report will; a garbled table that
    would hang reports is refused here, and never hangs the settings page itself."""
    from .fontprobe import ProbeFailed, probe_font

    path = Path(path)
    if not path.is_file():
        raise FontChoiceError(f"找不到字体文件：{path}")
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise FontChoiceError(f"“{path.name}”不是字体文件。请选择 .ttf、.ttc 或 .otf 文件。")
    try:
        outcome = probe_font(role, path, index)
    except ProbeFailed as exc:
        raise FontChoiceError(str(exc)) from None
    return FontFile(path, index, str(outcome.get("family") or path.stem))


def check_readable(role: str, path: Path | str, index: int = 0) -> FontFile:
    """check_font's reading part, run inside the probe's child process."""
    from fontTools.ttLib import TTFont, TTLibError

    path = Path(path)
    label = ROLE_LABELS[role]
    if not path.is_file():
        raise FontChoiceError(f"找不到字体文件：{path}")
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise FontChoiceError(f"“{path.name}”不是字体文件。请选择 .ttf、.ttc 或 .otf 文件。")
    names = faces(path)
    if not 0 <= index < len(names):
        raise FontChoiceError(f"字体文件 {path.name} 中没有第 {index + 1} 个字体。")
    try:
        with TTFont(str(path), fontNumber=index, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except (OSError, TTLibError, AssertionError, KeyError, ValueError) as exc:
        raise FontChoiceError(f"无法读取字体文件 {path.name}：它可能已损坏，或不是字体文件。") from exc
    lacking = [c for c in dict.fromkeys(SAMPLE) if ord(c) not in cmap]
    if lacking:
        raise FontChoiceError(f"“{names[index]}”缺少常用汉字（如“{''.join(lacking[:5])}”），不能用作{label}。"
                              "请选择中文字体。")
    return FontFile(path, index, names[index])
