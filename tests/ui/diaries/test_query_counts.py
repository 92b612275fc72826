"""No query per row on the diary page (issue 8): the member list with its “no entry yesterday”
dots, the month calendar, the search results, the figures table and the paste-import preview
each read a fixed number of queries, with 5 rows or 50. Each test reads every row in every
role, grows the data tenfold, and reads again."""
from __future__ import annotations

import datetime as dt

from playhouse.test_utils import count_queries
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from desktop.diaries import service
from desktop.diaries.photos import attach_photo
from desktop.models import DiaryEntry, Member
from desktop.ui.diaries.diaries_page import DiariesPage
from desktop.ui.diaries.hit_delegate import HtmlRole
from desktop.ui.diaries.member_list import MemberIdRole, MissingRole
from desktop.ui.diaries.paste_import_dialog import PasteImportDialog
from desktop.ui.diaries.search_results import HitRole
from desktop.ui.table_base import RecordRole, SortRole

from .conftest import TODAY, YESTERDAY, make_png

ITEM_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
              MemberIdRole, MissingRole, HtmlRole, HitRole)
TABLE_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
               SortRole, RecordRole)


def grow(size: int) -> list:
    """*size* members; the odd ones wrote yesterday (the even ones get a red dot)."""
    have = Member.select().count()
    Member.insert_many([dict(name=f"成员{i:03d}", name_pinyin=f"cheng yuan {i:03d}", political_status="中共党员",
                             arrived_on=TODAY - dt.timedelta(days=60)) for i in range(have, size)]).execute()
    members = list(Member.select().order_by(Member.id))
    for member in members[have:]:
        if member.id % 2:
            service.save_entry(member.id, YESTERDAY, f"{member.name}走访住户", tags=["值守"], today=TODAY)
    return members


def read_items(view) -> int:
    """Every item of a QListWidget / QListView in every role; the row count."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        for role in ITEM_ROLES:
            index.data(role)
    QApplication.processEvents()  # the view lays the rows out
    view.viewport().repaint()  # delegates and icons paint from the items, never the database
    return model.rowCount()


def make_page(qtbot) -> DiariesPage:
    page = DiariesPage(today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_member_list_and_filters_read_the_same_for_5_or_50_people(qtbot):
    counts = []
    for size in (5, 50):
        grow(size)
        with count_queries() as counter:
            page = make_page(qtbot)
            page.on_shown()
            page.reload()  # what 刷新 / a restore does
            page.on_shown()  # showing the page again re-reads yesterday's gaps
            rows = read_items(page.members.list)
            for row in range(page.search.member.count()):
                page.search.member.itemText(row)
        assert rows == size and len(page.members.missing_names()) == size // 2
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_calendar_marks_a_month_in_one_query(qtbot):
    member = grow(3)[0]
    page = make_page(qtbot)
    page.members.select_member(member.id)
    counts = []
    for days in (5, 25):
        for day in range(1, days + 1):
            service.save_entry(member.id, dt.date(2022, 10, day), f"十月{day}日", today=TODAY)
        with count_queries() as counter:
            page.calendar.setCurrentPage(2022, 10)
            QApplication.processEvents()  # the view lays out the new month
            page.calendar.findChild(QTableView).viewport().repaint()  # paintCell marks from the set read once
            marked = page.calendar.marked_days()
            page.calendar.setCurrentPage(2022, 11)
        assert len(marked) == days
        counts.append(counter.count)
    assert counts == [2, 2]  # one per month shown


def test_search_results_read_one_query_for_5_or_50_hits(qtbot):
    page = make_page(qtbot)
    page.tabs.setCurrentIndex(1)
    counts = []
    for size in (5, 50):
        grow(size * 2)  # half of them wrote yesterday: size hits
        with count_queries() as counter:
            page.search.query.setText("走访")
            page.search.search_now()
            hits = read_items(page.search.results)
        assert hits == size
        counts.append(counter.count)
    assert counts[0] == counts[1]  # each hit's member comes joined with it


def test_entry_editor_reads_the_same_for_2_or_20_figures_and_photos(qtbot, tmp_path):
    member, other = grow(2)
    page = make_page(qtbot)
    counts = []
    for day, size in ((dt.date(2022, 11, 10), 2), (dt.date(2022, 11, 11), 20)):
        figures = [(f"项目{i}", i, "户") for i in range(size)]
        entry = service.save_entry(member.id, day, "走访", tags=["值守", "送药", "核酸检测"][: 1 + size // 10],
                                   figures=figures, today=TODAY)
        for i in range(size // 4):
            attach_photo(entry.id, make_png(tmp_path / f"{day}-{i}.png", colour=f"#{i * 10:02x}3344"))
        page.open_entry(other.id, day - dt.timedelta(days=5))  # the same way in both times
        with count_queries() as counter:
            page.open_entry(member.id, day)
            table = page.editor.figures.table
            cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(3)]
            photos = page.editor.photos.list.count()
        assert len(cells) == 3 * size and photos == size // 4
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_paste_import_preview_reads_the_same_for_3_or_30_days(qtbot):
    member = grow(2)[0]
    service.save_entry(member.id, dt.date(2022, 10, 2), "已有", today=TODAY)
    counts = []
    for days in (3, 30):
        text = "\n".join(f"10月{d}日：走访住户{d}户。" for d in range(1, days + 1))
        dialog = PasteImportDialog(member.id, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.member.setCurrentIndex(dialog.member.findData(member.id))  # none is preselected
        with count_queries() as counter:
            dialog.paste.setPlainText(text)
            dialog.refresh_plan()
            model = dialog.model
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    for role in TABLE_ROLES:
                        model.index(row, column).data(role)
        assert model.rowCount() == days
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert DiaryEntry.select().count() > 0


def test_the_next_page_of_search_results_reads_three_queries_for_5_or_50_hits(qtbot):
    grow(210)  # 105 hits, all on one day: the pages split it by id
    page = make_page(qtbot)
    page.tabs.setCurrentIndex(1)
    search = page.search
    counts = []
    for size in (5, 50):
        search.model.page_size = size
        search.query.setText("走访")
        search.search_now()
        model, before = search.model, search.model.rowCount()
        with count_queries() as counter:
            model.fetchMore(QModelIndex())  # what the view does at the end of the list
            for row in range(before, model.rowCount()):
                for role in ITEM_ROLES:
                    model.index(row, 0).data(role)
        assert model.rowCount() == before + size and model.canFetchMore(QModelIndex())
        counts.append(counter.count)
    assert counts == [3, 3]  # where the page starts (the date index), its ids, their rows with members
