"""Printing licence-plate and routing labels through whatever printer the station has.

The core knows labels only as a template name and its fields; `devices/` implements
`LabelPrinter` and the composition root wires it in. A job is recorded before it is sent and
marked printed only after the printer took it, so a label is never silently lost: a failed job
stays pending and `print_pending()` sends it again.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.domain.model import DispositionKind, Operator
from app.errors import UNIT_NOT_ON_STATION, NotFound, PrinterProblem
from app.phrases import QT_TRANSLATE_NOOP
from app.services.context import Changed, StationContext
from app.store.journal import Change
from app.store.schema import CatalogRow, DispositionRow, PrintJobRow, ReturnRow, UnitRow


class LabelTemplate(enum.Enum):
    LPN = "lpn"  # licence plate: every received unit
    RESALE = "resale"  # relabel for resale: GTIN, serial, grade, price
    RETURN_TO_VENDOR = "rtv"
    QUARANTINE = "quarantine"


class LabelPrinter(Protocol):
    """Implemented in devices/; raises `PrinterProblem` when the printer did not take the label."""

    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None: ...


@dataclass(frozen=True, slots=True)
class PrintJob:
    job_id: str
    unit_id: str | None
    template: LabelTemplate
    fields: Mapping[str, str]
    status: str
    attempts: int
    last_error: str | None


ROUTING_TEMPLATE = {
    DispositionKind.RESTOCK: LabelTemplate.RESALE,
    DispositionKind.REFURBISH: LabelTemplate.RESALE,
    DispositionKind.RETURN_TO_VENDOR: LabelTemplate.RETURN_TO_VENDOR,
    DispositionKind.QUARANTINE: LabelTemplate.QUARANTINE,
}


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
            rows = session.scalars(
                select(PrintJobRow).where(PrintJobRow.status == "pending").order_by(PrintJobRow.created_at)
            )
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
            unit = tx.session.get(UnitRow, unit_id)
            if unit is None:
                raise NotFound(UNIT_NOT_ON_STATION)
            template, fields = self._content(tx.session, unit, routing)
            if routing:
                next_state(UnitState(unit.state), UnitAction.PRINT_LABEL)  # refuse before recording
            job = PrintJobRow(
                job_id=new_id(),
                unit_id=unit_id,
                template=template.value,
                data=json.dumps(fields, sort_keys=True),
                status="pending",
                attempts=0,
                created_at=tx.at,
            )
            tx.insert(job)
            tx.record(
                Change(
                    "label.requested",
                    unit.return_id,
                    "unit",
                    unit_id,
                    {"job_id": job.job_id, "unit_id": unit_id, "lpn": unit.lpn, "template": template.value},
                )
            )
            pending = self._job(job)
        self._ctx.announce(Changed(tx.recorded.transaction_id if tx.recorded else "", labels=True))
        return self._send(actor, pending)

    def _send(self, actor: Operator, job: PrintJob) -> PrintJob:
        if self.printer is None:
            raise PrinterProblem(
                QT_TRANSLATE_NOOP("Core", "No label printer is set up for this station. The label is kept for later.")
            )
        self.printer.print_label(job.template, job.fields)  # PrinterProblem propagates: the job stays pending
        with self._ctx.change(actor.operator_id) as tx:
            row = tx.session.get(PrintJobRow, job.job_id)
            assert row is not None
            row.status, row.printed_at, row.attempts = "printed", tx.at, row.attempts + 1
            unit = tx.session.get(UnitRow, job.unit_id) if job.unit_id else None
            routing = job.template is not LabelTemplate.LPN
            if unit is not None and routing and unit.state == UnitState.DISPOSITIONED.value:
                unit.state = next_state(UnitState.DISPOSITIONED, UnitAction.PRINT_LABEL).value
                unit.updated_at = tx.at
            tx.record(
                Change(
                    "label.printed",
                    unit.return_id if unit else "station",
                    "unit" if unit else "print_job",
                    unit.unit_id if unit else job.job_id,
                    {"job_id": job.job_id, "template": job.template.value, "lpn": job.fields.get("lpn")},
                )
            )
            done = self._job(row)
        self._ctx.announce(
            Changed(
                tx.recorded.transaction_id if tx.recorded else "",
                units=frozenset({job.unit_id}) if job.unit_id else frozenset(),
                labels=True,
            )
        )
        return done

    @staticmethod
    def _content(session: Session, unit: UnitRow, routing: bool) -> tuple[LabelTemplate, dict[str, str]]:
        item = session.get(CatalogRow, unit.gtin) if unit.gtin else None
        ret = session.get(ReturnRow, unit.return_id)
        fields = {
            "lpn": unit.lpn,
            "rma": (ret.rma_number if ret else None) or "BLIND",
            "sku": unit.sku or "",
            "description": item.description if item else (unit.gtin or "Unknown item"),
            "gtin": unit.gtin or "",
            "serial": unit.serial or "",
            "grade": unit.grade or "",
            "location": unit.location or "",
        }
        if not routing:
            return LabelTemplate.LPN, fields
        disposition = session.scalar(
            select(DispositionRow).where(DispositionRow.unit_id == unit.unit_id, DispositionRow.current.is_(True))
        )
        kind = DispositionKind(unit.disposition) if unit.disposition else DispositionKind.QUARANTINE
        fields.update(
            disposition=kind.value,
            reason=disposition.reason if disposition else "",
            price=item.unit_value if item else "",
            vendor=(item.vendor_id or "") if item else "",
        )
        return ROUTING_TEMPLATE.get(kind, LabelTemplate.LPN), fields

    @staticmethod
    def _job(row: PrintJobRow) -> PrintJob:
        return PrintJob(
            job_id=row.job_id,
            unit_id=row.unit_id,
            template=LabelTemplate(row.template),
            fields=json.loads(row.data),
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
        )
