"""Line breaking for Chinese text (GB/T 15834 rules), as a reportlab Paragraph.

reportlab's CJK wrapping knows only a few Japanese marks that may not start a
line and hangs at most one; here:
- closing punctuation (，。、；：？！”’）》…) never starts a line: a single mark
  hangs in the right margin as Word does; two in a row pull the last character
  down with them instead;
- opening marks (“‘（《…) never end a line;
- a run of Latin letters or digits (a phone number, a date) is not cut in two
  when it fits on a line of its own.
The module-level sets in reportlab are extended too, for any code path that
still uses them.
"""
from __future__ import annotations

import reportlab.lib.textsplit as textsplit
import reportlab.platypus.paragraph as rl_paragraph
from reportlab.platypus.paragraph import ParaLines, Paragraph, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

NO_LINE_START = frozenset(
    "，。、；：？！）】》〉」』〕〗］｝”’…—．％‰℃·"
    "!),.:;?]}%'\"" + textsplit.ALL_CANNOT_START
) - frozenset("—")  # a dash may start a line; only its two halves must not part
NO_LINE_END = frozenset("（【《〈「『〔〖［｛“‘([{" + textsplit.ALL_CANNOT_END)

# Extend reportlab's own list (a str copied into both modules at import).
_extra = "".join(sorted(NO_LINE_START - set(textsplit.ALL_CANNOT_START)))
textsplit.ALL_CANNOT_START = textsplit.ALL_CANNOT_START + _extra
rl_paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START


def is_word_char(char: str) -> bool:
    # '+' keeps a missing-glyph marker such as 〔U+2A6A5〕 in one piece, '*' a masked number.
    return len(char) == 1 and char.isascii() and (char.isalnum() or char in ".-/:@_+*")


def _pairs_unbreakable(before: str, after: str) -> bool:
    return (after in NO_LINE_START or before in NO_LINE_END
            or (is_word_char(before) and is_word_char(after))
            or (before == after == "—") or (before == after == "…"))


def break_point(chars: list[str], start: int, overflow: int) -> int:
    """Where the line starting at *start* ends, given that chars[overflow] does not fit."""
    n = len(chars)
    if chars[overflow] in NO_LINE_START and overflow > start:
        after = overflow + 1
        if after >= n or chars[after] not in NO_LINE_START:
            return after  # hang this one mark in the margin
    brk = overflow
    while brk > start + 1 and _pairs_unbreakable(chars[brk - 1], chars[brk]):
        brk -= 1
    if _pairs_unbreakable(chars[brk - 1], chars[brk]):
        return overflow  # the whole line is one unbreakable run: cut it where it overflows
    return brk


def split_frags(frags, max_widths, calc_bounds: bool) -> ParaLines:
    """reportlab's cjkFragSplit with the rules above."""
    chars = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        if text:
            chars.extend(cjkU(t, frag, "utf8") for t in text)
        else:  # an empty frag carries a <br/> or an image
            chars.append(cjkU("", frag, "utf8"))
    lines = []
    n = len(chars)
    start = i = 0
    used = 0.0

    def width_of(u) -> float:
        w = u.width
        return w.normalizedValue(max_width) if hasattr(w, "normalizedValue") else w

    def emit(end: int, line_break: bool) -> None:
        nonlocal max_width
        width = sum(width_of(u) for u in chars[start:end])
        lines.append(makeCJKParaLine(chars[start:end], max_width, width, max_width - width, line_break,
                                     calc_bounds))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]

    max_width = max_widths[0]
    while i < n:
        u = chars[i]
        if hasattr(u.frag, "lineBreak"):
            emit(i + 1, True)
            start = i = i + 1
            used = 0.0
            continue
        w = width_of(u)
        if used + w > max_width + _FUZZ and i > start:
            end = break_point(chars, start, i)
            emit(end, False)
            start = i = end
            while start < n and chars[start] == " ":  # a space at a break is swallowed
                start = i = start + 1
            used = 0.0
            continue
        used += w
        i += 1
    if start < n:
        emit(n, False)
    return ParaLines(kind=1, lines=lines)


class CJKParagraph(Paragraph):
    """A Paragraph (style.wordWrap must be 'CJK') that breaks lines by split_frags."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        if not self.frags or self.bulletText or self.style.endDots:
            return super().breakLinesCJK(maxWidths)
        self.height = 0
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return split_frags(self.frags, maxWidths, auto_leading not in ("", "off"))
