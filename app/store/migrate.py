"""Bring a station database to the schema this version expects, keeping every row.

Runs at every start before anything else touches the database. Cheap when already current: the
stored revision is read with one query and compared with `HEAD`, and Alembic (about a tenth of a
second to import) is only loaded when there is work to do. A test keeps `HEAD` equal to the newest
revision in the migrations folder.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0004"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision in the migrations folder, as Alembic sees it (slow: loads every script)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision` (default: the newest), the whole upgrade in one transaction."""
    target = HEAD if revision == "head" else revision
    if current_revision(engine) == target:
        return
    from alembic import command

    log.info("migrating database %s to %s", engine.url.database, target)
    config = _config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
