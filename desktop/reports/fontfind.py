"""Finding the official-document fonts installed on this computer.

GB/T 9704 asks for 仿宋 (body), 黑体 and 楷体 (headings) and 小标宋 (title).
Windows ships the first three as simfang/simhei/simkai; 方正小标宋 is often
installed by the office. On Linux fontconfig is asked. Only TrueType-outline
files are accepted, since reportlab cannot embed CFF outlines.
"""
from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .fontconvert import is_truetype

log = logging.getLogger(__name__)

BODY, HEI, KAI, TITLE = "body", "hei", "kai", "title"
ROLES = (BODY, HEI, KAI, TITLE)
ROLE_LABELS = {
    BODY: "正文（仿宋）",
    HEI: "一级标题、表头（黑体）",
    KAI: "二级标题（楷体）",
    TITLE: "文件标题（小标宋）",
}


@dataclass(frozen=True)
class FontFile:
    """One font face on disk; *index* selects the face inside a .ttc collection."""

    path: Path
    index: int = 0
    family: str = ""

    @property
    def display(self) -> str:
        name = self.family or self.path.stem
        suffix = f"，第 {self.index + 1} 个字体" if self.path.suffix.lower() == ".ttc" else ""
        return f"{name}（{self.path}{suffix}）"


# File names per role, most preferred first. Matching ignores case.
_FILES = {
    BODY: ("simfang.ttf", "fs_gb2312.ttf", "仿宋_gb2312.ttf", "stfangso.ttf"),
    HEI: ("simhei.ttf", "stheiti.ttf"),
    KAI: ("simkai.ttf", "kaiti_gb2312.ttf", "楷体_gb2312.ttf", "stkaiti.ttf"),
    TITLE: ("fzxbsjw.ttf", "fzxbsk.ttf", "方正小标宋简体.ttf", "方正小标宋_gbk.ttf",
            "fzxiaobiaosong-b05s.ttf", "stzhongs.ttf", "simsun.ttc"),
}
# Faces that only lend single characters the role fonts lack (SimSun-ExtB has CJK Extension B).
_FALLBACK_FILES = ("simsunb.ttf", "simsun.ttc", "msyh.ttc", "mingliub.ttc")

# fontconfig family names per role, most preferred first.
_FAMILIES = {
    BODY: ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "华文仿宋"),
    HEI: ("SimHei", "黑体", "STHeiti", "华文黑体", "WenQuanYi Zen Hei", "文泉驿正黑"),
    KAI: ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti", "华文楷体", "AR PL UKai CN"),
    TITLE: ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
            "STZhongsong", "华文中宋", "SimSun", "宋体"),
}


@dataclass
class SystemFonts:
    roles: dict[str, FontFile]
    fallbacks: list[FontFile]


def _font_dirs() -> list[Path]:
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs = [Path(windir) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts a user installed without administrator rights
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path.home() / "Library" / "Fonts", Path("/Library/Fonts"),
                Path("/Library/Fonts/Microsoft"), Path("/System/Library/Fonts/Supplemental")]
    return []


def _files_in(dirs: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in dirs:
        try:
            for entry in folder.iterdir():
                found.setdefault(entry.name.lower(), entry)
        except OSError:
            continue
    return found


def _by_file_name(dirs: list[Path]) -> SystemFonts:
    files = _files_in(dirs)
    roles = {}
    for role, names in _FILES.items():
        for name in names:
            path = files.get(name)
            if path and is_truetype(path):
                roles[role] = FontFile(path, 0, path.stem)
                break
    fallbacks = [FontFile(files[n], 0, files[n].stem) for n in _FALLBACK_FILES
                 if n in files and is_truetype(files[n])]
    return SystemFonts(roles, fallbacks)


def _fc_list() -> list[tuple[Path, int, list[str]]]:
    """(file, face index, family names) of the Chinese fonts fontconfig knows."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        output = subprocess.run(
            [exe, "--format", "%{file}\t%{index}\t%{family}\n", ":lang=zh"],
            capture_output=True, text=True, timeout=15, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("fc-list failed: %s", exc)
        return []
    faces = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0]:
            continue
        try:
            index = int(parts[1] or 0)
        except ValueError:
            index = 0
        faces.append((Path(parts[0]), index, [f.strip() for f in parts[2].split(",") if f.strip()]))
    return sorted(faces, key=lambda face: (str(face[0]), face[1]))


def _by_fontconfig() -> SystemFonts:
    faces = [face for face in _fc_list() if is_truetype(face[0], face[1])]
    roles = {}
    for role, wanted in _FAMILIES.items():
        for family in wanted:
            match = next((f for f in faces if family in f[2]), None)
            if match:
                roles[role] = FontFile(match[0], match[1], family)
                break
    fallbacks = [FontFile(path, index, families[0] if families else "") for path, index, families in faces]
    return SystemFonts(roles, fallbacks)


@functools.lru_cache(maxsize=1)
def system_fonts() -> SystemFonts:
    """The installed official-document fonts and per-character fallbacks (cached per process)."""
    found = _by_file_name(_font_dirs())
    if sys.platform != "win32":
        via_fc = _by_fontconfig()
        for role, font in via_fc.roles.items():
            found.roles.setdefault(role, font)
        known = {(f.path, f.index) for f in found.fallbacks}
        found.fallbacks += [f for f in via_fc.fallbacks if (f.path, f.index) not in known]
    log.info("system fonts: %s", {r: str(f.path) for r, f in found.roles.items()})
    return found


def bundled_fonts() -> dict[str, FontFile]:
    """The openly licensed Noto fonts the project brings (CFF, converted when used)."""
    try:
        import pylopdf_fonts_zh_cn as bundled
    except ImportError:
        return {}
    serif = FontFile(Path(bundled.serif_path()), 0, "Noto Serif SC")
    sans = FontFile(Path(bundled.sans_path()), 0, "Noto Sans SC")
    return {BODY: serif, HEI: sans, KAI: serif, TITLE: serif}
