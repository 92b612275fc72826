"""Readers of roster files (.xlsx, .csv) with a preview before anything is written."""
