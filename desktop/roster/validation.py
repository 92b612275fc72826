"""Checks shared by the member dialog and the importer; every message in plain Chinese."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ..models.choices import (
    BRANCH_ROLES,
    ETHNICITIES,
    GENDERS,
    HEALTH_STATUSES,
    PARTY_STATUSES,
    POLITICAL_STATUSES,
)
from .dates import partial_to_date
from .fields import LABELS, REQUIRED, REQUIRED_FOR_PARTY

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PARTIAL = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{LABELS.get(self.field, self.field)}：{self.message}"


def normalize_phone(raw: object) -> str:
    """Drop spaces, full-width digits and a +86 prefix; keep the area-code dash of a landline."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    # NFKC: full-width digits, dashes and brackets typed with a Chinese IME become ASCII.
    text = unicodedata.normalize("NFKC", str(raw)).translate(str.maketrans("－—–", "---"))
    text = re.sub(r"[\s\u00a0\u3000]", "", text)
    text = text.replace("(", "").replace(")", "-") if text.startswith("(") else text
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if re.fullmatch(r"1\d{2}-\d{4}-\d{4}", text):
        text = text.replace("-", "")
    return text


def phone_problem(phone: str) -> str | None:
    if not phone:
        return None
    if _MOBILE.match(phone) or _LANDLINE.match(phone):
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("1") and len(digits) != 11:
        return f"手机号应为 11 位数字，现为 {len(digits)} 位"
    return "应为 11 位手机号，或带区号的固定电话（如 0436-1234567）"


def normalize_id_number(raw: object) -> str:
    """Drop spaces; full-width digits and letters (１２３…Ｘ, typed with a Chinese IME) become
    ASCII and the check letter upper case, so the check digit is judged on what was meant."""
    if raw is None:
        return ""
    text = unicodedata.normalize("NFKC", str(raw))
    return re.sub(r"[\s\u00a0\u3000]", "", text).upper()


def id_number_problem(number: str, today: dt.date | None = None) -> str | None:
    """GB 11643-1999: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check character."""
    if not number:
        return None
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return "应为 18 位，前 17 位为数字，最后一位为数字或 X"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "其中的出生日期不存在"
    if born > (today or dt.date.today()) or born.year < 1900:
        return "其中的出生日期不合理"
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != number[17]:
        return "校验位不正确，请核对号码"
    return None


def id_birth_month(number: str) -> str:
    """'YYYY-MM' read from a valid ID number."""
    return f"{number[6:10]}-{number[10:12]}"


def id_gender(number: str) -> str:
    return "男" if int(number[16]) % 2 else "女"


def validate_member(values: dict, today: dt.date | None = None) -> list[Problem]:
    """Problems that forbid saving. *values* holds normalized field values (dates parsed).

    Partial dates are 'YYYY-MM[-DD]' strings; arrived_on/departed_on are date or None;
    team is a name.
    """
    today = today or dt.date.today()
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(field, message))

    name = (values.get("name") or "").strip()
    if not name:
        add("name", "不能为空")
    elif len(name) > 40:
        add("name", "过长（最多 40 个字）")

    for key, allowed in (
        ("gender", GENDERS), ("political_status", POLITICAL_STATUSES),
        ("branch_role", BRANCH_ROLES), ("health_status", HEALTH_STATUSES),
    ):
        value = values.get(key) or ""
        if value and value not in allowed:
            add(key, f"“{value}”不是可选值（{' / '.join(allowed)}）")
    ethnicity = values.get("ethnicity") or ""
    if ethnicity and ethnicity not in ETHNICITIES and ethnicity != "其他":
        add("ethnicity", f"“{ethnicity}”不是民族名称，如“汉族”")

    if (message := phone_problem(values.get("phone") or "")):
        add("phone", message)
    id_number = values.get("id_number") or ""
    if (message := id_number_problem(id_number, today)):
        add("id_number", message)

    for key in ("birth_date", "party_joined"):
        text = values.get(key) or ""
        try:
            first_day = partial_to_date(text) if not text or _PARTIAL.fullmatch(text) else None
        except ValueError:
            first_day = None
        if text and first_day is None:
            add(key, f"“{text}”不是有效日期，应写作 1968.05 或 1968-05-12")
            values = {**values, key: ""}  # the later comparisons need a real date or nothing
            continue
        if first_day and first_day > today:
            add(key, "不能晚于今天")
    for key in ("arrived_on", "departed_on"):
        day = values.get(key)
        if day and day > today:
            add(key, "不能晚于今天")
    arrived, departed = values.get("arrived_on"), values.get("departed_on")
    if arrived and departed and departed < arrived:
        add("departed_on", "不能早于到岗日期")

    birth = values.get("birth_date") or ""
    joined = values.get("party_joined") or ""
    if birth and joined and joined[:7] < birth[:7]:
        add("party_joined", "不能早于出生年月")
    if birth and id_number and not id_number_problem(id_number, today):
        if id_birth_month(id_number) != birth[:7]:
            add("birth_date", f"与身份证号中的出生年月（{id_birth_month(id_number).replace('-', '.')}）不一致")
    status = values.get("political_status") or ""
    if joined and status and status not in PARTY_STATUSES:
        add("party_joined", f"政治面貌为“{status}”时不应填写入党时间")
    role = values.get("branch_role") or ""
    if role in {"书记", "副书记", "组织委员", "宣传委员", "纪检委员", "党员"} and status and status not in PARTY_STATUSES:
        add("branch_role", f"“{role}”须由中共党员或预备党员担任")
    return problems


def missing_fields(values: dict) -> list[str]:
    """Chinese labels of required fields that are empty: the reasons for 待完善."""
    keys = list(REQUIRED)
    if (values.get("political_status") or "") in PARTY_STATUSES:
        keys += REQUIRED_FOR_PARTY
    return [LABELS[k] for k in keys if not values.get(k)]
