"""Who an imported row is: a member already on the roster, an earlier row, or someone new.

Same 身份证号, or same 姓名 and 联系电话, is the same person. Failing that, a row is
the one person of the same name whose phone and ID number do not contradict it (one
side empty), so a member first entered by name alone is completed, not duplicated.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Member
from ..roster.names import normalize_name_dots
from ..roster.service import list_members


@dataclass(eq=False)
class Person:
    name: str
    phone: str = ""
    id_number: str = ""
    member: Member | None = None  # on the roster already
    row: int | None = None  # the file row that added or updated this person


@dataclass
class Match:
    person: Person | None = None
    by_name: bool = False  # matched on the name alone
    conflict: str = ""  # the row points at two different people
    namesakes: int = 0  # people of the same name it did not match


class People:
    def __init__(self, members: Iterable[Member] | None = None) -> None:
        self._by_id: dict[str, Person] = {}
        self._by_name_phone: dict[tuple[str, str], Person] = {}
        self._by_name: dict[str, list[Person]] = {}
        for member in list_members() if members is None else members:
            # A member saved before dots were normalised still matches 阿依古丽·买买提.
            name = normalize_name_dots(member.name)
            self._index(Person(name, member.phone, member.id_number, member=member))

    def _index(self, person: Person) -> None:
        if person.id_number:
            self._by_id.setdefault(person.id_number, person)
        if person.phone:
            self._by_name_phone.setdefault((person.name, person.phone), person)
        same_name = self._by_name.setdefault(person.name, [])
        if person not in same_name:
            same_name.append(person)

    def find(self, values: dict) -> Match:
        name, phone, number = (values.get(k) or "" for k in ("name", "phone", "id_number"))
        exact = []
        if number and number in self._by_id:
            exact.append(self._by_id[number])
        if name and phone and (name, phone) in self._by_name_phone:
            exact.append(self._by_name_phone[(name, phone)])
        if len({id(p) for p in exact}) > 1:
            first, second = exact
            return Match(conflict=f"身份证号与“{_who(first)}”相同，姓名和联系电话却与“{_who(second)}”相同，请核对")
        if exact:
            return Match(exact[0])
        same_name = self._by_name.get(name, []) if name else []
        compatible = [
            p for p in same_name
            if (not phone or not p.phone) and (not number or not p.id_number)
        ]
        if len(compatible) == 1:
            return Match(compatible[0], by_name=True)
        return Match(namesakes=len(same_name))

    def add(self, values: dict, row: int) -> None:
        """A new person from *row*, for later rows to match."""
        self._index(Person(values.get("name") or "", values.get("phone") or "",
                           values.get("id_number") or "", row=row))

    def claim(self, person: Person, merged: dict, row: int) -> None:
        """*row* updates *person*; later rows match the updated phone and ID number too."""
        person.row = row
        person.name = merged.get("name") or person.name
        person.phone = merged.get("phone") or person.phone
        person.id_number = merged.get("id_number") or person.id_number
        self._index(person)


def _who(person: Person) -> str:
    return f"第 {person.row} 行的{person.name}" if person.member is None else person.name
