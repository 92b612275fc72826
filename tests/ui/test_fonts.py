import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.ui import fonts


@pytest.fixture
def app_font(qapp):
    """Put the application font back, so other tests see the usual one."""
    saved = QApplication.font()
    yield
    QApplication.setFont(saved)


@pytest.fixture
def registrations(monkeypatch):
    calls = []
    real = QFontDatabase.addApplicationFont

    def spy(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(fonts.QFontDatabase, "addApplicationFont", spy)
    monkeypatch.setattr(fonts, "_bundled_family", None)  # forget an earlier registration
    return calls


def test_bundled_font_is_registered_when_the_system_has_no_chinese(qapp, app_font, registrations, monkeypatch):
    monkeypatch.setattr(fonts, "system_chinese_families", lambda: [])
    family = fonts.ensure_chinese_font(qapp)
    assert len(registrations) == 1 and registrations[0].endswith("NotoSansSC-Regular.otf")
    assert family == "Noto Sans SC"
    assert QApplication.font().family() == family
    assert QApplication.font().pointSize() >= fonts.POINT_SIZE
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_system_font_is_used_and_nothing_registered(qapp, app_font, registrations, monkeypatch):
    monkeypatch.setattr(
        fonts, "system_chinese_families", lambda: ["AR PL UMing", "WenQuanYi Micro Hei", "Noto Sans CJK SC"]
    )
    family = fonts.ensure_chinese_font(qapp)
    assert registrations == []
    assert family == "Noto Sans CJK SC"  # earlier in the preferred order
    assert QApplication.font().family() == family


def test_first_system_family_when_none_is_preferred():
    assert fonts.pick_family(["AR PL UMing", "Droid Sans Fallback"]) == "AR PL UMing"
    assert fonts.pick_family(["PingFang SC", "微软雅黑"]) == "微软雅黑"


def test_qt_standard_buttons_speak_chinese(qapp):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import install_qt_translation

    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    assert "Yes" in box.button(QMessageBox.StandardButton.Yes).text()
    translator = install_qt_translation(qapp)
    assert translator is not None
    try:
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        assert box.button(QMessageBox.StandardButton.Yes).text().startswith("是")
        assert box.button(QMessageBox.StandardButton.Cancel).text().startswith("取消")
    finally:
        qapp.removeTranslator(translator)
