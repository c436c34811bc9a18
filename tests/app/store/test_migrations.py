"""A database created at the first migration, holding unsynced outbox rows, upgrades to head intact."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from app.store import migrate
from app.store.db import Database


def test_upgrade_from_first_revision_keeps_every_unsynced_row(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.db")
    migrate.upgrade(db.engine, "0001")
    assert migrate.current_revision(db.engine) == "0001"
    rows = [
        {
            "id": f"0190000{i:04d}",
            "seq": i,
            "station_id": "ST-1",
            "return_id": f"R-{i % 7}",
            "prev_seq": i - 7 if i > 7 else None,
            "type": "unit.received",
            "schema_version": 1,
            "payload": f'{{"n":{i}}}',
            "operator_id": "op-ana",
            "correlation_id": f"c{i}",
            "app_version": "0.0.9",
            "created_at": "2026-11-01T10:00:00+00:00",
            "status": "pending",
            "attempts": i % 3,
        }
        for i in range(1, 501)
    ]
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO outbox (id, seq, station_id, return_id, prev_seq, type, schema_version, payload,"
                " operator_id, correlation_id, app_version, created_at, status, attempts)"
                " VALUES (:id, :seq, :station_id, :return_id, :prev_seq, :type, :schema_version, :payload,"
                " :operator_id, :correlation_id, :app_version, :created_at, :status, :attempts)"
            ),
            rows,
        )
    before = _dump(db)

    migrate.upgrade(db.engine)

    assert migrate.current_revision(db.engine) == migrate.head_revision()
    assert _dump(db) == before
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert {"photos", "print_jobs"} <= tables
    db.dispose()


def test_upgrade_is_a_no_op_when_current(tmp_path: Path) -> None:
    db = Database(tmp_path / "new.db")
    migrate.upgrade(db.engine)
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    db.dispose()


def _dump(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM outbox ORDER BY seq"))]


def test_head_constant_is_the_newest_revision() -> None:
    # migrate.HEAD lets a current database skip loading Alembic at start; it must not fall behind.
    assert migrate.head_revision() == migrate.HEAD


def test_the_migrations_build_the_models_schema(tmp_path: Path) -> None:
    # Indexes included: the per-action statements rely on them (0003).
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.store.schema import Base

    db = Database(tmp_path / "new.db")
    migrate.upgrade(db.engine)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    db.dispose()
