"""How fast does the 值班偏好 dialog open for a big branch? 400 members, six posts.

    .venv/bin/python bench/dialogs.py [--members 400] [--runs 5] [--rev HEAD]
    .venv/bin/python bench/dialogs.py --shot /tmp/shots/prefs.png   # 20 people, for a look

Builds a throwaway database in a temp folder, then times opening PreferencesDialog
(construct + show + first paint of the table, with the app's stylesheet and font) as the
working tree has it and, for a before/after figure, as git revision --rev had it (skipped
when that file is the same). Prints medians; also filtering and sorting the new table.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from desktop.duty import setup
from desktop.models import DutyPreference, Member, close, db
from desktop.roster.pinyin import name_key
from desktop.safety.opening import Mode, open_database
from desktop.ui.none_guard import keep_none_alive

MODULE = "desktop/ui/duty/preferences_dialog.py"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志远晓燕雅琴子豪立新"
POSTS = ("东门卡口", "西门卡口", "北门值守点", "南门临时通道", "核酸采样点", "物资分发点")


def quiet(kind, context, message: str) -> None:
    """Qt's messages, less the offscreen plugin's note on every shown window."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def build(path: Path, members: int, seed: int = 1, every: int = 8) -> None:
    """*members* people, six posts, one in *every* with some preference."""
    rng = random.Random(seed)
    open_database(path, Mode.WRITE, checked=False)
    names = [rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", rng.choice(GIVEN)))
             for _ in range(members)]
    with db.atomic():
        Member.insert_many([{"name": n, "name_pinyin": name_key(n), "arrived_on": dt.date(2022, 4, 1)}
                            for n in names]).execute()
    pattern = setup.ensure_default_pattern()
    posts = [setup.create_post(name, pattern.id) for name in POSTS]
    with db.atomic():
        for member in list(Member.select().order_by(Member.id))[::every]:
            no_nights = rng.random() < 0.3
            DutyPreference.create(member=member, max_hours_per_week=rng.choice((None, 24, 40)), no_nights=no_nights,
                                  avoid_nights=not no_nights and rng.random() < 0.5,
                                  preferred_post=rng.choice(posts + [None]))


def dialog_at(rev: str):
    """PreferencesDialog as *rev* had it, loaded beside the package (its relative imports work);
    None when that file is the working tree's or git cannot show it."""
    try:
        text = subprocess.run(["git", "show", f"{rev}:{MODULE}"], cwd=ROOT, capture_output=True,
                              check=True, text=True, encoding="utf-8").stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    if text == (ROOT / MODULE).read_text(encoding="utf-8"):
        return None
    folder = Path(tempfile.mkdtemp())
    (folder / "preferences_before.py").write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("desktop.ui.duty.preferences_before",
                                                  folder / "preferences_before.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.PreferencesDialog


class FirstPaint(QObject):
    """Notes the first paint event of a widget."""

    def __init__(self, widget):
        super().__init__()
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def open_once(app: QApplication, make) -> tuple[float, object]:
    """ms from construct to the table's first paint; the shown dialog."""
    started = time.perf_counter()
    dialog = make()
    probe = FirstPaint(dialog.table.viewport())
    dialog.resize(900, 640)
    dialog.show()
    for _ in range(1000):
        app.processEvents()
        if probe.painted:
            break
    elapsed = (time.perf_counter() - started) * 1000
    if not probe.painted:
        raise RuntimeError("the table was never painted")
    return elapsed, dialog


def settle(app: QApplication, dialog) -> None:
    dialog.close()
    dialog.deleteLater()
    app.processEvents()


def median_open(app: QApplication, make, runs: int) -> float:
    settle(app, open_once(app, make)[1])  # warm-up: imports, fonts, style
    times = []
    for _ in range(runs):
        elapsed, dialog = open_once(app, make)
        times.append(elapsed)
        settle(app, dialog)
    return statistics.median(times)


def median_ms(app: QApplication, call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        app.processEvents()  # the repaint the change asks for
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def screenshot(app: QApplication, path: Path, out: Path) -> None:
    """The dialog with 20 people, a few with limits, one cell being edited, saved as PNG."""
    build(path, 20, seed=3, every=3)
    from desktop.roster import service as roster
    from desktop.ui.duty.preferences_dialog import COL_POST, PreferencesDialog

    dialog = PreferencesDialog(roster.list_members())
    dialog.resize(760, 620)
    dialog.show()
    app.processEvents()
    dialog.table.setCurrentIndex(dialog.proxy.index(2, COL_POST))
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(out))
    print(f"saved {out}")
    settle(app, dialog)
    close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rev", default="HEAD", help="git revision of the 'before' figure")
    parser.add_argument("--shot", type=Path, help="only save a screenshot of the dialog with 20 people")
    args = parser.parse_args()
    keep_none_alive()
    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv)
    from desktop.ui.fonts import ensure_chinese_font
    from desktop.ui.main_window import stylesheet

    ensure_chinese_font(app)
    app.setStyleSheet(stylesheet())
    with tempfile.TemporaryDirectory() as folder:
        if args.shot:
            screenshot(app, Path(folder) / "shot.sqlite3", args.shot)
            return
        build(Path(folder) / "bench.sqlite3", args.members)
        from desktop.roster import service as roster
        from desktop.ui.duty.preferences_dialog import PreferencesDialog

        members = roster.list_members()
        print(f"值班偏好：{len(members)} 人，打开（构造 + 显示 + 首次绘制），{args.runs} 次中位数")
        before = dialog_at(args.rev)
        if before is not None:
            print(f"  {args.rev}：{median_open(app, lambda: before(members), args.runs):8.1f} ms")
        print(f"  现在：{median_open(app, lambda: PreferencesDialog(members), args.runs):8.1f} ms")
        _elapsed, dialog = open_once(app, lambda: PreferencesDialog(members))
        if hasattr(dialog, "filter_edit"):
            texts = iter(["zh", "", "wang", ""] * args.runs)
            filtering = median_ms(app, lambda: dialog.filter_edit.setText(next(texts)), 4 * args.runs)
            orders = iter([1, 0] * args.runs)
            sorting = median_ms(app, lambda: dialog.table.sortByColumn(next(orders), Qt.SortOrder.AscendingOrder),
                                2 * args.runs)
            print(f"  筛选（输入一次）：{filtering:6.1f} ms   表头排序：{sorting:6.1f} ms")
        settle(app, dialog)
        close()


if __name__ == "__main__":
    main()
