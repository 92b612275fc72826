"""Exporting the roster: pick a file, decide whether full ID numbers and phones go in.

    choose_and_export(parent, members) -> Path | None   # the file written, None if cancelled
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...exporters.members import ExportError, export_members
from ...models import Member

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
CSV_FILTER = "CSV 文件 (*.csv)"
DEFAULT_NAME = "花名册.xlsx"
REVEAL_QUESTION = (
    "是否导出完整的身份证号和联系电话？\n\n"
    "选择“否”（推荐）：导出脱敏后的号码，如 139****5678。\n"
    "选择“是”：导出完整号码，请妥善保管文件，不要随意转发。"
)


def _with_suffix(name: str, selected_filter: str) -> Path:
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        # Linux dialogs do not add the extension of the chosen filter.
        path = path.with_name(path.name + (".csv" if selected_filter == CSV_FILTER else ".xlsx"))
    return path


def choose_and_export(parent: QWidget | None, members: Iterable[Member] | None) -> Path | None:
    members = list(members) if members is not None else None
    name, selected = QFileDialog.getSaveFileName(
        parent, "导出花名册", DEFAULT_NAME, f"{XLSX_FILTER};;{CSV_FILTER}"
    )
    if not name:
        return None
    path = _with_suffix(name, selected)
    answer = QMessageBox.question(
        parent, "导出花名册", REVEAL_QUESTION,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    reveal = answer == QMessageBox.StandardButton.Yes
    try:
        count = export_members(path, members, reveal=reveal)
    except ExportError as exc:
        QMessageBox.warning(parent, "导出失败", str(exc))
        return None
    masked = "完整号码" if reveal else "号码已脱敏"
    QMessageBox.information(parent, "导出完成", f"已导出 {count} 人到“{path}”（{masked}）。")
    return path
