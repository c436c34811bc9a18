"""Reading and settling the outbox: the API the sync worker uses.

Records leave in `seq` order. The changes of one return are never overtaken: once a record of a
return is parked (a business rejection waiting for a person), the later records of that return
wait behind it, while every other return keeps flowing. Backoff timing is the worker's business
(monotonic clock, in memory), so a station clock set a day ahead or behind changes nothing here.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update

from app.phrases import QT_TRANSLATE_NOOP
from app.store.db import Database
from app.store.schema import OutboxRow


class OutboxStatus(enum.Enum):
    PENDING = "pending"
    DELIVERED = "delivered"  # the target answered accepted or duplicate
    PARKED = "parked"  # the target rejected it: a person must retry or discard it
    DISCARDED = "discarded"  # a supervisor decided it must never be sent


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # already applied: success
    REJECTED = "rejected"  # a business error: park, never retry blindly
    RETRY = "retry"  # not applied, for a reason that passes (predecessor missing, malformed answer)


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    id: str
    seq: int
    station_id: str
    return_id: str
    prev_seq: int | None
    type: str
    schema_version: int
    payload: str
    operator_id: str
    correlation_id: str
    app_version: str
    created_at: str
    status: OutboxStatus
    attempts: int
    last_error: str | None
    result_code: str | None

    def envelope(self) -> dict[str, Any]:
        """The canonical transaction as the Station Sync API carries it."""
        return {
            "id": self.id,
            "station_id": self.station_id,
            "seq": self.seq,
            "return_id": self.return_id,
            "prev_seq": self.prev_seq,
            "type": self.type,
            "schema_version": self.schema_version,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "correlation_id": self.correlation_id,
            "operator": self.operator_id,
            "payload": json.loads(self.payload),
        }

    @property
    def size(self) -> int:
        return len(self.payload) + 400  # the envelope's fixed fields, roughly


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    id: str
    outcome: Outcome
    code: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class OutboxSnapshot:
    pending: int
    parked: int
    waiting_behind_parked: int
    oldest_pending_created_at: str | None
    last_delivered_at: str | None

    def oldest_pending_age_s(self, now: datetime) -> float | None:
        if self.oldest_pending_created_at is None:
            return None
        return max(0.0, (now - datetime.fromisoformat(self.oldest_pending_created_at)).total_seconds())


def _record(row: OutboxRow) -> OutboxRecord:
    return OutboxRecord(
        id=row.id,
        seq=row.seq,
        station_id=row.station_id,
        return_id=row.return_id,
        prev_seq=row.prev_seq,
        type=row.type,
        schema_version=row.schema_version,
        payload=row.payload,
        operator_id=row.operator_id,
        correlation_id=row.correlation_id,
        app_version=row.app_version,
        created_at=row.created_at,
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        result_code=row.result_code,
    )


_TABLE = cast(Table, OutboxRow.__table__)
_PENDING = _TABLE.c.status == OutboxStatus.PENDING.value
_PARKED_RETURNS = select(OutboxRow.return_id).where(OutboxRow.status == OutboxStatus.PARKED.value)
_NEXT = (
    select(OutboxRow)
    .where(OutboxRow.status == OutboxStatus.PENDING.value, OutboxRow.return_id.not_in(_PARKED_RETURNS))
    .order_by(OutboxRow.seq)
    .limit(bindparam("limit"))
)


def _settle_statement(columns: Sequence[str]) -> Any:
    return (
        update(_TABLE)
        .where(_TABLE.c.id == bindparam("b_id"), _PENDING)
        .values(attempts=_TABLE.c.attempts + 1, **{column: bindparam(f"b_{column}") for column in columns})
    )


_DELIVERED = _settle_statement(["status", "result_code", "delivered_at", "last_error"])
_PARKED = _settle_statement(["status", "result_code", "last_error"])
_RETRY = _settle_statement(["result_code", "last_error"])


class Outbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    def next_batch(self, max_count: int = 200, max_bytes: int = 512 * 1024) -> list[OutboxRecord]:
        """The next records to send, in seq order, skipping returns that wait behind a parked record.

        The filter runs in SQL, so however many records wait behind a parked one, the other returns
        still fill the batch.
        """
        with self._db.read() as session:
            rows = session.scalars(_NEXT, {"limit": max_count}).all()
            batch: list[OutboxRecord] = []
            size = 0
            for row in rows:
                record = _record(row)
                if batch and size + record.size > max_bytes:
                    break
                batch.append(record)
                size += record.size
            return batch

    def settle(self, results: Sequence[DeliveryResult], at: str) -> None:
        """Mark one batch's answers in one transaction: one statement per outcome kind, not per record.

        Only records still pending are touched, so an answer that arrives twice changes nothing.
        """
        delivered: list[dict[str, Any]] = []
        parked: list[dict[str, Any]] = []
        retry: list[dict[str, Any]] = []
        for result in results:
            if result.outcome in (Outcome.ACCEPTED, Outcome.DUPLICATE):
                delivered.append(
                    {
                        "b_id": result.id,
                        "b_status": OutboxStatus.DELIVERED.value,
                        "b_result_code": result.outcome.value,
                        "b_delivered_at": at,
                        "b_last_error": None,
                    }
                )
            elif result.outcome is Outcome.REJECTED:
                parked.append(
                    {
                        "b_id": result.id,
                        "b_status": OutboxStatus.PARKED.value,
                        "b_result_code": result.code or "rejected",
                        "b_last_error": result.message or QT_TRANSLATE_NOOP("Core", "Refused by the server."),
                    }
                )
            else:
                retry.append({"b_id": result.id, "b_result_code": result.code, "b_last_error": result.message})
        with self._db.write() as session:
            connection = session.connection()
            for statement, rows in ((_DELIVERED, delivered), (_PARKED, parked), (_RETRY, retry)):
                if rows:
                    connection.execute(statement, rows)

    def note_failure(self, ids: Sequence[str], message: str) -> None:
        """A transport failure for a whole batch: count the attempt, keep the reason for the operator."""
        with self._db.write() as session:
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids), OutboxRow.status == OutboxStatus.PENDING.value)
                .values(attempts=OutboxRow.attempts + 1, last_error=message)
            )

    def parked(self) -> list[OutboxRecord]:
        with self._db.read() as session:
            rows = session.scalars(
                select(OutboxRow).where(OutboxRow.status == OutboxStatus.PARKED.value).order_by(OutboxRow.seq)
            ).all()
            return [_record(row) for row in rows]

    def get(self, transaction_id: str) -> OutboxRecord | None:
        with self._db.read() as session:
            row = session.get(OutboxRow, transaction_id)
            return _record(row) if row else None

    def snapshot(self) -> OutboxSnapshot:
        with self._db.read() as session:
            by_status = select(OutboxRow.status, func.count()).group_by(OutboxRow.status)
            counts = dict(session.execute(by_status).all())
            blocked = select(OutboxRow.return_id).where(OutboxRow.status == OutboxStatus.PARKED.value)
            waiting = session.scalar(
                select(func.count()).where(
                    OutboxRow.status == OutboxStatus.PENDING.value, OutboxRow.return_id.in_(blocked)
                )
            )
            oldest = session.scalar(
                select(OutboxRow.created_at)
                .where(OutboxRow.status == OutboxStatus.PENDING.value)
                .order_by(OutboxRow.seq)
                .limit(1)
            )
            last = session.scalar(select(func.max(OutboxRow.delivered_at)))
            return OutboxSnapshot(
                pending=counts.get(OutboxStatus.PENDING.value, 0),
                parked=counts.get(OutboxStatus.PARKED.value, 0),
                waiting_behind_parked=waiting or 0,
                oldest_pending_created_at=oldest,
                last_delivered_at=last,
            )
