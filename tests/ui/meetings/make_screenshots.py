"""Screenshots of the 会议记录 page for review: `python tests/ui/meetings/make_screenshots.py [OUT_DIR]`.

Builds the fictional demo branch in a temp file, fills two weeks of meetings through the
meetings service, and grabs the list, the live entry view and the statistics at 1280×800.
Not a test (no test_ prefix): it writes PNGs for a person to look at.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.demo import create_demo_database  # noqa: E402
from desktop.meetings import service  # noqa: E402
from desktop.models import Member, open_store  # noqa: E402

TOPICS = ("通报昨日卡口、楼栋值守情况", "部署今日核酸采样和物资配送", "研究重点人员包保调整")
LINES = (
    ("王志远", "昨天全天核酸采样 1268 人，未漏一户；3 号楼两户独居老人已上门采样。"),
    ("李晓燕", "东门卡口晚高峰排队较长，建议增加一名志愿者协助扫码。"),
    ("张建国", "物资配送：昨天送菜 214 单，药品 37 单，有 5 单因联系不上延后到今天。"),
    ("王志远", "同意东门增加一人，从第二小分队调配，今天 17 点前到岗。"),
    ("陈雅琴", "12 号楼有一户反映孩子网课需要打印资料，已联系社区解决。"),
    ("刘海波", "夜间巡查发现 7 号楼单元门门禁损坏，已报物业，今天跟进维修。"),
    ("王志远", "请各小分队今晚前把包保楼栋的重点人员名单再核对一遍，发到群里。"),
)


def fill(today: dt.date) -> int:
    """Two weeks of daily meetings; today's is in progress. Returns today's meeting id."""
    people = {m.name: m for m in Member.select()}
    template = None
    for back in range(13, 0, -1):
        day = today - dt.timedelta(days=back)
        meeting = service.start_meeting("每日例会", on=day, now=dt.datetime.combine(day, dt.time(7, 30)),
                                        template_id=template)
        if template is None:
            service.update_meeting(meeting.id, place="小区党群服务站会议室")
            service.set_topics(meeting.id, list(TOPICS))
        template = meeting.id
        names = list(people)
        service.set_absent(meeting.id, people[names[back % len(names)]].id, "值班")
        for minute, (speaker, text) in enumerate(LINES[: 3 + back % 4]):
            service.add_note(meeting.id, text, speaker_id=people[speaker].id, at=f"07:{31 + minute * 2:02d}")
        if back % 3 == 0:
            service.add_decision(meeting.id, "东门卡口晚高峰增派一名志愿者。")
        item = service.add_action_item(meeting.id, f"核对{back}号楼重点人员名单", owner_id=people["李晓燕"].id,
                                       due=day + dt.timedelta(days=2))
        if back > 4:
            service.close_item(item.id, meeting.id)
        service.finalize(meeting.id, now=dt.datetime.combine(day, dt.time(8, 5)))
    big = service.start_meeting("支部党员大会", on=today - dt.timedelta(days=6),
                                now=dt.datetime.combine(today - dt.timedelta(days=6), dt.time(19, 0)))
    service.update_meeting(big.id, title="关于推选优秀志愿者的支部党员大会")
    meeting = service.start_meeting("每日例会", on=today, now=dt.datetime.combine(today, dt.time(7, 30)),
                                    template_id=template)
    service.set_absent(meeting.id, people["周红梅"].id, "值班", "东门卡口")
    service.set_absent(meeting.id, people["孙明杰"].id, "病假", "发热就医")
    service.update_meeting(meeting.id, guests="和平街道王主任\n文昌社区李书记",
                           study_content="学习市疫情防控指挥部第 45 号通告，传达街道工委周例会精神。")
    for minute, (speaker, text) in enumerate(LINES):
        service.add_note(meeting.id, text, speaker_id=people[speaker].id, at=f"07:{31 + minute * 2:02d}")
    notes = service.notes(meeting.id)
    service.note_to_decision(notes[3].id)
    service.note_to_action(notes[5].id, owner_id=people["刘海波"].id, due=today + dt.timedelta(days=1))
    service.note_to_action(notes[6].id, owner_id=people["王志远"].id, due=today)
    service.save_pending_line(meeting.id, "马秀兰：第三小分队今天下午负责 9 号楼到 12 号楼的")
    return meeting.id


def main(out: Path) -> None:
    from desktop.app import create_application
    from desktop.ui.main_window import MainWindow, PAGE_KEYS

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    db_path = work / "demo.sqlite3"
    today = dt.date.today()
    create_demo_database(db_path, today=today)
    app = create_application()
    open_store(db_path)
    fill(today)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings)
    window.resize(1280, 800)
    window.show()
    window.show_page(PAGE_KEYS.index("meetings"))
    page = window.current_page()
    app.processEvents()
    page.select_meeting(page.visible_rows()[0].meeting_id)
    app.processEvents()
    window.grab().save(str(out / "meetings-list.png"))
    page.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(out / "meetings-stats.png"))
    page.tabs.setCurrentIndex(0)
    live = page.start_meeting("每日例会")
    app.processEvents()
    window.grab().save(str(out / "live-entry.png"))
    live.attendance.toggle(live.attendance.list.item(3))
    app.processEvents()
    popup = live.attendance.popup()
    if popup is not None:
        shot = window.grab()
        popup_shot = popup.grab()
        from PySide6.QtGui import QPainter
        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(popup.pos()), popup_shot)
        painter.end()
        shot.save(str(out / "live-absence-popup.png"))
        popup.close()
    print(f"saved to {out}")
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/meetings"))
