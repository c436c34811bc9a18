"""The outbox API the sync worker uses: batches in order past parked returns, and settling answers."""

from __future__ import annotations

from sqlalchemy import select

from app.domain.codes import CodeKind, ScannedCode
from app.store.db import Database
from app.store.outbox import DeliveryResult, Outbox, Outcome
from app.store.schema import OutboxRow
from tests.app.conftest import CHARGER

AT = "2026-11-23T10:00:00.000+00:00"


def _rows(db: Database) -> dict[str, tuple[object, ...]]:
    with db.read() as session:
        found = session.scalars(select(OutboxRow)).all()
        return {r.id: (r.status, r.attempts, r.result_code, r.last_error, r.delivered_at) for r in found}


def _blind_returns(station, crew, clock, count: int, units: int = 0) -> list[str]:
    ids = []
    for n in range(count):
        view = station.receiving.open_blind(crew.ana, None, note=f"box {n}")
        for u in range(units):
            clock.advance(5)
            station.receiving.receive(crew.ana, view.return_id, ScannedCode(f"b{n}-{u}", CodeKind.GTIN, gtin=CHARGER))
        ids.append(view.return_id)
    return ids


def test_settle_marks_each_outcome(station, crew, clock):
    _blind_returns(station, crew, clock, 6)
    outbox = Outbox(station.db)
    ids = [r.id for r in outbox.next_batch(100)]
    outbox.note_failure(ids[:2], "Central server not reachable: connection refused")
    outbox.settle(
        [
            DeliveryResult(ids[0], Outcome.ACCEPTED),
            DeliveryResult(ids[1], Outcome.DUPLICATE),
            DeliveryResult(ids[2], Outcome.REJECTED, "unknown_return", "Central does not know this return."),
            DeliveryResult(ids[3], Outcome.REJECTED),
            DeliveryResult(ids[4], Outcome.RETRY, "predecessor_missing", "Change #3 has not arrived yet."),
        ],
        AT,
    )
    rows = _rows(station.db)
    assert rows[ids[0]] == ("delivered", 2, "accepted", None, AT)
    assert rows[ids[1]] == ("delivered", 2, "duplicate", None, AT)
    assert rows[ids[2]] == ("parked", 1, "unknown_return", "Central does not know this return.", None)
    assert rows[ids[3]] == ("parked", 1, "rejected", "Refused by the server.", None)
    assert rows[ids[4]] == ("pending", 1, "predecessor_missing", "Change #3 has not arrived yet.", None)
    # An answer that arrives again for a settled record changes nothing.
    outbox.settle([DeliveryResult(ids[0], Outcome.REJECTED, "x", "y")], "later")
    assert _rows(station.db)[ids[0]] == rows[ids[0]]


def test_a_parked_return_waits_while_every_other_return_flows(station, crew, clock):
    blocked, *others = _blind_returns(station, crew, clock, 3, units=30)
    outbox = Outbox(station.db)
    first = outbox.next_batch(1)[0]
    assert first.return_id == blocked
    outbox.settle([DeliveryResult(first.id, Outcome.REJECTED, "unknown_return", "no")], AT)
    # 30 more records of the parked return stand ahead of the others: a small batch still finds them.
    batch = outbox.next_batch(5)
    assert len(batch) == 5
    assert {r.return_id for r in batch} <= set(others)
    assert [r.seq for r in batch] == sorted(r.seq for r in batch)
    snapshot = outbox.snapshot()
    assert snapshot.parked == 1
    assert snapshot.waiting_behind_parked == 30
