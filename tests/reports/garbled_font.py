"""A TrueType font with a garbled character map, made on the fly (issue 14.13).

Its one format-12 cmap group claims code points 0x4E00 up to 0x7FFFFFFF: the file reads as a
font, yet whoever expands that map (reportlab when registering it for a report, fontTools
when reading its cmap) loops over two billion entries at full CPU until memory runs out.
"""
from __future__ import annotations

import struct
from pathlib import Path

from fontTools.ttLib import TTFont

from desktop.reports.font_choice import SAMPLE

from .tinyfonts import build_font


def build_garbled_font(path: Path) -> Path:
    chars = "".join(dict.fromkeys(SAMPLE))
    build_font(path, chars, cff=False, family="Garbled Test")
    font = TTFont(str(path))
    glyph = font.getGlyphID(f"uni{ord(chars[0]):04X}")
    font.close()
    data = bytearray(path.read_bytes())
    num_tables = struct.unpack(">H", data[4:6])[0]
    for entry in range(num_tables):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * entry: 28 + 16 * entry])
        if tag == b"cmap":
            break
    else:
        raise AssertionError("no cmap table")
    # A new cmap: one (3, 10) subtable of format 12 with one endless group.
    group = struct.pack(">III", 0x4E00, 0x7FFFFFFF, glyph)
    subtable = struct.pack(">HHIII", 12, 0, 16 + len(group), 0, 1) + group
    cmap = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + subtable
    cmap += b"\0" * (-len(cmap) % 4)
    new_offset = len(data)
    data += cmap
    struct.pack_into(">4sIII", data, 12 + 16 * entry, b"cmap", 0, new_offset, len(cmap))
    path.write_bytes(bytes(data))
    return path
