"""The cold-start and memory reference: a bare PySide6 window, started like the app.

    .venv/bin/python bench/bare_window.py [--rss]

Imports PySide6, shows an empty QMainWindow, prints the marker the app prints under
BRANCH_DESK_BENCH_SHOWN (desktop/app.py) on the event-loop turn after the window's first
paint (the same end point as the app's), and quits.
With --rss it then prints "RSS_MB <peak resident memory>".
"""
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

MARKER = "BRANCH_DESK_SHOWN"  # desktop.app.SHOWN_MARKER, not imported: the reference loads nothing of ours


def _peak_rss_mb() -> float:
    """As bench/window_probe.py measures it: VmHWM on Linux, else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _shown(app: QApplication) -> None:
    print(MARKER, flush=True)
    if "--rss" in sys.argv:
        print(f"RSS_MB {_peak_rss_mb():.1f}", flush=True)
    app.quit()


class FirstPaint(QObject):
    """As desktop/app.py's _FirstPaint: *then* on the loop turn after the first paint."""

    def __init__(self, widget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.setWindowTitle("bare")
    FirstPaint(window, lambda: _shown(app))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
