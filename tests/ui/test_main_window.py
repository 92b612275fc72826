import sqlite3

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import app as desktop_app
from desktop.paths import resolve_db_path
from desktop.ui import main_window as mw
from desktop.ui.main_window import PAGE_KEYS, PAGES, MainWindow, app_icon, sidebar_icon
from desktop.ui.settings.settings_page import SettingsPage

TITLES = ["概览", "花名册", "会议记录", "值班排班", "包保日记", "报表", "设置"]


@pytest.fixture
def settings(tmp_path):
    """A throwaway settings file, so tests never touch the user's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    widget = MainWindow(resolve_db_path(), settings)
    qtbot.addWidget(widget)
    return widget


def shown(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def click_row(qtbot, window, row):
    item = window.sidebar.item(row)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_sidebar_lists_the_seven_pages_in_order(window):
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == TITLES
    assert window.sidebar.parentWidget().width() == 150
    for row in range(len(TITLES)):
        assert not window.sidebar.item(row).icon().isNull()


def test_first_start_fits_the_screen_and_shows_the_roster(window):
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    assert window.current_index() == 1
    assert window.current_page() is window.page(1)


def test_clicking_each_item_shows_its_page(qtbot, window):
    shown(qtbot, window)
    for row in reversed(range(len(TITLES))):
        click_row(qtbot, window, row)
        assert window.current_index() == row
        assert window.current_page() is window.page(row)
        assert window.current_page().isVisible()


@pytest.mark.parametrize("row", range(7))
def test_ctrl_number_switches_page(qtbot, window, row):
    shown(qtbot, window)
    window.show_page(6 if row != 6 else 0)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{row + 1}"), Qt.KeyboardModifier.ControlModifier)
    assert window.current_index() == row
    assert window.current_page() is window.page(row)


def test_every_sidebar_page_is_its_real_page(window):
    from desktop.ui.meetings.meetings_page import MeetingsPage

    assert isinstance(window.page(2), MeetingsPage)  # 会议记录 is the real page now
    from desktop.ui.duty.duty_page import DutyPage

    assert isinstance(window.page(3), DutyPage)  # and so is 值班排班
    from desktop.ui.diaries.diaries_page import DiariesPage

    assert isinstance(window.page(4), DiariesPage)  # and 包保日记
    from desktop.ui.overview.overview_page import OverviewPage
    from desktop.ui.reports.reports_page import ReportsPage

    assert isinstance(window.page(0), OverviewPage) and isinstance(window.page(5), ReportsPage)


def test_roster_and_settings_pages_are_the_real_ones(window):
    roster = pytest.importorskip("desktop.ui.roster.roster_page")
    assert isinstance(window.page(1), roster.RosterPage)
    assert isinstance(window.page(6), SettingsPage)


def test_pages_are_built_only_when_first_shown(window):
    assert window.built_page("settings") is None
    window.show_page(6)
    assert isinstance(window.built_page("settings"), SettingsPage)


def test_title_follows_the_saved_branch_name(qtbot, window):
    assert window.windowTitle() == "支部工作台 — 未命名支部"
    window.show_page(6)
    name = window.page(6).info.form.editors["name"]
    name.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("丰泽园小区临时党支部")
    QApplication.sendEvent(name, event)
    assert window.windowTitle() == "支部工作台 — 未命名支部"  # not before saving
    qtbot.mouseClick(window.page(6).info.save_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle() == "支部工作台 — 丰泽园小区临时党支部"


def test_status_bar_shows_the_database_path(window):
    assert str(resolve_db_path()) in window.db_label.text()
    assert window.db_label.toolTip() == str(resolve_db_path())
    assert window.statusBar().minimumSizeHint().width() < 200  # a long path must not widen the window


def test_about_names_version_database_and_font(window, monkeypatch):
    shown_text = []
    monkeypatch.setattr(mw.QMessageBox, "about", lambda parent, title, text: shown_text.append(text))
    window.about_action.trigger()
    (text,) = shown_text
    assert mw.app_version() in text
    assert str(resolve_db_path()) in text
    assert QApplication.font().family() in text


def test_ctrl_q_quits(qtbot, window):
    shown(qtbot, window)
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_geometry_and_page_are_remembered(qtbot, settings):
    # Start on a placeholder: the roster page alone is wider than the 800x600 offscreen screen.
    settings.setValue("main_window/page", "reports")
    first = MainWindow(resolve_db_path(), settings)
    qtbot.addWidget(first)
    shown(qtbot, first)
    # inside the 800x600 offscreen screen, and wider than the 报表 page's minimum
    first.setGeometry(QRect(10, 50, 780, 480))
    first.show_page(3)
    qtbot.wait(10)
    first.close()

    second = MainWindow(resolve_db_path(), settings)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (780, 480)
    assert second.current_index() == 3


def test_a_page_key_stored_by_an_older_version_still_opens_its_page(qtbot, settings):
    """Before the page was called "diaries" its key was "diary": a user's stored choice still counts."""
    settings.setValue("main_window/page", "diary")
    window = MainWindow(resolve_db_path(), settings)
    qtbot.addWidget(window)
    assert PAGE_KEYS[window.current_index()] == "diaries"
    assert window.sidebar.currentItem().text() == "包保日记"


def test_unsaved_settings_are_asked_about_on_close(qtbot, window, monkeypatch):
    shown(qtbot, window)
    window.show_page(6)
    window.page(6).info.form.editors["compound"].setText("幸福里小区")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *args: answers.pop(0))
    window.close()
    assert window.isVisible()  # cancelled
    answers.append(QMessageBox.StandardButton.Save)  # save fails: the name is missing
    window.close()
    assert window.isVisible()
    assert window.page(6).info.form.problem_text("name")
    answers.append(QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()


def test_icons_render():
    assert not app_icon().pixmap(64, 64).isNull()
    assert not app_icon().pixmap(128, 128).toImage().isNull()
    for spec in PAGES:
        assert not sidebar_icon(spec.icon).pixmap(20, 20).isNull()


def test_stylesheet_points_at_real_icons():
    sheet = mw.stylesheet()
    assert "@icons@" not in sheet and "chevron-down.svg" in sheet


def test_open_database_reports_a_too_new_file_in_chinese(tmp_path):
    path = tmp_path / "newer.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    message = desktop_app.open_database(path)
    assert "高于本程序支持的版本" in message


def test_open_database_reports_a_corrupt_file(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    message = desktop_app.open_database(path)
    assert message.startswith("无法打开数据库文件")


def test_run_shows_a_critical_box_and_returns_1(tmp_path, qapp, monkeypatch):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    boxes = []
    monkeypatch.setattr(desktop_app, "create_application", lambda: qapp)
    monkeypatch.setattr(desktop_app.QMessageBox, "critical", lambda *args: boxes.append(args))
    assert desktop_app.run(path) == 1
    assert boxes and boxes[0][1] == "无法打开数据库"


def test_flags_set_by_name_before_the_window_shows(window):
    """main_window sets these through setProperty (the Qt enums load later): they took effect."""
    assert window.sidebar.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert window.db_label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_opened_later_the_window_waits_with_a_placeholder(qtbot, settings):
    settings.setValue("main_window/page", "meetings")
    widget = MainWindow(resolve_db_path(), settings, open_later=True)
    qtbot.addWidget(widget)
    assert not widget.database_open and widget.windowTitle() == mw.APP_TITLE
    assert widget.current_page() is widget.placeholder and widget.placeholder.text() == mw.OPENING_TEXT
    assert widget.placeholder.alignment() == Qt.AlignmentFlag.AlignCenter
    assert widget.current_spec().key == "meetings"
    widget.show_page(mw.PAGE_KEYS.index("overview"))  # a click while the file opens: selection only
    assert widget.current_spec().key == "overview" and widget.built_page("overview") is None
    page = widget.open_pages()
    assert page is widget.built_page("overview") and widget.current_page() is page
    assert widget.placeholder is None and widget.built_page("meetings") is None
    assert widget.windowTitle().startswith(f"{mw.APP_TITLE} — ")
    assert widget.open_pages() is page  # once


def test_each_page_spec_names_the_module_its_build_imports(window):
    import sys

    for index, spec in enumerate(PAGES):
        window.page(index)
        assert spec.module in sys.modules, spec.key


# -- shortcuts work wherever focus is (issue 12, point 8) ------------------------------------

def test_ctrl_f_after_a_sidebar_click_types_into_the_roster_search(qtbot, window):
    from tests.ui.roster.roster_typing import type_text

    shown(qtbot, window)
    click_row(qtbot, window, TITLES.index("会议记录"))
    click_row(qtbot, window, TITLES.index("花名册"))
    page = window.current_page()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    type_text(qtbot, QApplication.focusWidget(), "张")
    assert page.filters.search.text() == "张"


@pytest.mark.parametrize("title", ["会议记录", "包保日记"])
def test_ctrl_f_after_a_sidebar_click_on_other_pages(qtbot, window, title):
    shown(qtbot, window)
    click_row(qtbot, window, TITLES.index(title))
    page = window.current_page()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = page.filters.search if title == "会议记录" else page.search.query
    assert search.hasFocus()


def test_a_page_shortcut_pressed_in_the_sidebar_reaches_the_page(qtbot, window):
    shown(qtbot, window)
    click_row(qtbot, window, TITLES.index("花名册"))
    window.sidebar.setFocus()  # e.g. the secretary moved through the sidebar with the arrow keys
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().filters.search.hasFocus()
    assert window.current_spec().title == "花名册"


def test_ctrl_number_hands_the_keyboard_to_the_page(qtbot, window):
    shown(qtbot, window)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().filters.search.hasFocus()


# -- 文件 / 帮助 menus (issue 12, point 9) ----------------------------------------------------

def test_help_guide_explains_the_day_and_the_shortcuts(qtbot, window):
    shown(qtbot, window)
    window.guide_action.trigger()
    text = window.help_dialog.text.toPlainText()
    assert window.help_dialog.isVisible()
    for words in ("每天的工作", "开会（Ctrl+M）", "Ctrl+D", "Ctrl+Z", "Ctrl+Shift+V", "快捷键"):
        assert words in text


@pytest.fixture
def launches(monkeypatch):
    from desktop.ui import database_menu

    started = []
    monkeypatch.setattr(database_menu.QProcess, "startDetached",
                        lambda program, arguments: started.append(arguments) or (True, 1))
    return started


def test_new_database_starts_the_app_on_a_new_file_and_closes_this_window(qtbot, window, tmp_path,
                                                                         monkeypatch, launches):
    from desktop.ui import database_menu

    shown(qtbot, window)
    target = tmp_path / "第二支部"
    monkeypatch.setattr(database_menu.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.database_menu.new_action.trigger()
    assert launches == [["-m", "desktop", "--db", str(target.with_suffix(".sqlite3"))]]
    assert not window.isVisible()
    assert database_menu.recent_databases(window.settings)[0] == target.with_suffix(".sqlite3")


def test_new_database_never_writes_over_an_existing_file(qtbot, window, tmp_path, monkeypatch, launches):
    from desktop.ui import database_menu

    shown(qtbot, window)
    existing = tmp_path / "别的支部.sqlite3"
    existing.write_bytes(b"records")
    told = []
    monkeypatch.setattr(database_menu.QFileDialog, "getSaveFileName", lambda *a, **k: (str(existing), ""))
    monkeypatch.setattr(database_menu.QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    window.database_menu.new_action.trigger()
    assert launches == [] and window.isVisible() and "文件已存在" in told[0]
    assert existing.read_bytes() == b"records"


def test_recent_files_list_the_other_databases(qtbot, window, tmp_path, launches):
    from desktop.ui import database_menu

    other = tmp_path / "旧支部.sqlite3"
    database_menu.remember_database(window.settings, other)
    database_menu.remember_database(window.settings, window.db_path)
    menu = window.database_menu
    menu._fill_recent()
    [action] = menu.recent_menu.actions()
    assert action.toolTip() == str(other)
    shown(qtbot, window)
    action.trigger()
    assert launches == [["-m", "desktop", "--db", str(other.resolve())]]
