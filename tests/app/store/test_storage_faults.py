"""Disk full, read-only and locked databases: a specific error, nothing half-written, work resumes."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, func, select, text

from app.domain.codes import CodeKind, ScannedCode
from app.errors import StorageProblem
from app.store.schema import AuditRow, OutboxRow, UnitRow
from tests.app.conftest import CHARGER, item, rma


def _counts(station) -> tuple[int, int, int]:
    with station.db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (UnitRow, OutboxRow, AuditRow))


def _on_connect(station, pragma):
    """Run `pragma` on every new connection of the writer; returns the undo."""

    def hook(dbapi_connection, _record):
        dbapi_connection.execute(pragma(dbapi_connection))

    station.db.engine.dispose()
    event.listen(station.db.engine, "connect", hook)

    def undo() -> None:
        event.remove(station.db.engine, "connect", hook)
        station.db.engine.dispose()

    return undo


def _fill_disk(station):
    """Cap the database at its current size: the next page it needs is 'disk full' (SQLITE_FULL)."""
    return _on_connect(station, lambda c: f"PRAGMA max_page_count={c.execute('PRAGMA page_count').fetchone()[0]}")


def test_disk_full_is_a_storage_problem_and_nothing_is_half_written(station, crew, clock):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    before = _counts(station)
    undo = _fill_disk(station)
    with pytest.raises(StorageProblem, match="disk is full. Nothing was saved"):  # noqa: PT012 - until a page fills
        for n in range(200):
            clock.advance(10)
            station.receiving.receive(crew.ana, rid, ScannedCode(f"scan {n}", CodeKind.GTIN, gtin=CHARGER))
    saved = _counts(station)
    assert saved[0] - before[0] == saved[1] - before[1] == saved[2] - before[2]  # whole actions only
    undo()
    clock.advance(10)
    assert station.receiving.receive(crew.ana, rid, item(CHARGER)).unit is not None  # works again
    assert station.verify_audit().ok


def test_read_only_database_is_a_storage_problem(station, crew):
    # query_only gives SQLite's own "attempt to write a readonly database", as a read-only mount
    # does; file permissions would not stop a test running as root.
    undo = _on_connect(station, lambda _c: "PRAGMA query_only=1")
    with pytest.raises(StorageProblem, match="read-only. Nothing was saved"):
        station.receiving.open(crew.ana, rma("RMA-100001"))
    undo()
    assert station.receiving.open(crew.ana, rma("RMA-100001")).rma_number == "RMA-100001"


def test_locked_database_is_a_storage_problem_then_recovers(station, crew, monkeypatch):
    import app.store.db as dbmod

    station.db.dispose()
    blocker = sqlite3.connect(station.db.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(StorageProblem, match="busy"):
            station.receiving.open(crew.ana, rma("RMA-100001"))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert station.receiving.open(crew.ana, rma("RMA-100001")).rma_number == "RMA-100001"
    with station.db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
