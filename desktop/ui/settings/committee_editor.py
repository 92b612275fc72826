"""The branch committee: a secretary and a small table of members with their roles.

Only Party members still on duty are offered; the roles live on the members
themselves (branch_role), so saving goes through service.set_committee.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ... import branch_profile
from ...roster import service

NO_SECRETARY = "（未指定）"
CHOOSE_MEMBER = "请选择……"


class CommitteeEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._labels: dict[int, str] = {}
        self._names: dict[int, str] = {}
        self._loaded: tuple = (None, [])

        self.secretary = QComboBox(self)
        self.secretary.currentIndexChanged.connect(lambda _i: self._edited())
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("书记：", self.secretary)

        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["姓名", "职务"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 120)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setMinimumHeight(170)

        self.add_button = QPushButton("添加委员", self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("移除", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        self.hint = QLabel("只列出在岗的中共党员和预备党员。保存后，委员的“支部职务”随之更新。", self)
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(QLabel("其他委员：", self))
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._update_buttons()

    # --- loading --------------------------------------------------------------

    def load(self) -> None:
        """Read candidates and the current committee from the database; not a change."""
        candidates = branch_profile.committee_candidates()
        secretary_id, rows = branch_profile.current_committee()
        self._names = {m.id: m.name for m in candidates}
        self._labels = {m.id: self._label(m) for m in candidates}
        # A committee member who is no longer a candidate still shows, so the table tells the truth.
        for member in service.committee():
            self._names.setdefault(member.id, member.name)
            self._labels.setdefault(member.id, f"{self._label(member)}（非在岗党员）")

        self.blockSignals(True)
        try:
            self.secretary.clear()
            self.secretary.addItem(NO_SECRETARY, None)
            for member_id, label in self._labels.items():
                self.secretary.addItem(label, member_id)
            self.secretary.setCurrentIndex(max(self.secretary.findData(secretary_id), 0))
            self.table.setRowCount(0)
            for member_id, role in rows:
                self._append_row(member_id, role)
        finally:
            self.blockSignals(False)
        self._loaded = self.state()
        self.show_problems([])
        self._update_buttons()

    @staticmethod
    def _label(member) -> str:
        return f"{member.name}（{member.unit}）" if member.unit else member.name

    def _append_row(self, member_id: int | None, role: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        who = QComboBox(self.table)
        who.addItem(CHOOSE_MEMBER, None)
        for candidate_id, label in self._labels.items():
            who.addItem(label, candidate_id)
        who.setCurrentIndex(max(who.findData(member_id), 0))
        who.currentIndexChanged.connect(lambda _i: self._edited())
        what = QComboBox(self.table)
        what.addItems(branch_profile.MEMBER_ROLES)
        what.setCurrentText(role)
        what.currentIndexChanged.connect(lambda _i: self._edited())
        self.table.setCellWidget(row, 0, who)
        self.table.setCellWidget(row, 1, what)

    # --- editing --------------------------------------------------------------

    def add_row(self) -> None:
        taken = {role for _m, role in self.rows()}
        role = next((r for r in branch_profile.MEMBER_ROLES if r not in taken), branch_profile.MEMBER_ROLES[0])
        self._append_row(None, role)
        self.table.selectRow(self.table.rowCount() - 1)
        self._edited()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._edited()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0 and self.table.rowCount() > 0)

    def _edited(self) -> None:
        if self.error.text():
            self.show_problems([])
        self._update_buttons()
        self.changed.emit()

    # --- reading --------------------------------------------------------------

    def secretary_id(self) -> int | None:
        return self.secretary.currentData()

    def rows(self) -> list[tuple[int | None, str]]:
        return [
            (self.table.cellWidget(r, 0).currentData(), self.table.cellWidget(r, 1).currentText())
            for r in range(self.table.rowCount())
        ]

    def state(self) -> tuple:
        return (self.secretary_id(), self.rows())

    def is_dirty(self) -> bool:
        return self.state() != self._loaded

    def problems(self) -> list[str]:
        return branch_profile.validate_committee(self.secretary_id(), self.rows(), self._names)

    def assignments(self) -> dict[int, str]:
        return branch_profile.committee_assignments(self.secretary_id(), self.rows())

    def offered_names(self) -> list[str]:
        """Names offered as secretary, in order."""
        return [self._names[self.secretary.itemData(i)] for i in range(1, self.secretary.count())]

    def show_problems(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
