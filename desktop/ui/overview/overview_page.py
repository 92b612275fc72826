"""概览: today's duty, open 待办, yesterday's missing diaries, 待完善 roster entries, the last 7 days."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ... import overview
from .cards import CARD_STYLE, OVERDUE, WARNING, Card, figure, fill, table

WEEKDAYS = "一二三四五六日"


def day_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"


def short_day(day: dt.date | None) -> str:
    return f"{day.month}月{day.day}日" if day else "未定"


class OverviewPage(QWidget):
    """Read-only; reload() on every show so it never goes stale. *today* is for tests."""

    open_page = Signal(str)  # a PAGE key of the main window: 'duty', 'meetings', ...

    def __init__(self, parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.setObjectName("pageContent")
        self.setStyleSheet(CARD_STYLE)
        self._today = today
        self.heading = QLabel(self)
        self.heading.setObjectName("cardTitle")
        refresh = QPushButton("刷新", self)
        refresh.clicked.connect(self.reload)

        content = QWidget(self)
        content.setObjectName("pageContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        grid.addWidget(self._build_guide(content), 0, 0, 1, 2)
        grid.addWidget(self._build_figures(content), 1, 0, 1, 2)
        grid.addWidget(self._build_duty(content), 2, 0)
        grid.addWidget(self._build_items(content), 2, 1)
        grid.addWidget(self._build_diaries(content), 3, 0)
        grid.addWidget(self._build_incomplete(content), 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 2)  # the duty table is the longest list
        grid.setRowStretch(3, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        self.reload()

    # --- blocks -----------------------------------------------------------------

    def _linked(self, card: Card, key: str) -> Card:
        card.link_clicked.connect(lambda: self.open_page.emit(key))
        return card

    def _build_guide(self, parent: QWidget) -> Card:
        """开始使用: on a new database, what to do first, each with a button that goes there."""
        self.guide_card = Card("开始使用：先做这三件事", "", parent=parent)
        self.guide_card.empty.hide()
        self.guide_rows: dict[str, tuple[QLabel, QPushButton]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        for row, step in enumerate(overview.FIRST_STEPS):
            label = QLabel(self.guide_card)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            button = QPushButton(step.button, self.guide_card)
            button.clicked.connect(lambda _=False, key=step.page: self.open_page.emit(key))
            grid.addWidget(QLabel(f"{row + 1}.", self.guide_card), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.guide_rows[step.page] = (label, button)
        self.guide_card.body.addLayout(grid)
        hint = QLabel("以后每天：开会记录（会议记录 → 开会，Ctrl+M）、值班交接、收日记，周末出报表。"
                      "菜单“帮助 → 使用指南”里有日常流程和快捷键。", self.guide_card)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.guide_card.body.addWidget(hint)
        return self.guide_card

    def _show_guide(self) -> bool:
        """Show what is done; True when the roster has members."""
        steps = overview.first_steps()
        self.guide_card.setVisible(not all(s.done for s in steps))
        for step in steps:
            label, button = self.guide_rows[step.page]
            mark = "✓ 已完成　" if step.done else ""
            label.setText(f"<b>{mark}{step.title}</b>　{step.detail}")
        return next(s.done for s in steps if s.page == "roster")

    def _build_figures(self, parent: QWidget) -> Card:
        self.figures_card = Card("近7天概况", "近7天暂无会议、值班和日记记录。", parent=parent)
        row_widget = QWidget(self.figures_card)
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 4, 0, 0)
        row.setSpacing(28)
        self.figure_values: dict[str, QLabel] = {}
        self.figure_tiles: dict[str, QWidget] = {}
        for key, label in (("meetings", "召开会议（次）"), ("attendance", "出勤率"), ("shifts", "值班班次"),
                           ("hours", "值班时长（小时）"), ("diaries", "包保日记（篇）"),
                           ("people", "登记人员（人次）"), ("vehicles", "登记车辆（辆次）")):
            tile, value = figure("—", label, row_widget)
            self.figure_values[key], self.figure_tiles[key] = value, tile
            row.addWidget(tile)
        row.addStretch(1)
        self.figures_row = row_widget
        self.figures_card.body.addWidget(row_widget)
        return self.figures_card

    def _build_duty(self, parent: QWidget) -> Card:
        self.duty_card = self._linked(Card("今日值班", "今天没有设置值班岗位。", "前往值班排班", parent), "duty")
        self.duty_table = table(["岗位", "班次", "时间", "值班人员"], self.duty_card)
        self.duty_table.doubleClicked.connect(lambda: self.open_page.emit("duty"))
        self.duty_card.body.addWidget(self.duty_table, 1)
        return self.duty_card

    def _build_items(self, parent: QWidget) -> Card:
        self.items_card = self._linked(Card("未完成的待办事项", "没有未完成的待办事项。", "前往会议记录", parent),
                                       "meetings")
        self.items_table = table(["事项", "责任人", "期限"], self.items_card)
        self.items_table.horizontalHeader().setStretchLastSection(False)
        self.items_table.horizontalHeader().setSectionResizeMode(0, self.items_table.horizontalHeader().ResizeMode.Stretch)
        self.items_table.doubleClicked.connect(lambda: self.open_page.emit("meetings"))
        self.items_card.body.addWidget(self.items_table, 1)
        return self.items_card

    def _build_diaries(self, parent: QWidget) -> Card:
        self.diaries_card = self._linked(Card("昨日未写包保日记", "昨天所有人都写了包保日记。", "前往包保日记", parent),
                                         "diaries")
        self.diaries_label = QLabel(self.diaries_card)
        self.diaries_label.setWordWrap(True)
        self.diaries_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diaries_card.body.addWidget(self.diaries_label)
        self.diaries_card.body.addStretch(1)
        return self.diaries_card

    def _build_incomplete(self, parent: QWidget) -> Card:
        self.incomplete_card = self._linked(Card("花名册待完善", "花名册信息都已完善。", "前往花名册", parent), "roster")
        self.incomplete_table = table(["姓名", "缺少"], self.incomplete_card)
        self.incomplete_table.doubleClicked.connect(lambda: self.open_page.emit("roster"))
        self.incomplete_card.body.addWidget(self.incomplete_table, 1)
        return self.incomplete_card

    # --- data -------------------------------------------------------------------

    def on_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        today = self._today()
        self.heading.setText(f"概览　{day_text(today)}")
        members = self._show_guide()
        self._show_figures(overview.week_figures(today))
        self._show_duty(overview.duty_on(today))
        self._show_items(overview.open_items(today))
        yesterday = today - dt.timedelta(days=1)
        self.diaries_card.title.setText(f"昨日（{short_day(yesterday)}）未写包保日记")
        names = overview.missing_diary_names(yesterday)
        self.diaries_label.setText(f"共 {len(names)} 人：" + "、".join(names) if names else "")
        self.diaries_card.set_empty(not names, self.diaries_label)
        # With nobody on the roster "everyone wrote / all complete" would be true and misleading.
        self.diaries_card.empty.setText("昨天所有人都写了包保日记。" if members
                                        else "花名册还没有成员，暂无日记可查。")
        self.incomplete_card.empty.setText("花名册信息都已完善。" if members
                                           else "花名册还没有成员：请先导入或添加。")
        self._show_incomplete(overview.incomplete_members(today))

    def _show_figures(self, f: overview.WeekFigures) -> None:
        self.figures_card.title.setText(f"近7天概况（{short_day(f.date_from)}—{short_day(f.date_to)}）")
        values = {
            "meetings": str(f.meetings),
            "attendance": f"{f.attendance * 100:.0f}%" if f.attendance is not None else "—",
            "shifts": str(f.shifts), "hours": f"{f.hours:g}", "diaries": str(f.diary_entries),
            "people": str(f.people_checked or 0), "vehicles": str(f.vehicles_checked or 0),
        }
        for key, text in values.items():
            self.figure_values[key].setText(text)
        # Handover sums only mean something once handovers are recorded.
        self.figure_tiles["people"].setVisible(f.people_checked is not None)
        self.figure_tiles["vehicles"].setVisible(f.vehicles_checked is not None)
        empty = not (f.meetings or f.shifts or f.diary_entries or f.people_checked is not None)
        self.figures_card.set_empty(empty, self.figures_row)

    def _show_duty(self, slots: list[overview.DutySlot]) -> None:
        rows, colours = [], []
        for slot in slots:
            names = "、".join(slot.names)
            if slot.vacant:
                names = f"{names}（空缺{slot.vacant}人）" if names else "空缺"
            rows.append([slot.post, slot.shift, slot.time, names])
            colours.append(WARNING if slot.vacant else None)
        fill(self.duty_table, rows, colours)
        self.duty_card.set_empty(not slots, self.duty_table)

    def _show_items(self, items: list[overview.OpenItem]) -> None:
        rows = [[i.text, i.owner or "未指定", short_day(i.due) + ("（已逾期）" if i.overdue else "")] for i in items]
        tips = [f"{short_day(i.raised_on)}会议提出：{i.text}" for i in items]
        fill(self.items_table, rows, [OVERDUE if i.overdue else None for i in items], tips)
        self.items_card.set_empty(not items, self.items_table)

    def _show_incomplete(self, people: list[overview.Incomplete]) -> None:
        fill(self.incomplete_table, [[p.name, "、".join(p.missing)] for p in people])
        self.incomplete_card.set_empty(not people, self.incomplete_table)

    def table_texts(self, widget: QTableWidget) -> list[list[str]]:
        """Cell texts row by row (tests and screenshots read the page through this)."""
        return [[widget.item(r, c).text() for c in range(widget.columnCount())] for r in range(widget.rowCount())]
