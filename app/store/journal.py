"""The outbox and the audit log: what every state change writes besides its domain rows.

`record()` is called inside the write transaction of a use case and appends, together with the
domain rows already in that transaction, exactly one outbox record (the canonical transaction sent
to central, with a UUIDv7 that is also its idempotency key) and one audit record chained by SHA-256
to the one before it. Either all of it commits or none of it does.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import rfc8785
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.store.outbox import OutboxStatus
from app.store.prepared import Query, row_insert
from app.store.schema import AuditRow, OutboxRow

GENESIS_HASH = "0" * 64
SCHEMA_VERSION = 1

JSONValue = Any  # what json.dumps accepts; rfc8785 enforces the canonical subset

_SAFE_INTEGER = 2**53 - 1  # beyond this a JSON number is not an exact integer, and RFC 8785 refuses it
_SORTED_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode


def _plain(value: object) -> bool:
    """True when Python's own encoder writes `value` exactly as RFC 8785 does.

    That is: ASCII text (keys sort the same by code point as by UTF-16 unit, and both escape only
    quotes, backslashes and control characters, the same way), integers a double holds exactly,
    booleans, null, and lists and objects of those, with plain `str` keys. Floats (ECMAScript number formatting) and
    anything else take the reference implementation.
    """
    if isinstance(value, str):  # subclasses too (reference texts, phrases): both encode the characters
        return value.isascii()
    if type(value) is dict:
        return all(type(k) is str and k.isascii() and _plain(v) for k, v in value.items())
    if type(value) is list or type(value) is tuple:
        return all(_plain(v) for v in value)
    if type(value) is int:
        return -_SAFE_INTEGER <= value <= _SAFE_INTEGER
    return value is None or type(value) is bool


def canonical_json(value: Mapping[str, JSONValue]) -> str:
    """RFC 8785 canonical JSON: the same value always serialises to the same bytes.

    Every change is serialised twice (the payload, and the audit fields it hashes), so the common
    case goes through the C encoder; tests/app/store/test_canonical_json.py holds the two equal.
    """
    if _plain(value):
        return _SORTED_COMPACT(value)
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


# The journal runs in every state change, so its statements are prepared once and run on sqlite3
# directly (app/store/prepared.py): building ORM statements per call cost more than the fsync of the
# commit itself (measured by tests/benchmarks/store.py).
_LAST = Query(
    select(
        select(func.max(OutboxRow.seq)).scalar_subquery(),
        select(func.max(OutboxRow.seq))
        .where(OutboxRow.return_id == bindparam("return_id"), OutboxRow.status != OutboxStatus.DISCARDED.value)
        .scalar_subquery(),
        select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1).scalar_subquery(),
        select(AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1).scalar_subquery(),
    )
)


def record(
    connection: sqlite3.Connection,
    change: Change,
    *,
    station_id: str,
    operator_id: str,
    at: str,
    app_version: str,
    correlation_id: str | None = None,
) -> Recorded:
    """Append the outbox record and the audit record for `change` to the transaction open on `connection`."""
    last_seq, prev_seq, audit_seq, prev_hash = _LAST.one(connection, {"return_id": change.return_id})
    seq = (last_seq or 0) + 1
    transaction_id = new_id()
    payload = canonical_json(change.payload)
    row_insert(OutboxRow).run(
        connection,
        {
            "id": transaction_id,
            "seq": seq,
            "station_id": station_id,
            "return_id": change.return_id,
            "prev_seq": prev_seq,
            "type": change.type,
            "schema_version": SCHEMA_VERSION,
            "payload": payload,
            "operator_id": operator_id,
            "correlation_id": correlation_id or transaction_id,
            "app_version": app_version,
            "created_at": at,
            "status": OutboxStatus.PENDING.value,
            "attempts": 0,
        },
    )
    values: dict[str, JSONValue] = {
        "seq": (audit_seq or 0) + 1,
        "at": at,
        "operator_id": operator_id,
        "action": change.type,
        "entity_type": change.entity_type,
        "entity_id": change.entity_id,
        # Canonical JSON of {"payload": ..., "transaction_id": ...}: keys in RFC 8785 order, the payload's
        # canonical text reused rather than serialised a second time.
        "detail": f'{{"payload":{payload},"transaction_id":"{transaction_id}"}}',
    }
    _append_audit(connection, values, prev_hash or GENESIS_HASH)
    return Recorded(transaction_id=transaction_id, seq=seq, audit_seq=int(values["seq"]))


def _append_audit(connection: sqlite3.Connection, values: dict[str, JSONValue], prev_hash: str) -> None:
    digest = audit_hash(prev_hash, _hashed_fields(values))
    row_insert(AuditRow).run(connection, {**values, "prev_hash": prev_hash, "hash": digest})


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
