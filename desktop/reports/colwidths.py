"""Table column widths from the content, for the PDF and the Word renderer alike.

A date or a number never wraps (a cell holding "2026.12.06" must not print "2026.12.0" /
"6"): its column is at least as wide as its widest date or number. Text columns take the
rest and wrap. Widths are in points; *measure* functions give a text's width in the
table's font and size (reportlab's metrics for the PDF, an estimate for Word).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .linebreak import is_word_char

Measure = Callable[[str], float]
PAD_X = 2.5    # points either side of a cell's text
SLACK = 1.0    # rounding between measuring a line and breaking it
# Cells that must stay on one line: numbers, amounts, percentages, dates and times
# (2026.12.06, 12-06, 12月6日, 2026年12月6日, 08:00-16:00, 100.0%).
_ATOMIC = re.compile(r"^\s*(\d{4}年)?\d{1,2}月\d{1,2}日\s*$|^[\d\s.,:/*+\-—~～%％]+$")


def is_atomic(text: str) -> bool:
    """Whether *text* is a date, time or number that must print on one line."""
    return bool(text) and "\n" not in text and bool(_ATOMIC.match(text))


def fit_widths(naturals: Sequence[float], minimums: Sequence[float], available: float) -> list[float]:
    """Column widths summing to *available*: narrow columns keep their natural width and
    only the widest are capped (and wrap), never below their minimum."""
    if sum(naturals) <= available:
        total = sum(naturals) or 1.0
        return [n + (available - sum(naturals)) * n / total for n in naturals]
    if sum(minimums) >= available:
        scale = available / sum(minimums)
        return [m * scale for m in minimums]

    def widths_at(cap: float) -> list[float]:
        return [max(lo, min(nat, cap)) for nat, lo in zip(naturals, minimums)]

    low, high = 0.0, max(naturals)
    for _ in range(60):  # bisection on the cap; 60 halvings are far below a hundredth of a point
        cap = (low + high) / 2
        if sum(widths_at(cap)) > available:
            high = cap
        else:
            low = cap
    widths = widths_at(low)
    slack = available - sum(widths)
    capped = [i for i, (w, nat) in enumerate(zip(widths, naturals)) if w < nat] or list(range(len(widths)))
    for i in capped:
        widths[i] += slack / len(capped)
    return widths


def longest_run(text: str, measure: Measure) -> float:
    """Width of the widest piece that cannot wrap: a Latin/digit run, or one character."""
    widest, run = 0.0, ""
    for char in text + " ":
        if is_word_char(char):
            run += char
            continue
        widest = max(widest, measure(run), measure(char.strip()))
        run = ""
    return widest


def _atomic_width(texts: Sequence[str], measure: Measure) -> float:
    return max((measure(t.strip()) for t in texts if is_atomic(t)), default=0.0)


def given_widths(spec: Sequence[float | str | None], available: float, measure: Measure,
                 columns: Sequence[Sequence[str]] | None = None, mm: float = 72 / 25.4) -> list[float]:
    """Column widths from a spec per column: a number is mm; a str is a sample the column
    must hold on one line (e.g. "00000000000" for a phone) -- and, given *columns* (each
    column's cell texts), at least its widest date or number, since a sample measured in
    one font is no promise for another (a narrow "1" in the sample, wide "6" in the data).
    None columns share what is left, at least four characters each. When that is too wide,
    the columns of words give way first; dates and numbers last."""
    columns = columns or [[] for _ in spec]

    def fixed(item, texts) -> float:
        if isinstance(item, str):
            return max(measure(item), _atomic_width(texts, measure)) + 2 * PAD_X + SLACK
        return item * mm

    widths = [fixed(item, texts) if item else 0.0 for item, texts in zip(spec, columns)]
    flexible = [i for i, item in enumerate(spec) if not item]
    least = measure("四个汉字") + 2 * PAD_X + SLACK
    excess = sum(widths) + least * len(flexible) - available
    wordy = [i for i, (item, texts) in enumerate(zip(spec, columns))
             if isinstance(item, str) and not is_atomic(item) and not any(is_atomic(t) for t in texts)]
    room = sum(widths[i] for i in wordy)
    if excess > 0 and room:
        scale = max(1 - excess / room, 0.6)  # a word column may wrap, but not to a sliver
        for i in wordy:
            widths[i] *= scale
    rest = max(available - sum(widths), 0.0) / len(flexible) if flexible else 0.0
    for i in flexible:
        widths[i] = max(rest, least)
    total = sum(widths)
    return [w * available / total for w in widths] if total > available else widths


def auto_widths(header: Sequence[str], rows: Sequence[Sequence[str]], available: float,
                measure: Measure, measure_header: Measure, size: float) -> list[float]:
    """Widths fitted to the content: each column's natural width where they all fit, else
    the widest columns wrap; a column's dates and numbers never do."""
    naturals, minimums = [], []
    for col, title in enumerate(header):
        texts = [row[col] for row in rows if col < len(row)]
        nat = max([measure(line) for t in texts for line in t.split("\n")] + [measure_header(title)])
        low = max([longest_run(t, measure) for t in texts] + [_atomic_width(texts, measure)] +
                  # a header may wrap, but not to a column narrower than two of its characters
                  [min(measure_header(title), 2 * size)])
        naturals.append(nat + 2 * PAD_X + SLACK)
        minimums.append(low + 2 * PAD_X + SLACK)
    return fit_widths(naturals, minimums, available)
