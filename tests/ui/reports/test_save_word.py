"""保存 as Word: the format choice beside 保存 writes a .docx of the report the preview shows."""
from __future__ import annotations

import docx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.reports.conftest import build


def test_choosing_word_and_saving_writes_a_docx(qtbot, page, people, dialogs, monkeypatch):
    asked = []
    typed = dialogs.save_to.with_suffix("")  # the person types a name without an extension

    def ask(parent, caption, start, filters):
        asked.append((start, filters))
        return str(typed), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    build(qtbot, page, "members")
    shown = page.preview.data
    assert page.format_combo.currentText() == "PDF"  # PDF stays the default

    page.format_combo.setFocus()
    qtbot.keyClick(page.format_combo, Qt.Key.Key_Down)
    assert page.format_combo.currentText() == "Word"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0][0].endswith(".docx") and "*.docx" in asked[0][1]
    qtbot.waitUntil(lambda: not page.building(), timeout=60000)

    saved = typed.with_suffix(".docx")
    assert saved.is_file() and saved.read_bytes()[:2] == b"PK"
    text = "".join(t.text for t in docx.Document(str(saved)).element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert "党员花名册" in text and "张三" in text and "李四" in text
    assert f"已保存 Word 文档：{saved}" in page.preview.status.text()
    assert page.preview.data == shown and page.save_button.isEnabled()  # the PDF preview stays
    assert dialogs.told == []


def test_word_save_cancelled_in_the_dialog_builds_nothing(qtbot, page, people, dialogs):
    build(qtbot, page, "members")
    page.format_combo.setCurrentIndex(page.format_combo.findData("docx"))
    dialogs.save_to = None
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.building() and page.word_target is None
