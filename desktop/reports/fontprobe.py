"""Trying a font file for real before it is chosen, in a child process with limits.

    python -m desktop.reports.fontprobe ROLE PATH INDEX RESULT.json

A font whose tables are garbled can read fine as a file and still make reportlab (or
fontTools) loop for minutes at full CPU and eat gigabytes: a cmap group spanning four
billion code points, say. Reading its character map and subsetting a sample line, as
every report does, is the only honest check; done in a child process that is stopped
after PROBE_SECONDS (and, on POSIX, may use at most MEMORY_LIMIT), the settings page
stays responsive and such a file is refused with a message instead of hanging reports.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import UserError

PROBE_SECONDS = 20.0
MEMORY_LIMIT = 1 << 30  # 1 GB: a CJK font with every glyph loaded needs a few hundred MB


class ProbeFailed(UserError):
    """The sample could not be set in the font; the message says why, in Chinese."""


def _package_root() -> str:
    return str(Path(__file__).resolve().parents[2])


def probe_font(role: str, path: Path, index: int = 0, timeout: float = PROBE_SECONDS) -> dict:
    """Run the check in a child: {'family': ...} when the font sets the sample, else ProbeFailed
    (a FontChoiceError message from the child, or why the child did not finish)."""
    folder = Path(tempfile.mkdtemp(prefix="branch-desk-fontprobe-"))
    result = folder / "result.json"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join([_package_root(), *filter(None, [env.get("PYTHONPATH")])])
    name = Path(path).name
    try:
        try:
            subprocess.run([sys.executable, "-m", "desktop.reports.fontprobe", role, str(path), str(index), str(result)],
                           env=env, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)
        except subprocess.TimeoutExpired:  # subprocess.run has killed it
            raise ProbeFailed(
                f"字体文件“{name}”的字形数据有问题：试排样字超过 {timeout:.0f} 秒仍未完成。"
                "用它生成报表会一直卡住，所以没有采用。请选择其他字体文件。") from None
        try:
            outcome = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ProbeFailed(
                f"字体文件“{name}”的字形数据有问题：试排样字时出错（内存耗尽或程序异常退出）。"
                "用它生成报表会出错，所以没有采用。请选择其他字体文件。") from None
    finally:
        for leftover in folder.glob("*"):
            leftover.unlink(missing_ok=True)
        folder.rmdir()
    if not outcome.get("ok"):
        raise ProbeFailed(str(outcome.get("message") or f"字体文件“{name}”无法使用。"))
    return outcome


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit alone
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass


def _set_sample(path: Path, index: int, text: str) -> None:
    """Register the font with reportlab and save a one-line PDF: this subsets it, as reports do.
    A CFF font is subset with fontTools instead (reportlab reads it only after conversion)."""
    from .fontconvert import is_truetype

    if is_truetype(path, index):
        from io import BytesIO

        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen.canvas import Canvas

        pdfmetrics.registerFont(TTFont("BranchDeskProbe", str(path), subfontIndex=index))
        canvas = Canvas(BytesIO())
        canvas.setFont("BranchDeskProbe", 16)
        canvas.drawString(72, 720, text)
        canvas.save()
    else:
        from fontTools import subset
        from fontTools.ttLib import TTFont as FTFont

        font = FTFont(str(path), fontNumber=index)
        subsetter = subset.Subsetter()
        subsetter.populate(text=text)
        subsetter.subset(font)
        font.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    role, path, index, result = argv[0], Path(argv[1]), int(argv[2]), Path(argv[3])
    _limit_memory()
    from .font_choice import SAMPLE, FontChoiceError, check_readable

    try:
        font = check_readable(role, path, index)
        _set_sample(path, index, SAMPLE)
        outcome = {"ok": True, "family": font.family}
    except FontChoiceError as exc:
        outcome = {"ok": False, "message": str(exc)}
    except MemoryError:
        return 1  # no result file: the parent says what happened
    except Exception as exc:  # noqa: BLE001 - a font that breaks reportlab is just unusable
        outcome = {"ok": False, "message": f"字体文件“{path.name}”无法嵌入 PDF：它可能已损坏（{type(exc).__name__}）。"
                                           "请选择其他字体文件。"}
    result.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
