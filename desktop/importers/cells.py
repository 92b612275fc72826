"""Turn one raw spreadsheet cell into a roster field value, the way offices write them.

    convert_cell(key, raw) -> (value, problem message or None)

Text is trimmed and stripped of invisible control characters; vocabulary variants
(党员 -> 中共党员, 男性 -> 男, 汉 -> 汉族) are mapped to the roster's values; dates go
through roster.dates, phones and ID numbers through roster.validation, the middle dot
of a name through roster.names. A formula saved without its result is a problem of
its cell, never an empty value; the apostrophe our CSV export puts before a cell
starting with = + - @ is taken off again.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..models.choices import BRANCH_ROLES, ETHNICITIES
from ..roster.dates import DateParseError, parse_full_date, parse_partial_date
from ..roster.fields import BY_KEY
from ..roster.names import normalize_name_dots
from ..roster.privacy import is_masked
from ..roster.validation import normalize_id_number, normalize_phone
from .table import UncomputedFormula

UNCOMPUTED = "公式未计算，请在 Excel/WPS 中打开并保存后再导入"

_POLITICAL = {
    "中共党员": "中共党员", "党员": "中共党员", "共产党员": "中共党员", "中国共产党党员": "中共党员",
    "正式党员": "中共党员", "中共正式党员": "中共党员",
    "预备党员": "中共预备党员", "中共预备党员": "中共预备党员", "中国共产党预备党员": "中共预备党员",
    "团员": "共青团员", "共青团员": "共青团员", "中国共产主义青年团团员": "共青团员",
    "积极分子": "入党积极分子", "入党积极分子": "入党积极分子",
    "群众": "群众",
}
_GENDER = {"男": "男", "男性": "男", "女": "女", "女性": "女"}
_ROLE_PREFIXES = ("临时党支部", "党支部", "支部")
# Excel keeps a cell as text when a CSV writes it as ="0123"; our exporter does that for phones and IDs.
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)
_CJK_SPACED = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003ffff·\s]+$")
# exporters.tabular writes '=… as '\'=…' in .csv so Excel does not run it; read it back as written.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
_INVISIBLE = {"\ufeff", "\u200b"}


def clean_text(raw: object, keep_newlines: bool = False) -> str:
    """Plain trimmed text of any cell; control characters and lone surrogates removed."""
    if raw is None:
        return ""
    raw = _unneutralise(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
    elif isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        raw = int(raw)
    text = str(raw).replace("\r\n", "\n").replace("\t", " ")
    chars = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            chars.append(ch)
        elif ch == "\n":
            chars.append(" ")
        elif ch in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            chars.append(ch)
    text = "".join(chars).strip()
    match = _EXCEL_TEXT.match(text)
    return match.group(1).strip() if match else text


def _unneutralise(raw: object) -> object:
    return _NEUTRALISED.sub("", raw, count=1) if isinstance(raw, str) else raw


def is_blank(raw: object) -> bool:
    return not isinstance(raw, UncomputedFormula) and clean_text(raw) == ""


def _name(text: str) -> str:
    text = normalize_name_dots(text)
    # '王  五' padded to line up with three-character names is still 王五.
    if _CJK_SPACED.match(text):
        return "".join(text.split())
    return " ".join(text.split())


def _ethnicity(text: str) -> str:
    if text not in ETHNICITIES and text + "族" in ETHNICITIES:
        return text + "族"
    return text


def _branch_role(text: str) -> str:
    for prefix in _ROLE_PREFIXES:
        if text.startswith(prefix) and text[len(prefix):] in BRANCH_ROLES:
            return text[len(prefix):]
    return text


def _choice(key: str, text: str) -> str:
    plain = "".join(text.split())
    if key == "gender":
        return _GENDER.get(plain, text)
    if key == "political_status":
        return _POLITICAL.get(plain, text)
    if key == "ethnicity":
        return _ethnicity(plain)
    if key == "branch_role":
        return _branch_role(plain)
    return text


def convert_cell(key: str, raw: object) -> tuple[object, str | None]:
    """The field value for *raw*, and a Chinese problem (without the field label) or None.

    An unusable cell gives an empty value plus the problem, so other fields still validate.
    """
    kind = BY_KEY[key].kind
    empty = None if kind == "date" else ""
    if isinstance(raw, UncomputedFormula):
        return empty, f"{UNCOMPUTED}（单元格公式 {raw.formula}）"
    if kind in ("partial_date", "date"):
        if isinstance(raw, (int, float, dt.datetime, dt.date)) and not isinstance(raw, bool):
            source = raw
        else:
            source = clean_text(raw)
        try:
            if kind == "partial_date" and key == "birth_date" and isinstance(source, dt.datetime) \
                    and source.day == 1 and source.time() == dt.time():
                # 出生年月 is a month; Excel keeps a month typed as 1978-7 as its first day.
                return f"{source.year:04d}-{source.month:02d}", None
            if kind == "partial_date":
                return parse_partial_date(source), None
            return parse_full_date(source), None
        except DateParseError as exc:
            return empty, str(exc)
        except (ValueError, OverflowError, TypeError):
            return empty, f"无法识别的日期“{clean_text(raw)}”"
    if kind == "id_number" and isinstance(raw, float):
        return "", "被存成了数字，末几位可能已丢失，请把该列设为“文本”格式后重新填写"
    text = clean_text(raw, keep_newlines=(key == "notes"))
    if kind in ("phone", "id_number"):
        if is_masked(text):
            return "", "已脱敏，无法导入"
        return (normalize_phone(text) if kind == "phone" else normalize_id_number(text)), None
    if key == "name":
        return _name(text), None
    if kind == "choice":
        return _choice(key, text), None
    return text, None
