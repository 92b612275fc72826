"""值班排班 → 导出: Excel with two sheets, the phone picture saved and copied to the clipboard."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PIL import Image
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.ui.duty.duty_page import DutyPage

from .conftest import MONDAY, put, shown


def answer_save(monkeypatch, path):
    asked = []

    def save(parent, title, suggested, filter_text, *args, **kwargs):
        asked.append(suggested)
        return str(path), filter_text

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return asked


def test_export_xlsx_and_picture_from_the_page(qtbot, people, posts, monkeypatch, tmp_path):
    put(MONDAY, posts.east, posts.early, people.张三)
    put(MONDAY + dt.timedelta(days=8), posts.west, posts.night, people.李四)  # next week
    page = shown(qtbot, DutyPage(today=MONDAY))
    page.set_period(MONDAY, MONDAY + dt.timedelta(days=13))  # two weeks shown
    asked = answer_save(monkeypatch, tmp_path / "值班")
    assert [a.text() for a in page.export_button.menu().actions()] == ["导出 Excel…", "保存图片…", "复制图片"]
    page.export_xlsx_action.trigger()
    assert asked[-1].endswith("值班表0411-0424.xlsx")
    book = load_workbook(tmp_path / "值班.xlsx")
    assert book.sheetnames == ["值班表", "每人每班"]
    assert [r[5] for r in book["每人每班"].iter_rows(min_row=2, values_only=True)] == ["张三", "李四"]
    assert "已导出 2 条" in page.message.label.text()

    answer_save(monkeypatch, tmp_path / "本周.png")
    page.export_png_action.trigger()
    with Image.open(tmp_path / "本周.png") as image:
        assert image.width == 1080
    assert "只放一周" in page.message.label.text()  # two weeks shown, the picture holds the first

    QApplication.clipboard().clear()
    image = page.exporter.copy_picture()
    copied = QApplication.clipboard().image()
    assert not copied.isNull() and copied.width() == 1080 and copied.height() == image.height()
    assert "已复制" in page.message.label.text()
