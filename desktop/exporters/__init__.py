"""Writers of spreadsheet files (.xlsx, .csv): the roster, and the table writer the rota shares."""
