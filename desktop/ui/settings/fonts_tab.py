"""设置 → 报表字体: which font file prints each role of the official layout, and choosing another."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...reports.fontfind import ROLE_LABELS, ROLES
from ..widgets import role_label

log = logging.getLogger(__name__)

INTRO = ("打印报表（PDF）所用的字体。未选择时，依次使用本机的公文字体（仿宋、黑体、楷体、方正小标宋）"
         "和程序自带的开源字体（Noto，SIL OFL）。所用字体都会嵌入 PDF，在任何电脑和打印机上效果相同。")
SAMPLE = "中国共产党临时支部 2022年4月13日"


class FontsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        intro = role_label(INTRO, "hint", self)
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.chosen_labels: dict[str, QLabel] = {}
        self.samples: dict[str, QLabel] = {}
        self.pick_buttons: dict[str, QPushButton] = {}
        self.reset_buttons: dict[str, QPushButton] = {}
        for row, role in enumerate(ROLES):
            grid.addWidget(QLabel(ROLE_LABELS[role] + "：", self), 2 * row, 0)
            chosen = QLabel(self)
            chosen.setWordWrap(True)
            sample = role_label("", "hint", self)
            pick = QPushButton("选择字体文件…", self)
            reset = QPushButton("恢复默认", self)
            pick.clicked.connect(lambda _=False, r=role: self.pick(r))
            reset.clicked.connect(lambda _=False, r=role: self.reset(r))
            grid.addWidget(chosen, 2 * row, 1)
            grid.addWidget(pick, 2 * row, 2)
            grid.addWidget(reset, 2 * row, 3)
            grid.addWidget(sample, 2 * row + 1, 1, 1, 3)
            self.chosen_labels[role], self.samples[role] = chosen, sample
            self.pick_buttons[role], self.reset_buttons[role] = pick, reset
        grid.setColumnStretch(1, 1)
        self.current = QLabel(self)
        self.current.setWordWrap(True)
        self.current.setObjectName("fontsInUse")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(QLabel("报表当前使用：", self))
        layout.addWidget(self.current)
        layout.addStretch(1)
        self._families: dict[str, str] = {}  # font file -> Qt family, for the samples
        self.loaded = False  # looking for system fonts takes a moment: done when first shown

    def showEvent(self, event) -> None:
        if not self.loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        from ...reports import font_choice  # with reportlab: only once the tab is shown

        self.loaded = True
        chosen = font_choice.load_choices()
        for role in ROLES:
            font = chosen.get(role)
            label = self.chosen_labels[role]
            if font is None:
                label.setText("未选择（使用默认字体）")
                self.samples[role].setText("")
            else:
                missing = "" if font.path.is_file() else "（文件已不存在，报表将改用默认字体）"
                label.setText(f"{font.family or font.path.stem}　{font.path}{missing}")
                self._show_sample(role, font.path)
            self.reset_buttons[role].setEnabled(font is not None)
        try:
            lines = font_choice.font_set().describe()
        except Exception as exc:
            log.warning("describing fonts failed: %s", exc, exc_info=True)  # the traceback to the kept log
            lines = [f"无法读取字体信息：{exc}"]
        self.current.setText("\n".join(lines))

    def _show_sample(self, role: str, path: Path) -> None:
        """The sample line in the chosen font, so the user sees what will print."""
        key = str(path)
        if key not in self._families and path.is_file():
            font_id = QFontDatabase.addApplicationFont(key)
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            self._families[key] = families[0] if families else ""
        family = self._families.get(key, "")
        sample = self.samples[role]
        if family:
            sample.setFont(QFont(family, 14))
            sample.setText(SAMPLE)
        else:
            sample.setText("")

    def pick(self, role: str) -> None:
        from ...reports import font_choice

        path, _ = QFileDialog.getOpenFileName(
            self, f"选择{ROLE_LABELS[role]}字体", "", "字体文件 (*.ttf *.ttc *.otf *.otc);;所有文件 (*)")
        if not path:
            return
        try:
            names = font_choice.faces(path)
            index = 0
            if len(names) > 1:
                name, ok = QInputDialog.getItem(self, "选择字体", "该文件包含多个字体，请选择一个：", names, 0, False)
                if not ok:
                    return
                index = names.index(name)
            # Tried for real in a child process (at most fontprobe.PROBE_SECONDS): a garbled
            # file is refused here instead of hanging every report later.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                font = font_choice.check_font(role, path, index)
            finally:
                QApplication.restoreOverrideCursor()
        except font_choice.FontChoiceError as exc:
            QMessageBox.warning(self, "报表字体", str(exc))
            return
        try:
            font_choice.set_choice(role, font)
        except OSError as exc:
            QMessageBox.warning(self, "报表字体", f"无法保存字体设置：{exc}")
            return
        if Path(path).suffix.lower() in (".otf", ".otc") and not _is_truetype(font):
            QMessageBox.information(
                self, "报表字体", f"“{font.family}”是 OpenType（CFF）字体，PDF 只能嵌入 TrueType 轮廓。"
                "下次启动时程序会在后台转换并保存转换结果（状态栏显示进度，约需半分钟），以后不再需要。")
        self.refresh()

    def reset(self, role: str) -> None:
        from ...reports import font_choice

        try:
            font_choice.set_choice(role, None)
        except OSError as exc:
            QMessageBox.warning(self, "报表字体", f"无法保存字体设置：{exc}")
            return
        self.refresh()


def _is_truetype(font) -> bool:
    from ...reports.fontconvert import is_truetype

    return is_truetype(font.path, font.index)
