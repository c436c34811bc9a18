"""What every use case needs: the database, the station's identity, a clock, and the recorder.

`StationContext.change()` is the only way services write. It opens one `BEGIN IMMEDIATE`
transaction and insists that exactly one `Change` is recorded in it, so every state change lands
as domain rows + one outbox record + one audit record, or not at all. The caller hears of success
only after the commit.

The transaction is a Core connection, not an ORM session: the per-action services run statements
prepared by `app.store.prepared` on it (`Tx.first`, `Tx.run`, `Tx.insert`), which costs a fraction
of the ORM's loads and flushes. A use case that prefers the ORM asks for `Tx.session`, made on first
use inside the same transaction and flushed before the change is recorded and before the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVarTuple, overload

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app import __version__
from app.services.values import Changed
from app.store.db import Database, sqlite_connection
from app.store.journal import Change, Recorded, record
from app.store.prepared import Command, Query, row_insert
from app.store.schema import Base

Ts = TypeVarTuple("Ts")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Tx:
    """An open write transaction of one use case."""

    def __init__(self, connection: Connection, context: StationContext, operator_id: str) -> None:
        self.connection = connection
        self.sql = sqlite_connection(connection)  # where prepared statements run
        self._context = context
        self._session: Session | None = None
        self.operator_id = operator_id
        self.at = context.now_iso()
        self.recorded: Recorded | None = None

    @property
    def session(self) -> Session:
        """An ORM session inside this transaction, for use cases that read or change mapped rows.

        Its changes are flushed before the change is recorded and before the commit (it does not
        autoflush). Statements run through `run()` do not refresh rows it already loaded.
        """
        if self._session is None:
            self._session = Session(
                bind=self.connection, autoflush=False, expire_on_commit=False, join_transaction_mode="rollback_only"
            )
        return self._session

    def first(self, query: Query[*Ts], /, **params: Any) -> tuple[*Ts] | None:
        return query.first(self.sql, params)

    def one(self, query: Query[*Ts], /, **params: Any) -> tuple[*Ts]:
        return query.one(self.sql, params)

    def all(self, query: Query[*Ts], /, **params: Any) -> list[tuple[*Ts]]:
        return query.all(self.sql, params)

    def run(self, command: Command, /, **params: Any) -> int:
        """Run an INSERT, UPDATE or DELETE; the number of rows it touched."""
        return command.run(self.sql, params)

    @overload
    def insert(self, row: Base, /) -> None: ...
    @overload
    def insert(self, model: type[Base], /, **values: Any) -> None: ...
    def insert(self, row: Base | type[Base], /, **values: Any) -> None:
        """INSERT one row now: a model's values (`tx.insert(UnitRow, unit_id=...)`) or a model instance.

        Columns left out, or given as None, take their default. The row is not attached to any
        session, so read it back if it changes later.
        """
        if isinstance(row, Base):
            model: type[Base] = type(row)
            values = {column.key: getattr(row, column.key) for column in row.__table__.columns}
        else:
            model = row
        row_insert(model).run(self.sql, values)

    def record(self, change: Change) -> Recorded:
        if self.recorded is not None:
            raise AssertionError("a use case records exactly one change per transaction")
        self.flush()  # the journal reads the outbox: it must see the session's changes to it
        self.recorded = record(
            self.sql,
            change,
            station_id=self._context.station_id,
            operator_id=self.operator_id,
            at=self.at,
            app_version=self._context.app_version,
        )
        return self.recorded

    def flush(self) -> None:
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()


@dataclass
class StationContext:
    db: Database
    station_id: str
    data_dir: Path
    clock: Callable[[], datetime] = utc_now
    app_version: str = __version__
    listeners: list[Callable[[Changed], None]] = field(default_factory=list)

    def now(self) -> datetime:
        return self.clock()

    def now_iso(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="milliseconds")

    @contextmanager
    def change(self, operator_id: str) -> Iterator[Tx]:
        with self.db.transaction() as connection:
            tx = Tx(connection, self, operator_id)
            try:
                yield tx
                if tx.recorded is None:
                    raise AssertionError("a state change must record its Change (outbox + audit) before commit")
                tx.flush()
            finally:
                tx.close()

    def announce(self, changed: Changed) -> Changed:
        """Tell listeners (the UI's refresh, the sync worker's wake-up) after the commit."""
        for listener in self.listeners:
            listener(changed)
        return changed
