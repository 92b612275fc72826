"""The roster's fields: one list that the dialog, table, importer and exporter all read."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    key: str                    # attribute on Member (team: the team's name)
    label: str                  # Chinese label and export header
    aliases: tuple[str, ...] = ()  # other headers offices use for the same column
    kind: str = "text"          # text | partial_date | date | phone | id_number | choice


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", ("名字", "人员姓名", "党员姓名", "干部姓名")),
    FieldSpec("gender", "性别", (), "choice"),
    FieldSpec("birth_date", "出生年月", ("出生日期", "出生年月日", "生日", "出生时间"), "partial_date"),
    FieldSpec("ethnicity", "民族", (), "choice"),
    FieldSpec("political_status", "政治面貌", ("党派", "政治身份"), "choice"),
    FieldSpec("party_joined", "入党时间", ("入党日期", "入党年月", "入党时间（年月）"), "partial_date"),
    FieldSpec("unit", "派出单位", ("工作单位", "所在单位", "单位", "原单位", "包保单位", "单位名称"), "text"),
    FieldSpec("unit_post", "单位职务", ("职务", "现任职务", "职务职级", "岗位", "单位及职务")),
    FieldSpec("home_org", "组织关系所在党组织", ("组织关系所在支部", "所在党组织", "组织关系", "所在党支部", "原党组织")),
    FieldSpec("branch_role", "支部职务", ("支部内职务", "临时党支部职务", "在支部职务", "党内职务"), "choice"),
    FieldSpec("team", "小分队", ("班组", "分队", "所在小分队", "所属班组", "小组", "队别")),
    FieldSpec("phone", "联系电话", ("手机号", "手机号码", "手机", "电话", "电话号码", "联系方式", "移动电话",
                                      "座机", "固定电话", "办公电话"), "phone"),
    FieldSpec("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证", "证件号码"), "id_number"),
    FieldSpec("arrived_on", "到岗日期", ("下沉日期", "报到日期", "进驻日期", "到岗时间", "报到时间"), "date"),
    FieldSpec("departed_on", "撤离日期", ("离岗日期", "撤离时间", "离开日期"), "date"),
    FieldSpec("health_status", "健康状况", ("健康状态", "身体状况"), "choice"),
    FieldSpec("notes", "备注", ("说明", "其他")),
)

BY_KEY = {f.key: f for f in FIELDS}
LABELS = {f.key: f.label for f in FIELDS}

# A record missing any of these is flagged 待完善.
REQUIRED = ("name", "gender", "birth_date", "political_status", "unit", "phone", "team", "arrived_on")
# Required in addition for Party members.
REQUIRED_FOR_PARTY = ("party_joined", "home_org")


def _clean_header(text: str) -> str:
    return "".join(str(text).split()).replace("：", "").replace(":", "").replace("*", "")


_HEADER_INDEX = {
    _clean_header(name): spec.key for spec in FIELDS for name in (spec.label, *spec.aliases)
}


def field_for_header(header: object) -> str | None:
    """The field key a column header means, or None ('联系电话 ' and '*手机号' both -> 'phone')."""
    if header is None:
        return None
    return _HEADER_INDEX.get(_clean_header(str(header)))
