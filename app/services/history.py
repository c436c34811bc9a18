"""Finding a unit again and telling its story from the audit trail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, or_, select

from app.services.context import StationContext
from app.services.views import UnitView, unit_view
from app.store.schema import AuditRow, OperatorRow, ReceiptRow, ReturnRow, ReturnTracking, UnitRow

SEARCH_LIMIT = 200

_RETURNS_BY_NUMBER = (
    select(ReturnRow.return_id)
    .where(or_(ReturnRow.rma_number == bindparam("needle"), ReturnRow.order_number == bindparam("needle")))
    .union(
        select(ReturnTracking.return_id).where(ReturnTracking.tracking_number == bindparam("needle")),
        select(ReceiptRow.return_id).where(ReceiptRow.tracking_number == bindparam("needle")),
    )
)
_SEARCH = (
    select(UnitRow)
    .where(
        or_(
            UnitRow.lpn == bindparam("needle"),
            UnitRow.serial == bindparam("needle"),
            UnitRow.epc == bindparam("needle"),
            UnitRow.return_id.in_(_RETURNS_BY_NUMBER),
        )
    )
    .order_by(UnitRow.received_at)
    .limit(SEARCH_LIMIT)
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: str
    action: str
    operator: str
    detail: dict[str, Any]


class History:
    def __init__(self, context: StationContext) -> None:
        self._ctx = context

    def search(self, text: str) -> list[UnitView]:
        """Units whose LPN, serial, EPC, RMA, order or tracking number is exactly `text`."""
        needle = text.strip()
        if not needle:
            return []
        with self._ctx.db.read() as session:
            rows = session.scalars(_SEARCH, {"needle": needle})
            return [unit_view(row) for row in rows]

    def timeline(self, unit_id: str) -> list[TimelineEntry]:
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(AuditRow, OperatorRow.display_name)
                .outerjoin(OperatorRow, OperatorRow.operator_id == AuditRow.operator_id)
                .where(AuditRow.entity_id == unit_id)
                .order_by(AuditRow.seq)
            ).all()
            return [
                TimelineEntry(row.at, row.action, name or row.operator_id, json.loads(row.detail).get("payload", {}))
                for row, name in rows
            ]
