"""The 概览 page drawn from fixture data, and its empty messages on an empty database."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.models import Branch
from desktop.ui.overview.overview_page import OverviewPage
from tests.ui.overview.branch_data import TODAY, build_branch


def page(qtbot):
    widget = OverviewPage(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1130, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_empty_database_says_so_in_every_block(qtbot):
    widget = page(qtbot)
    for card, text in ((widget.duty_card, "没有设置值班岗位"), (widget.items_card, "没有未完成的待办"),
                       (widget.diaries_card, "花名册还没有成员"), (widget.incomplete_card, "请先导入或添加"),
                       (widget.figures_card, "暂无")):
        assert card.empty.isVisible() and text in card.empty.text()
    assert "都写了包保日记" not in widget.diaries_card.empty.text()
    assert "都已完善" not in widget.incomplete_card.empty.text()
    assert not widget.duty_table.isVisible() and not widget.items_table.isVisible()


def test_first_start_shows_the_guide_with_buttons_that_go_there(qtbot):
    widget = page(qtbot)
    assert widget.guide_card.isVisible()
    asked = []
    widget.open_page.connect(asked.append)
    for key in ("settings", "roster", "duty"):
        label, button = widget.guide_rows[key]
        assert label.isVisible() and "✓" not in label.text()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["settings", "roster", "duty"]


def test_the_guide_goes_once_the_branch_is_set_up(qtbot):
    widget = page(qtbot)
    Branch.current().__class__.update(name="丰泽园临时党支部").execute()
    widget.on_shown()
    assert "✓ 已完成" in widget.guide_rows["settings"][0].text() and widget.guide_card.isVisible()
    build_branch()  # members and posts
    Branch.update(name="丰泽园临时党支部").execute()
    widget.on_shown()
    assert not widget.guide_card.isVisible()


def test_shows_duty_items_missing_diaries_and_roster_gaps(qtbot):
    build_branch()
    widget = page(qtbot)
    duty = widget.table_texts(widget.duty_table)
    assert duty[0][0] == "东门卡口" and duty[0][3] == "李四、张三"
    assert duty[1][3] == "空缺"
    assert widget.duty_table.item(1, 3).foreground().color().name() == "#b45309"
    (item,) = widget.table_texts(widget.items_table)
    assert item[0] == "排查3号楼空置房" and item[1] == "张三" and "已逾期" in item[2]
    assert widget.items_table.item(0, 0).foreground().color().name() == "#b00020"
    assert "王五" in widget.diaries_label.text() and "张三" in widget.diaries_label.text()
    assert "李四" not in widget.diaries_label.text()
    (gap,) = widget.table_texts(widget.incomplete_table)
    assert gap[0] == "王五" and "联系电话" in gap[1]
    assert widget.figure_values["shifts"].text() == "2"
    assert widget.figure_values["people"].text() == "120"
    for card in (widget.duty_card, widget.items_card, widget.diaries_card, widget.incomplete_card):
        assert not card.empty.isVisible()


def test_reload_on_show_picks_up_new_data(qtbot):
    widget = page(qtbot)
    assert widget.incomplete_table.rowCount() == 0
    build_branch()
    widget.on_shown()
    assert widget.incomplete_table.rowCount() == 1


def test_links_ask_the_window_for_a_page(qtbot):
    widget = page(qtbot)
    with qtbot.waitSignal(widget.open_page) as signal:
        widget.duty_card.link.click()
    assert signal.args == ["duty"]
