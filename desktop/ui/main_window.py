"""The main window: a sidebar of pages, the page area, a status bar with the database path.

At start-up (app.run) the window is shown before the database is open (open_later=True):
the page area holds a placeholder until open_pages() builds the remembered page. Nothing
imported at the top of this module touches the database, so the window draws fast; and
what the window sets up before it shows avoids the Qt namespace (flags are set by name
with setProperty, colours by value): its first use builds all its enums, ~15 ms of a start
timed against a bare window.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

APP_TITLE = "支部工作台"
ICON_GREY = "#5A5A5A"  # the stroke colour the sidebar SVGs are drawn in
ACCENT = "#C8102E"
OPENING_TEXT = "正在打开数据库……"


# --- resources ----------------------------------------------------------------

def resource_path(name: str) -> Path:
    """A file of the desktop.resources package. It is always installed as plain files (QSS
    url() and QIcon need real paths), so its folder is used directly: importlib.resources
    would add ~2 ms to a start timed against a bare window."""
    import desktop.resources

    return Path(desktop.resources.__file__).parent / name


def resource_text(name: str) -> str:
    return resource_path(name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """style.qss with @icons@ pointing at the icon folder (QSS url() needs a real path)."""
    return resource_text("style.qss").replace("@icons@", resource_path("icons").as_posix())


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons/app.svg")))


def _svg_pixmap(svg: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(painter)
    painter.end()
    return pixmap


def sidebar_icon(name: str) -> QIcon:
    """The grey icon, and the same drawing in the accent red for the selected item."""
    svg = resource_text(f"icons/{name}.svg")
    icon = QIcon()
    for size in (20, 40):  # 40 for high-DPI screens
        icon.addPixmap(_svg_pixmap(svg, size), QIcon.Mode.Normal)
        icon.addPixmap(_svg_pixmap(svg.replace(ICON_GREY, ACCENT), size), QIcon.Mode.Selected)
    return icon


def app_version() -> str:
    import importlib.metadata  # here, not at the top: ~15 ms of start-up for the About box

    try:
        return importlib.metadata.version("branch-desk")
    except importlib.metadata.PackageNotFoundError:
        return "开发版"


# --- pages --------------------------------------------------------------------

class PageSpec(NamedTuple):
    key: str
    title: str
    icon: str
    build: Callable[[MainWindow], QWidget]
    module: str  # what build imports: the start loads it while the integrity check runs


def _roster_page(window: MainWindow) -> QWidget:
    # Imported here: the roster page is the heaviest and not needed to draw the window.
    from .roster.roster_page import RosterPage

    return RosterPage(window)


def _meetings_page(window: MainWindow) -> QWidget:
    from .meetings.meetings_page import MeetingsPage  # lazy, like the roster page

    return MeetingsPage(window)


def _duty_page(window: MainWindow) -> QWidget:
    from .duty.duty_page import DutyPage  # lazy: the solver and its grid load on first use

    return DutyPage(window)


def _diaries_page(window: MainWindow) -> QWidget:
    from .diaries.diaries_page import DiariesPage  # lazy, like the other pages

    return DiariesPage(window)


def _overview_page(window: MainWindow) -> QWidget:
    from .overview.overview_page import OverviewPage  # lazy, like the other pages

    page = OverviewPage(window)
    page.open_page.connect(lambda key: window.show_page(PAGE_KEYS.index(key)))
    return page


def _reports_page(window: MainWindow) -> QWidget:
    from .reports.reports_page import ReportsPage  # lazy: QtPdf loads on first use

    return ReportsPage(window, db_path=window.db_path)


def _settings_page(window: MainWindow) -> QWidget:
    from .settings.settings_page import SettingsPage

    page = SettingsPage(window.db_path, window)
    page.saved.connect(window.profile_saved)
    page.restored.connect(window.reload_pages)  # 数据安全 → 恢复
    return page


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "概览", "overview", _overview_page, "desktop.ui.overview.overview_page"),
    PageSpec("roster", "花名册", "roster", _roster_page, "desktop.ui.roster.roster_page"),
    PageSpec("meetings", "会议记录", "meetings", _meetings_page, "desktop.ui.meetings.meetings_page"),
    PageSpec("duty", "值班排班", "duty", _duty_page, "desktop.ui.duty.duty_page"),
    PageSpec("diaries", "包保日记", "diary", _diaries_page, "desktop.ui.diaries.diaries_page"),
    PageSpec("reports", "报表", "reports", _reports_page, "desktop.ui.reports.reports_page"),
    PageSpec("settings", "设置", "settings", _settings_page, "desktop.ui.settings.settings_page"),
)
PAGE_KEYS = tuple(p.key for p in PAGES)
# Page keys of earlier versions still stored in users' settings: the page they meant.
FORMER_PAGE_KEYS = {"diary": "diaries"}


class MainWindow(QMainWindow):
    """*settings* defaults to the user's QSettings; tests pass one backed by a temp file.

    With *open_later* the database is not open yet: the window shows a placeholder, and
    sidebar clicks only move the selection, until open_pages() is called."""

    def __init__(self, db_path: Path, settings: QSettings | None = None, parent: QWidget | None = None,
                 *, open_later: bool = False):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.settings = settings if settings is not None else QSettings()
        self._pages: dict[int, QWidget] = {}  # built on first show, to start fast
        self.database_open = not open_later
        self.placeholder: QLabel | None = None

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebarList")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setProperty("verticalScrollBarPolicy", "ScrollBarAlwaysOff")
        for number, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(sidebar_icon(spec.icon), spec.title)
            item.setToolTip(f"{spec.title}（Ctrl+{number}）")
            item.setSizeHint(QSize(0, 40))  # QSS min-height on items lays them out unevenly
            self.sidebar.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.show_page(row))
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pageArea")
        if open_later:
            self.placeholder = QLabel(OPENING_TEXT, self.stack)
            self.placeholder.setObjectName("openingPlaceholder")
            self.placeholder.setProperty("alignment", "AlignCenter")
            self.stack.addWidget(self.placeholder)
        self.setCentralWidget(self._layout_central())
        self._build_menus()

        self.db_label = QLabel(f"数据库：{self.db_path}", self)
        self.db_label.setProperty("textInteractionFlags", "TextSelectableByMouse")
        self.db_label.setToolTip(str(self.db_path))
        # A deep path is clipped rather than forcing the window wider than a laptop screen.
        self.db_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addPermanentWidget(self.db_label, 1)

        self.sidebar.currentRowChanged.connect(self._row_changed)
        # A click on the sidebar hands the keyboard to the page, so its shortcuts (Ctrl+F ...)
        # work at once; arrow keys in the sidebar keep focus there (see _forward_shortcut).
        self.sidebar.itemClicked.connect(lambda _item: self.focus_page())
        self.sidebar.installEventFilter(self)
        self.update_title()
        self._restore()

    def _layout_central(self) -> QWidget:
        sidebar = QWidget(self)
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(150)
        title = QLabel(APP_TITLE, sidebar)
        title.setObjectName("sidebarTitle")
        column = QVBoxLayout(sidebar)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(title)
        column.addWidget(self.sidebar, 1)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.stack, 1)
        return central

    def _build_menus(self) -> None:
        from .database_menu import DatabaseMenu  # small; QFileDialog loads only when asked

        file_menu = self.menuBar().addMenu("文件(&F)")
        self.database_menu = DatabaseMenu(self, file_menu, self.settings)
        quit_action = QAction("退出(&X)", self)
        quit_action.setProperty("shortcut", QKeySequence("Ctrl+Q"))  # setShortcut() loads the Qt enums
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        guide_action = QAction("使用指南(&G)", self)
        guide_action.setProperty("shortcut", QKeySequence("F1"))
        guide_action.triggered.connect(self.show_help)
        help_menu.addAction(guide_action)
        about_action = QAction("关于支部工作台(&A)", self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        self.quit_action, self.about_action, self.guide_action = quit_action, about_action, guide_action
        self.help_dialog = None

    def show_help(self) -> None:
        """帮助 → 使用指南 (F1): the daily routine and the shortcuts, beside the window."""
        from .help_dialog import GuideDialog

        if self.help_dialog is None:
            self.help_dialog = GuideDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()

    # --- pages ----------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at sidebar row *index*, built on first use."""
        if index not in self._pages:
            widget = PAGES[index].build(self)
            self._pages[index] = widget
            self.stack.addWidget(widget)
        return self._pages[index]

    def page_by_key(self, key: str) -> QWidget:
        return self.page(PAGE_KEYS.index(key))

    def built_page(self, key: str) -> QWidget | None:
        return self._pages.get(PAGE_KEYS.index(key))

    def current_index(self) -> int:
        return self.sidebar.currentRow()

    def current_spec(self) -> PageSpec:
        """The selected sidebar entry (the remembered page at start-up)."""
        return PAGES[max(self.current_index(), 0)]

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)  # _row_changed does the work

    def _row_changed(self, index: int) -> None:
        if index < 0 or not self.database_open:  # open_pages() builds the selected page
            return
        built = index in self._pages
        page = self.page(index)
        self.stack.setCurrentWidget(page)
        if not self.sidebar.hasFocus() and self.isActiveWindow():
            self.focus_page()  # Ctrl+1..7: the keyboard follows to the page shown
        if built and hasattr(page, "on_shown"):  # a page just built has read everything already
            page.on_shown()

    def focus_page(self) -> None:
        """Move focus into the shown page (its focus proxy or the page itself)."""
        page = self.stack.currentWidget()
        if page is not None and page is not self.placeholder:
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:
        """QObject.eventFilter(): a page shortcut pressed while the sidebar has focus goes to the page."""
        if watched is self.sidebar and event.type() == QEvent.Type.KeyPress and self._forward_shortcut(event):
            return True
        return super().eventFilter(watched, event)

    def _forward_shortcut(self, event) -> bool:
        if not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        page = self.stack.currentWidget()
        if page is None or page is self.placeholder:
            return False
        pressed = QKeySequence(event.keyCombination())
        exact = QKeySequence.SequenceMatch.ExactMatch
        for action in page.actions():  # page-wide actions (widgets.page_action)
            if action.isEnabled() and any(k.matches(pressed) == exact for k in action.shortcuts()):
                self.focus_page()
                action.trigger()
                return True
        for shortcut in page.findChildren(QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if shortcut.isEnabled() and shortcut.key().matches(pressed) == exact:
                self.focus_page()
                shortcut.activated.emit()
                return True
        return False

    def open_pages(self) -> QWidget | None:
        """The database is open now: build the selected page in place of the placeholder."""
        if self.database_open:
            return self.current_page()
        self.database_open = True
        self.update_title()
        self._row_changed(self.current_index())
        if self.placeholder is not None:
            self.stack.removeWidget(self.placeholder)
            self.placeholder.deleteLater()
            self.placeholder = None
        return self.current_page()

    # --- title, about ---------------------------------------------------------

    def update_title(self) -> None:
        if not self.database_open:
            self.setWindowTitle(APP_TITLE)
            return
        from .. import branch_profile  # the models: loaded once the database is open

        self.setWindowTitle(f"{APP_TITLE} — {branch_profile.display_name()}")

    def profile_saved(self) -> None:
        self.update_title()
        self.statusBar().showMessage("支部信息已保存", 4000)
        roster = self.built_page("roster")
        if roster is not None and hasattr(roster, "reload"):
            roster.reload()  # committee roles show in the roster

    def reload_pages(self) -> None:
        """The database was restored from a backup: every built page shows it afresh."""
        for page in self._pages.values():
            if hasattr(page, "reload"):
                page.reload()
        self.update_title()
        self.statusBar().showMessage("数据已从备份恢复", 8000)

    def show_about(self) -> None:
        QMessageBox.about(self, "关于支部工作台", self.about_text())

    def about_text(self) -> str:
        return (
            f"<p><b>{APP_TITLE}</b> {app_version()}</p>"
            "<p>临时党支部书记的桌面工作台：花名册、会议记录、值班排班、包保日记和报表。</p>"
            f"<p>数据库文件：{self.db_path}<br>"
            f"界面字体：{QApplication.font().family()}</p>"
        )

    # --- remembering the window -----------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # first start: 1280x800, but never larger than a small laptop screen
            available = self.screen().availableGeometry()
            self.resize(min(1280, int(available.width() * 0.95)), min(800, int(available.height() * 0.92)))
        state = self.settings.value("main_window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        key = self.settings.value("main_window/page", "roster")
        key = FORMER_PAGE_KEYS.get(key, key)
        self.show_page(PAGE_KEYS.index(key) if key in PAGE_KEYS else 1)

    def _remember(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        if self.current_index() >= 0:
            self.settings.setValue("main_window/page", PAGE_KEYS[self.current_index()])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_unsaved():
            event.ignore()
            return
        self._remember()
        event.accept()

    def _settle_unsaved(self) -> bool:
        """Offer to save unsaved settings; False if the user cancels closing."""
        page = self.built_page("settings")
        if page is None or not page.has_unsaved_changes():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self, "尚未保存", "支部信息有未保存的修改。退出前要保存吗？",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save,
        )
        if answer == buttons.Save:
            if page.save():
                return True
            self.show_page(PAGE_KEYS.index("settings"))  # show what blocked the save
            return False
        return answer == buttons.Discard
