"""`return_view`: a return as its caller's own transaction sees it, whichever session it is read through."""

from __future__ import annotations

import json

import pytest

from app.domain.lifecycle import UnitState
from app.domain.model import ExceptionKind, ReturnStatus
from app.errors import NotFound
from app.phrases import Phrase, stored
from app.services.views import return_view
from app.store.journal import Change
from app.store.schema import ExceptionRow, ReturnLineRow, ReturnRow, UnitRow


def _unit(unit_id: str, line_no: int | None, received_at: str) -> dict[str, object]:
    return {
        "unit_id": unit_id,
        "lpn": f"LPN-{unit_id}",
        "return_id": "R-NEW",
        "line_no": line_no,
        "gtin": "00614141010035",
        "state": UnitState.RECEIVED.value,
        "received_by": "op-ana",
        "received_at": received_at,
        "updated_at": received_at,
    }


def test_a_write_transaction_sees_its_own_rows_in_order(station):
    crushed = Phrase("Parcel {what}.", what="crushed")
    with station.context.change("op-ana") as tx:
        tx.insert(ReturnRow, return_id="R-NEW", status=ReturnStatus.OPEN.value, blind=True, updated_at=tx.at)
        for line_no in (2, 1):  # written out of order: the view orders lines by number
            tx.insert(
                ReturnLineRow,
                return_id="R-NEW",
                line_no=line_no,
                gtin="00614141010035",
                sku=f"SKU-{line_no}",
                description="Charger",
                quantity_authorized=2,
                expected_serials=json.dumps(["S1"] if line_no == 1 else []),
            )
        units: tuple[tuple[str, int | None, str], ...] = (
            ("U-3", 1, "t3"),
            ("U-1", 1, "t1"),
            ("U-2", 2, "t2"),
            ("U-4", None, "t0"),
        )
        for unit_id, unit_line, at in units:
            tx.insert(UnitRow, **_unit(unit_id, unit_line, at))
        tx.insert(
            ExceptionRow,
            exception_id="E-2",
            return_id="R-NEW",
            kind=ExceptionKind.DAMAGED_IN_TRANSIT.value,
            detail=str(crushed),
            detail_i18n=json.dumps(stored(crushed)),
            raised_by="op-ana",
            raised_at="t2",
        )
        # Added through the ORM and not flushed yet: the view must still count it.
        tx.session.add(
            ExceptionRow(
                exception_id="E-1",
                return_id="R-NEW",
                unit_id="U-4",
                kind=ExceptionKind.UNDECLARED_ITEM.value,
                detail="Undeclared item.",
                status="open",
                raised_by="op-ana",
                raised_at="t1",
            )
        )
        view = return_view(tx.session, "R-NEW")
        tx.record(Change("return.noted", "R-NEW", "return", "R-NEW", {"return_id": "R-NEW"}))
    assert view.status is ReturnStatus.OPEN
    assert view.blind is True
    lines = [(ln.line_no, ln.quantity_received, ln.expected_serials) for ln in view.lines]
    assert lines == [(1, 2, ("S1",)), (2, 1, ())]  # U-4 is on no line
    assert [u.unit_id for u in view.units] == ["U-4", "U-1", "U-2", "U-3"]  # by received_at
    assert all(u.state is UnitState.RECEIVED and u.disposition is None for u in view.units)
    assert [(e.exception_id, e.kind) for e in view.exceptions] == [
        ("E-1", ExceptionKind.UNDECLARED_ITEM),
        ("E-2", ExceptionKind.DAMAGED_IN_TRANSIT),
    ]
    shown = view.exceptions[1].detail
    assert isinstance(shown, Phrase)
    assert (shown, shown.template) == ("Parcel crushed.", "Parcel {what}.")  # translatable again
    with station.db.read() as session:
        assert return_view(session, "R-NEW") == view  # and the same once committed


def test_a_return_not_on_the_station_is_not_found(station):
    with station.db.read() as session, pytest.raises(NotFound, match="no longer on the station"):
        return_view(session, "R-GONE")
