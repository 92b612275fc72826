"""The 报表 page: choose a report, preview it (QtPdf), save, open, print."""
