"""Pinyin sort keys, so Chinese names order as a secretary expects (安 before 白 before 陈)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> str:
    """'张三' -> 'zhang1 san1'; non-Chinese characters pass through lower-cased."""
    # Imported on first use: pypinyin loads its phrase dictionary (~0.15 s) at import,
    # and the main window imports this module long before a page needs a key.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text or "", style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(s.lower() for s in syllables)
