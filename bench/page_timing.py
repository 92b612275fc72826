"""What the page benches share: a copy of the large database, the app's main window on it,
steps timed in wall and CPU ms, scrolling a view page by page, and the figures table.

    shield_none(); app = QApplication([])
    timer = Timer(app, profile="roster: open")      # that step gets a cProfile in its first run
    with tempfile.TemporaryDirectory() as tmp:
        path = copy_db(default_db(None), Path(tmp))
        window = open_window(app, path, Path(tmp), start_page="diaries")
        timer("roster: open", lambda: window.show_page(1))
        close_window(app, window)
    timer.report(runs=1, db=path)

Used by bench/pages_duty_diaries.py and bench/pages_overview_roster_meetings.py (scratch
benches run by hand); bench/window_probe.py takes shield_none from here, so importing this
module loads nothing heavy (the probe reports peak memory).
"""
from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shield_none() -> None:
    """PySide6 6.12.0 on CPython < 3.12 drops a reference to None on some void calls (and
    whenever Qt hands an empty QVariant back), so a long session can die with 'deallocating
    None'. The app's own guard (desktop/ui/none_guard.py) when the tree has it; otherwise (an
    older tree, for a before/after figure) at least None."""
    try:
        from desktop.ui.none_guard import keep_none_alive
    except ImportError:
        pass
    else:
        keep_none_alive()
        return
    import shiboken6

    if sys.version_info < (3, 12) and shiboken6.__version__ == "6.12.0":
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def default_db(path: Path | str | None) -> Path:
    """*path*, or bench/bigdb.py's cached large database (built on first use)."""
    if path:
        return Path(path)
    sys.path.insert(0, str(ROOT / "bench"))
    import bigdb

    return Path(bigdb.ensure())


def copy_db(source: Path, into: Path) -> Path:
    """The database (and its WAL) copied into *into*: the app writes (lock, backups, drafts)."""
    import shutil

    target = into / "bench.sqlite3"
    for suffix in ("", "-wal"):
        if Path(str(source) + suffix).exists():
            shutil.copy(str(source) + suffix, str(target) + suffix)
    return target


def settle(app) -> None:
    app.processEvents()
    app.processEvents()


def open_window(app, path: Path, folder: Path, start_page: str | None = None):
    """The app's main window on *path*, shown at 1366×768, with its settings in *folder*
    (so nothing of the user's is read or written) and opening on *start_page* if given."""
    from PySide6.QtCore import QSettings

    from desktop.safety.opening import Mode, open_database
    from desktop.ui.main_window import MainWindow

    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    if start_page:
        settings.setValue("main_window/page", start_page)
    open_database(path, Mode.WRITE, checked=False)
    window = MainWindow(path, settings)
    window.resize(1366, 768)
    window.show()
    settle(app)
    return window


def close_window(app, window) -> None:
    from desktop.models import close

    window.close()
    window.deleteLater()
    settle(app)
    close()


def scroll_to_end(app, view) -> float:
    """Page down (then right) to the end as a person dragging the scroll bar would, each page
    painted; the slowest step in ms (a step over ~16 ms is a dropped frame)."""
    slowest = 0.0
    for bar in (view.verticalScrollBar(), view.horizontalScrollBar()):
        value = bar.minimum()
        while value < bar.maximum():
            start = time.perf_counter()
            value = min(bar.maximum(), value + max(1, bar.pageStep()))
            bar.setValue(value)
            view.viewport().repaint()
            app.processEvents()
            slowest = max(slowest, (time.perf_counter() - start) * 1000)
    return slowest


class Timer:
    """timer(key, step): run step, let the window settle, keep the wall and CPU ms under key.
    CPU time is the steadier figure while other work shares the machine's cores."""

    def __init__(self, app, profile: str | None = None):
        self.app, self.profile = app, profile
        self.figures: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def __call__(self, key: str, step: Callable[[], object]) -> object:
        profiler = None
        if key == self.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        start, cpu = time.perf_counter(), time.process_time()
        result = step()
        settle(self.app)
        self.record(key, (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
        if profiler:
            profiler.disable()
            import pstats

            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            self.profile = None  # the first run only
        return result

    def record(self, key: str, wall_ms: float, cpu_ms: float = math.nan) -> None:
        """A figure measured by the caller (e.g. scroll_to_end's slowest step: no CPU figure)."""
        self.figures.setdefault(key, []).append(wall_ms)
        self.cpu.setdefault(key, []).append(cpu_ms)

    def report(self, runs: int, db: Path) -> None:
        """One line a step: median wall ms (min–max) and median CPU ms over the runs."""
        import statistics

        width = max((len(k) for k in self.figures), default=4)
        print(f"{'step':<{width}}  wall ms (median, min–max)   CPU ms   (runs: {runs}, {Path(db).name})")
        for key, values in self.figures.items():
            print(f"{key:<{width}}  {statistics.median(values):7.1f} ({min(values):6.1f}–{max(values):6.1f})"
                  f"   {statistics.median(self.cpu[key]):7.1f}")
