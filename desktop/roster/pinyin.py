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


# Surnames read differently from the character's everyday reading (pypinyin reads 曾 as
# "ceng"): a name's first one or two characters take these, so 曾 sorts under Z and
# "zjg" finds 曾建国. Compound surnames are checked first.
SURNAME_READINGS = {
    "长孙": "zhang3 sun1", "尉迟": "yu4 chi2", "万俟": "mo4 qi2", "单于": "chan2 yu2",
    "澹台": "tan2 tai2", "曾": "zeng1", "单": "shan4", "解": "xie4", "仇": "qiu2", "区": "ou1",
    "查": "zha1", "朴": "piao2", "乐": "yue4", "缪": "miao4", "翟": "zhai2", "盖": "ge3",
    "覃": "qin2", "种": "chong2", "员": "yun4", "秘": "bi4", "召": "shao4", "句": "gou1",
    "牟": "mu4", "任": "ren2", "华": "hua4", "纪": "ji3", "宿": "su4", "都": "du1", "重": "chong2",
    "柏": "bai3", "薄": "bo2", "卜": "bu3", "晟": "cheng2", "繁": "po2", "黑": "he4", "过": "guo1",
}


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """pinyin_key() for a person's name, with the surname read as a surname: '曾建国' ->
    'zeng1 jian4 guo2' (pinyin_key gives 'ceng2 ...')."""
    syllables = pinyin_key(name).split(" ") if name else []
    for length in (2, 1):
        reading = SURNAME_READINGS.get((name or "")[:length])
        if reading and len(syllables) >= length:
            return " ".join([reading] + syllables[length:])
    return " ".join(syllables)


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
