"""Read models the screens show: a return with its progress, a unit, an approval waiting.

Built from the store in one read transaction; plain frozen values, safe to hand to the GUI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.lifecycle import UnitState
from app.domain.model import DispositionKind, ExceptionKind, ReturnStatus
from app.errors import NotFound
from app.phrases import QT_TRANSLATE_NOOP, Phrase, restored
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


def unit_view(row: UnitRow) -> UnitView:
    return UnitView(
        unit_id=row.unit_id,
        lpn=row.lpn,
        return_id=row.return_id,
        line_no=row.line_no,
        gtin=row.gtin,
        sku=row.sku,
        serial=row.serial,
        lot=row.lot,
        epc=row.epc,
        state=UnitState(row.state),
        grade=row.grade,
        disposition=DispositionKind(row.disposition) if row.disposition else None,
        location=row.location,
        received_at=row.received_at,
    )


def return_view(session: Session, return_id: str) -> ReturnView:
    row = session.get(ReturnRow, return_id)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Core", "This return is no longer on the station. Scan its label again."))
    received = dict(
        session.execute(
            select(UnitRow.line_no, func.count())
            .where(UnitRow.return_id == return_id, UnitRow.line_no.is_not(None))
            .group_by(UnitRow.line_no)
        ).all()
    )
    lines = tuple(
        LineView(
            line_no=ln.line_no,
            gtin=ln.gtin,
            sku=ln.sku,
            description=ln.description,
            quantity_authorized=ln.quantity_authorized,
            quantity_received=received.get(ln.line_no, 0),
            expected_serials=tuple(json.loads(ln.expected_serials)),
            reason_code=ln.reason_code,
        )
        for ln in session.scalars(
            select(ReturnLineRow).where(ReturnLineRow.return_id == return_id).order_by(ReturnLineRow.line_no)
        )
    )
    units = tuple(
        unit_view(u)
        for u in session.scalars(select(UnitRow).where(UnitRow.return_id == return_id).order_by(UnitRow.received_at))
    )
    exceptions = tuple(
        ExceptionView(e.exception_id, ExceptionKind(e.kind), _shown_text(e.detail, e.detail_i18n), e.unit_id, e.status)
        for e in session.scalars(
            select(ExceptionRow).where(ExceptionRow.return_id == return_id).order_by(ExceptionRow.raised_at)
        )
    )
    tracking = tuple(
        session.scalars(select(ReturnTracking.tracking_number).where(ReturnTracking.return_id == return_id))
    )
    return ReturnView(
        return_id=row.return_id,
        rma_number=row.rma_number,
        order_number=row.order_number,
        tracking_numbers=tracking,
        customer_tier=row.customer_tier,
        status=ReturnStatus(row.status),
        blind=row.blind,
        lines=lines,
        units=units,
        exceptions=exceptions,
    )


def _shown_text(english: str, i18n: str | None) -> str:
    """A stored message: translatable when it was kept with its template (`app.phrases.stored`)."""
    return restored(json.loads(i18n)) if i18n else english
