"""Qt widgets, dialogs and table models: the only package that imports PySide6."""
