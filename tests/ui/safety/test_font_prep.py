"""Issue 12.4: the report fonts are prepared in the background after start, with progress
shown in the status bar, so the first report does not wait on them silently."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.reports import font_choice
from desktop.reports.fontconvert import ENV_FONT_CACHE, cached_truetype_path
from desktop.reports.fontfind import FontFile
from desktop.ui.main_window import MainWindow
from desktop.ui.safety.font_prep import FontPreparation
from tests.reports.tinyfonts import build_font


@pytest.fixture
def window(qtbot, database, tmp_path):
    win = MainWindow(Path(database.database), QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_cff_font_is_converted_in_the_background_with_its_progress_shown(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_FONT_CACHE, str(tmp_path / "cache"))
    otf = build_font(tmp_path / "仿宋体.otf", "".join(dict.fromkeys(font_choice.SAMPLE)), cff=True)
    for role in ("body", "hei", "kai", "title"):  # only this small font to convert, not the bundled ones
        font_choice.set_choice(role, FontFile(otf, 0, "Tiny Test"))
    assert not cached_truetype_path(otf).exists()
    prep = FontPreparation(window)
    shown = []
    prep.progress.connect(lambda done, total: shown.append((done, total, prep.label.text())))
    with qtbot.waitSignal(prep.finished, timeout=120000):
        prep.start()
    assert [s[:2] for s in shown] == [(0, 1), (1, 1)]
    assert shown[0][2] == ("正在准备报表字体（0/1）：把程序自带的开源字体转换为 PDF 可嵌入的格式，"
                           "只在第一次使用时进行，约需 1 分钟，期间可以照常使用。")
    assert cached_truetype_path(otf).exists()
    assert window.statusBar().currentMessage() == "报表字体已准备好，生成报表不再需要等待。"
    assert not prep.label.isVisible()


def test_nothing_is_shown_when_the_fonts_are_ready(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_FONT_CACHE, str(tmp_path / "cache"))
    ttf = build_font(tmp_path / "仿宋体.ttf", "".join(dict.fromkeys(font_choice.SAMPLE)), cff=False)
    for role in ("body", "hei", "kai", "title"):
        font_choice.set_choice(role, FontFile(ttf, 0, "Tiny Test"))
    prep = FontPreparation(window)
    with qtbot.waitSignal(prep.finished, timeout=60000):
        prep.start()
    assert prep.total == 0 and not prep.label.isVisible()
    assert window.statusBar().currentMessage() == ""
