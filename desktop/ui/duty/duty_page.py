"""值班排班: the rota grid of a period (generate, edit, swap, pin), the same rota by person,
the handover record of each shift, and duty statistics.

One PageUndo takes back (撤销 / Ctrl+Z) the page's last change of the session: 找人替班, a swap,
pin/unpin, a cell edit, 自动排班, and what the posts, unavailability and handover parts delete
or edit. Each step checks that what it would overwrite is still what the change left."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...duty import rota_restore
from ...duty.edits import EditRefused
from ...duty.setup import DutySetupError
from ..undo import PageUndo
from ..widgets import MessageBar, page_action, role_label
from . import rota_data
from .cell_editor import CellEditor, duty_refusal
from .duty_style import DUTY_STYLE
from .duty_undo import RotaUndoSteps
from .generate_dialog import GenerateDialog
from .period_bar import PeriodBar
from .rota_data import active_members
from .rota_grid_model import RotaGridModel
from .rota_grid_view import RotaGridView

TAB_GRID, TAB_PEOPLE, TAB_HANDOVER, TAB_STATS = range(4)
LEGEND = "★ 党员　钉 已固定（自动排班不改动）　红框 有冲突（鼠标停留看原因）　橙底 缺人　· Enter 编辑　Ctrl+点选两格后 Ctrl+T 交换"


class DutyPage(QWidget, RotaUndoSteps):
    """DutyPage(parent=None, today=None). period()/set_period(first, last); reload();
    generate() opens 自动排班; edit_cell(cell) the cell editor; swap_selected(); toggle_pin();
    open_handover(day, post_id, shift_id) shows that shift's 交接班 record."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self.setStyleSheet(DUTY_STYLE)
        self.dialog = None  # the last dialog opened from the page (tests look at it)
        self._generate_dialog: GenerateDialog | None = None
        self.period_bar = PeriodBar(self.today(), self)
        self.period_bar.changed.connect(lambda *_: self.reload())
        self._make_actions()
        self.toolbar = self._make_toolbar()
        self.message = MessageBar(self)
        self.page_undo = PageUndo(self, self.message, (EditRefused, DutySetupError))
        self.page_undo.undone.connect(lambda _label: self.reload())
        self.undo_action = self.page_undo.action

        self.snapshot = None  # what reload() read last; the other tabs reuse it
        self._fresh = False  # loaded by the constructor and not shown yet: on_shown need not reload
        self.model = RotaGridModel(self)
        self.grid = RotaGridView(self)
        self.grid.setModel(self.model)
        self.grid.edit_requested.connect(self.edit_cell)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.replace_action, self.replace_person_action, self.swap_action, self.pin_action,
                       self.handover_action):
            self.grid.addAction(action)
        self.summary = QLabel(self)
        self.summary.setObjectName("rotaSummary")
        self.summary.setWordWrap(True)
        self.legend = role_label(LEGEND, "hint", self)
        self.legend.setWordWrap(True)  # a narrow window must not be forced wider
        grid_tab = QWidget(self)
        column = QVBoxLayout(grid_tab)
        column.setContentsMargins(0, 6, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.summary)
        column.addWidget(self.grid, 1)
        column.addWidget(self.legend)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(grid_tab, "排班表")
        self._extra_tabs()
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.reload()
        self._fresh = True

    def _extra_tabs(self) -> None:
        from .handover_panel import HandoverPanel
        from .person_view import PersonView
        from .stats_panel import StatsPanel

        self.person_view = PersonView(self)
        self.handover = HandoverPanel(self, today=self.today(), load=False,  # loaded with its tab
                                      undo=self.page_undo)
        self.stats = StatsPanel(self)
        self.tabs.addTab(self.person_view, "按人员")
        scroll = QScrollArea(self)  # small screens: the form scrolls instead of growing the window
        scroll.setWidget(self.handover)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setObjectName("handoverScroll")
        self.handover.setObjectName("handoverPanel")
        self.tabs.addTab(scroll, "交接班")
        self.tabs.addTab(self.stats, "统计")

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- construction ----------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return page_action(self, text, slot, shortcut, tip)

    def _make_actions(self) -> None:
        self.generate_action = self._action("自动排班…", self.generate, "Ctrl+G", "按公平原则自动排出所选日期的值班（Ctrl+G）")
        self.posts_action = self._action("值守点与班次…", self.edit_posts, tip="设置卡口、值守点和班次时间")
        self.absence_action = self._action("不可值班…", self.edit_absences, tip="登记请假、隔离、病假等不能值班的日子")
        self.preferences_action = self._action("值班偏好…", self.edit_preferences,
                                               tip="每周最多时长、不排夜班、首选值守点等")
        self.replace_action = self._action("找人替班…", self.find_replacement, "Ctrl+R",
                                           "为当前格的人找最合适的替班人（Ctrl+R）")
        self.replace_person_action = self._action("为此人找替班（按日期）…", self.replace_person, "Ctrl+Shift+R",
                                                  "某人几天不能值班：他的班次都找人接替（Ctrl+Shift+R）")
        self.swap_action = self._action("交换", self.swap_selected, "Ctrl+T", "交换选中两格里的人（Ctrl+T）")
        self.pin_action = self._action("固定/取消", self.toggle_pin, "Ctrl+L", "固定选中格的安排，自动排班不再改动（Ctrl+L）")
        self.handover_action = self._action("交接班", self.open_current_handover, "Ctrl+J", "填写当前格那一班的交接班记录（Ctrl+J）")
        from .rota_export import RotaExport

        self.exporter = RotaExport(self)
        self.export_xlsx_action = self._action("导出 Excel…", self.exporter.export_xlsx, "Ctrl+E",
                                               "把显示的日期导出为 Excel：值班表版式 + 每人每班（Ctrl+E）")
        self.export_png_action = self._action("保存图片…", self.exporter.export_png, tip="一周值班表存为手机看的图片")
        self.copy_picture_action = self._action("复制图片", self.exporter.copy_picture, "Ctrl+Shift+C",
                                                "一周值班表作为图片复制，到微信群里粘贴（Ctrl+Shift+C）")
        self.refresh_action = self._action("刷新", self.reload, QKeySequence.StandardKey.Refresh)
        self._action("上一段", lambda: self.period_bar.step(-1), "Alt+Left")
        self._action("下一段", lambda: self.period_bar.step(1), "Alt+Right")

    def _make_toolbar(self) -> QToolBar:
        toolbar = QToolBar("值班排班", self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addWidget(self.period_bar)
        toolbar.addSeparator()
        for action in (self.generate_action, self.replace_action, self.swap_action, self.pin_action,
                       self.handover_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addWidget(self._export_button(toolbar))
        toolbar.addSeparator()
        toolbar.addAction(self.posts_action)
        toolbar.addAction(self.absence_action)
        toolbar.addAction(self.preferences_action)
        for action in (self.generate_action, self.replace_action, self.posts_action, self.absence_action,
                       self.preferences_action):
            action.setIconText(action.text())  # keep the “…”: a dialog follows
        return toolbar

    def _export_button(self, parent: QWidget) -> QToolButton:
        """One 导出 button with its menu: the toolbar must fit a 1280-px window."""
        button = QToolButton(parent)
        button.setText("导出")
        button.setToolTip("导出 Excel、保存图片或复制图片发群")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for action in (self.export_xlsx_action, self.export_png_action, self.copy_picture_action):
            menu.addAction(action)
        button.setMenu(menu)
        self.export_button = button
        return button

    # -- data ------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return self.period_bar.period()

    def set_period(self, first: dt.date, last: dt.date) -> None:
        self.period_bar.set_period(first, last)

    def on_shown(self) -> None:
        if self._fresh:  # just built for this showing: the data is current
            self._fresh = False
            return
        self.reload()

    def reload(self) -> None:
        first, last = self.period()
        current = self.grid.currentIndex()
        self._fresh = False
        snap = self.snapshot = rota_data.load(first, last)
        self.model.set_rows(snap.days, snap.lanes, snap.assignments, snap.conflicts)
        self.grid.fit_columns()
        if current.isValid():
            self.grid.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.summary.setText(self._summary_text(snap))
        self._tab_changed(self.tabs.currentIndex())

    def _summary_text(self, snap) -> str:
        if not snap.lanes:
            return "还没有值守点。请先点“值守点与班次…”添加卡口和班次，再自动排班。"
        cells = self.model.cells()
        short = sum(1 for c in cells if c.missing)
        conflicted = sum(1 for c in cells if c.conflicts)
        text = f"共 {len(snap.assignments)} 人次"
        text += f"，缺人 {short} 班" if short else "，各班均已排满"
        if conflicted:
            text += f"，<span style='color:#B00020'>{conflicted} 格有冲突</span>"
        return text

    def _tab_changed(self, index: int) -> None:
        if index == TAB_PEOPLE:
            self.person_view.show_rota(self.snapshot.rota)
        elif index == TAB_STATS:
            self.stats.show_rota(self.snapshot.rota)
        elif index == TAB_HANDOVER:
            self.handover.reload_choices()

    def refresh_cell(self, day: dt.date, post_id: int, shift_id: int):
        self.reload()
        index = self.model.index_of(day, post_id, shift_id)
        return self.model.cell(index.row(), index.column()) if index.isValid() else None

    # -- generating --------------------------------------------------------------

    def generate(self) -> GenerateDialog:
        """Open 自动排班 without blocking the window (show(), not open(): open() is window-modal);
        a second Ctrl+G while it is open brings the same dialog forward."""
        running = self._generate_dialog
        if running is not None and running.isVisible():
            running.raise_()
            running.activateWindow()
            return running
        first, last = self.period()
        dialog = GenerateDialog(first, last, self, today=self._today)
        dialog.applied.connect(self._generated)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda *_: setattr(self, "_generate_dialog", None))
        self.dialog = self._generate_dialog = dialog
        dialog.show()
        return dialog

    # -- editing -----------------------------------------------------------------

    def edit_cell(self, cell) -> CellEditor:
        key = (cell.day, cell.lane.post.id, cell.lane.shift.id)
        before = rota_restore.capture_slot(*key)
        editor = CellEditor(cell, active_members(cell.day), lambda: self.refresh_cell(*key), self)
        label = f"{cell.day:%m-%d} {cell.lane.post.name} {cell.lane.shift.name}"
        editor.finished.connect(lambda *_: self._cell_edited(label, before))
        editor.finished.connect(editor.deleteLater)
        self.dialog = editor
        editor.open()
        return editor

    def _pick_one(self, cell, title: str):
        """The one assignment of *cell*; asks which when it has several."""
        if len(cell.assignments) <= 1:
            return cell.assignments[0] if cell.assignments else None
        names = cell.names()
        name, ok = QInputDialog.getItem(self, title, f"{cell.lane.post.name} {cell.lane.shift.name}：选择一人", names, 0, False)
        return cell.assignments[names.index(name)] if ok and name in names else None

    def _edit(self, action, label: str = "", ids=(), message: str = "") -> bool:
        """Run an edit of the assignments *ids*; with a *label* 撤销 can take it back."""
        before = rota_restore.capture_rows(ids)
        try:
            action()
        except Exception as exc:
            if not duty_refusal(exc):
                raise
            QMessageBox.warning(self, "值班排班", str(exc))
            return False
        self.reload()
        if label:
            after = rota_restore.capture_rows(ids)
            self.page_undo.push(label, lambda: rota_restore.revert_rows(before, after), message,
                                f"已撤销：{label}")
        return True

    def swap_selected(self) -> bool:
        from ...duty import edits

        cells = self.grid.selected_cells()
        if len(cells) != 2 or not all(c.assignments for c in cells):
            QMessageBox.information(self, "交换", "请按住 Ctrl 点选两个有人的格子，再点“交换”。")
            return False
        a = self._pick_one(cells[0], "交换")
        b = self._pick_one(cells[1], "交换") if a is not None else None
        if a is None or b is None:
            return False
        words = f"交换 {a.member.name} ⇄ {b.member.name}"
        return self._edit(lambda: edits.swap(a.id, b.id), words, (a.id, b.id),
                          f"已交换：{a.member.name} ⇄ {b.member.name}")

    def toggle_pin(self) -> None:
        """Pin every assignment in the selected cells, or unpin them all if all are pinned."""
        from ...duty import edits

        chosen = [a for c in self.grid.selected_cells() for a in c.assignments]
        if not chosen:
            return
        pin = not all(a.pinned for a in chosen)
        names = "、".join(dict.fromkeys(a.member.name for a in chosen))
        words = f"{'固定' if pin else '取消固定'} {names}"
        self._edit(lambda: [edits.set_pinned(a.id, pin) for a in chosen], words, [a.id for a in chosen],
                   f"已{words}")

    # -- 找人替班 ------------------------------------------------------------------------

    def find_replacement(self):
        """The best replacements for the person in the current cell (asks which if several)."""
        from .replacement_dialog import ReplacementDialog

        cell = self.grid.current_cell()
        if cell is None or not cell.assignments:
            QMessageBox.information(self, "找人替班", "请先选中一个有人的格子，再点“找人替班”（Ctrl+R）。")
            return None
        assignment = self._pick_one(cell, "找人替班")
        if assignment is None:
            return None
        dialog = ReplacementDialog(assignment, self)
        before = rota_restore.capture_rows([assignment.id])
        dialog.replaced.connect(lambda *args: self._replaced(before, *args))
        return self._open(dialog)

    def replace_person(self, member_id: int | None = None, first: dt.date | None = None,
                       last: dt.date | None = None):
        """为某人找替班 over *first*..*last* (default: the shown days from today on), the current
        cell's person proposed when none is given."""
        from .person_replacement import PersonReplacementDialog

        cell = self.grid.current_cell()
        if member_id is None and cell is not None and cell.assignments:
            member_id = cell.assignments[0].member_id
        if first is None or last is None:
            first, last = self.period()
        dialog = PersonReplacementDialog(active_members(), max(first, self.today()), max(last, self.today()),
                                         self, today=self._today, member_id=member_id)
        dialog.applied.connect(self._person_replaced)
        return self._open(dialog)

    # -- setup and handover --------------------------------------------------------

    def edit_posts(self):
        from .setup_posts import PostsDialog

        return self._open(PostsDialog(self, self.page_undo))

    def edit_absences(self):
        from .availability_dialog import AvailabilityDialog

        dialog = AvailabilityDialog(active_members(), self.today(), self, self.page_undo)
        dialog.replace_requested.connect(self.replace_person)
        return self._open(dialog)

    def edit_preferences(self):
        from .preferences_dialog import PreferencesDialog

        return self._open(PreferencesDialog(active_members(), self))

    def _open(self, dialog):
        dialog.finished.connect(lambda *_: self.reload())
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_current_handover(self) -> None:
        cell = self.grid.current_cell()
        if cell is not None:
            self.open_handover(cell.day, cell.lane.post.id, cell.lane.shift.id)
        else:
            self.tabs.setCurrentIndex(TAB_HANDOVER)

    def open_handover(self, day: dt.date, post_id: int, shift_id: int) -> None:
        self.tabs.setCurrentIndex(TAB_HANDOVER)
        self.handover.open_slot(day, post_id, shift_id)
