"""Prepared statements run on sqlite3 directly and still behave as SQLAlchemy would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from sqlite3 import Connection

import pytest
from sqlalchemy import bindparam, select, update

from app.services.station import open_database
from app.store.db import sqlite_connection
from app.store.prepared import Command, Query, row_insert
from app.store.schema import DispositionRow, ExceptionRow, ReturnRow, UnitRow


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[Connection]:
    db = open_database(tmp_path / "station.db")
    with db.transaction() as conn:
        sql = sqlite_connection(conn)
        row_insert(ReturnRow).run(sql, {"return_id": "R-1", "updated_at": "t0"})
        row_insert(UnitRow).run(
            sql,
            {
                "unit_id": "U-1",
                "lpn": "LPN-1",
                "return_id": "R-1",
                "state": "received",
                "received_by": "op-ana",
                "received_at": "t0",
                "updated_at": "t0",
            },
        )
        yield sql
    db.dispose()


def _dispose(connection: Connection, disposition_id: str, *, overridden: bool) -> None:
    row_insert(DispositionRow).run(
        connection,
        {
            "disposition_id": disposition_id,
            "unit_id": "U-1",
            "kind": "restock",
            "reason": "As new.",
            "overridden": overridden,
            "proposed_by": "op-ana",
            "proposed_at": "t1",
        },
    )


def test_booleans_are_stored_as_integers_and_read_back_as_booleans(connection: Connection) -> None:
    _dispose(connection, "D-1", overridden=True)
    _dispose(connection, "D-2", overridden=False)
    query = Query(
        select(DispositionRow.disposition_id, DispositionRow.overridden, DispositionRow.current).order_by(
            DispositionRow.disposition_id
        )
    )
    assert query.all(connection, {}) == [("D-1", True, True), ("D-2", False, True)]
    stored = connection.execute("SELECT overridden, current FROM dispositions ORDER BY disposition_id").fetchall()
    assert stored == [(1, 1), (0, 1)]


def test_a_row_insert_fills_in_the_model_defaults(connection: Connection) -> None:
    row_insert(ExceptionRow).run(
        connection,
        {
            "exception_id": "E-1",
            "return_id": "R-1",
            "kind": "over_receipt",
            "detail": "One more.",
            "raised_by": "op-ana",
            "raised_at": "t1",
            "unit_id": None,  # None means the default, here NULL
        },
    )
    query = Query(select(ExceptionRow.status, ExceptionRow.unit_id).where(ExceptionRow.exception_id == "E-1"))
    assert query.one(connection, {}) == ("open", None)


def test_values_written_in_the_statement_need_no_parameter(connection: Connection) -> None:
    query = Query(
        select(UnitRow.lpn)
        .where(UnitRow.return_id == bindparam("return_id"), UnitRow.state == "received")
        .order_by(UnitRow.lpn)
        .limit(1)
    )
    assert query.first(connection, {"return_id": "R-1"}) == ("LPN-1",)
    assert query.first(connection, {"return_id": "R-2"}) is None


def test_a_command_answers_the_rows_it_touched(connection: Connection) -> None:
    close = Command(update(UnitRow).where(UnitRow.return_id == bindparam("return_id")).values(state="closed"))
    assert close.run(connection, {"return_id": "R-1"}) == 1
    assert close.run(connection, {"return_id": "R-2"}) == 0


def test_mistakes_are_named(connection: Connection) -> None:
    query = Query(select(UnitRow.lpn).where(UnitRow.unit_id == bindparam("unit_id")))
    with pytest.raises(TypeError, match="parameter 'unit_id' is missing"):
        query.first(connection, {"unitid": "U-1"})
    with pytest.raises(TypeError, match=r"no such column\(s\) \['colour'\]"):
        row_insert(ReturnRow).run(connection, {"return_id": "R-3", "updated_at": "t", "colour": "red"})
    with pytest.raises(LookupError):
        query.one(connection, {"unit_id": "U-404"})


def test_what_cannot_be_prepared_is_refused_when_compiled(connection: Connection) -> None:
    expanding = Query(select(UnitRow.lpn).where(UnitRow.unit_id.in_(bindparam("ids", expanding=True))))
    with pytest.raises(TypeError, match="cannot render parameters at execution"):
        expanding.first(connection, {"ids": ["U-1"]})
