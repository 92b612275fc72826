"""Make sure Chinese renders: use a system CJK font, or register the bundled Noto Sans SC."""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Office laptops first (Windows, then macOS), then common Linux families.
PREFERRED_FAMILIES = (
    "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei",
)
POINT_SIZE = 10

_bundled_family: str | None = None  # registered once per process


def system_chinese_families() -> list[str]:
    """Installed families able to draw Simplified Chinese (patched in tests)."""
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def pick_family(families: list[str]) -> str:
    return next((f for f in PREFERRED_FAMILIES if f in families), families[0])


def register_bundled_font() -> str | None:
    """Register the Noto Sans SC shipped with pylopdf-fonts-zh-cn; its family, or None."""
    global _bundled_family
    if _bundled_family:
        return _bundled_family
    try:
        import pylopdf_fonts_zh_cn

        path = str(pylopdf_fonts_zh_cn.sans_path())
    except (ImportError, OSError) as exc:
        log.warning("bundled Chinese font unavailable: %s", exc)
        return None
    font_id = QFontDatabase.addApplicationFont(path)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load %s", path)
        return None
    _bundled_family = families[0]
    return _bundled_family


def ensure_chinese_font(app: QApplication) -> str | None:
    """Set the application font to one that draws Chinese; return its family."""
    system = system_chinese_families()
    family = pick_family(system) if system else register_bundled_font()
    if family:
        font = QFont(app.font())
        font.setFamilies([family])
        font.setPointSize(max(font.pointSize(), POINT_SIZE))
        app.setFont(font)
    log.info("font in use: %s (%s)", family, "system" if system else "bundled")
    return family
