"""会议记录汇编: meetings made through the service, read back from the PDF."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.meetings import service as S
from desktop.models import Branch
from desktop.reports.minutes import DRAFT_MARK, SIGNATURES, build_minutes_report
from desktop.roster import service as roster

from .pdftext import all_text, lines, page_text, reader
from .test_document import A4, embedded_font_problems

BRANCH = "丰泽园小区临时党支部"
FROM, TO = dt.date(2022, 11, 14), dt.date(2022, 11, 20)
GENERAL_DAY, DAILY_DAY, DRAFT_DAY = dt.date(2022, 11, 15), dt.date(2022, 11, 16), dt.date(2022, 11, 17)
DECISION = "同意推荐安然同志为抗疫一线优秀共产党员人选，报街道工委审定。"
REASON = "记录人将楼号误记为5号楼，经发言人核实应为6号楼，予以更正。"


def at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(*map(int, hhmm.split(":"))))


def add_member(name: str, status: str = "中共党员"):
    return roster.save_member({"name": name, "political_status": status, "arrived_on": dt.date(2022, 11, 1),
                               "unit": "市统计局", "unit_post": "科员"}, today=dt.date(2022, 12, 31))


@pytest.fixture
def record():
    """A 支部党员大会 with absences and a vote, a 每日例会 that closes its item and is corrected
    later, an unfinished 每日例会, and a meeting outside the period."""
    branch = Branch.current()
    branch.name = BRANCH
    branch.save()
    people = {name: add_member(name) for name in ("周明", "安然", "白云", "陈晨", "邓亮", "冯磊")}
    people["丁宁"] = add_member("丁宁", "中共预备党员")
    people["方圆"] = add_member("方圆", "群众")
    roster.set_committee({people["周明"].id: "书记", people["安然"].id: "组织委员", people["白云"].id: "宣传委员"})

    before = S.start_meeting("每日例会", on=dt.date(2022, 11, 10), now=at(dt.date(2022, 11, 10), "07:30"))
    S.finalize(before.id, now=at(before.date, "08:00"))

    general = S.start_meeting("支部党员大会", on=GENERAL_DAY, now=at(GENERAL_DAY, "19:30"))
    S.update_meeting(general.id, place="文昌社区党群服务中心", guests="文昌社区党委委员")
    S.set_topics(general.id, ["讨论推荐抗疫一线优秀共产党员人选", "通报近期疫情防控工作情况"])
    S.set_absent(general.id, people["陈晨"].id, "请假", "家中有事")
    S.set_absent(general.id, people["丁宁"].id, "值班")
    S.add_note(general.id, "采取举手表决方式，预备党员不参加表决。", speaker_id=people["周明"].id, at="19:31:05")
    S.add_decision(general.id, DECISION, votes_for=4, votes_against=0, votes_abstain=1)
    item = S.add_action_item(general.id, "起草推荐材料，报街道工委", owner_id=people["安然"].id,
                             due=dt.date(2022, 11, 17))
    S.finalize(general.id, now=at(GENERAL_DAY, "20:30"))

    daily = S.start_meeting("每日例会", on=DAILY_DAY, now=at(DAILY_DAY, "07:30"))
    S.set_topics(daily.id, ["班前动员"])
    note = S.add_note(daily.id, "5号楼有一户独居老人需要代购降压药", speaker_id=people["白云"].id, at="07:34:00")
    S.close_item(item.id, daily.id)
    S.finalize(daily.id, now=at(DAILY_DAY, "08:05"))
    S.correct(daily.id, REASON, lambda: S.update_note(note.id, text="6号楼有一户独居老人需要代购降压药"),
              now=at(DRAFT_DAY, "09:00"))

    draft = S.start_meeting("每日例会", on=DRAFT_DAY, now=at(DRAFT_DAY, "07:30"))
    return {"general": S.get_meeting(general.id), "daily": S.get_meeting(daily.id),
            "draft": S.get_meeting(draft.id), "before": before, "people": people}


def _build(tmp_path, fonts, date_from=FROM, date_to=TO):
    path = tmp_path / "minutes.pdf"
    result = build_minutes_report(path, date_from, date_to, fonts=fonts)
    assert result.path == path and result.page_count == len(reader(path).pages)
    return result, path


def title_pages(path) -> dict[str, int]:
    """Meeting title (2号) -> the page it starts on; the compilation title is left out."""
    found = {}
    for line in lines(path):
        if line.size == pytest.approx(22) and line.page > 1:
            found.setdefault(line.text, line.page)
    return found


def meeting_text(path, title: str, result) -> str:
    """The text of one meeting: from its title page to the page before the next title."""
    starts = sorted(title_pages(path).values())
    first = title_pages(path)[title]
    end = next((p for p in starts if p > first), result.page_count + 1)
    return "\n".join(page_text(path, page) for page in range(first, end))


def test_a4_pages_and_embedded_fonts(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    for page in reader(path).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.01)
    assert embedded_font_problems(path) == []
    assert result.missing_characters == []


def test_title_period_and_summary(record, tmp_path, fonts):
    _, path = _build(tmp_path, fonts)
    first = [line.text for line in lines(path) if line.page == 1]
    assert first[:2] == [f"{BRANCH}会议记录", "2022年11月14日至2022年11月20日"]
    text = all_text(path).replace("\n", "")
    assert "本期共有会议记录3次：支部党员大会1次、每日例会2次。其中1次尚未定稿。" in text


def test_each_meeting_starts_a_new_page_in_date_order(record, tmp_path, fonts):
    _, path = _build(tmp_path, fonts)
    found = lines(path)
    starts = title_pages(path)
    titles = [record[k].title for k in ("general", "daily", "draft")]
    assert list(starts) == titles  # in date order, and nothing from outside the period
    assert record["before"].title not in all_text(path)
    pages = [starts[t] for t in titles]
    assert pages == sorted(set(pages)) and pages[0] == 2
    for title, page in starts.items():
        top = max((line for line in found if line.page == page), key=lambda line: line.y)
        assert top.text == title


def test_header_block_names_people_time_and_absences(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    text = meeting_text(path, record["general"].title, result).replace("\n", "")
    assert "会议类型支部党员大会" in text
    assert "时间2022年11月15日 19:30—20:30" in text
    assert "地点文昌社区党群服务中心" in text
    assert "主持人周明记录人安然" in text
    assert "应到人数7 人实到人数5 人" in text
    assert "陈晨（请假：家中有事）、丁宁（值班）" in text
    assert "列席人员文昌社区党委委员" in text


def test_decisions_votes_notes_and_items(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    text = meeting_text(path, record["general"].title, result).replace("\n", "")
    assert f"1. {DECISION}（表决结果：同意 4 票、反对 0 票、弃权 1 票）" in text
    assert "19:31 周明：采取举手表决方式，预备党员不参加表决。" in text
    assert "1. 讨论推荐抗疫一线优秀共产党员人选" in text and "2. 通报近期疫情防控工作情况" in text
    assert "起草推荐材料，报街道工委安然11月17日已完成（11月16日）" in text  # one date style


def test_quorum_only_for_the_general_meeting(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    general = meeting_text(path, record["general"].title, result).replace("\n", "")
    assert "法定人数应到有表决权党员 6 人，实到 5 人，超过半数，符合法定人数。" in general
    assert "法定人数" not in meeting_text(path, record["daily"].title, result)


def test_followed_up_items_and_corrections(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    text = meeting_text(path, record["daily"].title, result).replace("\n", "")
    assert "跟进的前期事项" in text
    assert f"起草推荐材料，报街道工委{record['general'].title}安然已完成" in text
    assert "07:34 白云：6号楼有一户独居老人需要代购降压药" in text and "5号楼有一户" not in text
    correction = text.index(f"更正记录：2022年11月17日 更正原因：{REASON}")
    assert correction > text.index(f"{SIGNATURES[0]}：") > text.index("跟进的前期事项")
    assert "更正记录" not in meeting_text(path, record["general"].title, result)


def test_unfinished_meeting_is_marked(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    found = lines(path)
    marks = [line for line in found if line.text == DRAFT_MARK]
    assert len(marks) == 1
    page = title_pages(path)[record["draft"].title]
    on_page = [line.text for line in found if line.page == page]
    assert on_page[:2] == [record["draft"].title, DRAFT_MARK]
    assert "时间2022年11月17日 07:30开始" in "".join(on_page)


def test_empty_sections_say_none(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts)
    texts = meeting_text(path, record["draft"].title, result).split("\n")
    for heading in ("一、议题", "二、发言记录", "三、决议"):
        assert texts[texts.index(heading) + 1] == "无。"
    assert "学习内容" not in texts and "四、待办事项" not in texts


def test_empty_period_says_so(record, tmp_path, fonts):
    result, path = _build(tmp_path, fonts, dt.date(2022, 12, 1), dt.date(2022, 12, 31))
    assert result.page_count == 1 and result.empty_sections == ["会议记录"]
    assert all_text(path).split("\n")[:3] == [f"{BRANCH}会议记录", "2022年12月1日至2022年12月31日",
                                              "会议记录：暂无记录。"]


def test_one_day_and_a_reversed_period(record, fonts):
    result = build_minutes_report(None, GENERAL_DAY, GENERAL_DAY, fonts=fonts)
    assert result.data.startswith(b"%PDF") and result.path is None
    text = all_text(result.data)
    assert "2022年11月15日" in text.split("\n")[:2] and record["general"].title in text
    assert record["daily"].title not in text
    with pytest.raises(ValueError):
        build_minutes_report(None, TO, FROM, fonts=fonts)


def test_same_day_meetings_follow_their_start_times(record, tmp_path, fonts):
    evening = S.start_meeting("支部委员会", on=DAILY_DAY, now=at(DAILY_DAY, "20:00"))
    S.update_meeting(evening.id, start_time="06:50")  # started earlier than the 例会 after all
    _, path = _build(tmp_path, fonts)
    order = list(title_pages(path))
    assert order.index(evening.title) == order.index(record["daily"].title) - 1
