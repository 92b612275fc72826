"""Add or edit one member. Problems are shown beside the fields; nothing is saved until all are fixed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...models import Member
from ...models.choices import (
    BRANCH_ROLES,
    ETHNICITIES,
    GENDERS,
    HEALTH_STATUSES,
    PARTY_STATUSES,
    POLITICAL_STATUSES,
)
from ...roster import service
from ...roster.dates import DateParseError, format_partial
from ...roster.fields import LABELS
from ...roster.validation import (
    Problem,
    id_birth_month,
    id_gender,
    normalize_id_number,
    normalize_phone,
    validate_member,
)
from ..safety.draft_autosave import DraftAutosave
from ..widgets import STATE_STYLE, repolish, role_label, set_invalid
from .field_inputs import FullDateInput, HintedLineEdit, IdNumberInput, PartialDateInput
from .table_model import format_date

# Visual order: left column, right column, then notes. Tab order and "first bad field" follow it.
FIELD_ORDER = (
    "name", "gender", "birth_date", "ethnicity", "id_number",
    "political_status", "party_joined", "home_org",
    "unit", "unit_post", "branch_role", "team", "phone",
    "arrived_on", "departed_on", "health_status",
    "notes",
)
PARTIAL_DATES = ("birth_date", "party_joined")
FULL_DATES = ("arrived_on", "departed_on")


def _choice_combo(values) -> QComboBox:
    combo = QComboBox()
    combo.addItems(["", *values])  # the blank item lets a field be left unfilled
    return combo


def _editable_combo(values, placeholder: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(values))
    combo.lineEdit().setPlaceholderText(placeholder)
    completer = QCompleter(list(values), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    return combo


class MemberDialog(QDialog):
    """MemberDialog(member=None, parent=None): member None adds a new one.

    After acceptance, saved_member holds the saved Member.
    """

    def __init__(self, member: Member | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._member = member
        self.saved_member: Member | None = None
        self.inputs: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.setWindowTitle("新增成员" if member is None else f"编辑成员：{member.name}")
        self.setStyleSheet(STATE_STYLE)
        self._build()
        self._load(service.member_values(member) if member is not None else {"ethnicity": "汉族"})
        self._initial = self._snapshot()
        self.inputs["name"].setFocus()
        # Typing survives a crash: kept as a draft, offered back when the dialog reopens.
        self.autosave = DraftAutosave(
            self, "member", str(member.id) if member is not None else "new",
            lambda: {"fields": {k: self._text(k) for k in FIELD_ORDER}}, self._apply_draft,
            is_dirty=self.is_dirty,
        )

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QFrame(self)
        self.summary.setObjectName("problemSummary")
        self.summary_label = role_label("", "error", self.summary)
        self.summary_label.setWordWrap(True)
        summary_layout = QVBoxLayout(self.summary)
        summary_layout.addWidget(self.summary_label)
        self.summary.hide()

        party_joined = PartialDateInput()
        id_number = IdNumberInput()
        id_number.recognized.connect(self._fill_from_id_number)
        left = QVBoxLayout()
        left.addWidget(self._group("基本信息", [
            ("name", QLineEdit()),
            ("gender", _choice_combo(GENDERS)),
            ("birth_date", PartialDateInput()),
            ("ethnicity", _editable_combo([*ETHNICITIES, "其他"])),
            ("id_number", id_number),
        ]))
        left.addWidget(self._group("政治面貌", [
            ("political_status", _choice_combo(POLITICAL_STATUSES)),
            ("party_joined", party_joined),
            ("home_org", QLineEdit()),
        ]))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._group("工作信息", [
            ("unit", _editable_combo(service.units(), "如 市市场监督管理局")),
            ("unit_post", QLineEdit()),
            ("branch_role", _choice_combo(BRANCH_ROLES)),
            ("team", _editable_combo([t.name for t in service.teams()], "如 第一小分队")),
            ("phone", QLineEdit()),
        ]))
        right.addWidget(self._group("在岗情况", [
            ("arrived_on", FullDateInput()),
            ("departed_on", FullDateInput()),
            ("health_status", _choice_combo(HEALTH_STATUSES)),
        ]))
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        notes_box = self._group("备注", [("notes", notes)], with_labels=False)

        self.inputs["name"].setPlaceholderText("必填")
        self.inputs["phone"].setPlaceholderText("11 位手机号或 0436-1234567")
        self.inputs["political_status"].currentTextChanged.connect(self._update_party_fields)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primaryButton")
        repolish(self.save_button)  # addButton() already polished it under its old name
        self.save_button.setToolTip("保存（Ctrl+S）")
        self.save_button.setDefault(True)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setToolTip("取消（Esc）")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        note = role_label("只有姓名必填；其余信息缺少时，花名册中标记为“待完善”，可以以后补充。")
        note.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(columns)
        layout.addWidget(notes_box)
        layout.addLayout(bottom)
        self._set_tab_order()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 62)

    def _group(self, title: str, rows: list[tuple[str, QWidget]], with_labels: bool = True) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, widget in rows:
            self.inputs[key] = widget
            error = role_label("", "error")
            error.setWordWrap(True)
            error.hide()
            self.error_labels[key] = error
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(widget)
            cell_layout.addWidget(error)
            if with_labels:
                form.addRow(self._label(key), cell)
            else:
                form.addRow(cell)
            self._changed_signal(widget).connect(lambda *_, k=key: self._clear_problem(k))
        return box

    def _label(self, key: str) -> QLabel:
        # One label width in every group so the fields line up; the long one wraps.
        text = "组织关系\n所在党组织" if key == "home_org" else LABELS[key]
        label = QLabel(text)
        label.setFixedWidth(self.fontMetrics().horizontalAdvance("所在党组织") + 8)
        return label

    @staticmethod
    def _changed_signal(widget: QWidget):
        if isinstance(widget, HintedLineEdit):
            return widget.line_edit.textChanged
        if isinstance(widget, QComboBox):
            return widget.currentTextChanged
        return widget.textChanged

    @staticmethod
    def _editor(widget: QWidget) -> QWidget:
        """The widget that takes focus and shows the red border."""
        return widget.line_edit if isinstance(widget, HintedLineEdit) else widget

    def _set_tab_order(self) -> None:
        chain = [self._editor(self.inputs[k]) for k in FIELD_ORDER]
        chain += [self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- values ----------------------------------------------------------------

    def _text(self, key: str) -> str:
        widget = self.inputs[key]
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        return widget.text().strip()

    def _set_text(self, key: str, text: str) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.setCurrentIndex(-1)
                widget.setEditText(text)
                return
            if widget.findText(text) < 0:
                widget.addItem(text)  # an odd imported value stays visible until corrected
            widget.setCurrentIndex(widget.findText(text))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)

    def _load(self, values: dict) -> None:
        for key in FIELD_ORDER:
            value = values.get(key)
            if key in PARTIAL_DATES:
                text = format_partial(value or "")
            elif key in FULL_DATES:
                text = format_date(value)
            else:
                text = value or ""
            self._set_text(key, text)
        self._update_party_fields()

    def _apply_draft(self, payload: dict) -> None:
        fields = payload.get("fields") or {}
        for key in FIELD_ORDER:
            if isinstance(fields.get(key), str):
                self._set_text(key, fields[key])
        self._update_party_fields()

    def _snapshot(self) -> tuple:
        return tuple(self._text(k) for k in FIELD_ORDER)

    def is_dirty(self) -> bool:
        return self._snapshot() != self._initial

    def values(self) -> tuple[dict, list[Problem]]:
        """Field values ready for service.save_member, and the dates that could not be read."""
        values: dict = {}
        problems: list[Problem] = []
        for key in FIELD_ORDER:
            widget = self.inputs[key]
            if key in PARTIAL_DATES + FULL_DATES:
                empty = "" if key in PARTIAL_DATES else None
                if not widget.isEnabled():
                    values[key] = empty
                    continue
                try:
                    values[key] = widget.value()
                except DateParseError as exc:
                    problems.append(Problem(key, str(exc)))
                    values[key] = empty
            elif key == "phone":
                values[key] = normalize_phone(self._text(key))
            elif key == "id_number":
                values[key] = normalize_id_number(self._text(key))
            else:
                values[key] = self._text(key)
        return values, problems

    def _update_party_fields(self, *_) -> None:
        party = self._text("political_status") in PARTY_STATUSES
        joined = self.inputs["party_joined"]
        joined.setEnabled(party)
        joined.line_edit.setPlaceholderText("如 1995.07" if party else "仅中共党员、预备党员填写")

    def _fill_from_id_number(self, number: str) -> None:
        """A valid ID number carries gender and birth month; fill them if still empty."""
        if not self._text("gender"):
            self._set_text("gender", id_gender(number))
        if not self._text("birth_date"):
            self._set_text("birth_date", format_partial(id_birth_month(number)))

    # -- saving ----------------------------------------------------------------

    def save(self) -> bool:
        values, problems = self.values()
        if problems:
            # Show every problem at once, not just the unreadable dates.
            self.show_problems(problems + validate_member(values))
            return False
        if not self._confirm_secretary(values):
            return False
        try:
            member = service.save_member(values, self._member.id if self._member else None)
        except service.ValidationFailed as exc:
            self.show_problems(exc.problems)
            return False
        self.saved_member = member
        self._initial = self._snapshot()
        self.autosave.discard()
        self.accept()
        return True

    def _confirm_secretary(self, values: dict) -> bool:
        if values.get("branch_role") != "书记":
            return True
        current = service.secretary()
        if current is None or (self._member is not None and current.id == self._member.id):
            return True
        demoted = "党员" if current.political_status in PARTY_STATUSES else "志愿者"
        answer = QMessageBox.question(
            self, "更换书记",
            f"“{current.name}”目前是支部书记。\n保存后由“{values['name']}”担任书记，"
            f"“{current.name}”的支部职务将改为“{demoted}”。\n\n确定保存吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_problems(self, problems: list[Problem]) -> None:
        self._clear_all_problems()
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        for key, messages in by_field.items():
            if key in self.inputs:
                widget = self.inputs[key]
                if isinstance(widget, HintedLineEdit):
                    widget.hint.hide()  # the message below says it; don't say it twice
                set_invalid(self._editor(widget), True)
                self.error_labels[key].setText("；".join(messages))
                self.error_labels[key].show()
        lines = "\n".join(f"· {p}" for p in problems)
        self.summary_label.setText(f"请修正以下 {len(problems)} 处问题：\n{lines}")
        self.summary.show()
        first = next((k for k in FIELD_ORDER if k in by_field), None)
        if first:
            editor = self._editor(self.inputs[first])
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(editor, QLineEdit):
                editor.selectAll()

    def _clear_problem(self, key: str) -> None:
        widget = self.inputs[key]
        if isinstance(widget, HintedLineEdit):
            widget.hint.show()
        set_invalid(self._editor(widget), False)
        self.error_labels[key].hide()
        if not any(not label.isHidden() for label in self.error_labels.values()):
            self.summary.hide()

    def _clear_all_problems(self) -> None:
        for key in FIELD_ORDER:
            self._clear_problem(key)

    def problem_texts(self) -> dict[str, str]:
        """Field key -> the message shown under it (for tests and screen readers)."""
        return {k: lbl.text() for k, lbl in self.error_labels.items() if not lbl.isHidden()}

    # -- closing ---------------------------------------------------------------

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self, "放弃修改", "填写的内容还没有保存，确定放弃吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.autosave.discard()
        super().reject()
