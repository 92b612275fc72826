"""An editable list of names kept in one table (meeting types, diary tags).

    VocabularyTable(model, noun, error, clean_name)
    .items(include_inactive=False) .get(item_id) .add(name) .rename(item_id, name)
    .set_active(item_id, active) .move(item_id, offset)

The model has name (unique), sort_order and active. Names are unique; a row in use is
only ever deactivated, so old records keep showing it (renaming changes them too: the
name is one row). Every write is one transaction. Errors are `error` with a Chinese
message built from `noun` (找不到该会议类型。/ 已有名为“…”的工作类别。).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peewee import Model, fn

from .models import db


@dataclass(frozen=True)
class VocabularyTable:
    model: type[Model]
    noun: str                          # 会议类型, 工作类别
    error: type[Exception]
    clean_name: Callable[[object], str]  # the typed name tidied, or error (length, characters)

    def items(self, include_inactive: bool = False) -> list:
        query = self.model.select().order_by(self.model.sort_order, self.model.id)
        if not include_inactive:
            query = query.where(self.model.active == True)  # noqa: E712 (peewee expression)
        return list(query)

    def get(self, item_id) -> Model:
        found = self.model.get_or_none(self.model.id == getattr(item_id, "id", item_id))
        if found is None:
            raise self.error(f"找不到该{self.noun}。")
        return found

    def unique_name(self, name, except_id: int | None = None) -> str:
        name = self.clean_name(name)
        if not name:
            raise self.error(f"{self.noun}名称不能为空。")
        clash = self.model.select().where(self.model.name == name)
        if except_id is not None:
            clash = clash.where(self.model.id != except_id)
        if clash.exists():
            raise self.error(f"已有名为“{name}”的{self.noun}。")
        return name

    def add(self, name) -> Model:
        with db.atomic():
            name = self.unique_name(name)
            order = (self.model.select(fn.MAX(self.model.sort_order)).scalar() or 0) + 1
            return self.model.create(name=name, sort_order=order, active=True)

    def rename(self, item_id, name) -> Model:
        with db.atomic():
            row = self.get(item_id)
            row.name = self.unique_name(name, row.id)
            row.save()
            return row

    def set_active(self, item_id, active: bool) -> Model:
        with db.atomic():
            row = self.get(item_id)
            row.active = bool(active)
            row.save()
            return row

    def move(self, item_id, offset: int) -> None:
        """Up (offset -1) or down (+1) in the list, inactive rows included; renumbers sort_order."""
        with db.atomic():
            rows = self.items(include_inactive=True)
            moved = self.get(item_id).id
            index = next(i for i, row in enumerate(rows) if row.id == moved)
            target = max(0, min(len(rows) - 1, index + offset))
            rows.insert(target, rows.pop(index))
            for order, row in enumerate(rows, start=1):
                if row.sort_order != order:
                    row.sort_order = order
                    row.save()
