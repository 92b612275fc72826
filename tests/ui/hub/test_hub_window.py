"""The hub window as a person at the sub-district uses it: open, read 支部一览, import a folder."""
from __future__ import annotations

import datetime as dt
import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.hub.hub_import import import_paths
from desktop.hub.hub_models import HubBranch
from desktop.ui.hub.branch_table_model import COL_NAME, COL_STATUS, STALE_COLOR
from tests.ui.dialogs import patch_message_boxes


def _column(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_window_opens_on_a_hub_and_lists_every_branch(hub, demo_packages, open_window):
    import_paths(hub, demo_packages.first)
    names = sorted(b.name for b in HubBranch.select())
    assert len(names) == 3  # three different demo branches

    window = open_window(hub)

    assert "汇总台" in window.windowTitle()
    page = window.current_page()
    assert sorted(_column(page.table, COL_NAME)) == names
    assert "共 3 个支部" in page.summary.text()
    assert page.flagged() == []  # all sent today


def test_an_empty_hub_says_what_to_do_first(hub, open_window):
    window = open_window(hub)

    page = window.current_page()
    assert page.table.model().rowCount() == 0
    assert "导入数据包" in page.summary.text()


def test_importing_a_folder_through_the_dialog_shows_each_outcome_and_updates_the_list(
        hub, demo_packages, open_window, qtbot, monkeypatch, tmp_path):
    import_paths(hub, [demo_packages.newer])  # branch 1's second package is in already
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for path in (*demo_packages.first, demo_packages.newer, demo_packages.other_key):
        shutil.copy2(path, inbox / path.name)
    window = open_window(hub)
    assert len(_column(window.current_page().table, COL_NAME)) == 1
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(inbox))

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.close_button.isEnabled, timeout=60000)

    shown = {dialog.model.index(row, 0).data(): (dialog.model.index(row, 3).data(), dialog.model.index(row, 4).data())
             for row in range(dialog.model.rowCount())}
    assert {name: result for name, (result, _) in shown.items()} == {
        "branch1-1.bdpkg": "已忽略", "branch1-2.bdpkg": "未变化", "branch1-other-key.bdpkg": "已拒绝",
        "branch2-1.bdpkg": "已导入", "branch3-1.bdpkg": "已导入"}
    assert "另一把密钥" in shown["branch1-other-key.bdpkg"][1]  # the reason is shown
    assert "已导入 2 个" in dialog.summary.text()
    assert dialog.progress_bar.value() == 5
    dialog.close_button.click()
    names = sorted(b.name for b in HubBranch.select())
    assert sorted(_column(window.current_page().table, COL_NAME)) == names and len(names) == 3


def test_choosing_files_that_hold_no_package_says_so(hub, open_window, qtbot, monkeypatch, tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    told = patch_message_boxes(monkeypatch).told
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(empty))
    window = open_window(hub)

    window.import_folder_action.trigger()

    assert window.import_dialog is None
    assert told and "没有找到数据包" in told[0]


def test_a_stale_branch_is_flagged(hub, demo_packages, open_window):
    import_paths(hub, demo_packages.first)
    quiet = HubBranch.select().order_by(HubBranch.name).first()
    long_ago = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=12)
    HubBranch.update(last_created_at=long_ago).where(HubBranch.id == quiet.id).execute()

    window = open_window(hub)

    page = window.current_page()
    assert page.flagged() == [quiet.name]
    row = _column(page.table, COL_NAME).index(quiet.name)
    status = page.table.model().index(row, COL_STATUS)
    assert status.data().startswith("逾期未报（12 天）")
    assert status.data(Qt.ItemDataRole.ForegroundRole).color() == STALE_COLOR
    assert "逾期未报 1 个" in page.summary.text() and quiet.name in page.summary.text()


def test_sorting_by_a_column_orders_the_branches(hub, demo_packages, open_window):
    import_paths(hub, demo_packages.first)
    window = open_window(hub)
    table = window.current_page().table
    members = {b.name: b.member_count for b in HubBranch.select()}

    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # 成员

    shown = [members[name] for name in _column(table, COL_NAME)]
    assert shown == sorted(members.values(), reverse=True)


def test_the_cadre_search_and_unit_filter_narrow_the_rows_as_typed(hub, demo_packages, open_window, qtbot):
    from desktop.hub.hub_models import HubMember

    import_paths(hub, demo_packages.first)
    window = open_window(hub)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    everyone = page.shown_names()
    assert len(everyone) > 10
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    name = HubMember.select().order_by(HubMember.name).first().name

    page.search.insert(name[0])  # as an input method commits Chinese (QTest cannot type it)
    after_one = page.shown_names()
    page.search.insert(name[1:])
    after_all = page.shown_names()

    assert name in after_all and set(after_all) <= set(after_one) <= set(everyone)
    assert all(name in shown for shown in after_all) and len(after_all) < len(everyone)
    page.search.clear()
    qtbot.keyClicks(page.search, "zzzz")  # pinyin initials no one has
    assert page.shown_names() == [] and "显示 0 人" in page.status.text()
    page.search.clear()
    unit = page.unit.itemText(1)
    page.unit.setCurrentIndex(1)
    units = [page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())]
    assert units and set(units) == {unit} and len(units) < len(everyone)
    assert f"显示 {len(units)} 人" in page.status.text()


def test_the_report_page_builds_a_pdf(hub, demo_packages, open_window, qtbot, monkeypatch, tmp_path):
    import_paths(hub, demo_packages.first)
    target = tmp_path / "汇总.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window = open_window(hub)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()

    page.build_button.click()
    qtbot.waitUntil(lambda: not page.building(), timeout=120000)

    assert target.read_bytes().startswith(b"%PDF")
    assert "已生成" in page.status.text() and page.open_button.isEnabled()
