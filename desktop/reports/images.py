"""Photos for diaries: upright (EXIF), downscaled to print resolution, aspect kept."""
from __future__ import annotations

import io
import math
from pathlib import Path

from reportlab.platypus import Image

POINTS_PER_INCH = 72.0


def prepared_photo(path: Path, max_width: float, max_height: float,
                   dpi: int) -> tuple[tuple[bytes, float, float] | None, str]:
    """((JPEG bytes, width, height), '') or (None, a Chinese problem description). Sizes in points."""
    from PIL import Image as PILImage
    from PIL import ImageOps, UnidentifiedImageError

    try:
        with PILImage.open(path) as original:
            # A JPEG decodes at a fraction of its size when that still covers the print: a
            # 12-megapixel photo is never held whole in memory for a 120 mm picture.
            side = math.ceil(max(max_width, max_height) / POINTS_PER_INCH * dpi)
            original.draft("RGB", (side, side))
            picture = ImageOps.exif_transpose(original)  # phones store portrait shots sideways
            picture = picture.convert("RGB")
    except FileNotFoundError:
        return None, f"图片文件不存在：{path.name}"
    except (UnidentifiedImageError, OSError, ValueError):
        return None, f"图片无法读取：{path.name}"
    scale = min(max_width / picture.width, max_height / picture.height)
    width, height = picture.width * scale, picture.height * scale
    # Pixels needed at *dpi* for the printed size: a 12-megapixel photo shrinks to a few hundred KB.
    pixels = (max(1, round(width / POINTS_PER_INCH * dpi)), max(1, round(height / POINTS_PER_INCH * dpi)))
    if pixels[0] < picture.width:
        picture = picture.resize(pixels, PILImage.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return (buffer.getvalue(), width, height), ""


def photo_flowable(jpeg: bytes, width: float, height: float) -> Image:
    """The prepared photo as a centred reportlab flowable."""
    flowable = Image(io.BytesIO(jpeg), width=width, height=height)
    flowable.hAlign = "CENTER"
    return flowable
