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
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines, cjkU, makeCJKParaLine
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


def line_spans(chars, width_of, is_break, max_widths) -> list[tuple[int, int, bool]]:
    """(start, end, forced) of each line of *chars* by the rules above.

    width_of(i, max_width): the width of chars[i] on a line of max_width; is_break(i): chars[i]
    is a forced break (kept at the end of its line); line k is max_widths[k] wide (the last
    one repeats). Shared by CJKParagraph and the plain table cells, so both break alike.
    """
    spans: list[tuple[int, int, bool]] = []
    n = len(chars)
    start = i = 0
    used = 0.0
    max_width = max_widths[0]

    def close(end: int, forced: bool) -> None:
        nonlocal max_width
        spans.append((start, end, forced))
        max_width = max_widths[min(len(spans), len(max_widths) - 1)]

    while i < n:
        if is_break(i):
            close(i + 1, True)
            start = i = i + 1
            used = 0.0
            continue
        w = width_of(i, max_width)
        if used + w > max_width + _FUZZ and i > start:
            end = break_point(chars, start, i)
            close(end, False)
            start = i = end
            while start < n and chars[start] == " ":  # a space at a break is swallowed
                start = i = start + 1
            used = 0.0
            continue
        used += w
        i += 1
    if start < n:
        close(n, False)
    return spans


_widths: dict[tuple[str, float], dict[str, float]] = {}  # (font, size) -> char -> width


def char_width(char: str, font: str, size: float) -> float:
    """stringWidth of one character, memoised: a long report measures the same few
    thousand characters over and over."""
    table = _widths.setdefault((font, size), {})
    if char not in table:
        table[char] = stringWidth(char, font, size)
    return table[char]


def _frag_widths(frag, text: str) -> list:
    if hasattr(frag, "cbDefn"):  # an image (or a <br/>): its own width, as reportlab's cjkU
        return [getattr(frag.cbDefn, "width", 0)] * max(len(text), 1)
    if not text:
        return [0.0]
    table = _widths.setdefault((frag.fontName, frag.fontSize), {})
    return [table[c] if c in table else char_width(c, frag.fontName, frag.fontSize) for c in text]


def split_frags(frags, max_widths, calc_bounds: bool) -> ParaLines:
    """reportlab's cjkFragSplit with the rules above, on plain characters with their frags
    and widths alongside (no object per character)."""
    chars: list[str] = []
    owners: list = []  # the frag of each character
    widths: list = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        pieces = list(text) if text else [""]  # an empty frag carries a <br/> or an image
        chars += pieces
        owners += [frag] * len(pieces)
        widths += _frag_widths(frag, text)

    def width_of(i: int, max_width: float) -> float:
        w = widths[i]
        return w.normalizedValue(max_width) if hasattr(w, "normalizedValue") else w

    lines = []
    for k, (start, end, forced) in enumerate(line_spans(
            chars, width_of, lambda i: hasattr(owners[i], "lineBreak"), max_widths)):
        max_width = max_widths[min(k, len(max_widths) - 1)]
        width = sum(width_of(i, max_width) for i in range(start, end))
        lines.append(para_line(chars[start:end], owners[start:end], max_width, width, forced, calc_bounds))
    return ParaLines(kind=1, lines=lines)


def para_line(chars: list[str], owners: list, max_width: float, width: float, forced: bool,
              calc_bounds: bool) -> FragLine:
    """reportlab's makeCJKParaLine, the same FragLine, with font metrics and frag comparisons
    once per run of one frag rather than once per character. Lines holding an image or a
    <br/> go to reportlab's own."""
    words, run = [], []
    current = last = None
    max_size = max_ascent = min_descent = 0
    for char, frag in zip(chars, owners):
        if frag is not last:
            if "cbDefn" in frag.__dict__ or "lineBreak" in frag.__dict__:
                return makeCJKParaLine([cjkU(c, f, "utf8") for c, f in zip(chars, owners)], max_width, width,
                                       max_width - width, forced, calc_bounds)
            last = frag
            ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
            max_size, max_ascent, min_descent = (max(max_size, frag.fontSize), max(max_ascent, ascent),
                                                 min(min_descent, descent))
            if current is None or not sameFrag(current, frag):
                if run:
                    words.append(_word(current, run))
                current, run = frag, []
        run.append(char)
    if run:
        words.append(_word(current, run))
    return FragLine(kind=1, extraSpace=max_width - width, wordCount=1, words=words, fontSize=max_size,
                    ascent=max_ascent, descent=min_descent, maxWidth=max_width, currentWidth=width,
                    lineBreak=forced)


def _word(frag, run: list[str]):
    word = frag.clone()
    word.text = "".join(run)
    return word


def plain_lines(text: str, char_width, max_width: float) -> list[tuple[str, float]]:
    """(line, width) of plain *text* ("\\n" breaks a line) broken exactly as a CJKParagraph
    of one font would break it on lines of *max_width*; char_width(c) is one character's width."""
    chars = list(text)
    widths = [0.0 if c == "\n" else char_width(c) for c in chars]
    found = []
    for start, end, forced in line_spans(chars, lambda i, _w: widths[i], lambda i: chars[i] == "\n",
                                         [max_width]):
        stop = end - 1 if forced else end
        found.append(("".join(chars[start:stop]), sum(widths[start:end])))
    return found


IDEOGRAPHIC_SPACE = "\u3000"
_KEPT_SPACE = "\uf8ff"  # private use: not whitespace to the parser, so it is not collapsed


class CJKParagraph(Paragraph):
    """A Paragraph (style.wordWrap must be 'CJK') that breaks lines by split_frags.

    Full-width spaces (U+3000, an indent typed in Chinese) are kept as typed: reportlab's
    parser would collapse each run of them into one ASCII space."""

    def __init__(self, text, style=None, *args, **kwargs):
        keep = isinstance(text, str) and IDEOGRAPHIC_SPACE in text and _KEPT_SPACE not in text
        if keep:
            text = text.replace(IDEOGRAPHIC_SPACE, _KEPT_SPACE)
        super().__init__(text, style, *args, **kwargs)
        if keep:
            for frag in self.frags:
                if isinstance(frag.text, str) and _KEPT_SPACE in frag.text:
                    frag.text = frag.text.replace(_KEPT_SPACE, IDEOGRAPHIC_SPACE)

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        if not self.frags or self.bulletText or self.style.endDots:
            return super().breakLinesCJK(maxWidths)
        self.height = 0
        # Layout wraps a paragraph several times at the same width (keep-with-next groups,
        # the frame, the split): break its lines once per width.
        cache = self.__dict__.setdefault("_broken", {})
        key = tuple(maxWidths)
        if key not in cache:
            auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
            cache[key] = split_frags(self.frags, maxWidths, auto_leading not in ("", "off"))
        return cache[key]

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            self.__dict__.pop("_broken", None)  # splitting edits the broken lines' words in place
        return parts
