import datetime as dt

import pytest

from desktop.roster.validation import (
    id_number_problem,
    missing_fields,
    normalize_id_number,
    normalize_phone,
    phone_problem,
    validate_member,
)

TODAY = dt.date(2022, 4, 20)


def with_check(body: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


@pytest.mark.parametrize(
    "raw, normalized",
    [("139 1234 5678", "13912345678"), ("+86 139-1234-5678", "13912345678"),
     (13912345678.0, "13912345678"), ("０４３６－１２３４５６７", "0436-1234567"), ("(0436)1234567", "0436-1234567")],
)
def test_phone_normalization(raw, normalized):
    assert normalize_phone(raw) == normalized
    assert phone_problem(normalized) is None


@pytest.mark.parametrize("bad", ["1391234567", "139123456789", "12345678", "2391234567a"])
def test_bad_phones(bad):
    assert phone_problem(normalize_phone(bad))


def test_id_checksum():
    good = with_check("11010519491231002")
    assert id_number_problem(good, TODAY) is None
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert "校验位" in id_number_problem(wrong_check, TODAY)
    assert "出生日期" in id_number_problem(with_check("11010519490231002"), TODAY)
    assert "18 位" in id_number_problem("1101051949123100", TODAY)
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"


def test_member_rules():
    problems = validate_member(
        {
            "name": "",
            "phone": "1391234567",
            "arrived_on": dt.date(2022, 4, 15),
            "departed_on": dt.date(2022, 4, 14),
            "birth_date": "2023-01",
            "political_status": "群众",
            "party_joined": "2010-07",
            "branch_role": "组织委员",
        },
        TODAY,
    )
    fields = {p.field for p in problems}
    assert fields == {"name", "phone", "departed_on", "birth_date", "party_joined", "branch_role"}
    messages = [str(p) for p in problems]
    assert "姓名：不能为空" in messages
    assert "撤离日期：不能早于到岗日期" in messages


def test_birth_month_must_match_id():
    number = with_check("11010519800512002")
    problems = validate_member({"name": "甲", "id_number": number, "birth_date": "1980-06"}, TODAY)
    assert [p.field for p in problems] == ["birth_date"]
    assert validate_member({"name": "甲", "id_number": number, "birth_date": "1980-05"}, TODAY) == []


def test_future_arrival_rejected():
    problems = validate_member({"name": "甲", "arrived_on": TODAY + dt.timedelta(days=1)}, TODAY)
    assert [str(p) for p in problems] == ["到岗日期：不能晚于今天"]


def test_missing_fields_depend_on_status():
    base = {"name": "甲", "gender": "男", "birth_date": "1980-05", "political_status": "群众",
            "unit": "市统计局", "phone": "13912345678", "team": "第一小分队", "arrived_on": TODAY}
    assert missing_fields(base) == []
    assert missing_fields({**base, "political_status": "中共党员"}) == ["入党时间", "组织关系所在党组织"]
    assert missing_fields({**base, "phone": ""}) == ["联系电话"]


@pytest.mark.parametrize("raw", ["'; DROP TABLE member; --", "2022-02-30", "1968.05"])
def test_unparsed_partial_dates_are_problems_not_crashes(raw):
    problems = validate_member({"name": "甲", "birth_date": raw, "party_joined": raw}, TODAY)
    assert {p.field for p in problems} == {"birth_date", "party_joined"}
    assert all("不是有效日期" in p.message for p in problems)
