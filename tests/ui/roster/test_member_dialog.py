"""MemberDialog driven by keyboard and mouse, as the secretary would."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.models import Member
from desktop.roster import service
from desktop.ui.roster.member_dialog import FIELD_ORDER, MemberDialog

from .roster_typing import type_text

ID_ZHANG = "220802196805120013"  # born 1968-05, male


@pytest.fixture(autouse=True)
def questions(monkeypatch):
    """Record QMessageBox.question calls and answer from a queue (default: Yes).

    Autouse: closing a dialog with unsaved changes asks, and a real box would block.
    """
    asked: list[str] = []
    answers: list = []

    def fake(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0) if answers else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", fake)
    fake.asked, fake.answers = asked, answers
    return fake


def open_dialog(qtbot, member=None) -> MemberDialog:
    dialog = MemberDialog(member)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_into(qtbot, dialog, key: str, text: str) -> None:
    type_text(qtbot, dialog.inputs[key], text)


def choose(dialog, key: str, text: str) -> None:
    combo = dialog.inputs[key]
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def click_save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_new_member_typed_in_and_saved(qtbot):
    dialog = open_dialog(qtbot)
    assert dialog.windowTitle() == "新增成员"
    assert dialog.inputs["ethnicity"].currentText() == "汉族"
    type_into(qtbot, dialog, "name", "张三")
    choose(dialog, "gender", "男")
    type_into(qtbot, dialog, "birth_date", "1968年5月")
    choose(dialog, "political_status", "中共党员")
    type_into(qtbot, dialog, "party_joined", "1995.07")
    type_into(qtbot, dialog, "unit", "市市场监督管理局")
    type_into(qtbot, dialog, "team", "第一小分队")
    type_into(qtbot, dialog, "phone", "139 1234 5678")
    type_into(qtbot, dialog, "arrived_on", "2022.4.13")
    click_save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    member = Member.get(Member.name == "张三")
    assert dialog.saved_member.id == member.id
    assert member.birth_date == "1968-05"
    assert member.party_joined == "1995-07"
    assert member.phone == "13912345678"
    assert member.arrived_on == dt.date(2022, 4, 13)
    assert member.team.name == "第一小分队"
    assert member.ethnicity == "汉族"


def test_only_the_name_is_needed_to_save(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "李四")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert service.completeness(Member.get(Member.name == "李四"))  # saved, flagged 待完善


def test_empty_name_is_refused(qtbot):
    dialog = open_dialog(qtbot)
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem_texts() == {"name": "不能为空"}
    assert Member.select().count() == 0


def test_ten_digit_phone_shown_inline_then_fixed(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "王五")
    type_into(qtbot, dialog, "phone", "1391234567")
    click_save(qtbot, dialog)

    assert dialog.isVisible()
    assert Member.select().count() == 0
    error = dialog.error_labels["phone"]
    assert error.isVisible() and "11 位" in error.text() and "10 位" in error.text()
    assert dialog.summary.isVisible()
    assert dialog.summary_label.text().startswith("请修正以下 1 处问题")
    assert "联系电话" in dialog.summary_label.text()
    assert dialog.inputs["phone"].property("invalid") is True
    assert QApplication.focusWidget() is dialog.inputs["phone"]

    qtbot.keyClicks(dialog.inputs["phone"], "13912345678")  # the text was selected: typing replaces it
    assert not error.isVisible()
    assert not dialog.inputs["phone"].property("invalid")
    click_save(qtbot, dialog)
    assert Member.get(Member.name == "王五").phone == "13912345678"


def test_several_problems_are_all_listed_focus_on_first(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "赵六")
    type_into(qtbot, dialog, "birth_date", "1968.13")
    type_into(qtbot, dialog, "phone", "123")
    click_save(qtbot, dialog)
    problems = dialog.problem_texts()
    assert set(problems) == {"birth_date", "phone"}
    assert "月份 13 不存在" in problems["birth_date"]
    assert dialog.summary_label.text().startswith("请修正以下 2 处问题")
    assert QApplication.focusWidget() is dialog.inputs["birth_date"].line_edit
    assert Member.select().count() == 0


def test_partial_date_is_read_as_it_is_typed(qtbot):
    dialog = open_dialog(qtbot)
    birth = dialog.inputs["birth_date"]
    type_into(qtbot, dialog, "birth_date", "1968年5月")
    assert birth.hint_text() == "即 1968年5月" and birth.hint_ok()
    birth.line_edit.clear()
    type_into(qtbot, dialog, "birth_date", "1968-05-12")
    assert birth.hint_text() == "即 1968年5月12日"
    birth.line_edit.clear()
    type_into(qtbot, dialog, "birth_date", "1968.13")
    assert "月份 13 不存在" in birth.hint_text() and not birth.hint_ok()


def test_full_date_accepts_today_and_may_stay_empty(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "孙七")
    type_into(qtbot, dialog, "arrived_on", "今天")
    assert dialog.inputs["arrived_on"].hint_text().startswith(f"即 {dt.date.today().year}年")
    click_save(qtbot, dialog)
    member = Member.get(Member.name == "孙七")
    assert member.arrived_on == dt.date.today()
    assert member.departed_on is None


def test_full_date_without_day_is_a_problem(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "孙七")
    type_into(qtbot, dialog, "arrived_on", "2022.04")
    assert not dialog.inputs["arrived_on"].hint_ok()
    click_save(qtbot, dialog)
    assert "缺少日" in dialog.problem_texts()["arrived_on"]
    assert Member.select().count() == 0


def test_party_date_enabled_only_for_party_members(qtbot):
    dialog = open_dialog(qtbot)
    joined = dialog.inputs["party_joined"]
    assert not joined.isEnabled()
    choose(dialog, "political_status", "中共预备党员")
    assert joined.isEnabled()
    choose(dialog, "political_status", "群众")
    assert not joined.isEnabled()


def test_valid_id_number_fills_gender_and_birth_month(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "id_number", ID_ZHANG)
    assert dialog.inputs["gender"].currentText() == "男"
    assert dialog.inputs["birth_date"].text() == "1968.05"
    assert "出生 1968.05" in dialog.inputs["id_number"].hint_text()


def test_id_number_does_not_overwrite_what_was_typed(qtbot):
    dialog = open_dialog(qtbot)
    choose(dialog, "gender", "女")
    type_into(qtbot, dialog, "id_number", ID_ZHANG)
    assert dialog.inputs["gender"].currentText() == "女"


def test_id_number_with_bad_check_digit_is_flagged_while_typing(qtbot):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "id_number", ID_ZHANG[:-1] + "9")
    assert "校验位" in dialog.inputs["id_number"].hint_text()
    assert dialog.inputs["gender"].currentText() == ""


def test_edit_loads_values_and_saves_the_same_member(qtbot):
    member = service.save_member({"name": "周八", "birth_date": "1982-01", "team": "第三小分队",
                                  "arrived_on": dt.date(2022, 4, 20)})
    member = next(m for m in service.list_members() if m.id == member.id)
    dialog = open_dialog(qtbot, member)
    assert dialog.windowTitle() == "编辑成员：周八"
    assert dialog.inputs["birth_date"].text() == "1982.01"
    assert dialog.inputs["team"].currentText() == "第三小分队"
    assert dialog.inputs["arrived_on"].text() == "2022.04.20"
    type_into(qtbot, dialog, "unit_post", "科员")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Member.select().count() == 1
    assert Member.get_by_id(member.id).unit_post == "科员"


def test_new_secretary_warns_about_the_current_one(qtbot, questions):
    old = service.save_member({"name": "吴九", "political_status": "中共党员", "branch_role": "书记"})
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "郑十")
    choose(dialog, "political_status", "中共党员")
    choose(dialog, "branch_role", "书记")
    questions.answers.append(QMessageBox.StandardButton.No)
    click_save(qtbot, dialog)
    assert "“吴九”目前是支部书记" in questions.asked[0]
    assert "改为“党员”" in questions.asked[0]
    assert Member.select().count() == 1 and dialog.isVisible()

    click_save(qtbot, dialog)  # answered Yes this time
    assert Member.get(Member.name == "郑十").branch_role == "书记"
    assert Member.get_by_id(old.id).branch_role == "党员"


def test_secretary_editing_themself_is_not_warned(qtbot, questions):
    member = service.save_member({"name": "吴九", "political_status": "中共党员", "branch_role": "书记"})
    dialog = open_dialog(qtbot, Member.get_by_id(member.id))
    type_into(qtbot, dialog, "unit_post", "副局长")
    click_save(qtbot, dialog)
    assert questions.asked == []
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_escape_with_changes_asks_before_discarding(qtbot, questions):
    dialog = open_dialog(qtbot)
    type_into(qtbot, dialog, "name", "钱一")
    questions.answers.append(QMessageBox.StandardButton.No)
    qtbot.keyClick(dialog.inputs["name"], Qt.Key.Key_Escape)
    assert questions.asked and dialog.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert Member.select().count() == 0


def test_escape_without_changes_just_closes(qtbot, questions):
    dialog = open_dialog(qtbot)
    qtbot.keyClick(dialog.inputs["name"], Qt.Key.Key_Escape)
    assert questions.asked == []
    assert not dialog.isVisible()


def test_tab_order_follows_the_visual_order(qtbot):
    dialog = open_dialog(qtbot)
    choose(dialog, "political_status", "中共党员")  # so 入党时间 takes focus too
    dialog.inputs["name"].setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(len(FIELD_ORDER)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    expected = [getattr(dialog.inputs[k], "line_edit", dialog.inputs[k]) for k in FIELD_ORDER]
    editable = {dialog.inputs[k].lineEdit(): dialog.inputs[k] for k in ("ethnicity", "unit", "team")}
    seen = [editable.get(w, w) for w in seen]
    assert seen[:len(expected)] == expected
    assert seen[len(expected)] is dialog.save_button
