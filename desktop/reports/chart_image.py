"""A report's chart (a reportlab Drawing, charts.py) as a PNG picture, for the Word file.

reportlab's own bitmap renderer needs cairo, which a Windows office laptop does not have;
the charts use only a few shapes (rectangles, lines, strings, some rotated), so they are
drawn here with Pillow, in the same fonts and at the same size as in the PDF.
"""
from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import (
    Circle,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
    UserNode,
    mmult,
)
from reportlab.pdfbase import pdfmetrics

DPI = 200


def _rgb(color) -> tuple[int, int, int] | None:
    if color is None:
        return None
    return tuple(round(max(0.0, min(1.0, c)) * 255) for c in (color.red, color.green, color.blue))


class _Painter:
    def __init__(self, width: float, height: float, dpi: int, fallback_font: str):
        self.scale = dpi / 72
        self.image = Image.new("RGB", (math.ceil(width * self.scale), math.ceil(height * self.scale)), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.fallback_font = fallback_font
        self._fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def point(self, ctm, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = ctm
        return (a * x + c * y + e) * self.scale, self.image.height - (b * x + d * y + f) * self.scale

    def font(self, name: str, size: float) -> ImageFont.FreeTypeFont:
        try:
            face = pdfmetrics.getFont(name).face
        except KeyError:
            face = pdfmetrics.getFont(self.fallback_font).face
        pixels = max(1, round(size * self.scale))
        key = (face.filename, pixels)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(face.filename, pixels, index=getattr(face, "subfontIndex", 0))
        return self._fonts[key]

    def line_width(self, node, ctm) -> int:
        return max(1, round((node.strokeWidth or 0) * math.hypot(ctm[0], ctm[1]) * self.scale))

    def node(self, node, ctm) -> None:
        if isinstance(node, UserNode):
            node = node.provideNode()
        if isinstance(node, Group):
            inner = mmult(ctm, node.transform)
            for child in node.getContents():
                self.node(child, inner)
        elif isinstance(node, Rect):
            corners = [(node.x, node.y), (node.x + node.width, node.y),
                       (node.x + node.width, node.y + node.height), (node.x, node.y + node.height)]
            self.polygon(node, ctm, corners, closed=True)
        elif isinstance(node, Line):
            if node.strokeColor is not None:
                self.draw.line([self.point(ctm, node.x1, node.y1), self.point(ctm, node.x2, node.y2)],
                               fill=_rgb(node.strokeColor), width=self.line_width(node, ctm))
        elif isinstance(node, Polygon):
            pts = node.points
            self.polygon(node, ctm, list(zip(pts[::2], pts[1::2])), closed=True)
        elif isinstance(node, PolyLine):
            pts = node.points
            self.polygon(node, ctm, list(zip(pts[::2], pts[1::2])), closed=False)
        elif isinstance(node, Circle):
            x, y = self.point(ctm, node.cx, node.cy)
            r = node.r * self.scale
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=_rgb(node.fillColor),
                              outline=_rgb(node.strokeColor), width=self.line_width(node, ctm))
        elif isinstance(node, String):
            self.string(node, ctm)

    def polygon(self, node, ctm, points, closed: bool) -> None:
        xy = [self.point(ctm, x, y) for x, y in points]
        fill = _rgb(getattr(node, "fillColor", None)) if closed else None
        if fill is not None:
            self.draw.polygon(xy, fill=fill)
        if node.strokeColor is not None and (node.strokeWidth or 0) > 0:
            self.draw.line(xy + (xy[:1] if closed else []), fill=_rgb(node.strokeColor),
                           width=self.line_width(node, ctm))

    def string(self, node: String, ctm) -> None:
        if not node.text or node.fillColor is None:
            return
        font_name = node.fontName or self.fallback_font
        font = self.font(font_name, node.fontSize)
        width = font.getlength(node.text)
        shift = {"middle": width / 2, "end": width}.get(node.textAnchor, 0.0)
        x, y = self.point(ctm, node.x, node.y)
        angle = math.degrees(math.atan2(ctm[1], ctm[0]))
        if abs(angle) < 0.01:
            self.draw.text((x - shift, y), node.text, font=font, fill=_rgb(node.fillColor), anchor="ls")
            return
        # Rotated (e.g. day labels under 14 bars): draw on a square centred on the anchor, turn, lay on.
        side = math.ceil(2 * (width + font.size)) + 4
        layer = Image.new("RGBA", (side, side), (255, 255, 255, 0))
        ImageDraw.Draw(layer).text((side / 2 - shift, side / 2), node.text, font=font,
                                   fill=_rgb(node.fillColor) + (255,), anchor="ls")
        layer = layer.rotate(angle, resample=Image.Resampling.BICUBIC, center=(side / 2, side / 2))
        self.image.paste(layer, (round(x - side / 2), round(y - side / 2)), layer)


def drawing_png(drawing, fallback_font: str, dpi: int = DPI) -> bytes:
    """PNG bytes of *drawing* at *dpi*; *fallback_font* (a registered font name) serves strings
    that name no font of their own."""
    painter = _Painter(drawing.width, drawing.height, dpi, fallback_font)
    painter.node(drawing, (1, 0, 0, 1, 0, 0))
    buffer = io.BytesIO()
    painter.image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
