"""Table columns that fit a 1280 px laptop: sized to their content, and less-used ones hidden
from the header's right-click menu, the choice remembered (QSettings, like the window geometry).
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from ..paths import config_dir

PADDING = 14  # cell padding beside the text


def settings_for(widget) -> QSettings:
    """The main window's settings when the table is inside it; else a file in the config folder
    (a page built on its own: tests, screenshots), never the user's registry."""
    window = widget.window()
    settings = getattr(window, "settings", None)
    if isinstance(settings, QSettings):
        return settings
    return QSettings(str(config_dir() / "tables.ini"), QSettings.Format.IniFormat)


class TableColumns(QObject):
    """TableColumns(table, key, optional, hidden_by_default, stretch=None).

    *optional* columns can be hidden from the header's context menu (the others always show);
    the hidden set is kept under "tables/<key>/hidden" by header title. fit() sizes the shown
    columns to their content (title included); *stretch* takes the room that is left."""

    def __init__(self, table: QTableView, key: str, optional: Sequence[int],
                 hidden_by_default: Sequence[int] = (), stretch: int | None = None):
        super().__init__(table)
        self.table = table
        self.key = f"tables/{key}/hidden"
        self.optional = tuple(optional)
        self.stretch = stretch
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        header.setToolTip("右键单击表头可以隐藏或显示列")
        if stretch is not None:
            header.setStretchLastSection(False)
        self._default = {self._title(c) for c in hidden_by_default}
        for column in self.optional:
            header.setSectionHidden(column, self._title(column) in self._saved_hidden())

    def _title(self, column: int) -> str:
        return str(self.table.model().headerData(column, Qt.Orientation.Horizontal))

    def _saved_hidden(self) -> set[str]:
        value = settings_for(self.table).value(self.key)
        if value is None:
            return set(self._default)
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value] if value else []
        return set(value)

    def hidden_titles(self) -> list[str]:
        header = self.table.horizontalHeader()
        return [self._title(c) for c in self.optional if header.isSectionHidden(c)]

    def set_hidden(self, column: int, hidden: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, hidden)
        settings = settings_for(self.table)
        # An empty list would read back as None (= defaults): store a marker-free empty string.
        settings.setValue(self.key, self.hidden_titles() or "")
        settings.sync()
        self.fit()

    def menu(self) -> QMenu:
        """The header's context menu: a tick per optional column."""
        menu = QMenu(self.table)
        header = self.table.horizontalHeader()
        for column in self.optional:
            action = menu.addAction(self._title(column))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.set_hidden(c, not shown))
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def fit(self) -> None:
        """Each shown column as wide as its widest cell in view (and its title with the sort arrow)."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(header.count()):
            if header.isSectionHidden(column) or column == self.stretch:
                continue
            title = metrics.horizontalAdvance(self._title(column)) + 30  # room for the sort arrow
            header.resizeSection(column, max(self.table.sizeHintForColumn(column) + PADDING // 2, title))
        if self.stretch is not None:
            header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)

    def total_width(self) -> int:
        header = self.table.horizontalHeader()
        return sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
