import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from desktop.models import LATEST, Branch, Member
from desktop.paths import resolve_db_path
from desktop.roster import service
from desktop.ui.settings import settings_page
from desktop.ui.settings.settings_page import SettingsPage


def add(name, status="中共党员", **extra):
    return service.save_member({"name": name, "political_status": status, **extra})


@pytest.fixture
def page(qtbot):
    widget = SettingsPage(resolve_db_path())
    qtbot.addWidget(widget)
    return widget


def ime_type(qtbot, widget, text):
    """Type as a Chinese input method does: QTest key clicks cannot carry non-ASCII text."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot, page, key, text):
    editor = page.info.form.editors[key]
    if isinstance(editor, QComboBox):
        ime_type(qtbot, editor.lineEdit(), text)
    elif isinstance(editor, QPlainTextEdit):
        ime_type(qtbot, editor, text)
    else:
        ime_type(qtbot, editor, text)
        editor.editingFinished.emit()  # as when focus leaves the field


def fill_profile(qtbot, page, **overrides):
    values = {
        "name": "幸福里小区临时党支部", "compound": "幸福里小区", "community": "文苑社区",
        "subdistrict": "东风街道", "approving_org": "中共东风街道工作委员会",
        "approval_doc_no": "东街党发〔2022〕7号", "approval_date": "2022.4.12",
        "founded_on": "2022-04-13", "notes": "下沉干部 18 人",
        **overrides,
    }
    for key, text in values.items():
        type_into(qtbot, page, key, text)


def choose(combo: QComboBox, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def test_tabs(page):
    assert [page.tabText(i) for i in range(page.count())] == ["支部信息", "数据", "数据安全", "报表字体"]


def test_future_date_is_refused_then_fixed_and_saved(qtbot, page):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    fill_profile(qtbot, page, founded_on=future)
    assert page.info.save_button.isEnabled()
    qtbot.mouseClick(page.info.save_button, Qt.MouseButton.LeftButton)
    assert page.info.form.problem_text("founded_on") == "不能晚于今天"
    assert page.info.form.errors["founded_on"].isVisibleTo(page)
    assert Branch.current().name == ""  # nothing written
    assert page.has_unsaved_changes()

    type_into(qtbot, page, "founded_on", "2022年4月13日")
    assert page.info.form.problem_text("founded_on") == ""
    assert page.info.form.editors["founded_on"].text() == "2022-04-13"  # tidied when leaving the field
    with qtbot.waitSignal(page.saved):
        qtbot.mouseClick(page.info.save_button, Qt.MouseButton.LeftButton)
    branch = Branch.current()
    assert branch.name == "幸福里小区临时党支部"
    assert branch.kind == "临时党支部"
    assert branch.community == "文苑社区"
    assert branch.approval_doc_no == "东街党发〔2022〕7号"
    assert branch.approval_date == dt.date(2022, 4, 12)
    assert branch.founded_on == dt.date(2022, 4, 13)
    assert branch.dissolved_on is None
    assert branch.notes == "下沉干部 18 人"
    assert not page.has_unsaved_changes()
    assert not page.info.save_button.isEnabled()
    assert page.info.form.editors["approval_date"].text() == "2022-04-12"


def test_dissolved_before_founded_and_unreadable_date(qtbot, page):
    fill_profile(qtbot, page, dissolved_on="2022-04-01")
    type_into(qtbot, page, "approval_date", "四月十二")
    assert "无法识别" in page.info.form.problem_text("approval_date")  # said on leaving the field
    assert not page.save()
    assert page.info.form.problem_text("dissolved_on") == "不能早于成立日期"
    assert page.info.status.text().startswith("未保存")
    assert Branch.current().name == ""


def test_editable_kind_and_dirty_tracking(qtbot, page):
    assert not page.info.save_button.isEnabled()
    fill_profile(qtbot, page)
    kind = page.info.form.editors["kind"]
    assert [kind.itemText(i) for i in range(kind.count())][:3] == ["临时党支部", "临时党小组", "联合党支部"]
    type_into(qtbot, page, "kind", "临时党委")
    assert page.info.status.text() == "有未保存的修改"
    assert page.save()
    assert Branch.current().kind == "临时党委"
    type_into(qtbot, page, "compound", "幸福里二期")
    assert page.has_unsaved_changes()
    type_into(qtbot, page, "compound", "幸福里小区")
    assert not page.has_unsaved_changes()  # back to what is stored


def test_ctrl_s_saves(qtbot, page):
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    fill_profile(qtbot, page)
    with qtbot.waitSignal(page.saved):
        qtbot.keyClick(page.info.form.editors["name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Branch.current().name == "幸福里小区临时党支部"


def test_secretary_and_committee_member_are_saved(qtbot, page):
    add("王志远", unit="市统计局")
    add("李晓燕", status="中共预备党员")
    add("赵文静", status="群众")
    page.on_shown()  # the roster changed after the page was built
    committee = page.info.committee
    assert committee.offered_names() == ["李晓燕", "王志远"]  # pinyin order, no 群众
    fill_profile(qtbot, page)

    choose(committee.secretary, "王志远")
    qtbot.mouseClick(committee.add_button, Qt.MouseButton.LeftButton)
    choose(committee.table.cellWidget(0, 0), "李晓燕")
    committee.table.cellWidget(0, 1).setCurrentText("组织委员")
    assert page.save()
    roles = {m.name: m.branch_role for m in Member.select()}
    assert roles == {"王志远": "书记", "李晓燕": "组织委员", "赵文静": ""}
    assert committee.secretary.currentText() == "王志远（市统计局）"
    assert committee.rows() == [(Member.get(name="李晓燕").id, "组织委员")]

    # Hand over: 李晓燕 becomes secretary, 王志远 steps down, 组织委员 row removed.
    choose(committee.secretary, "李晓燕")
    committee.table.selectRow(0)
    qtbot.mouseClick(committee.remove_button, Qt.MouseButton.LeftButton)
    assert page.save()
    roles = {m.name: m.branch_role for m in Member.select()}
    assert roles == {"王志远": "党员", "李晓燕": "书记", "赵文静": ""}


def test_duplicate_committee_member_is_refused(qtbot, page):
    add("王志远")
    page.on_shown()
    fill_profile(qtbot, page)
    committee = page.info.committee
    choose(committee.secretary, "王志远")
    committee.add_row()
    choose(committee.table.cellWidget(0, 0), "王志远")
    committee.add_row()  # left unchosen
    assert not page.save()
    assert "王志远 重复出现" in committee.error.text()
    assert "第 2 行未选择人员" in committee.error.text()
    assert Member.get(name="王志远").branch_role == ""
    assert Branch.current().name == ""  # the profile waits for the committee too


def test_data_tab_facts_and_open_folder(qtbot, page, monkeypatch):
    opened = []
    monkeypatch.setattr(settings_page.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    data = page.data
    assert data.path_label.text() == str(resolve_db_path())
    assert data.version_label.text().startswith(str(LATEST))
    assert data.size_label.text().endswith("KB")
    qtbot.mouseClick(data.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(resolve_db_path().parent)]


def test_no_fake_buttons_on_data_tab(page):
    texts = {w.text() for w in page.data.findChildren(settings_page.QPushButton)}
    assert texts == {"打开所在文件夹"}


def test_line_edits_have_length_limits(page):
    for key, editor in page.info.form.editors.items():
        if isinstance(editor, QLineEdit):
            assert editor.maxLength() <= 100, key
