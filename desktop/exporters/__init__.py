"""Writers of roster files (.xlsx, .csv)."""
