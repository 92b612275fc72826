"""Qt widgets, dialogs and table models: the only package that imports PySide6."""
from .none_guard import keep_none_alive

keep_none_alive()  # before any Qt call from the pages: see none_guard
