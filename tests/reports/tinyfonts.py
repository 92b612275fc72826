"""Tiny fonts built on the fly, to test conversion and discovery in milliseconds."""
from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen


def _draw_cubic(pen) -> None:
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.curveTo((300, 800), (500, 800), (700, 700))  # a cubic curve for cu2qu to convert
    pen.lineTo((700, 0))
    pen.closePath()


def build_font(path: Path, chars: str, cff: bool, family: str = "Tiny Test") -> Path:
    names = [".notdef", "space"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", **{ord(c): f"uni{ord(c):04X}" for c in chars}})
    if cff:
        charstrings = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            if name not in (".notdef", "space"):
                _draw_cubic(pen)
            charstrings[name] = pen.getCharString()
        builder.setupCFF(family.replace(" ", ""), {"FullName": family}, charstrings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            if name not in (".notdef", "space"):
                pen.moveTo((100, 0))
                pen.qCurveTo((100, 700), (400, 800), (700, 700))
                pen.lineTo((700, 0))
                pen.closePath()
            glyphs[name] = pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100 if name not in (".notdef", "space") else 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path
