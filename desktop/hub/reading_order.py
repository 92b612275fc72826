"""The order a person reads names in: pinyin, numbers by their value (第2号 before 第10号)."""
from __future__ import annotations

import re


def name_order(name: str) -> tuple:
    """Sort key for names a person reads: pinyin, numbers by value (第2号 before 第10号)."""
    from ..roster.pinyin import pinyin_key

    return tuple((0, int(part), "") if part.isdigit() else (1, 0, pinyin_key(part))
                 for part in re.split(r"(\d+)", name) if part)
