"""One week's rota as a PNG for the branch's chat group, drawn with Pillow (no Qt).

The picture is 1080 px wide — a phone screen's width in pixels, so a chat app shows it at
full width without scaling it down — and as tall as the week needs: the branch name and the
period as the title, then a band per day and under it a row per post and shift with the names
in 38 px type (about 13 pt on a 1080-px phone: as large as the chat's own text). Chinese is
drawn with the bundled Noto Sans SC (pylopdf-fonts-zh-cn, the font the app and the reports
fall back to), so it renders the same on a machine without any Chinese font.

    render_picture(sheet) -> bytes     # PNG
    save_picture(sheet, path)          # written beside the target, then swapped in
"""
from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..duty.rota_sheet import PARTY_MARK, RotaSheet, day_title
from .tabular import ExportError, write_failure

WIDTH = 1080
MARGIN = 40
TITLE_PX, PERIOD_PX, DAY_PX, BODY_PX, SMALL_PX = 56, 36, 42, 38, 28
POST_W, SHIFT_W = 230, 290  # the names get the rest: 1080 − 2×40 − 230 − 290 = 480 px
PAD = 14
RED, INK, GREY, LINE, ORANGE = (183, 28, 28), (33, 33, 33), (110, 110, 110), (205, 205, 205), (192, 90, 0)
STRIPE = (246, 246, 248)
PICTURE_LEGEND = f"{PARTY_MARK}为党员；“待定”为尚缺人员。"  # days a post does not work are left out


@dataclass(frozen=True)
class PictureSize:
    width: int
    height: int


@cache
def _font(size: int):
    from PIL import ImageFont

    try:
        import pylopdf_fonts_zh_cn

        return ImageFont.truetype(str(pylopdf_fonts_zh_cn.sans_path()), size)
    except (ImportError, OSError) as exc:
        # The OS's words would be English: the cause stays in the chain (and the log).
        raise ExportError("找不到用于图片的中文字体（程序自带的字体文件缺失或已损坏），请重新安装支部工作台后再试。") from exc


def _wrap(text_parts: list[str], font, width: float, joiner: str = "、") -> list[str]:
    """Names joined by 、 in lines no wider than *width* (a name is never split unless it
    alone is too wide)."""
    lines, line = [], ""
    for i, part in enumerate(text_parts):
        piece = part + (joiner if i + 1 < len(text_parts) else "")
        if line and font.getlength(line + piece) > width:
            lines.append(line)
            line = ""
        while font.getlength(piece) > width and len(piece) > 1:  # a very long name: cut by characters
            cut = len(piece)
            while cut > 1 and font.getlength(piece[:cut]) > width:
                cut -= 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    if line:
        lines.append(line)
    return lines or [""]


def _fit(text: str, size: int, width: float):
    """The largest font up to *size* in which *text* fits *width* on one line."""
    while size > 20 and _font(size).getlength(text) > width:
        size -= 2
    return _font(size)


def _layout(sheet: RotaSheet):
    """Every row's lines and height, so the picture's height is known before drawing."""
    body, small = _font(BODY_PX), _font(SMALL_PX)
    names_w = WIDTH - 2 * MARGIN - POST_W - SHIFT_W - 2 * PAD
    line_h = int(BODY_PX * 1.35)
    days = []
    for d, day in enumerate(sheet.days):
        rows = []
        for row in sheet.rows:
            cell = row.cells[d]
            if not cell.active and not cell.names:
                continue
            parts = cell.names + (["待定"] * cell.missing)
            lines = _wrap(parts, body, names_w) if parts else ["—"]
            height = len(lines) * line_h + 2 * PAD
            rows.append((row, cell, lines, height))
        days.append((day, rows))
    return days, line_h, body, small


def render_picture(sheet: RotaSheet) -> bytes:
    """The PNG of *sheet* (at most a week is meant: every day is drawn one under another)."""
    from PIL import Image, ImageDraw

    days, line_h, body, small = _layout(sheet)
    inner = WIDTH - 2 * MARGIN
    title_font = _fit(sheet.title, TITLE_PX, inner)
    day_h = int(DAY_PX * 1.6)
    height = MARGIN + int(TITLE_PX * 1.4) + int(PERIOD_PX * 1.6) + 10
    for _, rows in days:
        height += day_h + sum(r[3] for r in rows) + (0 if rows else line_h + 2 * PAD) + 18
    legend = _wrap(["注：" + PICTURE_LEGEND], small, inner, joiner="")
    height += int(SMALL_PX * 1.5) * len(legend) + MARGIN
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)

    y = MARGIN
    draw.text((WIDTH / 2, y), sheet.title, font=title_font, fill=RED, anchor="ma",
              stroke_width=1, stroke_fill=RED)  # Noto Sans SC Regular only: a stroke makes it bold
    y += int(TITLE_PX * 1.4)
    draw.text((WIDTH / 2, y), sheet.period, font=_font(PERIOD_PX), fill=GREY, anchor="ma")
    y += int(PERIOD_PX * 1.6) + 10
    for day, rows in days:
        draw.rectangle((MARGIN, y, WIDTH - MARGIN, y + day_h), fill=RED)
        draw.text((MARGIN + PAD, y + day_h / 2), day_title(day), font=_font(DAY_PX), fill="white", anchor="lm")
        y += day_h
        if not rows:
            draw.text((MARGIN + PAD, y + PAD), "当日无值守点", font=body, fill=GREY)
            y += line_h + 2 * PAD + 18
            continue
        y = _draw_rows(draw, rows, y, line_h, body, small) + 18
    for line in legend:
        draw.text((MARGIN, y), line, font=small, fill=GREY)
        y += int(SMALL_PX * 1.5)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _draw_rows(draw, rows, y: int, line_h: int, body, small) -> int:
    """A day's rows: the post once over its shifts (striped per post), the shift with its
    times, the names; 待定 in orange. Returns the y under the last row."""
    left, right = MARGIN, WIDTH - MARGIN
    shift_x, names_x = left + POST_W, left + POST_W + SHIFT_W
    groups: list[list] = []
    for item in rows:
        if item[0].first_of_post or not groups:
            groups.append([])
        groups[-1].append(item)
    for g, group in enumerate(groups):
        top = y
        total = sum(item[3] for item in group)
        if g % 2:
            draw.rectangle((left, top, right, top + total), fill=STRIPE)
        post = group[0][0]
        post_font = _fit(post.post, BODY_PX, POST_W - 2 * PAD)
        label_h = BODY_PX + (SMALL_PX + 12 if post.party_lead else 0)
        py = top + (total - label_h) / 2
        draw.text((left + PAD, py), post.post, font=post_font, fill=INK)
        if post.party_lead:
            draw.text((left + PAD, py + BODY_PX + 12), "党员带班", font=small, fill=RED)
        for row, _cell, lines, height in group:
            # the times small on the shift's line: one line per row keeps a week's picture short
            draw.text((shift_x + PAD, y + PAD + BODY_PX), row.shift, font=body, fill=INK, anchor="ls")
            draw.text((shift_x + PAD + body.getlength(row.shift) + 10, y + PAD + BODY_PX), row.times,
                      font=small, fill=GREY, anchor="ls")
            ny = y + PAD
            for line in lines:
                _draw_names(draw, names_x + PAD, ny + BODY_PX, line, body)
                ny += line_h
            if row is not group[-1][0]:
                draw.line((shift_x, y + height, right, y + height), fill=LINE, width=1)
            y += height
        draw.line((left, y, right, y), fill=LINE, width=2)
    draw.line((shift_x, y - sum(r[3] for r in rows), shift_x, y), fill=LINE, width=1)
    draw.line((names_x, y - sum(r[3] for r in rows), names_x, y), fill=LINE, width=1)
    return y


def _draw_names(draw, x: float, y: float, line: str, font) -> None:
    """A line of names (y: its baseline) with each 待定 in orange, so what is missing stands out."""
    for i, part in enumerate(line.split("待定")):
        if i:
            draw.text((x, y), "待定", font=font, fill=ORANGE, anchor="ls")
            x += font.getlength("待定")
        draw.text((x, y), part, font=font, fill=INK, anchor="ls")
        x += font.getlength(part)


def picture_size(data: bytes) -> PictureSize:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return PictureSize(*image.size)


def save_picture(sheet: RotaSheet, path: Path | str) -> PictureSize:
    path = Path(path)
    data = render_picture(sheet)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(suffix=".png", prefix=".export-", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError(write_failure(exc, path)) from exc
    finally:
        if "temp" in locals() and os.path.exists(temp):
            os.remove(temp)
    return picture_size(data)
