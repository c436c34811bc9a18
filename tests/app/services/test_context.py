"""`StationContext.change()`: prepared statements and the ORM share one transaction, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.store.journal import Change
from app.store.schema import AuditRow, OperatorRow, OutboxRow, ReturnRow


def _change(return_id: str) -> Change:
    return Change("return.noted", return_id, "return", return_id, {"return_id": return_id})


def _counts(station) -> tuple[int, int, int]:
    with station.db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (ReturnRow, OutboxRow, AuditRow))


def _failed_attempts(station) -> int:
    with station.db.read() as s:
        return s.get(OperatorRow, "op-ana").failed_attempts


def test_prepared_and_orm_writes_commit_together(station):
    before = _counts(station)
    with station.context.change("op-ana") as tx:
        tx.insert(ReturnRow, return_id="R-NEW", updated_at=tx.at)
        tx.session.get(OperatorRow, "op-ana").failed_attempts = 3
        tx.record(_change("R-NEW"))
    assert _counts(station) == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert _failed_attempts(station) == 3
    assert station.verify_audit().ok


def test_a_failure_inside_a_change_leaves_nothing(station):
    before = _counts(station)
    with pytest.raises(RuntimeError), station.context.change("op-ana") as tx:  # noqa: PT012 - the whole change
        tx.insert(ReturnRow, return_id="R-NEW", updated_at=tx.at)
        tx.session.get(OperatorRow, "op-ana").failed_attempts = 3
        tx.record(_change("R-NEW"))
        raise RuntimeError("a bug after recording")
    assert _counts(station) == before
    assert _failed_attempts(station) == 0


def test_a_change_that_records_nothing_is_refused(station):
    before = _counts(station)
    with pytest.raises(AssertionError, match="must record"), station.context.change("op-ana") as tx:
        tx.insert(ReturnRow, return_id="R-NEW", updated_at=tx.at)
    assert _counts(station) == before


def test_the_journal_sees_what_the_session_changed(station):
    # Discarding a parked record relies on it: the next change of the return must not point at it.
    with station.context.change("op-ana") as tx:
        kept = tx.record(_change("R-1"))
    with station.context.change("op-ana") as tx:
        discarded = tx.record(_change("R-1"))
    with station.context.change("op-ana") as tx:
        tx.session.get(OutboxRow, discarded.transaction_id).status = "discarded"
        last = tx.record(_change("R-1"))
    with station.db.read() as s:
        assert s.get(OutboxRow, last.transaction_id).prev_seq == kept.seq
