"""The hub (汇总台) main window: 支部一览, 干部 (and 报表), one period for all, 导入数据包.

The same program as the branch's window, opened on a hub (`branch-desk --hub HUB`): a sidebar
of pages, the period bar above them, the hub's location in the status bar. Pages are built
on first show and read again when the period changes or packages were imported (once each,
when shown: a page that is not looked at costs nothing).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...hub.hub_import import PACKAGE_SUFFIX, package_files
from ...hub.store import Hub
from ..main_window import APP_TITLE, sidebar_icon
from .period_bar import PeriodBar

HUB_TITLE = "汇总台"


class HubPageSpec(NamedTuple):
    key: str
    title: str
    icon: str
    build: Callable[[HubWindow], QWidget]


def _branches_page(window: HubWindow) -> QWidget:
    from .branches_page import BranchesPage

    return BranchesPage(window.hub, window, today=window.today)


def _cadres_page(window: HubWindow) -> QWidget:
    from .cadres_page import CadresPage

    return CadresPage(window.hub, window)


def _reports_page(window: HubWindow) -> QWidget:
    from .reports_page import HubReportsPage

    return HubReportsPage(window.hub, window)


HUB_PAGES: tuple[HubPageSpec, ...] = (
    HubPageSpec("branches", "支部一览", "overview", _branches_page),
    HubPageSpec("cadres", "干部", "roster", _cadres_page),
    HubPageSpec("reports", "报表", "reports", _reports_page),
)
HUB_PAGE_KEYS = tuple(spec.key for spec in HUB_PAGES)


class HubWindow(QMainWindow):
    """*settings*: the user's QSettings unless given (tests); *today*: the clock (tests)."""

    def __init__(self, hub: Hub, settings: QSettings | None = None, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.hub, self.today = hub, today
        self.settings = settings if settings is not None else QSettings()
        self._pages: dict[int, QWidget] = {}
        self._stale: set[int] = set()  # built pages to read again when next shown
        self.import_dialog = None

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebarList")
        self.sidebar.setIconSize(QSize(20, 20))
        for number, spec in enumerate(HUB_PAGES, start=1):
            item = QListWidgetItem(sidebar_icon(spec.icon), spec.title)
            item.setToolTip(f"{spec.title}（Ctrl+{number}）")
            item.setSizeHint(QSize(0, 40))
            self.sidebar.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.show_page(row, focus=True))
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pageArea")
        self.period_bar = PeriodBar(self, today=today)
        self.import_button = QPushButton("导入数据包…", self)
        self.import_button.setObjectName("primaryButton")
        self.import_button.setToolTip("导入各支部报送的 .bdpkg 文件（Ctrl+I）；导入整个文件夹：Ctrl+Shift+I")
        self.setCentralWidget(self._layout_central())
        self._build_menus()
        where = QLabel(f"汇总台（{'PostgreSQL' if hub.is_postgresql else 'SQLite'}）：{hub.shown}", self)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addPermanentWidget(where, 1)
        self.setWindowTitle(f"{APP_TITLE} — {HUB_TITLE}")

        self.import_button.clicked.connect(self.import_files)
        self.period_bar.changed.connect(lambda *_: self.refresh())
        self.sidebar.currentRowChanged.connect(self._row_changed)
        self.sidebar.itemClicked.connect(lambda _item: self.focus_page())
        self._restore()

    def _layout_central(self) -> QWidget:
        sidebar = QWidget(self)
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(150)
        title = QLabel(HUB_TITLE, sidebar)
        title.setObjectName("sidebarTitle")
        column = QVBoxLayout(sidebar)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(title)
        column.addWidget(self.sidebar, 1)
        top = QHBoxLayout()
        top.setContentsMargins(16, 10, 16, 0)
        top.addWidget(self.period_bar)
        top.addStretch(1)
        top.addWidget(self.import_button)
        right = QWidget(self)
        right.setObjectName("pageArea")
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.setSpacing(0)
        right_column.addLayout(top)
        right_column.addWidget(self.stack, 1)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(right, 1)
        return central

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.import_action = self._action(file_menu, "导入数据包(&I)…", "Ctrl+I", self.import_files)
        self.import_folder_action = self._action(file_menu, "导入文件夹中的数据包(&D)…", "Ctrl+Shift+I",
                                                 self.import_folder)
        file_menu.addSeparator()
        self.refresh_action = self._action(file_menu, "刷新(&R)", "F5", self.refresh)
        file_menu.addSeparator()
        quit_action = self._action(file_menu, "退出(&X)", "Ctrl+Q", self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self._action(help_menu, "关于汇总台(&A)", None, self.show_about)

    def _action(self, menu, text: str, shortcut: str | None, slot) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # the shortcut works wherever the focus is in the window
        return action

    # --- pages ----------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at sidebar row *index*, built (and read) on first use."""
        if index not in self._pages:
            widget = HUB_PAGES[index].build(self)
            self._pages[index] = widget
            self.stack.addWidget(widget)
            widget.reload(*self.period_bar.period())
        return self._pages[index]

    def page_by_key(self, key: str) -> QWidget:
        return self.page(HUB_PAGE_KEYS.index(key))

    def show_page(self, index: int, focus: bool = False) -> None:
        """*focus*: the keyboard follows to the page (Ctrl+1..3), so Ctrl+F works at once."""
        self.sidebar.setCurrentRow(index)
        if focus:
            self.focus_page()

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def _row_changed(self, index: int) -> None:
        if index < 0:
            return
        page = self.page(index)
        if index in self._stale:
            self._stale.discard(index)
            page.reload(*self.period_bar.period())
        self.stack.setCurrentWidget(page)
        if not self.sidebar.hasFocus() and self.isActiveWindow():
            self.focus_page()

    def focus_page(self) -> None:
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Read the shown page again now, the other built pages when next shown."""
        current = self.sidebar.currentRow()
        self._stale = {index for index in self._pages if index != current}
        if current in self._pages:
            self._pages[current].reload(*self.period_bar.period())

    # --- import ---------------------------------------------------------------

    def _last_folder(self) -> str:
        return str(self.settings.value("hub/import_folder", "") or "")

    def import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "选择要导入的数据包", self._last_folder(),
                                                f"上报数据包 (*{PACKAGE_SUFFIX});;所有文件 (*)")
        if names:
            self.import_paths([Path(name) for name in names])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放数据包的文件夹（含子文件夹）", self._last_folder())
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import the packages in *paths* (files or folders) with the progress dialog."""
        from .import_dialog import ImportDialog

        files = package_files(paths)
        if not files:
            QMessageBox.information(self, "导入数据包",
                                    f"没有找到数据包：所选位置中没有 {PACKAGE_SUFFIX} 文件。\n{paths[0]}")
            return
        first = paths[0]
        self.settings.setValue("hub/import_folder", str(first if first.is_dir() else first.parent))
        dialog = ImportDialog(self.hub, files, len(files), self)
        dialog.imported.connect(self.refresh)
        self.import_dialog = dialog
        dialog.open()

    # --- about, geometry ------------------------------------------------------

    def show_about(self) -> None:
        QMessageBox.about(self, "关于汇总台",
                          f"<p><b>{APP_TITLE} · {HUB_TITLE}</b></p>"
                          "<p>导入各临时党支部报送的上报数据包，汇总支部、干部和报送情况，生成汇总报表。</p>"
                          f"<p>汇总台：{self.hub.shown}</p>")

    def _restore(self) -> None:
        geometry = self.settings.value("hub_window/geometry")
        if geometry is not None and not self.restoreGeometry(geometry):
            geometry = None
        if geometry is None:
            available = self.screen().availableGeometry()
            self.resize(min(1280, int(available.width() * 0.95)), min(800, int(available.height() * 0.92)))
        key = self.settings.value("hub_window/page", "branches")
        self.show_page(HUB_PAGE_KEYS.index(key) if key in HUB_PAGE_KEYS else 0)

    def closeEvent(self, event) -> None:
        reports = self._pages.get(HUB_PAGE_KEYS.index("reports"))
        if reports is not None:
            reports._end_thread()  # a report being written ends whole (it writes a .part first)
        self.settings.setValue("hub_window/geometry", self.saveGeometry())
        if self.sidebar.currentRow() >= 0:
            self.settings.setValue("hub_window/page", HUB_PAGE_KEYS[self.sidebar.currentRow()])
        self.settings.sync()
        event.accept()
