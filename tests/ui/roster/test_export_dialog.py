"""choose_and_export with the file dialog and the questions patched."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.models import Member
from desktop.roster.service import save_member
from desktop.ui.roster.export_dialog import CSV_FILTER, XLSX_FILTER, choose_and_export
from tests.ui.plain_chinese import OS_FAULTS, english_in

TODAY = dt.date(2022, 5, 1)


@pytest.fixture
def members():
    save_member({"name": "张三", "phone": "13912345678", "team": "一分队"}, today=TODAY)
    save_member({"name": "李四", "phone": "13812345678"}, today=TODAY)
    return list(Member.select().order_by(Member.id))


@pytest.fixture
def dialogs(monkeypatch):
    """Answer the save dialog and the reveal question; record every message shown."""
    state = {"save": ("", ""), "answer": QMessageBox.StandardButton.No, "shown": [], "asked": []}

    def save(parent, caption="", directory="", file_filter="", *args, **kwargs):
        state["filters"] = file_filter
        return state["save"]

    def question(parent, title, text, buttons=None, default=None):
        state["asked"].append((text, default))
        return state["answer"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QMessageBox, "question", question)
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda parent, title, text, *a, _k=kind, **kw: state["shown"].append((_k, text)))
    return state


def test_default_export_is_masked_xlsx(qtbot, tmp_path, members, dialogs):
    target = tmp_path / "花名册.xlsx"
    dialogs["save"] = (str(target), XLSX_FILTER)
    assert choose_and_export(None, members[:1]) == target
    assert XLSX_FILTER in dialogs["filters"] and CSV_FILTER in dialogs["filters"]
    text, default = dialogs["asked"][0]
    assert "完整的身份证号和联系电话" in text and default == QMessageBox.StandardButton.No
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][0] == "党员花名册"  # the title row above the header
    header = list(rows[1])
    assert len(rows) == 3  # only the member passed in
    assert rows[2][:2] == (1, "张三") and rows[2][header.index("联系电话")] == "139****5678"
    assert dialogs["shown"][-1][0] == "information" and "1 人" in dialogs["shown"][-1][1]


def test_revealed_csv_gets_its_extension_from_the_filter(qtbot, tmp_path, members, dialogs):
    dialogs["save"] = (str(tmp_path / "名单"), CSV_FILTER)
    dialogs["answer"] = QMessageBox.StandardButton.Yes
    path = choose_and_export(None, members)
    assert path == tmp_path / "名单.csv"
    records = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()[1:]))  # under the title
    assert {r["姓名"]: r["联系电话"] for r in records} == {"张三": '="13912345678"', "李四": '="13812345678"'}


def test_cancelled_save_dialog_writes_nothing(qtbot, tmp_path, members, dialogs):
    assert choose_and_export(None, members) is None
    assert dialogs["asked"] == [] and dialogs["shown"] == []
    assert [p for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".csv")] == []


def test_write_failure_is_a_warning(qtbot, tmp_path, members, dialogs):
    target = tmp_path / "占用.xlsx"
    target.mkdir()
    dialogs["save"] = (str(target), XLSX_FILTER)
    assert choose_and_export(None, members) is None
    assert dialogs["shown"][-1][0] == "warning" and "这是一个文件夹，不是文件" in dialogs["shown"][-1][1]


@pytest.mark.parametrize("fault", sorted(OS_FAULTS))
def test_a_failed_write_is_said_in_chinese(qtbot, tmp_path, members, dialogs, monkeypatch, fault):
    """A file open in Excel, a full disk, a write-protected stick: a Chinese sentence, no file."""
    from openpyxl import Workbook

    def refuse(self, filename):
        raise OS_FAULTS[fault]()

    monkeypatch.setattr(Workbook, "save", refuse)
    target = tmp_path / "导出" / "花名册.xlsx"
    target.parent.mkdir()
    dialogs["save"] = (str(target), XLSX_FILTER)
    assert choose_and_export(None, members) is None
    kind, text = dialogs["shown"][-1]
    assert kind == "warning" and str(target) in text
    assert english_in(text, target) == []
    assert {"no_permission": "Excel 或 WPS", "disk_full": "磁盘空间已满", "read_only": "只读"}[fault] in text
    assert list(target.parent.iterdir()) == []  # no file, and no temporary file left either
