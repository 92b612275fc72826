"""设置: the branch profile with its committee, the database file, backups and report fonts."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import branch_profile
from ...models import LATEST, db, schema_version
from ...roster.service import ValidationFailed
from ...safety.config import backup_folder
from ..safety.safety_tab import SafetyTab
from .branch_profile_form import BranchProfileForm
from .committee_editor import CommitteeEditor
from .fonts_tab import FontsTab


class BranchInfoTab(QWidget):
    """支部信息: profile and committee, saved together by one button."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = BranchProfileForm(self)
        self.committee = CommitteeEditor(self)
        self._loaded_profile: dict = {}

        profile_box = QGroupBox("基本信息", self)
        QVBoxLayout(profile_box).addWidget(self.form)
        committee_box = QGroupBox("支部委员会", self)
        QVBoxLayout(committee_box).addWidget(self.committee)

        columns = QHBoxLayout()
        columns.addWidget(profile_box, 3)
        columns.addWidget(committee_box, 2)
        content = QWidget(self)
        content.setObjectName("pageContent")
        inner = QVBoxLayout(content)
        inner.addLayout(columns)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        self.status = QLabel(self)
        self.status.setProperty("role", "hint")
        self.save_button = QPushButton("保存", self)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip("保存支部信息和支部委员会（Ctrl+S）")
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

        self.form.changed.connect(self._update_state)
        self.committee.changed.connect(self._update_state)
        self.load()

    def load(self) -> None:
        self.form.set_values(branch_profile.load_profile())
        self._loaded_profile = self.form.values()
        self.committee.load()
        self._update_state()

    def profile_dirty(self) -> bool:
        return self.form.values() != self._loaded_profile

    def is_dirty(self) -> bool:
        return self.profile_dirty() or self.committee.is_dirty()

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        if dirty:
            self.status.setText("有未保存的修改")
        elif self.status.text() == "有未保存的修改":
            self.status.clear()

    def save(self) -> bool:
        """Check everything, then write profile and committee in one transaction."""
        values = self.form.values()
        problems = branch_profile.validate_profile(values)
        committee_dirty = self.committee.is_dirty()
        committee_problems = self.committee.problems() if committee_dirty else []
        self.form.show_problems(problems)
        self.committee.show_problems(committee_problems)
        if problems or committee_problems:
            self.status.setText("未保存：请先改正标红的内容")
            return False
        assignments = self.committee.assignments() if committee_dirty else None
        try:
            branch_profile.save_profile(values, assignments)
        except branch_profile.ProfileInvalid as exc:
            self.form.show_problems(exc.problems)
            self.status.setText("未保存：请先改正标红的内容")
            return False
        except ValidationFailed as exc:
            self.committee.show_problems([p.message for p in exc.problems])
            self.status.setText("未保存：请先改正标红的内容")
            return False
        self.load()
        self.status.setText("已保存")
        self.saved.emit()
        return True


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class DataTab(QWidget):
    """数据: where the file is and what it holds; backup and restore come later."""

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.path_label = QLabel(str(self.db_path), self)
        self.size_label = QLabel(self)
        self.version_label = QLabel(self)
        self.backup_label = QLabel(str(backup_folder(self.db_path)), self)
        for label in (self.path_label, self.backup_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("打开所在文件夹", self)
        self.open_button.clicked.connect(self.open_folder)

        form = QFormLayout()
        form.addRow("数据库文件：", self.path_label)
        form.addRow("文件大小：", self.size_label)
        form.addRow("数据结构版本：", self.version_label)
        form.addRow("备份文件夹：", self.backup_label)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        # The write-ahead log holds recent changes until SQLite folds them in.
        files = (self.db_path, self.db_path.with_name(self.db_path.name + "-wal"))
        size = sum(f.stat().st_size for f in files if f.exists())
        self.size_label.setText(_size_text(size))
        self.version_label.setText(f"{schema_version(db)}（本程序支持 {LATEST}）")
        self.backup_label.setText(str(backup_folder(self.db_path)))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db_path.parent)))


class SettingsPage(QTabWidget):
    saved = Signal()
    restored = Signal()  # a backup replaced the live database: every page must reload

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.info = BranchInfoTab(self)
        self.data = DataTab(db_path, self)
        self.addTab(self.info, "支部信息")
        self.addTab(self.data, "数据")
        self.safety = SafetyTab(db_path, self)
        self.addTab(self.safety, "数据安全")
        self.fonts = FontsTab(self)
        self.addTab(self.fonts, "报表字体")
        self.info.saved.connect(self.saved)
        self.info.saved.connect(self.data.refresh)
        self.safety.restored.connect(self.restored)
        self.safety.folder_changed.connect(self.data.refresh)

    def has_unsaved_changes(self) -> bool:
        return self.info.is_dirty()

    def save(self) -> bool:
        return self.info.save()

    def reload(self) -> None:
        """After a restore: what is on screen must be what is in the database now."""
        self.info.load()
        self.data.refresh()
        self.safety.refresh()

    def on_shown(self) -> None:
        """Called when the page comes to the front: the roster may have changed meanwhile."""
        if not self.info.is_dirty():
            self.info.load()
        self.data.refresh()
        self.safety.refresh()
