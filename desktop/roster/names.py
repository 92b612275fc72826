"""One spelling for a name: the middle dot of names such as 阿依古丽·买买提.

Offices type that dot with whatever the keyboard gives: · (U+00B7, the one GB 18030
and the ID card use), • ・ ‧ ･ ∙ ⋅ ● and others, or a full stop between two Chinese
characters. All of them become U+00B7, with no spaces around it, so one person is not
stored as three. loose_name() drops the dots and spaces altogether: two names equal
that way are worth a warning, not a merge.
"""
from __future__ import annotations

import re

MIDDLE_DOT = "\u00b7"
# Every character offices use in place of the middle dot of a transliterated name.
DOT_VARIANTS = (
    "\u00b7\u0387\u16eb\u2022\u2024\u2027\u2219\u22c5\u25cf\u2981\u2e31\u30fb\u318d\u1427\uff65\u2e33"
)
_HAN = r"[\u3400-\u9fff\U00020000-\U0003ffff]"
_DOT_ANYWHERE = re.compile(rf"\s*[{DOT_VARIANTS}]\s*")
# A full stop only counts as the name's dot between two Chinese characters.
_STOP_BETWEEN_HAN = re.compile(rf"(?<={_HAN})\s*[.．。]\s*(?={_HAN})")


def normalize_name_dots(name: str) -> str:
    """'阿依古丽 • 买买提' -> '阿依古丽·买买提'; other text unchanged."""
    if not name:
        return name
    text = _DOT_ANYWHERE.sub(MIDDLE_DOT, name)
    return _STOP_BETWEEN_HAN.sub(MIDDLE_DOT, text)


def loose_name(name: str) -> str:
    """The name without dots and spaces, for spotting near-duplicates."""
    return re.sub(rf"[\s{DOT_VARIANTS}.．。]", "", name or "")
