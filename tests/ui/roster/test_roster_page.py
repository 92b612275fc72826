"""The 花名册 page, used with mouse and keyboard the way the secretary would."""
from __future__ import annotations

import datetime as dt
import sys
import types

import pytest
from peewee import ForeignKeyField
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.models import BaseModel, Member
from desktop.roster import service
from desktop.ui.roster import roster_page
from desktop.ui.roster.departure_dialog import DepartureDialog
from desktop.ui.roster.roster_page import RosterPage
from desktop.ui.roster.table_model import (
    COL_COMPLETE,
    COL_ID_NUMBER,
    COL_NAME,
    COL_PHONE,
    COL_STATUS,
    RecordRole,
)

from .roster_typing import type_text

ID_ZHANG = "220802196805120013"


def full(name: str, team: str, unit: str, **extra) -> dict:
    values = {
        "name": name, "gender": "男", "birth_date": "1970-03", "political_status": "群众",
        "unit": unit, "phone": "13912345678", "team": team, "arrived_on": dt.date(2022, 4, 13),
    }
    values.update(extra)
    return values


@pytest.fixture
def members():
    """Six members whose pinyin order differs from code-point order."""
    made = {}
    for values in (
        full("张三", "第一小分队", "市市场监督管理局", id_number=ID_ZHANG, birth_date="1968-05"),
        full("李四", "第一小分队", "市自然资源和规划局", phone="13800001111"),
        full("王五", "第二小分队", "市市场监督管理局"),
        full("赵六", "第二小分队", "市教育局"),
        full("安静", "第三小分队", "市教育局", gender="女"),
        {"name": "欧阳明", "team": "第三小分队"},  # incomplete
    ):
        made[values["name"]] = service.save_member(values)
    return made


@pytest.fixture(autouse=True)
def questions(monkeypatch):
    """QMessageBox.question answers from a queue (default Yes); information/warning are recorded."""
    asked: list[str] = []
    answers: list = []
    told: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0) if answers else QMessageBox.StandardButton.Yes

    def inform(parent, title, text, *args, **kwargs):
        told.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", inform)
    monkeypatch.setattr(QMessageBox, "warning", inform)
    return types.SimpleNamespace(asked=asked, answers=answers, told=told)


@pytest.fixture
def page(qtbot, members):
    page = RosterPage()
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    return page


def shown_names(page) -> list[str]:
    model = page.table.model()
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def cell_text(page, name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    model = page.table.model()
    row = shown_names(page).index(name)
    return model.index(row, column).data(role)


def click_row(qtbot, page, name: str, double: bool = False) -> None:
    row = shown_names(page).index(name)
    rect = page.table.visualRect(page.table.model().index(row, COL_NAME))
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_action(qtbot, page, action) -> None:
    qtbot.mouseClick(page.toolbar.widgetForAction(action), Qt.MouseButton.LeftButton)


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def current_dialog(qtbot, page):
    qtbot.waitUntil(lambda: page.member_dialog() is not None and page.member_dialog().isVisible())
    return page.member_dialog()


# -- adding and editing ----------------------------------------------------------


def test_add_member_through_the_dialog(qtbot, page):
    click_action(qtbot, page, page.add_action)
    dialog = current_dialog(qtbot, page)
    type_text(qtbot, dialog.inputs["name"], "孙七")
    type_text(qtbot, dialog.inputs["team"], "第一小分队")
    type_text(qtbot, dialog.inputs["phone"], "13700002222")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.member_dialog() is None)
    assert "孙七" in shown_names(page)
    assert page.current_member().name == "孙七"
    assert cell_text(page, "孙七", COL_PHONE) == "137****2222"
    assert page.status_label.text() == "共 7 人，在岗 7 人，待完善 2 人"


def test_ctrl_n_opens_a_new_member_dialog(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = current_dialog(qtbot, page)
    assert dialog.windowTitle() == "新增成员"


def test_edit_shows_validation_error_then_saves_the_fix(qtbot, page, members):
    click_row(qtbot, page, "李四")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = current_dialog(qtbot, page)
    assert dialog.windowTitle() == "编辑成员：李四"
    phone = dialog.inputs["phone"]
    phone.selectAll()
    type_text(qtbot, phone, "1380000111")  # 10 digits
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "现为 10 位" in dialog.error_labels["phone"].text()
    assert dialog.error_labels["phone"].isVisible()
    assert Member.get_by_id(members["李四"].id).phone == "13800001111"

    phone.selectAll()
    type_text(qtbot, phone, "13800002222")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.member_dialog() is None)
    assert Member.get_by_id(members["李四"].id).phone == "13800002222"
    assert cell_text(page, "李四", COL_PHONE) == "138****2222"
    assert page.current_member().id == members["李四"].id


def test_double_click_opens_the_member(qtbot, page):
    click_row(qtbot, page, "王五", double=True)
    assert current_dialog(qtbot, page).windowTitle() == "编辑成员：王五"


def test_edit_actions_need_a_selection(qtbot, page):
    page.table.clearSelection()
    page.table.setCurrentIndex(page.table.model().index(-1, -1))
    assert not page.edit_action.isEnabled() and not page.delete_action.isEnabled()
    click_row(qtbot, page, "王五")
    assert page.edit_action.isEnabled() and page.delete_action.isEnabled()


# -- filtering, searching, sorting ----------------------------------------------------


def test_sorted_by_name_in_pinyin_order(page):
    assert shown_names(page) == ["安静", "李四", "欧阳明", "王五", "张三", "赵六"]


def test_clicking_the_name_header_reverses_the_order(qtbot, page):
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_NAME) + header.sectionSize(COL_NAME) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert shown_names(page) == ["赵六", "张三", "王五", "欧阳明", "李四", "安静"]


def test_filter_by_team_status_and_unit(page):
    filters = page.filters
    choose(filters.team_combo, "第一小分队")
    assert sorted(shown_names(page)) == sorted(["张三", "李四"])
    assert page.status_label.text().endswith("（当前显示 2 人）")
    choose(filters.team_combo, "全部小分队")
    choose(filters.unit_combo, "市教育局")
    assert sorted(shown_names(page)) == sorted(["赵六", "安静"])
    choose(filters.unit_combo, "全部派出单位")
    choose(filters.status_combo, "已撤离人员")
    assert shown_names(page) == []
    choose(filters.political_combo, "群众")
    choose(filters.status_combo, "全部人员")
    assert len(shown_names(page)) == 5


@pytest.mark.parametrize("text, expected", [
    ("zs", ["张三"]), ("zhang", ["张三"]), ("张", ["张三"]), ("oym", ["欧阳明"]),
    ("教育", ["安静", "赵六"]), ("138000", ["李四"]), ("nobody", []),
])
def test_search_as_you_type(qtbot, page, text, expected):
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filters.search
    type_text(qtbot, page.filters.search, text)
    assert shown_names(page) == expected


def test_enter_in_search_moves_to_the_table(qtbot, page):
    type_text(qtbot, page.filters.search, "wang")
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table
    assert page.current_member().name == "王五"


def test_incomplete_flag_tooltip_and_filter(qtbot, page):
    assert cell_text(page, "欧阳明", COL_COMPLETE) == "待完善"
    tooltip = cell_text(page, "欧阳明", COL_COMPLETE, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("缺少：") and "联系电话" in tooltip
    assert cell_text(page, "张三", COL_COMPLETE) == "完整"
    assert page.status_label.text() == "共 6 人，在岗 6 人，待完善 1 人"
    qtbot.mouseClick(page.filters.incomplete_check, Qt.MouseButton.LeftButton)
    assert shown_names(page) == ["欧阳明"]


def test_reveal_checkbox_shows_full_numbers(qtbot, page):
    assert cell_text(page, "张三", COL_PHONE) == "139****5678"
    assert cell_text(page, "张三", COL_ID_NUMBER) == "220802********0013"
    qtbot.mouseClick(page.filters.reveal_check, Qt.MouseButton.LeftButton)
    assert cell_text(page, "张三", COL_PHONE) == "13912345678"
    assert cell_text(page, "张三", COL_ID_NUMBER) == ID_ZHANG


def test_reload_picks_up_changes_made_elsewhere(page):
    service.save_member(full("钱八", "第四小分队", "市卫生健康委员会"))
    page.reload()
    assert "钱八" in shown_names(page)
    assert page.filters.team_combo.findText("第四小分队") >= 0
    assert page.filters.unit_combo.findText("市卫生健康委员会") >= 0


# -- 撤离 -----------------------------------------------------------------------------


def test_mark_departed_then_restore(qtbot, page, monkeypatch, questions, members):
    monkeypatch.setattr(roster_page, "ask_departure_date", lambda member, parent=None: dt.date(2022, 5, 1))
    click_row(qtbot, page, "王五")
    assert page.depart_action.text() == "标记撤离"
    click_action(qtbot, page, page.depart_action)

    assert "王五" not in shown_names(page)  # default filter: 在岗
    assert page.status_label.text().startswith("共 6 人，在岗 5 人")
    choose(page.filters.status_combo, "全部人员")
    assert cell_text(page, "王五", COL_STATUS) == "已撤离 2022.05.01"

    click_row(qtbot, page, "王五")
    assert page.depart_action.text() == "恢复在岗"
    click_action(qtbot, page, page.depart_action)
    assert "2022.05.01" in questions.asked[-1]
    assert cell_text(page, "王五", COL_STATUS) == "在岗"
    assert Member.get_by_id(members["王五"].id).departed_on is None


def test_cancelled_departure_changes_nothing(qtbot, page, monkeypatch, members):
    monkeypatch.setattr(roster_page, "ask_departure_date", lambda member, parent=None: None)
    click_row(qtbot, page, "王五")
    click_action(qtbot, page, page.depart_action)
    assert "王五" in shown_names(page)
    assert Member.get_by_id(members["王五"].id).departed_on is None


def test_departure_dialog_defaults_to_today_and_allows_no_future(qtbot, members):
    dialog = DepartureDialog(members["张三"])
    qtbot.addWidget(dialog)
    today = QDate.currentDate()
    assert dialog.date_edit.date() == today
    assert dialog.date_edit.maximumDate() == today
    assert dialog.date_edit.minimumDate() == QDate(2022, 4, 13)  # not before arrival
    assert dialog.date() == dt.date.today()


# -- deleting -----------------------------------------------------------------------


def test_delete_with_confirmation_then_undo(qtbot, page, questions, members):
    zhang_id = members["张三"].id
    click_row(qtbot, page, "张三")
    click_action(qtbot, page, page.delete_action)

    assert "确定删除“张三”" in questions.asked[-1]
    assert "张三" not in shown_names(page)
    assert Member.get_or_none(Member.id == zhang_id) is None
    assert page.message_bar.isVisible()
    assert page.message_bar.label.text() == "已删除 张三"
    assert page.message_bar.action_button.text() == "撤销"

    qtbot.mouseClick(page.message_bar.action_button, Qt.MouseButton.LeftButton)
    assert "张三" in shown_names(page)
    restored = Member.get_by_id(zhang_id)
    assert restored.id_number == ID_ZHANG and restored.team.name == "第一小分队"
    assert page.current_member().id == zhang_id
    assert not page.message_bar.action_button.isVisible()


def test_ctrl_z_undoes_a_delete(qtbot, page, members):
    click_row(qtbot, page, "赵六")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "赵六" not in shown_names(page)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "赵六" in shown_names(page)
    assert Member.get_by_id(members["赵六"].id).name == "赵六"


def test_declined_confirmation_keeps_the_member(qtbot, page, questions, members):
    questions.answers.append(QMessageBox.StandardButton.No)
    click_row(qtbot, page, "张三")
    click_action(qtbot, page, page.delete_action)
    assert "张三" in shown_names(page)
    assert not page.message_bar.isVisible()


@pytest.fixture
def duty_log(database):
    """A throwaway table with records pointing at members, as later modules will have."""

    class DutyLog(BaseModel):
        member = ForeignKeyField(Member, backref="test_duty_logs")

        class Meta:
            table_name = "test_duty_log"

    database.create_tables([DutyLog])
    yield DutyLog
    DutyLog._meta.remove_ref(DutyLog.member)  # Member must not keep the backref
    delattr(Member, "test_duty_logs")


def test_member_with_records_cannot_be_deleted(qtbot, page, questions, duty_log, members):
    duty_log.create(member=members["张三"].id)
    click_row(qtbot, page, "张三")
    click_action(qtbot, page, page.delete_action)
    assert questions.asked == []  # no confirmation: refused before asking
    assert "不能删除" in questions.told[-1] and "标记撤离" in questions.told[-1]
    assert "张三" in shown_names(page)


# -- import and export hand-off -------------------------------------------------------


def test_export_gets_the_members_shown_in_table_order(qtbot, page, monkeypatch):
    received = []
    fake = types.ModuleType("desktop.ui.roster.export_dialog")
    fake.choose_and_export = lambda parent, members: received.append([m.name for m in members])
    monkeypatch.setitem(sys.modules, "desktop.ui.roster.export_dialog", fake)
    choose(page.filters.team_combo, "第三小分队")
    click_action(qtbot, page, page.export_action)
    assert received == [["安静", "欧阳明"]]


def test_import_reloads_when_something_was_imported(qtbot, page, monkeypatch):
    def fake_import(parent):
        service.save_member(full("冯九", "第一小分队", "市民政局"))
        return True

    fake = types.ModuleType("desktop.ui.roster.import_dialog")
    fake.choose_and_import = fake_import
    monkeypatch.setitem(sys.modules, "desktop.ui.roster.import_dialog", fake)
    click_action(qtbot, page, page.import_action)
    assert "冯九" in shown_names(page)


def test_record_role_is_what_the_rows_hold(page, members):
    member = page.table.model().index(0, COL_NAME).data(RecordRole)
    assert member.name == "安静" and member.id == members["安静"].id
