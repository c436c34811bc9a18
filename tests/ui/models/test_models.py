"""Every Qt model passes pytest-qt's model tester, with rows coming, changing and going."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.domain.lifecycle import UnitState
from app.domain.model import DispositionKind, ExceptionKind
from app.services.disposition import ApprovalView
from app.services.history import TimelineEntry
from app.services.values import LabelTemplate, PrintJob
from app.services.views import ExceptionView, LineView, UnitView
from app.store.outbox import OutboxRecord, OutboxStatus
from ui.models.base import DOMAIN_ROLE
from ui.models.returns import ExceptionsModel, LinesModel, UnitsModel
from ui.models.work import ApprovalsModel, ParkedModel, PrintJobsModel, TimelineModel


def line(n: int, received: int = 0) -> LineView:
    return LineView(n, f"0061414101001{n}", f"SKU-{n}", f"Item {n}", 2, received, (), "DEFECTIVE")


def unit(n: int, state: UnitState = UnitState.RECEIVED) -> UnitView:
    return UnitView(
        f"u{n}", f"LPN-{n:010d}", "r1", 1, "00614141010011", "SKU", f"S{n}", None, None, state, None, None, None, "t"
    )


SAMPLES: dict[type, list[Any]] = {
    LinesModel: [line(1), line(2, 1), line(3, 2)],
    UnitsModel: [unit(1), unit(2), unit(3)],
    ExceptionsModel: [ExceptionView(f"e{n}", ExceptionKind.WRONG_ITEM, f"detail {n}", None, "open") for n in range(3)],
    ApprovalsModel: [
        ApprovalView(
            f"a{n}", f"u{n}", f"LPN-{n}", "SKU", DispositionKind.SCRAP, "BIN", "r", ("why",), "Ana", "2026-01-01"
        )
        for n in range(3)
    ],
    ParkedModel: [
        OutboxRecord(
            f"t{n}",
            n,
            "ST",
            "r1",
            None,
            "unit.received",
            1,
            "{}",
            "op",
            "c",
            "1",
            "2026",
            OutboxStatus.PARKED,
            1,
            "no",
            "x",
        )
        for n in range(3)
    ],
    PrintJobsModel: [
        PrintJob(f"j{n}", f"u{n}", LabelTemplate.LPN, {"lpn": f"LPN-{n}"}, "pending", 0, None) for n in range(3)
    ],
    TimelineModel: [TimelineEntry(f"2026-01-0{n + 1}", "unit.received", "Ana", {"lpn": "LPN-1"}) for n in range(3)],
}


@pytest.mark.parametrize("model_type", list(SAMPLES), ids=lambda t: t.__name__)
def test_model_passes_the_model_tester_through_changes(qtmodeltester, model_type):
    model = model_type()
    qtmodeltester.check(model)
    items = SAMPLES[model_type]
    model.set_items(items)
    qtmodeltester.check(model)
    model.set_items(items[:1] + items[2:])  # one goes
    model.set_items(list(reversed(items)))  # reordered
    model.set_items(items)
    qtmodeltester.check(model)
    assert model.index(1, 0).data(DOMAIN_ROLE) == items[1]
    model.clear()
    assert model.rowCount() == 0


def test_refresh_reports_exactly_what_changed(qtbot):
    model = UnitsModel()
    model.set_items([unit(1), unit(2)])
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_items([unit(1), unit(2, UnitState.INSPECTED)])
    assert changed.args[0].row() == 1
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.set_items([unit(1), unit(2, UnitState.INSPECTED), unit(3)])
    assert inserted.args[1:] == [2, 2]
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        model.set_items([unit(2, UnitState.INSPECTED), unit(3)])
    assert removed.args[1:] == [0, 0]
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_items([unit(2, UnitState.INSPECTED), unit(3)])


def test_missing_quantities_stand_out(qtbot):
    model = LinesModel()
    model.set_items([line(1, 2), replace(line(2), quantity_received=0)])
    missing = [c.title for c in model.columns].index("Missing")
    from PySide6.QtCore import Qt

    assert model.index(0, missing).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(1, missing).data(Qt.ItemDataRole.FontRole).bold()
