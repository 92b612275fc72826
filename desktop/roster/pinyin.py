"""Pinyin sort keys, so Chinese names order as a secretary expects (安 before 白 before 陈)."""
from __future__ import annotations

import threading
from functools import lru_cache

_warming: threading.Thread | None = None


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> str:
    """'张三' -> 'zhang1 san1'; non-Chinese characters pass through lower-cased."""
    # Imported on first use: pypinyin loads its phrase dictionary (~0.15 s) at import,
    # and the main window imports this module long before a page needs a key.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text or "", style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(s.lower() for s in syllables)


def _load_dictionary() -> None:
    # Only pypinyin (stdlib and its own modules) is imported here, never ours: no import
    # cycle with what the main thread loads meanwhile. Nothing is cached: keys stay exact.
    from pypinyin import Style, lazy_pinyin

    lazy_pinyin("预热", style=Style.TONE3, neutral_tone_with_five=True)


def warm_up() -> threading.Thread | None:
    """Load pypinyin's dictionaries in a background thread, once per process, so the first
    pinyin_key() (the roster's unit filter) does not pay for them. The thread touches no
    Qt and no database; a pinyin_key() called meanwhile waits for the import to finish."""
    global _warming
    import sys

    if _warming is not None or "pypinyin.core" in sys.modules:
        return _warming
    _warming = threading.Thread(target=_load_dictionary, name="pinyin-warm-up", daemon=True)
    _warming.start()
    return _warming
