"""设置 → 报表字体: pick a font file per role, see it, refuse unusable files, go back to the default."""
from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.reports import font_choice
from desktop.reports.fontfind import BODY, HEI, bundled_fonts
from desktop.ui.settings.fonts_tab import SAMPLE, FontsTab

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


@pytest.fixture
def told(monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: messages.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: messages.append(text))
    return messages


@pytest.fixture
def tab(qtbot):
    widget = FontsTab()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path) if path else "", ""))


def test_defaults_are_shown_until_a_file_is_chosen(tab, told, monkeypatch):
    assert tab.chosen_labels[BODY].text() == "未选择（使用默认字体）"
    assert not tab.reset_buttons[BODY].isEnabled()
    assert "正文（仿宋）" in tab.current.text()

    sans = bundled_fonts()[HEI].path
    answer_file(monkeypatch, sans)
    tab.pick_buttons[BODY].click()
    assert font_choice.load_choices()[BODY].path == sans
    assert "Noto Sans SC" in tab.chosen_labels[BODY].text() and str(sans) in tab.chosen_labels[BODY].text()
    assert tab.samples[BODY].text() == SAMPLE  # shown in the chosen font
    assert "设置中选择的字体" in tab.current.text()
    assert any("OpenType（CFF）" in m for m in told)  # the one-time conversion is explained
    assert tab.reset_buttons[BODY].isEnabled()

    tab.reset_buttons[BODY].click()
    assert font_choice.load_choices() == {}
    assert tab.chosen_labels[BODY].text() == "未选择（使用默认字体）"


def test_a_font_without_chinese_is_refused_and_nothing_changes(tab, told, monkeypatch):
    answer_file(monkeypatch, VERA)
    tab.pick_buttons[HEI].click()
    assert len(told) == 1 and "缺少常用汉字" in told[0]
    assert font_choice.load_choices() == {}
    assert tab.chosen_labels[HEI].text() == "未选择（使用默认字体）"


def test_cancelling_the_file_dialog_changes_nothing(tab, told, monkeypatch):
    answer_file(monkeypatch, None)
    tab.pick_buttons[BODY].click()
    assert told == [] and font_choice.load_choices() == {}


def test_the_settings_page_has_the_tab(qtbot):
    from desktop.paths import resolve_db_path
    from desktop.ui.settings.settings_page import SettingsPage

    page = SettingsPage(resolve_db_path())
    qtbot.addWidget(page)
    titles = [page.tabText(i) for i in range(page.count())]
    assert "报表字体" in titles
    assert not page.fonts.loaded  # nothing is looked up until the tab is shown


def test_opening_settings_does_not_load_the_pdf_engine():
    """reportlab's platypus costs ~0.1 s: only the 报表字体 tab, once shown, may load it."""
    import subprocess
    import sys

    code = ("import sys; import desktop.ui.settings.settings_page; import desktop.reports.kinds; "
            "print('reportlab.platypus' in sys.modules, 'reportlab' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_a_font_with_a_garbled_glyph_table_is_refused_in_the_tab(tab, told, monkeypatch, tmp_path):
    """14.13: the file reads as a font but hangs whoever expands its map; the tab refuses it
    (tried in a child process with limits) and the settings page answers on."""
    from tests.reports.garbled_font import build_garbled_font

    answer_file(monkeypatch, build_garbled_font(tmp_path / "仿宋_坏.ttf"))
    tab.pick_buttons[BODY].click()
    assert len(told) == 1
    assert told[0].startswith("字体文件“仿宋_坏.ttf”的字形数据有问题：试排样字")
    assert font_choice.load_choices() == {}
    assert tab.chosen_labels[BODY].text() == "未选择（使用默认字体）"
