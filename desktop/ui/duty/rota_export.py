"""Sharing the shown rota from the duty page: .xlsx (the printed layout + one row per person
per shift), a PNG of one week for the branch's chat group, or that picture on the clipboard.
The files are made by the Qt-free desktop/duty/export.py and exporters/rota_picture.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...duty.export import PICTURE_DAYS
from ...exporters.tabular import ExportError

TITLE = "导出值班表"


def picture_days(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date, bool]:
    """The week a picture shows from the shown days, and whether days were left out."""
    end = min(last, first + dt.timedelta(days=PICTURE_DAYS - 1))
    return first, end, end < last


def suggested_name(first: dt.date, last: dt.date, suffix: str) -> str:
    return f"值班表{first:%m%d}-{last:%m%d}{suffix}"


class RotaExport:
    """export_xlsx / export_png / copy_picture for *page* (page.period(), page.message)."""

    def __init__(self, page: QWidget):
        self.page = page
        self.folder = Path.home()

    def _ask_path(self, first: dt.date, last: dt.date, suffix: str, filter_text: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.page, TITLE, str(self.folder / suggested_name(first, last, suffix)),
                                              filter_text)
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.folder = path.parent
        return path

    def export_xlsx(self) -> Path | None:
        from ...duty.export import export_duty

        first, last = self.page.period()
        path = self._ask_path(first, last, ".xlsx", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return None
        try:
            count = export_duty(path, first, last)
        except ExportError as exc:
            QMessageBox.warning(self.page, TITLE, str(exc))
            return None
        self.page.message.show_message(f"已导出 {count} 条值班安排到 {path.name}（第1页为值班表，第2页为每人每班）")
        return path

    def export_png(self) -> Path | None:
        from ...duty.export import export_duty

        first, last, cut = picture_days(*self.page.period())
        path = self._ask_path(first, last, ".png", "PNG 图片 (*.png)")
        if path is None:
            return None
        try:
            export_duty(path, first, last)
        except ExportError as exc:
            QMessageBox.warning(self.page, TITLE, str(exc))
            return None
        note = f"（图片只放一周：{first:%m-%d} 至 {last:%m-%d}）" if cut else ""
        self.page.message.show_message(f"已保存值班图片 {path.name}{note}，可直接发到工作群")
        return path

    def copy_picture(self) -> QImage | None:
        from ...duty.rota_sheet import rota_sheet
        from ...exporters.rota_picture import render_picture

        first, last, cut = picture_days(*self.page.period())
        try:
            data = render_picture(rota_sheet(first, last))
        except ExportError as exc:
            QMessageBox.warning(self.page, TITLE, str(exc))
            return None
        image = QImage.fromData(data, "PNG")
        QGuiApplication.clipboard().setImage(image)
        note = f"（只放一周：{first:%m-%d} 至 {last:%m-%d}）" if cut else ""
        self.page.message.show_message(f"值班图片已复制{note}，在微信里粘贴（Ctrl+V）即可发送")
        return image
