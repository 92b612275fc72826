import datetime as dt

from desktop.meetings import service as S

from .conftest import DAY, at


def test_attendance_rates_and_meetings_per_type_over_a_period(people):
    days = [DAY + dt.timedelta(days=i) for i in range(4)]
    daily = [S.start_meeting(on=d, now=at(d, "07:30")) for d in days]
    S.set_absent(daily[0].id, people.chen.id, "值班")
    S.set_absent(daily[1].id, people.chen.id, "请假")
    S.set_absent(daily[1].id, people.fang.id, "病假")
    lesson = S.start_meeting("党课", on=days[1], now=at(days[1], "19:00"))
    S.set_absent(lesson.id, people.zhou.id, "公差")
    S.start_meeting("支部委员会", on=days[3], now=at(days[3], "20:00"))
    S.start_meeting(on=DAY - dt.timedelta(days=1), now=at(DAY, "07:30"))  # outside the period

    rates = S.attendance_rates(days[0], days[2])
    table = {r.member.name: (r.expected, r.present) for r in rates}
    assert [r.member.name for r in rates] == ["安然", "白云", "陈晨", "丁宁", "方圆", "郭峰", "周明"]
    assert table["陈晨"] == (4, 2)  # three daily meetings and the 党课
    assert table["方圆"] == (3, 2)  # 群众: not expected at the 党课
    assert table["周明"] == (4, 3)
    assert table["安然"] == (4, 4)
    chen = next(r for r in rates if r.member.name == "陈晨")
    assert chen.rate == 0.5 and chen.percent_text == "50.0%"

    daily_type = daily[0].meeting_type_id
    only_daily = {r.member.name: r.expected for r in S.attendance_rates(days[0], days[2], daily_type)}
    assert only_daily["陈晨"] == 3

    per_type = S.meetings_per_type(days[0], days[3])
    assert per_type[:4] == [("每日例会", 4), ("班前会", 0), ("支部委员会", 1), ("支部党员大会", 0)]
    assert dict(per_type)["党课"] == 1
    assert [name for name, _ in per_type] == [t.name for t in S.meeting_types()]
    S.set_meeting_type_active(S.type_by_name("党课").id, False)
    S.set_meeting_type_active(S.type_by_name("班前会").id, False)
    names = [name for name, _ in S.meetings_per_type(days[0], days[3])]
    assert "党课" in names and "班前会" not in names  # an inactive type shows only when used
