"""The hub's printed reports, through the same GB/T 9704 module as the branch's (desktop/reports):

- 街道临时党支部工作汇总 (summary.py): every branch, figures per branch and in total, charts;
- 下沉干部现实表现情况 by 派出单位 (cadres.py): one document per home unit with all its cadres
  across branches (what the unit's Party committee receives); without a unit, one file with a
  part per unit (each on new pages under its own title) or one file per unit into a folder;
- 支部报送情况 (submissions.py): who sent which package when, who is late.

Each reads the hub through desktop/hub/queries.py (one consistent view) and writes a PDF, or
Word for a path ending in .docx. Phones are printed masked; ID numbers are never printed.
"""
from .cadres import build_cadre_reports_per_unit, build_hub_cadre_report
from .submissions import build_submission_report
from .summary import build_hub_summary

__all__ = [
           "build_cadre_reports_per_unit",
           "build_hub_cadre_report",
           "build_hub_summary",
           "build_submission_report",
]
