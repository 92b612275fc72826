"""Preparing the report fonts ahead of the first report: `python -m desktop.reports.fontprep`.

After a plain `pip install` the bundled Noto fonts are CFF, which reportlab cannot embed:
they are converted to TrueType once (fontconvert; about 25 s per font on a 2-core laptop)
and cached. The app starts this in a background process at start-up, with its progress
in the status bar, so the first report does not wait on it; a report that still needs a
font being prepared says so (the build child's {"fonts": n} event).

Prints JSON lines: {"total": n} first, then {"done": i, "total": n, "font": name} per font.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def pending_conversions() -> list[tuple[Path, int]]:
    """The fonts the reports will use first that still need converting, once each."""
    from .font_choice import font_set
    from .fontconvert import cached_truetype_path, is_truetype
    from .fontfind import ROLES

    fonts = font_set()
    firsts = [fonts._candidates[role][0].font for role in ROLES if fonts._candidates[role]]
    return list(dict.fromkeys(
        (font.path, font.index) for font in firsts
        if not is_truetype(font.path, font.index) and not cached_truetype_path(font.path, font.index).exists()))


def _say(**event) -> None:
    if sys.stdout is not None:
        print(json.dumps(event, ensure_ascii=False), flush=True)


def main() -> int:
    from .fontconvert import truetype_for

    pending = pending_conversions()
    _say(total=len(pending))
    for done, (path, index) in enumerate(pending, start=1):
        truetype_for(path, index)  # atomic: a report reading the cache never sees half a font
        _say(done=done, total=len(pending), font=path.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
