"""Issue 14.13: a font with a garbled glyph table is refused by the check in 设置 (which tries
it for real in a child process with limits), and a report build that hangs is stopped."""
from __future__ import annotations

import pytest

from desktop.reports import font_choice
from desktop.reports.fontfind import BODY

from .garbled_font import build_garbled_font
from .tinyfonts import build_font


def test_a_garbled_cmap_is_refused_by_the_check_and_the_choice_is_not_stored(tmp_path):
    garbled = build_garbled_font(tmp_path / "仿宋_坏.ttf")
    with pytest.raises(font_choice.FontChoiceError) as caught:
        font_choice.check_font(BODY, garbled)
    message = str(caught.value)
    # Out of memory (POSIX limit) or out of time (Windows): either way the same advice.
    assert message.startswith("字体文件“仿宋_坏.ttf”的字形数据有问题：试排样字")
    assert message.endswith("请选择其他字体文件。")
    assert font_choice.load_choices() == {}


def test_a_sound_font_passes_the_same_check(tmp_path):
    good = build_font(tmp_path / "good.ttf", "".join(dict.fromkeys(font_choice.SAMPLE)), cff=False)
    font = font_choice.check_font(BODY, good)
    assert font.path == good and font.family == "Tiny Test"


def test_a_cff_font_is_tried_by_subsetting_too(tmp_path):
    good = build_font(tmp_path / "good.otf", "".join(dict.fromkeys(font_choice.SAMPLE)), cff=True)
    assert font_choice.check_font(BODY, good).family == "Tiny Test"


def test_the_probe_time_limit_stops_a_child_that_never_finishes(tmp_path, monkeypatch):
    """The limit itself, with a child that sleeps: the message names the seconds waited."""
    from desktop.reports import fontprobe

    good = build_font(tmp_path / "good.ttf", "".join(dict.fromkeys(font_choice.SAMPLE)), cff=False)
    real_run = fontprobe.subprocess.run

    def sleepy(args, **kwargs):
        return real_run([args[0], "-c", "import time; time.sleep(60)"], **kwargs)

    monkeypatch.setattr(fontprobe.subprocess, "run", sleepy)
    with pytest.raises(fontprobe.ProbeFailed) as caught:
        fontprobe.probe_font(BODY, good, 0, timeout=1)
    assert str(caught.value) == ("字体文件“good.ttf”的字形数据有问题：试排样字超过 1 秒仍未完成。"
                                 "用它生成报表会一直卡住，所以没有采用。请选择其他字体文件。")


def test_a_report_from_the_command_line_is_stopped_at_its_time_limit(tmp_path):
    """A build that hangs (here: a stand-in that sleeps) ends with the message, not for ever."""
    import subprocess
    import sys

    from tests.safety.helpers import ROOT

    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from desktop.cli.report import time_limit\n"
        "target = Path(sys.argv[1])\n"
        "(target.parent / ('.~' + target.stem + 'abc.pdf')).write_bytes(b'%PDF half')\n"
        "with time_limit(target, '值班表', seconds=1):\n"
        "    time.sleep(60)\n"
    )
    target = tmp_path / "值班表.pdf"
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 1
    assert done.stderr == ("错误：生成“值班表”超过 1 秒仍未完成，已停止。可能是报表字体文件有问题"
                           "（可在“设置 → 报表字体”中恢复默认字体后再试），或时间范围太大。\n")
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]  # the half-written temporary PDF is gone too
