"""The outbox and the audit log: what every state change writes besides its domain rows.

`record()` is called inside the write transaction of a use case and appends, together with the
domain rows already in that transaction, exactly one outbox record (the canonical transaction sent
to central, with a UUIDv7 that is also its idempotency key) and one audit record chained by SHA-256
to the one before it. Either all of it commits or none of it does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import rfc8785
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.store.schema import AuditRow, OutboxRow

GENESIS_HASH = "0" * 64
SCHEMA_VERSION = 1

JSONValue = Any  # what json.dumps accepts; rfc8785 enforces the canonical subset


def canonical_json(value: Mapping[str, JSONValue]) -> str:
    """RFC 8785 canonical JSON: the same value always serialises to the same bytes."""
    return rfc8785.dumps(value).decode("utf-8")


@dataclass(frozen=True, slots=True)
class Change:
    """One state change as the rest of the world hears of it."""

    type: str  # e.g. "unit.received"
    return_id: str  # the ordering key: changes of one return are delivered in order
    entity_type: str  # "unit", "return", "operator", ...
    entity_id: str
    payload: Mapping[str, JSONValue]


@dataclass(frozen=True, slots=True)
class Recorded:
    transaction_id: str
    seq: int
    audit_seq: int


def audit_hash(prev_hash: str, fields: Mapping[str, JSONValue]) -> str:
    material = prev_hash.encode("ascii") + canonical_json(fields).encode("utf-8")
    return hashlib.sha256(material).hexdigest()


_HASHED = ("seq", "at", "operator_id", "action", "entity_type", "entity_id", "detail")


def _hashed_fields(values: Mapping[str, JSONValue]) -> dict[str, JSONValue]:
    """The audit columns the hash covers (everything but the hashes themselves)."""
    return {name: values[name] for name in _HASHED}


def record(
    session: Session,
    change: Change,
    *,
    station_id: str,
    operator_id: str,
    at: str,
    app_version: str,
    correlation_id: str | None = None,
) -> Recorded:
    """Append the outbox record and the audit record for `change` to the open transaction."""
    payload = canonical_json(change.payload)
    last_seq = session.scalar(select(func.max(OutboxRow.seq))) or 0
    prev_seq = session.scalar(
        select(func.max(OutboxRow.seq)).where(OutboxRow.return_id == change.return_id, OutboxRow.status != "discarded")
    )
    transaction_id = new_id()
    session.execute(
        insert(OutboxRow).values(
            id=transaction_id,
            seq=last_seq + 1,
            station_id=station_id,
            return_id=change.return_id,
            prev_seq=prev_seq,
            type=change.type,
            schema_version=SCHEMA_VERSION,
            payload=payload,
            operator_id=operator_id,
            correlation_id=correlation_id or transaction_id,
            app_version=app_version,
            created_at=at,
            status="pending",
            attempts=0,
        )
    )
    audit_seq = append_audit(
        session,
        operator_id=operator_id,
        at=at,
        action=change.type,
        entity_type=change.entity_type,
        entity_id=change.entity_id,
        detail={"transaction_id": transaction_id, "payload": change.payload},
    )
    return Recorded(transaction_id=transaction_id, seq=last_seq + 1, audit_seq=audit_seq)


def append_audit(
    session: Session,
    *,
    operator_id: str,
    at: str,
    action: str,
    entity_type: str,
    entity_id: str,
    detail: Mapping[str, JSONValue],
) -> int:
    last = session.execute(select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    values: dict[str, JSONValue] = {
        "seq": seq,
        "at": at,
        "operator_id": operator_id,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "detail": canonical_json(detail),
    }
    digest = audit_hash(prev_hash, _hashed_fields(values))
    session.execute(insert(AuditRow).values(**values, prev_hash=prev_hash, hash=digest))
    return seq


@dataclass(frozen=True, slots=True)
class ChainReport:
    records: int
    first_broken: int | None  # audit seq of the first record that does not verify
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def verify_audit_chain(session: Session) -> ChainReport:
    """Recompute every hash in order; name the first record whose content or link was altered."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    rows = session.execute(select(AuditRow).order_by(AuditRow.seq)).scalars()
    for row in rows:
        count += 1
        if row.seq != expected_seq:
            return ChainReport(count, row.seq, f"record {expected_seq} is missing")
        if row.prev_hash != prev_hash:
            return ChainReport(count, row.seq, "its link to the previous record does not match")
        if audit_hash(prev_hash, _hashed_fields(vars(row))) != row.hash:
            return ChainReport(count, row.seq, "its content was changed after it was written")
        prev_hash = row.hash
        expected_seq += 1
    return ChainReport(count, None)
