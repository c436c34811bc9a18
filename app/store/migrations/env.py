"""Alembic environment: migrations run in-process against the station's own connection."""

from __future__ import annotations

from alembic import context

from app.store.schema import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("Run migrations through app.store.migrate, which passes the connection.")

# render_as_batch: SQLite cannot ALTER most things; batch mode copies the table instead.
# transactional_ddl: SQLite does run DDL inside a transaction, so a failed step leaves no half-migrated file.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
