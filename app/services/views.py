"""Read models the screens show: a return with its progress, a unit, an approval waiting.

Built from the store in one read transaction; plain frozen values, safe to hand to the GUI thread.

A return's view is read again after every receiving scan (the bench reloads it), so its statements
are prepared once (`app.store.prepared`) and run on the sqlite3 connection of the caller's
transaction: through the ORM a view cost over a millisecond of CPU, ten times as much, nearly all of
it spent loading and identity-mapping rows that are thrown away at once.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.domain.lifecycle import UnitState
from app.domain.model import DispositionKind, ExceptionKind, ReturnStatus
from app.errors import NotFound
from app.phrases import QT_TRANSLATE_NOOP, Phrase, restored
from app.store.db import sqlite_connection
from app.store.prepared import Query
from app.store.schema import ExceptionRow, ReturnLineRow, ReturnRow, ReturnTracking, UnitRow


@dataclass(frozen=True, slots=True)
class LineView:
    line_no: int
    gtin: str
    sku: str
    description: str
    quantity_authorized: int
    quantity_received: int
    expected_serials: tuple[str, ...]
    reason_code: str

    @property
    def missing(self) -> int:
        return max(0, self.quantity_authorized - self.quantity_received)

    @property
    def over(self) -> int:
        return max(0, self.quantity_received - self.quantity_authorized)


@dataclass(frozen=True, slots=True)
class UnitView:
    unit_id: str
    lpn: str
    return_id: str
    line_no: int | None
    gtin: str | None
    sku: str | None
    serial: str | None
    lot: str | None
    epc: str | None
    state: UnitState
    grade: str | None
    disposition: DispositionKind | None
    location: str | None
    received_at: str


@dataclass(frozen=True, slots=True)
class ExceptionView:
    exception_id: str
    kind: ExceptionKind
    detail: str
    unit_id: str | None
    status: str


@dataclass(frozen=True, slots=True)
class ReturnView:
    return_id: str
    rma_number: str | None
    order_number: str | None
    tracking_numbers: tuple[str, ...]
    customer_tier: str
    status: ReturnStatus
    blind: bool
    lines: tuple[LineView, ...]
    units: tuple[UnitView, ...]
    exceptions: tuple[ExceptionView, ...]

    @property
    def title(self) -> str:
        blind = Phrase(QT_TRANSLATE_NOOP("Core", "Blind return {id}"), id=self.return_id[:8])
        return self.rma_number or self.order_number or blind

    @property
    def missing_count(self) -> int:
        return sum(line.missing for line in self.lines)


# UnitView's fields, in order: the unit query selects them, and an ORM row is read through them.
_UNIT_COLUMNS = (
    UnitRow.unit_id,
    UnitRow.lpn,
    UnitRow.return_id,
    UnitRow.line_no,
    UnitRow.gtin,
    UnitRow.sku,
    UnitRow.serial,
    UnitRow.lot,
    UnitRow.epc,
    UnitRow.state,
    UnitRow.grade,
    UnitRow.disposition,
    UnitRow.location,
    UnitRow.received_at,
)


def _unit(values: Sequence[Any]) -> UnitView:
    """A unit from its stored values in `_UNIT_COLUMNS` order; state and disposition become enums."""
    fields = {column.key: value for column, value in zip(_UNIT_COLUMNS, values, strict=True)}
    fields["state"] = UnitState(fields["state"])
    fields["disposition"] = DispositionKind(fields["disposition"]) if fields["disposition"] else None
    return UnitView(**fields)


def unit_view(row: UnitRow) -> UnitView:
    return _unit([getattr(row, column.key) for column in _UNIT_COLUMNS])


_RETURN = Query(
    select(
        ReturnRow.rma_number, ReturnRow.order_number, ReturnRow.customer_tier, ReturnRow.status, ReturnRow.blind
    ).where(ReturnRow.return_id == bindparam("return_id"))
)
_LINES = Query(
    select(
        ReturnLineRow.line_no,
        ReturnLineRow.gtin,
        ReturnLineRow.sku,
        ReturnLineRow.description,
        ReturnLineRow.quantity_authorized,
        ReturnLineRow.expected_serials,
        ReturnLineRow.reason_code,
    )
    .where(ReturnLineRow.return_id == bindparam("return_id"))
    .order_by(ReturnLineRow.line_no)
)
_UNITS = Query(select(*_UNIT_COLUMNS).where(UnitRow.return_id == bindparam("return_id")).order_by(UnitRow.received_at))
_EXCEPTIONS = Query(
    select(
        ExceptionRow.exception_id,
        ExceptionRow.kind,
        ExceptionRow.detail,
        ExceptionRow.detail_i18n,
        ExceptionRow.unit_id,
        ExceptionRow.status,
    )
    .where(ExceptionRow.return_id == bindparam("return_id"))
    .order_by(ExceptionRow.raised_at)
)
_TRACKING = Query(select(ReturnTracking.tracking_number).where(ReturnTracking.return_id == bindparam("return_id")))


def return_view(session: Session, return_id: str) -> ReturnView:
    """The return as it stands in `session`'s transaction, the rows it wrote itself included."""
    # The statements run beside the ORM, so what the session holds unflushed must reach the
    # transaction first, as the journal does before it reads (`Tx.record`). Nothing to flush costs nothing.
    session.flush()
    return read_return_view(sqlite_connection(session.connection()), return_id)


def read_return_view(connection: sqlite3.Connection, return_id: str) -> ReturnView:
    """`return_view` on the sqlite3 connection of an open transaction (`Tx.sql`), with no ORM session."""
    params = {"return_id": return_id}
    found = _RETURN.first(connection, params)
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP("Core", "This return is no longer on the station. Scan its label again."))
    rma_number, order_number, customer_tier, status, blind = found
    units = tuple(_unit(row) for row in _UNITS.all(connection, params))
    # Every unit of the return is in hand already: counting them here saves a statement per view.
    received = Counter(unit.line_no for unit in units if unit.line_no is not None)
    lines = tuple(
        LineView(
            line_no=line_no,
            gtin=gtin,
            sku=sku,
            description=description,
            quantity_authorized=quantity_authorized,
            quantity_received=received[line_no],
            expected_serials=tuple(json.loads(expected_serials)),
            reason_code=reason_code,
        )
        for line_no, gtin, sku, description, quantity_authorized, expected_serials, reason_code in _LINES.all(
            connection, params
        )
    )
    exceptions = tuple(
        ExceptionView(exception_id, ExceptionKind(kind), _shown_text(detail, detail_i18n), unit_id, handling)
        for exception_id, kind, detail, detail_i18n, unit_id, handling in _EXCEPTIONS.all(connection, params)
    )
    return ReturnView(
        return_id=return_id,
        rma_number=rma_number,
        order_number=order_number,
        tracking_numbers=tuple(number for (number,) in _TRACKING.all(connection, params)),
        customer_tier=customer_tier,
        status=ReturnStatus(status),
        blind=blind,
        lines=lines,
        units=units,
        exceptions=exceptions,
    )


def _shown_text(english: str, i18n: str | None) -> str:
    """A stored message: translatable when it was kept with its template (`app.phrases.stored`)."""
    return restored(json.loads(i18n)) if i18n else english
