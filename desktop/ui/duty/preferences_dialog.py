"""值班偏好: per-member limits (weekly hours, no nights) and wishes (preferred post,
avoid nights) that the automatic rota respects. Every change is saved at once.

One table view over PreferencesModel; editors exist only while a cell is edited (400
people used to mean 1,600 cell widgets), a filter box finds a person by name or initials.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..widgets import role_label
from .preferences_model import (
    CHECK_COLUMNS,
    COL_HOURS,
    COL_NAME,
    COL_POST,
    HEADERS,
    MAX_HOURS,
    UNLIMITED,
    PreferencesFilter,
    PreferencesModel,
)

HINT = ("“每周最多”和“不排夜班”是硬性限制；“尽量少排夜班”和“首选值守点”在公平的前提下尽量满足。"
        "每周最多为 0 表示不限。修改后立即保存，下次自动排班时生效。"
        "双击单元格或按 F2 修改，空格键勾选。")


class CentredCheckDelegate(QStyledItemDelegate):
    """A check-state cell with its box in the middle (Qt puts it at the left edge); a click
    on the box or Space toggles it, as QStyledItemDelegate does."""

    @staticmethod
    def _style(option: QStyleOptionViewItem) -> QStyle:
        return option.widget.style() if option.widget else QApplication.style()

    def check_rect(self, option: QStyleOptionViewItem) -> QRect:
        style = self._style(option)
        size = QSize(style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, option.widget),
                     style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, option.widget))
        return QStyle.alignedRect(option.direction, Qt.AlignmentFlag.AlignCenter, size, option.rect)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        checked = opt.checkState == Qt.CheckState.Checked
        style = self._style(opt)
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background, focus
        box = QStyleOptionViewItem(opt)
        box.rect = self.check_rect(opt)
        box.state = (opt.state & ~QStyle.StateFlag.State_HasFocus) | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, opt.widget)

    def editorEvent(self, event, model, option, index) -> bool:
        flags = index.flags()
        if not flags & Qt.ItemFlag.ItemIsUserCheckable or not flags & Qt.ItemFlag.ItemIsEnabled:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick):
            if event.button() != Qt.MouseButton.LeftButton or not self.check_rect(option).contains(
                    event.position().toPoint()):
                return False
            if kind != QEvent.Type.MouseButtonRelease:
                return True  # the release toggles; a double click must not toggle twice
        elif kind != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        return model.setData(index, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)


class HoursDelegate(QStyledItemDelegate):
    """每周最多: a spin box 0–168, 0 shown as 不限."""

    def createEditor(self, parent, option, index) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_HOURS)
        spin.setSpecialValueText(UNLIMITED)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return spin

    def setEditorData(self, editor: QSpinBox, index) -> None:
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))

    def setModelData(self, editor: QSpinBox, model, index) -> None:
        editor.interpretText()  # typed digits not yet taken in
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class PostDelegate(QStyledItemDelegate):
    """首选值守点: a combo box of （无） and the posts; its list opens at once and a pick is
    saved and closes the editor."""

    def __init__(self, choices: Callable[[], list[tuple[str, int | None]]], parent=None):
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent, option, index) -> QComboBox:
        combo = QComboBox(parent)
        for name, post_id in self._choices():
            combo.addItem(name, post_id)
        combo.activated.connect(lambda _number, c=combo: self._picked(c))
        QTimer.singleShot(0, combo, combo.showPopup)  # context: no call once the editor is gone
        return combo

    def _picked(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QComboBox, index) -> None:
        ids = [post_id for _name, post_id in self._choices()]
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(ids.index(value) if value in ids else 0)

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreferencesDialog(QDialog):
    """PreferencesDialog(members, parent): one row per member; edits are saved immediately."""

    def __init__(self, members: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("值班偏好与限制")
        self.resize(760, 540)
        self.model = PreferencesModel(self)
        self.proxy = PreferencesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("查找人员：姓名、拼音或首字母（如 zs）")
        self.filter_edit.setClearButtonEnabled(True)
        self.only_set_check = QCheckBox("只看有限制或意愿的", self)
        self.count_label = role_label("", "hint", self)
        self.error_label = role_label("", "error", self)
        self.table = self._build_table()
        self.model.load(members)  # sorted by name once, as the header shows
        self._size_columns()
        self.filter_edit.textChanged.connect(lambda text: self._filter(text=text))
        self.filter_edit.returnPressed.connect(self._to_table)
        self.only_set_check.toggled.connect(lambda on: self._filter(only_set=on))
        self.model.saved.connect(self._saved)
        self.model.refused.connect(self.error_label.setText)
        self._update_count()

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText("关闭")
        close_button.setAutoDefault(False)  # Enter in the filter or an editor must not close the dialog
        close.rejected.connect(self.reject)
        hint = role_label(HINT, "hint", self)
        hint.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.only_set_check)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(close)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.proxy)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        check = CentredCheckDelegate(table)
        for column in CHECK_COLUMNS:
            table.setItemDelegateForColumn(column, check)
        table.setItemDelegateForColumn(COL_HOURS, HoursDelegate(table))
        table.setItemDelegateForColumn(COL_POST, PostDelegate(self.model.post_choices, table))
        table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # the model sorts (RowSortProxy), stable from pinyin order
        return table

    def _size_columns(self) -> None:
        """Fixed widths worked out once: the header text (Chinese, with the sort arrow) or the
        widest name / post, whichever is wider. ResizeToContents would ask every cell again
        after each sort and filter."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16

        def widest(texts) -> int:
            return max((metrics.horizontalAdvance(t) for t in texts), default=0) + pad

        content = {COL_NAME: widest(r.member.name for r in self.model.rows()),
                   COL_HOURS: widest([UNLIMITED, str(MAX_HOURS)]) + 40,  # the spin box's arrows
                   COL_POST: widest(name for name, _id in self.model.post_choices()) + 30}  # the combo's arrow
        for column in range(len(HEADERS)):
            header.resizeSection(column, max(header.sectionSizeHint(column), content.get(column, 0)))
        self.table.verticalHeader().setDefaultSectionSize(max(metrics.height() + 14, 28))  # room for the editors

    def _filter(self, text: str | None = None, only_set: bool | None = None) -> None:
        self.proxy.set_filter(text=text, only_set=only_set)
        self._update_count()

    def _to_table(self) -> None:
        """Enter in the filter box: on to the first match's hours."""
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.proxy.index(0, COL_HOURS))

    def _saved(self, _row) -> None:
        self.error_label.setText("")
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = f"共 {total} 人，其中 {self.model.with_settings()} 人有限制或意愿"
        self.count_label.setText(text if shown == total else f"显示 {shown} 人 · {text}")

    def index_of(self, name: str, column: int) -> QModelIndex:
        """The table's index of *name*'s cell in *column* (invalid when filtered out)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, COL_NAME).data() == name:
                return self.proxy.index(row, column)
        return QModelIndex()

    def names(self) -> list[str]:
        """The names as the table shows them, top to bottom."""
        return [self.proxy.index(row, COL_NAME).data() for row in range(self.proxy.rowCount())]
