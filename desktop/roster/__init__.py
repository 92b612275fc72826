"""Qt-free roster logic: validation, completeness, pinyin order, queries and edits."""
