"""Printing licence-plate and routing labels through whatever printer the station has.

The core knows labels only as a template name and its fields; `devices/` implements
`LabelPrinter` and the composition root wires it in. A job is recorded before it is sent and
marked printed only after the printer took it, so a label is never silently lost: a failed job
stays pending and `print_pending()` sends it again.

A licence plate prints on every receiving scan, so both of its transactions run statements prepared
once (`app.store.prepared`): the ORM loads and flushes they replace cost more CPU than the two
commits themselves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import bindparam, select, update

from app.domain.ids import new_id
from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.domain.model import DispositionKind, Operator
from app.errors import UNIT_NOT_ON_STATION, NotFound, PrinterProblem
from app.phrases import QT_TRANSLATE_NOOP
from app.services.context import StationContext
from app.services.values import Changed, LabelTemplate, PrintJob
from app.store.db import sqlite_connection
from app.store.journal import Change
from app.store.prepared import Command, Query
from app.store.schema import CatalogRow, DispositionRow, PrintJobRow, ReturnRow, UnitRow


class LabelPrinter(Protocol):
    """Implemented in devices/; raises `PrinterProblem` when the printer did not take the label."""

    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None: ...


ROUTING_TEMPLATE = {
    DispositionKind.RESTOCK: LabelTemplate.RESALE,
    DispositionKind.REFURBISH: LabelTemplate.RESALE,
    DispositionKind.RETURN_TO_VENDOR: LabelTemplate.RETURN_TO_VENDOR,
    DispositionKind.QUARANTINE: LabelTemplate.QUARANTINE,
}


@dataclass(frozen=True, slots=True)
class _CatalogItem:
    description: str
    unit_value: str
    vendor_id: str | None


@dataclass(frozen=True, slots=True)
class _LabelFacts:
    """What a unit's labels show."""

    return_id: str
    lpn: str
    state: str
    disposition: str | None
    gtin: str | None
    sku: str | None
    serial: str | None
    grade: str | None
    location: str | None
    rma_number: str | None  # None for a blind return
    item: _CatalogItem | None  # None when the catalog does not know the unit's item
    reason: str | None  # of the current disposition, None when there is none

    @classmethod
    def of(cls, row: tuple[Any, ...]) -> _LabelFacts:
        """From a row of `_LABEL_FACTS`."""
        (return_id, lpn, state, disposition, gtin, sku, serial, grade, location, rma_number) = row[:10]
        catalog_gtin, description, unit_value, vendor_id, reason = row[10:]
        # The outer join finds no catalog row for a unit without a GTIN; the empty GTIN is not looked up either.
        item = _CatalogItem(description, unit_value, vendor_id) if gtin and catalog_gtin is not None else None
        return cls(return_id, lpn, state, disposition, gtin, sku, serial, grade, location, rma_number, item, reason)


# The unit, its return and its catalog item in one statement: a licence plate prints on every scan.
_LABEL_FACTS = Query(
    select(
        UnitRow.return_id,
        UnitRow.lpn,
        UnitRow.state,
        UnitRow.disposition,
        UnitRow.gtin,
        UnitRow.sku,
        UnitRow.serial,
        UnitRow.grade,
        UnitRow.location,
        ReturnRow.rma_number,
        CatalogRow.gtin,
        CatalogRow.description,
        CatalogRow.unit_value,
        CatalogRow.vendor_id,
        select(DispositionRow.reason)
        .where(DispositionRow.unit_id == UnitRow.unit_id, DispositionRow.current.is_(True))
        .limit(1)
        .scalar_subquery(),
    )
    .outerjoin(ReturnRow, ReturnRow.return_id == UnitRow.return_id)
    .outerjoin(CatalogRow, CatalogRow.gtin == UnitRow.gtin)
    .where(UnitRow.unit_id == bindparam("unit_id"))
)
_UNIT_STATE = Query(select(UnitRow.return_id, UnitRow.state).where(UnitRow.unit_id == bindparam("unit_id")))
_SET_UNIT_STATE = Command(
    update(UnitRow)
    .where(UnitRow.unit_id == bindparam("unit_id"))
    .values(state=bindparam("state"), updated_at=bindparam("at"))
)
_JOB_COLUMNS = (
    PrintJobRow.job_id,
    PrintJobRow.unit_id,
    PrintJobRow.template,
    PrintJobRow.data,
    PrintJobRow.status,
    PrintJobRow.attempts,
    PrintJobRow.last_error,
)
_JOB = Query(select(*_JOB_COLUMNS).where(PrintJobRow.job_id == bindparam("job_id")))
_PENDING_JOBS = Query(select(*_JOB_COLUMNS).where(PrintJobRow.status == "pending").order_by(PrintJobRow.created_at))
_MARK_PRINTED = Command(
    update(PrintJobRow)
    .where(PrintJobRow.job_id == bindparam("job_id"))
    .values(status="printed", printed_at=bindparam("at"), attempts=bindparam("attempts"))
)
_JobRow = tuple[str, str | None, str, str, str, int, str | None]  # the columns of _JOB_COLUMNS


class Labels:
    def __init__(self, context: StationContext, printer: LabelPrinter | None) -> None:
        self._ctx = context
        self.printer = printer

    def lpn_label(self, actor: Operator, unit_id: str) -> PrintJob:
        """The licence plate for a unit just received."""
        return self._print(actor, unit_id, routing=False)

    def routing_label(self, actor: Operator, unit_id: str) -> PrintJob:
        """The label that sends a dispositioned unit on its way; the unit becomes labelled."""
        return self._print(actor, unit_id, routing=True)

    def pending(self) -> list[PrintJob]:
        with self._ctx.db.read() as session:
            rows = _PENDING_JOBS.all(sqlite_connection(session.connection()), {})
        return [self._job(row) for row in rows]

    def print_pending(self, actor: Operator) -> list[PrintJob]:
        """Send every kept job again (after a printer fault is cleared); returns those still pending."""
        for job in self.pending():
            try:
                self._send(actor, job)
            except PrinterProblem:
                break
        return self.pending()

    # -- internals -------------------------------------------------------------------------------

    def _print(self, actor: Operator, unit_id: str, *, routing: bool) -> PrintJob:
        with self._ctx.change(actor.operator_id) as tx:
            found = tx.first(_LABEL_FACTS, unit_id=unit_id)
            if found is None:
                raise NotFound(UNIT_NOT_ON_STATION)
            unit = _LabelFacts.of(found)
            template, fields = self._content(unit, routing)
            if routing:
                next_state(UnitState(unit.state), UnitAction.PRINT_LABEL)  # refuse before recording
            job_id = new_id()
            data = json.dumps(fields, sort_keys=True)
            tx.insert(
                PrintJobRow,
                job_id=job_id,
                unit_id=unit_id,
                template=template.value,
                data=data,
                status="pending",
                attempts=0,
                created_at=tx.at,
            )
            tx.record(
                Change(
                    "label.requested",
                    unit.return_id,
                    "unit",
                    unit_id,
                    {"job_id": job_id, "unit_id": unit_id, "lpn": unit.lpn, "template": template.value},
                )
            )
            pending = self._job((job_id, unit_id, template.value, data, "pending", 0, None))
        self._ctx.announce(Changed(tx.recorded.transaction_id if tx.recorded else "", labels=True))
        return self._send(actor, pending)

    def _send(self, actor: Operator, job: PrintJob) -> PrintJob:
        if self.printer is None:
            raise PrinterProblem(
                QT_TRANSLATE_NOOP("Core", "No label printer is set up for this station. The label is kept for later.")
            )
        self.printer.print_label(job.template, job.fields)  # PrinterProblem propagates: the job stays pending
        with self._ctx.change(actor.operator_id) as tx:
            row = tx.first(_JOB, job_id=job.job_id)
            assert row is not None
            job_id, unit_id, template, data, _status, attempts, last_error = row
            tx.run(_MARK_PRINTED, job_id=job_id, at=tx.at, attempts=attempts + 1)
            # A job for no unit, or for one no longer on the station, is recorded against the job itself.
            subject = ("station", "print_job", job.job_id)
            if job.unit_id and (unit := tx.first(_UNIT_STATE, unit_id=job.unit_id)) is not None:
                return_id, state = unit
                subject = (return_id, "unit", job.unit_id)
                routing = job.template is not LabelTemplate.LPN
                if routing and state == UnitState.DISPOSITIONED.value:
                    labelled = next_state(UnitState.DISPOSITIONED, UnitAction.PRINT_LABEL)
                    tx.run(_SET_UNIT_STATE, unit_id=job.unit_id, state=labelled.value, at=tx.at)
            tx.record(
                Change(
                    "label.printed",
                    *subject,
                    {"job_id": job.job_id, "template": job.template.value, "lpn": job.fields.get("lpn")},
                )
            )
            done = self._job((job_id, unit_id, template, data, "printed", attempts + 1, last_error))
        self._ctx.announce(
            Changed(
                tx.recorded.transaction_id if tx.recorded else "",
                units=frozenset({job.unit_id}) if job.unit_id else frozenset(),
                labels=True,
            )
        )
        return done

    @staticmethod
    def _content(unit: _LabelFacts, routing: bool) -> tuple[LabelTemplate, dict[str, str]]:
        fields = {
            "lpn": unit.lpn,
            "rma": unit.rma_number or "BLIND",
            "sku": unit.sku or "",
            "description": unit.item.description if unit.item else (unit.gtin or "Unknown item"),
            "gtin": unit.gtin or "",
            "serial": unit.serial or "",
            "grade": unit.grade or "",
            "location": unit.location or "",
        }
        if not routing:
            return LabelTemplate.LPN, fields
        kind = DispositionKind(unit.disposition) if unit.disposition else DispositionKind.QUARANTINE
        fields.update(
            disposition=kind.value,
            reason=unit.reason or "",
            price=unit.item.unit_value if unit.item else "",
            vendor=(unit.item.vendor_id or "") if unit.item else "",
        )
        return ROUTING_TEMPLATE.get(kind, LabelTemplate.LPN), fields

    @staticmethod
    def _job(row: _JobRow) -> PrintJob:
        job_id, unit_id, template, data, status, attempts, last_error = row
        return PrintJob(
            job_id=job_id,
            unit_id=unit_id,
            template=LabelTemplate(template),
            fields=json.loads(data),
            status=status,
            attempts=attempts,
            last_error=last_error,
        )
