"""Masking of ID numbers and phones, for tables and exports unless the user reveals them."""
from __future__ import annotations

MASK = "*"


def mask_phone(phone: str) -> str:
    """'13912345678' -> '139****5678'; a landline keeps its area code and last 2 digits."""
    if not phone:
        return ""
    if "-" in phone:
        area, _, rest = phone.partition("-")
        return f"{area}-{MASK * max(len(rest) - 2, 0)}{rest[-2:]}"
    if len(phone) <= 7:
        return MASK * len(phone)
    return phone[:3] + MASK * (len(phone) - 7) + phone[-4:]


def mask_id_number(number: str) -> str:
    """'220802196805120017' -> '220802********0017'."""
    if not number:
        return ""
    if len(number) <= 10:
        return MASK * len(number)
    return number[:6] + MASK * (len(number) - 10) + number[-4:]


def is_masked(text: str) -> bool:
    return MASK in (text or "")
