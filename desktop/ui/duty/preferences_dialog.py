"""值班偏好: per-member limits (weekly hours, no nights) and wishes (preferred post,
avoid nights) that the automatic rota respects. Every change is saved at once."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHeaderView, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...rotation import setup
from ..widgets import role_label

HEADERS = ("姓名", "每周最多（小时）", "不排夜班", "尽量少排夜班", "首选值守点")
COL_NAME, COL_HOURS, COL_NO_NIGHTS, COL_AVOID, COL_POST = range(len(HEADERS))


class PreferencesDialog(QDialog):
    """PreferencesDialog(members, parent): one row per member; edits are saved immediately."""

    def __init__(self, members: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("值班偏好与限制")
        self.resize(720, 460)
        self.members = list(members)
        self.posts = setup.posts()
        self._loading = False
        self.error_label = role_label("", "error", self)
        self.table = QTableWidget(len(self.members), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        prefs = setup.preferences_of(m.id for m in self.members)  # one query, not one per row
        for row, member in enumerate(self.members):
            self._fill(row, member, prefs[member.id])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(role_label(
            "“每周最多”和“不排夜班”是硬性限制；“尽量少排夜班”和“首选值守点”在公平的前提下尽量满足。"
            "每周最多为 0 表示不限。修改后立即保存，下次自动排班时生效。", "hint", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(close)

    def _fill(self, row: int, member, pref) -> None:
        self._loading = True
        name = QTableWidgetItem(member.name)
        name.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, COL_NAME, name)
        hours = QSpinBox(self.table)
        hours.setRange(0, 168)
        hours.setSpecialValueText("不限")
        hours.setValue(pref.max_hours_per_week or 0)
        no_nights = QCheckBox(self.table)
        no_nights.setChecked(bool(pref.no_nights))
        avoid = QCheckBox(self.table)
        avoid.setChecked(bool(pref.avoid_nights))
        avoid.setEnabled(not pref.no_nights)
        post = QComboBox(self.table)
        post.addItem("（无）", None)
        for p in self.posts:
            post.addItem(p.name, p.id)
        post.setCurrentIndex(max(0, post.findData(pref.preferred_post_id)))
        for widget, column in ((hours, COL_HOURS), (no_nights, COL_NO_NIGHTS), (avoid, COL_AVOID), (post, COL_POST)):
            self.table.setCellWidget(row, column, widget)
        hours.valueChanged.connect(lambda *_, r=row: self.save_row(r))
        no_nights.toggled.connect(lambda *_, r=row: self.save_row(r))
        avoid.toggled.connect(lambda *_, r=row: self.save_row(r))
        post.currentIndexChanged.connect(lambda *_, r=row: self.save_row(r))
        self._loading = False

    def widgets(self, row: int) -> tuple[QSpinBox, QCheckBox, QCheckBox, QComboBox]:
        return tuple(self.table.cellWidget(row, c) for c in (COL_HOURS, COL_NO_NIGHTS, COL_AVOID, COL_POST))

    def save_row(self, row: int) -> bool:
        if self._loading:
            return False
        hours, no_nights, avoid, post = self.widgets(row)
        avoid.setEnabled(not no_nights.isChecked())
        try:
            setup.set_preferences(
                self.members[row].id,
                max_hours_per_week=hours.value() or None,
                no_nights=no_nights.isChecked(),
                avoid_nights=avoid.isChecked(),
                preferred_post_id=post.currentData(),
            )
        except setup.DutySetupError as exc:
            self.error_label.setText(f"{self.members[row].name}：{exc}")
            return False
        self.error_label.setText("")
        return True
