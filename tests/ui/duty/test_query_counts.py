"""No query per row: every table on the duty page reads a fixed number of queries, whether the
branch has 5 people and posts or 50 (issue 8). Each test counts the queries of building the
view and reading every cell in every role, grows the data tenfold, and counts again."""
from __future__ import annotations

import datetime as dt

from playhouse.test_utils import count_queries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.duty import setup
from desktop.models import DutyAssignment, DutyPreference, Handover, Member, Post, Unavailability
from desktop.ui.duty import rota_data
from desktop.ui.duty.duty_page import TAB_PEOPLE, TAB_STATS, DutyPage
from desktop.ui.duty.rota_grid_model import RotaGridModel
from desktop.ui.table_base import RecordRole, SortRole

from .conftest import MONDAY, shown

WEEK = [MONDAY + dt.timedelta(days=i) for i in range(7)]
SUNDAY = WEEK[-1]
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole, SortRole, RecordRole)
STATUSES = ("中共党员", "群众", "中共预备党员", "共青团员")
# period_rota.load: posts, shifts, members, the week's assignments, leave, preferences, rest setting
ROTA_QUERIES = 7


def grow(size: int) -> None:
    """Make the branch *size* members and *size* posts (三班倒), everyone on duty all week:
    some pinned, some double-booked (overlaps), on leave, night-shy or gone (conflicts),
    every other post a person short, handover records on Monday."""
    pattern = setup.ensure_default_pattern()
    shifts = setup.shifts_of(pattern.id)
    have = Member.select().count()
    Member.insert_many([
        dict(name=f"成员{i:03d}", name_pinyin=f"cheng yuan {i:03d}", political_status=STATUSES[i % 4],
             arrived_on=MONDAY - dt.timedelta(days=30),
             departed_on=WEEK[3] if i % 11 == 10 else None)
        for i in range(have, size)]).execute()
    posts = Post.select().count()
    Post.insert_many([
        dict(name=f"卡口{i:03d}", pattern=pattern.id, people_needed=1 + i % 2, party_member_required=i % 3 == 0,
             position=i)
        for i in range(posts, size)]).execute()
    members = list(Member.select().order_by(Member.id))
    new_posts = list(Post.select().where(Post.position >= posts).order_by(Post.position))
    rows = []
    for post in new_posts:
        for s, shift in enumerate(shifts):
            for d, day in enumerate(WEEK):
                member = members[(post.position * 3 + s + d) % len(members)]
                rows.append(dict(date=day, post=post.id, shift=shift.id, member=member.id,
                                 pinned=(post.position + d) % 4 == 0, source="manual"))
    DutyAssignment.insert_many(rows).on_conflict_ignore().execute()
    for member in members[have:]:
        if member.id % 5 == 0:
            Unavailability.create(member=member, start_date=WEEK[2], end_date=WEEK[3], reason="请假")
        if member.id % 7 == 0:
            DutyPreference.create(member=member, no_nights=True, max_hours_per_week=16)
    Handover.insert_many([dict(date=MONDAY, post=p.id, shift=s.id) for p in new_posts for s in shifts]).execute()


def read_all(model) -> int:
    """Every cell in every role and every header, as views and tooltips ask; the cell count."""
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in ROLES:
                index.data(role)
    for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),
                               (Qt.Orientation.Vertical, model.rowCount())):
        for section in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
                model.headerData(section, orientation, role)
    return model.rowCount() * model.columnCount()


def read_checks(model) -> None:
    """The roles read_all() leaves out that check-box and editable cells answer."""
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            index.data(Qt.ItemDataRole.CheckStateRole)
            index.data(Qt.ItemDataRole.EditRole)
            index.flags()


def counted(show) -> tuple[int, int]:
    """(queries, cells read) of show(), which builds a view and returns its model."""
    with count_queries() as counter:
        cells = read_all(show())
    return counter.count, cells


def at_sizes(show, sizes=(5, 50)) -> list[tuple[int, int]]:
    results = []
    for size in sizes:
        grow(size)
        results.append(counted(show))
    assert results[0][1] < results[1][1], "the bigger branch must show more cells"
    return results


def test_rota_grid_reads_seven_queries_whatever_the_size():
    def show():
        snap = rota_data.load(MONDAY, SUNDAY)
        model = RotaGridModel()
        model.set_rows(snap.days, snap.lanes, snap.assignments, snap.conflicts)
        assert any(cell.conflicts for cell in model.cells()) and any(cell.missing for cell in model.cells())
        return model

    small, large = at_sizes(show)
    assert small[0] == large[0] == ROTA_QUERIES


def test_person_view_and_statistics_from_the_loaded_rota_read_nothing(qtbot):
    from desktop.ui.duty.person_view import PersonView
    from desktop.ui.duty.stats_panel import StatsPanel

    people, figures = PersonView(), StatsPanel()
    qtbot.addWidget(people)
    qtbot.addWidget(figures)
    rota = {}

    def loaded():
        from desktop.duty import period_rota

        rota["now"] = period_rota.load(MONDAY, SUNDAY)

    def show_people():
        people.show_rota(rota["now"])
        return people.model

    def show_stats():
        figures.show_rota(rota["now"])
        assert figures.unfilled.count() > 1  # the short posts are listed
        return figures.model

    for size in (5, 50):
        grow(size)
        loaded()
        assert counted(show_people)[0] == 0
        assert counted(show_stats)[0] == 0


def test_person_view_and_statistics_of_a_period_read_a_fixed_number():
    from desktop.ui.duty.person_view import PersonView
    from desktop.ui.duty.stats_panel import StatsPanel

    people, figures = PersonView(), StatsPanel()

    def show_people():
        people.show_period(MONDAY, SUNDAY)
        return people.model

    def show_stats():
        figures.show_period(MONDAY, SUNDAY)
        return figures.model

    small, large = at_sizes(show_people)
    assert small[0] == large[0] == 1  # duty.edits.rota: one joined query
    grow(80)
    assert counted(show_stats)[0] == 5  # duty_stats 2, unfilled_shifts 3 (see tests/duty/test_stats.py)
    people.deleteLater()
    figures.deleteLater()


def test_the_whole_page_and_its_tabs_read_a_fixed_number(qtbot):
    pages = []

    def show():
        page = shown(qtbot, DutyPage(today=MONDAY))
        pages.append(page)
        read_all(page.model)
        for tab, model in ((TAB_PEOPLE, page.person_view.model), (TAB_STATS, page.stats.model)):
            page.tabs.setCurrentIndex(tab)
            read_all(model)
        page.tabs.setCurrentIndex(0)
        QApplication.processEvents()
        page.grid.viewport().repaint()  # the delegate paints from the cells, never the database
        return page.model

    small, large = at_sizes(show)
    assert small[0] == large[0] == ROTA_QUERIES


def test_handover_people_table_reads_the_same_for_2_or_20_people(qtbot):
    from desktop.ui.duty.handover_panel import HandoverPanel

    grow(30)
    pattern = setup.ensure_default_pattern()
    post = setup.create_post("大门", pattern.id, people_needed=20)
    shift = setup.shifts_of(pattern.id)[0]
    members = list(Member.select().order_by(Member.id))
    panel = shown(qtbot, HandoverPanel(today=MONDAY), 1000, 700)
    counts = []
    for day, size in ((WEEK[1], 2), (WEEK[2], 20)):
        DutyAssignment.insert_many([dict(date=day, post=post.id, shift=shift.id, member=m.id)
                                    for m in members[:size]]).execute()
        with count_queries() as counter:
            panel.open_slot(day, post.id, shift.id)  # creates the record with the rota's people
            names = panel.names()
        assert len(names) == size
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_setup_dialogs_read_a_fixed_number(qtbot):
    from desktop.ui.duty.availability_dialog import AvailabilityDialog
    from desktop.ui.duty.preferences_dialog import PreferencesDialog
    from desktop.ui.duty.setup_posts import PostsDialog

    counts = {}
    for size in (5, 50):
        grow(size)
        members = list(Member.select().order_by(Member.name_pinyin))
        for name, make in (("preferences", lambda: PreferencesDialog(members)),
                           ("availability", lambda: AvailabilityDialog(members, MONDAY)),
                           ("posts", lambda: PostsDialog())):
            with count_queries() as counter:
                dialog = make()
                if name == "preferences":  # a view over a model: every cell in every role
                    read_all(dialog.table.model())
                    read_checks(dialog.table.model())
                    rows = dialog.table.model().rowCount()
                else:
                    table = getattr(dialog, "table", None) or dialog.posts_table
                    for row in range(table.rowCount()):
                        for column in range(table.columnCount()):
                            item = table.item(row, column)
                            if item is not None:
                                item.text()
                    rows = table.rowCount()
            qtbot.addWidget(dialog)
            counts.setdefault(name, []).append((counter.count, rows))
    for name, (small, large) in counts.items():
        assert small[1] < large[1], f"{name}: the bigger branch must show more rows"
        assert small[0] == large[0], name
