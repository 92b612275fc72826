"""The example branch prints complete reports: the secretary's texts are filled in."""
from __future__ import annotations

import datetime as dt

from desktop.demo import create_demo_database
from desktop.models import close, open_store
from desktop.reports.cadre import build_cadre_report
from desktop.reports.summary import build_summary_report

TODAY = dt.date(2022, 4, 13)  # a Wednesday


def test_demo_work_and_cadre_reports_have_no_missing_texts(tmp_path, fonts):
    close()
    create_demo_database(tmp_path / "demo.sqlite3", today=TODAY)
    open_store(tmp_path / "demo.sqlite3")
    for start, end in ((TODAY - dt.timedelta(days=13), TODAY), (dt.date(2022, 4, 11), dt.date(2022, 4, 17))):
        work = build_summary_report(None, start, end, fonts=fonts)
        cadre = build_cadre_report(None, start, end, fonts=fonts)
        assert not [w for w in work.warnings + cadre.warnings if "尚未填写" in w], (start, end)
