"""An installed station's database survives the next start, and the next version's migration, with its queue.

The packaging-level test (two builds of different versions, one installed over the other) is
packaging/test-upgrade.sh; these are the default-suite halves of it.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from app.services.station import Station, open_database
from app.services.values import Credentials
from app.store import migrate
from app.store.db import Database
from app.store.outbox import Outbox
from app.store.reference import load_sample_set
from tests.packaging.conftest import SAMPLE


def _fill(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        load_sample_set(db, SAMPLE, "2026-11-23T09:00:00+00:00")
        station = Station(db, station_id="DOCK-1", data_dir=db_path.parent)
        sam = station.auth.sign_in(Credentials("sam", "2222"))
        for n in range(20):
            station.receiving.open_blind(sam, None, note=f"pallet {n}")
        return Outbox(db).snapshot().pending
    finally:
        db.dispose()


def _outbox(db_path: Path) -> list[tuple[object, ...]]:
    db = Database(db_path)
    try:
        with db.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT * FROM outbox ORDER BY seq"))]
    finally:
        db.dispose()


def test_a_queued_database_survives_opening_by_the_same_version(tmp_path):
    path = tmp_path / "station.db"
    pending = _fill(path)
    assert pending == 21
    before = _outbox(path)
    db = open_database(path)
    try:
        assert Outbox(db).snapshot().pending == pending
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.dispose()
    assert _outbox(path) == before


NEXT_REVISION = '''
"""next version: a column for a future feature"""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("next_version_note", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("next_version_note")
'''


def test_the_next_versions_migration_keeps_every_unsynced_transaction(tmp_path):
    """Version N's database, upgraded by N+1's migrations (today's plus one that rebuilds the outbox table)."""
    path = tmp_path / "station.db"
    pending = _fill(path)
    before = _outbox(path)
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9001_next_version.py").write_text(
        textwrap.dedent(NEXT_REVISION.format(head=migrate.head_revision()))
    )
    config = Config()
    config.set_main_option("script_location", str(migrations))
    db = Database(path)
    try:
        with db.engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
        assert migrate.current_revision(db.engine) == "9001"
        assert Outbox(db).snapshot().pending == pending
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        db.dispose()
    after = _outbox(path)
    assert [row[:-1] for row in after] == before  # every row, every field, plus the new empty column
    assert {row[-1] for row in after} == {None}
