"""Screenshots of the 包保日记 page for review: `python tests/ui/diaries/make_screenshots.py [OUT_DIR]`.

Builds the fictional demo branch in a temp file, adds two photos to one diary, and grabs
the page with a member selected, the paste-import preview (one member's diaries, and a
WeChat group chat split by sender) and the search results at 1280×800.
Not a test (no test_ prefix): it writes PNGs for a person to look at.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from desktop.demo import create_demo_database
from desktop.diaries import photos, service
from desktop.models import open_store

PASTE = """11月20日：上午在东门卡口值守，登记进出车辆 42 辆，劝返无证人员 3 人。
11月21日：协助核酸采样，维持 3 号楼采样点秩序。
下午给 5 号楼独居老人送药 2 份。
11月22日：走访 7 号楼住户 12 户，收集买菜需求。"""


def _group_chat(names: list[str], today: dt.date) -> str:
    """A WeChat group chat of three members, a stranger and a line that only looks like a date."""
    a, b, c = names[:3]
    day1, day2 = today - dt.timedelta(days=2), today - dt.timedelta(days=1)
    return (f"{a} {day1:%Y/%-m/%-d} 21:40\n东门卡口值守，登记进出车辆 42 辆，劝返无证人员 3 人。\n"
            f"2.5 元一斤的白菜已送到 3 号楼。\n"
            f"{b} {day2:%Y/%-m/%-d} 08:05\n{day1.month}月{day1.day}日：夜班巡查 1–6 号楼，4 号楼门禁已报修。\n"
            f"{day2:%Y-%m-%d} 09:10:11 物业小王\n收到，今天修好。\n"
            f"{c} 22:30\n走访 7 号楼住户 12 户，收集买菜需求 8 条。\n"
            f"9.5 号楼的陈阿姨要降压药，明早送。\n"
            f"{a} 22:41\n夜班交接完毕。")


def _photo(path: Path, colour: str, label: str) -> Path:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    painter = QPainter(image)
    painter.setPen(QColor("#FFFFFF"))
    font = painter.font()
    font.setPointSize(48)
    painter.setFont(font)
    painter.drawText(image.rect(), 0x84, label)  # AlignCenter
    painter.end()
    image.save(str(path))
    return path


def _write_some(today: dt.date) -> None:
    texts = ("上午在东门卡口值守，登记进出车辆 42 辆，劝返无证人员 3 人。下午协助核酸采样，维持 3 号楼采样点秩序。",
             "走访 7 号楼住户 12 户，收集买菜需求 8 条；给独居老人陈红送去降压药和蔬菜包。",
             "夜班巡查 1–6 号楼，发现 4 号楼单元门门禁损坏，已报物业维修。")
    members = service.active_members(today)
    for back in range(1, 12):
        for number, member in enumerate(members[:6]):
            if (back + number) % 4:
                service.save_entry(member.id, today - dt.timedelta(days=back), texts[(back + number) % 3],
                                   tags=[["值守"], ["核酸检测", "物资配送"], ["巡查"]][(back + number) % 3],
                                   figures=[("走访户数", 12, "户")] if (back + number) % 3 == 1 else [],
                                   today=today)


def _grab_with(window, dialog, path: Path) -> None:
    """The window with a dialog drawn over its middle (offscreen dialogs are separate windows)."""
    shot = window.grab()
    painter = QPainter(shot)
    inner = dialog.grab()
    painter.drawPixmap((shot.width() - inner.width()) // 2, (shot.height() - inner.height()) // 2, inner)
    painter.end()
    shot.save(str(path))


def main(out: Path) -> None:
    from desktop.app import create_application
    from desktop.ui.diaries.paste_import_dialog import PasteImportDialog
    from desktop.ui.main_window import PAGE_KEYS, MainWindow

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    db_path = work / "demo.sqlite3"
    today = dt.date.today()
    create_demo_database(db_path, today=today)
    app = create_application()
    open_store(db_path)
    if not service.entries(limit=1):  # a demo without diaries yet: write a few
        _write_some(today)
    entry = service.entries(date_to=today - dt.timedelta(days=1), limit=1)[0]
    member = entry.member
    for colour, label in (("#8A9A5B", "卡口"), ("#4A6FA5", "送药"), ("#B35C00", "采样")):
        photos.attach_photo(entry.id, _photo(work / f"{label}.png", colour, label))

    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings)
    window.resize(1280, 800)
    window.show()
    window.show_page(PAGE_KEYS.index("diaries"))
    page = window.current_page()
    app.processEvents()
    page.open_entry(member.id, entry.date)
    app.processEvents()
    window.grab().save(str(out / "diary-page.png"))

    dialog = PasteImportDialog(member.id, window)
    dialog.member.setCurrentIndex(dialog.member.findData(member.id))
    dialog.paste.setPlainText(PASTE)
    dialog.refresh_plan()
    dialog.show()
    app.processEvents()
    _grab_with(window, dialog, out / "paste-import.png")
    dialog.close()

    dialog = PasteImportDialog(member.id, window)
    dialog.paste.setPlainText(_group_chat([m.name for m in service.active_members(today)], today))
    dialog.refresh_plan()
    dialog.show()
    app.processEvents()
    _grab_with(window, dialog, out / "paste-group-chat.png")
    dialog.close()

    page.focus_search()
    page.search.query.setText("核酸")
    page.search.search_now()
    app.processEvents()
    window.grab().save(str(out / "search.png"))
    print(f"saved to {out}")
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots/diaries"))
