"""Label content and print-job bookkeeping for the cases the walkthrough does not print."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from app.services.values import Changed, LabelTemplate
from app.store.schema import OutboxRow, PrintJobRow
from tests.app.conftest import item

UNKNOWN_ITEM = "04006381333931"  # in no return and not in the catalog


class RecordingPrinter:
    def __init__(self) -> None:
        self.labels: list[tuple[LabelTemplate, dict[str, str]]] = []

    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None:
        self.labels.append((template, dict(fields)))


def test_a_blind_unknown_item_gets_a_licence_plate_all_the_same(station, crew):
    printer = RecordingPrinter()
    station.labels.printer = printer
    blind = station.receiving.open_blind(crew.ana, None).return_id
    unit = station.receiving.receive(crew.ana, blind, item(UNKNOWN_ITEM)).unit
    heard: list[Changed] = []
    station.context.listeners.append(heard.append)
    job = station.labels.lpn_label(crew.ana, unit.unit_id)
    fields = {
        "lpn": unit.lpn,
        "rma": "BLIND",
        "sku": "",
        "description": UNKNOWN_ITEM,  # no catalog entry: the GTIN stands in
        "gtin": UNKNOWN_ITEM,
        "serial": "",
        "grade": "",
        "location": "",
    }
    assert printer.labels == [(LabelTemplate.LPN, fields)]
    assert (job.template, job.fields, job.status, job.attempts, job.last_error) == (
        LabelTemplate.LPN,
        fields,
        "printed",
        1,
        None,
    )
    with station.db.read() as s:
        row = s.get(PrintJobRow, job.job_id)
        assert (row.unit_id, row.status, row.attempts, row.printed_at) == (unit.unit_id, "printed", 1, row.created_at)
        records = s.execute(select(OutboxRow.type, OutboxRow.return_id).order_by(OutboxRow.seq)).all()[-2:]
    assert records == [("label.requested", blind), ("label.printed", blind)]
    assert [(c.labels, c.units) for c in heard] == [(True, frozenset()), (True, frozenset({unit.unit_id}))]
    assert station.labels.pending() == []
