"""What every use case needs: the database, the station's identity, a clock, and the recorder.

`StationContext.change()` is the only way services write. It opens one `BEGIN IMMEDIATE`
transaction and insists that exactly one `Change` is recorded in it, so every state change lands
as domain rows + one outbox record + one audit record, or not at all. The caller hears of success
only after the commit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import __version__
from app.domain.model import Operator, Role
from app.errors import PermissionDenied
from app.store.db import Database
from app.store.journal import Change, Recorded, record
from app.store.schema import Base


@functools.cache
def _insert(table: Any) -> Any:
    return table.insert()


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Changed:
    """What a use case changed, so views refresh only that."""

    transaction_id: str
    returns: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    approvals: bool = False
    labels: bool = False


class Tx:
    """An open write transaction of one use case."""

    def __init__(self, session: Session, context: StationContext, operator_id: str) -> None:
        self.session = session
        self._context = context
        self.operator_id = operator_id
        self.at = context.now_iso()
        self.recorded: Recorded | None = None

    def insert(self, row: Base) -> None:
        """INSERT `row` now, through Core rather than the ORM's unit of work.

        Rows are still built as typed models for readability, but a flush per row cost more than
        the commit's fsync (tests/benchmarks/store.py). Unset attributes fall back to the column
        defaults; the row is not attached to the session, so read it back if it changes later.
        """
        table = row.__table__
        values = {c.key: getattr(row, c.key) for c in table.columns if getattr(row, c.key) is not None}
        self.session.connection().execute(_insert(table), values)

    def record(self, change: Change) -> Recorded:
        if self.recorded is not None:
            raise AssertionError("a use case records exactly one change per transaction")
        self.recorded = record(
            self.session,
            change,
            station_id=self._context.station_id,
            operator_id=self.operator_id,
            at=self.at,
            app_version=self._context.app_version,
        )
        return self.recorded


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
        with self.db.write() as session:
            tx = Tx(session, self, operator_id)
            yield tx
            if tx.recorded is None:
                raise AssertionError("a state change must record its Change (outbox + audit) before commit")

    def announce(self, changed: Changed) -> Changed:
        """Tell listeners (the UI's refresh, the sync worker's wake-up) after the commit."""
        for listener in self.listeners:
            listener(changed)
        return changed


def require_role(actor: Operator, needed: Role, doing: str) -> None:
    """Roles are enforced here, in the core, not only by hiding buttons."""
    if not actor.role.may(needed):
        article = "an" if needed.value[0] in "aeiou" else "a"
        raise PermissionDenied(
            f"Only {article} {needed.value} may {doing}. "
            f"You are signed in as {actor.display_name} ({actor.role.value})."
        )
