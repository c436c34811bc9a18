"""How central judges and applies one batch of station transactions: exactly once, in order, or not at all.

The whole batch is one SQLite transaction. What the batch needs to know (which ids are already applied,
which sequence numbers of the station exist, the state of the returns it touches) is read in a few
set-based queries up front, judged in memory in request order (so a transaction may depend on one
earlier in the same batch), and written back with `executemany`. The `transactions.id` primary key is
the last line of defence: nothing can be applied twice even if the judging had a bug.
"""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sync.simulators.central.bodies import Envelope, TransactionType

SUPPORTED_SCHEMA_VERSION = 1
_CHUNK = 900  # stay below SQLite's bound-parameter limit on old builds


class ResultStatus(enum.Enum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    RETRY = "retry"


class ResultCode(enum.Enum):
    UNKNOWN_RETURN = "unknown_return"
    OVER_AUTHORIZATION = "over_authorization"
    RETURN_CLOSED = "return_closed"
    UNKNOWN_TYPE = "unknown_type"
    INVALID_PAYLOAD = "invalid_payload"
    SEQ_CONFLICT = "seq_conflict"
    PREDECESSOR_MISSING = "predecessor_missing"


class ReturnStatus(enum.Enum):
    AUTHORIZED = "authorized"  # expected by central, nothing received yet
    OPEN = "open"  # a station opened it
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class TransactionResult:
    id: str
    status: ResultStatus
    correlation_id: str
    code: ResultCode | None = None
    message: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "status": self.status.value, "correlation_id": self.correlation_id}
        if self.code is not None:
            data["code"] = self.code.value
        if self.message is not None:
            data["message"] = self.message
        return data


@dataclass(slots=True)
class _Line:
    authorized: int
    received: int
    changed: bool = False


@dataclass(slots=True)
class _Return:
    status: ReturnStatus
    origin: str
    opened_by: str | None
    new: bool = False
    changed: bool = False


@dataclass(slots=True)
class _BatchView:
    """What the batch reads, loaded once and then kept current as the batch applies."""

    applied_ids: set[str]
    seqs: dict[int, tuple[str, str]]  # this station's seq -> (id, return_id)
    returns: dict[str, _Return]
    lines: dict[tuple[str, int], _Line]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


class _Rejected(Exception):
    def __init__(self, status: ResultStatus, code: ResultCode, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _load(db: sqlite3.Connection, station_id: str, envelopes: Sequence[Envelope]) -> _BatchView:
    applied: set[str] = set()
    for chunk in _chunks({e.id for e in envelopes}):
        rows = db.execute(f"SELECT id FROM transactions WHERE id IN ({_marks(chunk)})", chunk)
        applied.update(row[0] for row in rows)
    seqs: dict[int, tuple[str, str]] = {}
    wanted = {e.seq for e in envelopes} | {e.prev_seq for e in envelopes if e.prev_seq is not None}
    for chunk in _chunks(wanted):
        query = f"SELECT seq, id, return_id FROM transactions WHERE station_id = ? AND seq IN ({_marks(chunk)})"
        seqs.update({row[0]: (row[1], row[2]) for row in db.execute(query, [station_id, *chunk])})
    returns: dict[str, _Return] = {}
    lines: dict[tuple[str, int], _Line] = {}
    for chunk in _chunks({e.return_id for e in envelopes}):
        marks = _marks(chunk)
        query = f"SELECT return_id, status, origin, opened_by FROM returns_state WHERE return_id IN ({marks})"
        for return_id, status, origin, opened_by in db.execute(query, chunk):
            returns[return_id] = _Return(ReturnStatus(status), origin, opened_by)
        query = f"SELECT return_id, line_no, authorized, received FROM return_lines WHERE return_id IN ({marks})"
        for return_id, line_no, authorized, received in db.execute(query, chunk):
            lines[(return_id, line_no)] = _Line(authorized, received)
    return _BatchView(applied, seqs, returns, lines)


def apply_batch(
    db: sqlite3.Connection, station_id: str, envelopes: Sequence[Envelope], now: float
) -> list[TransactionResult]:
    """Judge and apply `envelopes` in order; the caller holds the write lock and the open transaction."""
    view = _load(db, station_id, envelopes)
    results: list[TransactionResult] = []
    for envelope in envelopes:
        result = _judge_and_apply(view, station_id, envelope, now)
        results.append(result)
    db.executemany(
        "INSERT INTO transactions (id, station_id, seq, return_id, prev_seq, type, schema_version, created_at,"
        " app_version, correlation_id, operator, payload, applied_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        view.rows,
    )
    db.executemany(
        "INSERT INTO deliveries (id, station_id, count, last_status, last_code, last_at) VALUES (?,?,1,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET count = count + 1, last_status = excluded.last_status,"
        " last_code = excluded.last_code, last_at = excluded.last_at",
        [(r.id, station_id, r.status.value, r.code.value if r.code else None, now) for r in results],
    )
    db.executemany(
        "INSERT INTO returns_state (return_id, origin, status, opened_by) VALUES (?,?,?,?)"
        " ON CONFLICT(return_id) DO UPDATE SET status = excluded.status, opened_by = excluded.opened_by",
        [
            (return_id, state.origin, state.status.value, state.opened_by)
            for return_id, state in view.returns.items()
            if state.new or state.changed
        ],
    )
    db.executemany(
        "UPDATE return_lines SET received = ? WHERE return_id = ? AND line_no = ?",
        [(line.received, key[0], key[1]) for key, line in view.lines.items() if line.changed],
    )
    return results


def _judge_and_apply(view: _BatchView, station_id: str, envelope: Envelope, now: float) -> TransactionResult:
    if envelope.id in view.applied_ids:
        return TransactionResult(
            envelope.id,
            ResultStatus.DUPLICATE,
            envelope.correlation_id,
            message="Already applied earlier; nothing changed.",
        )
    try:
        kind = _judge(view, station_id, envelope)
        _apply(view, station_id, envelope, kind)
    except _Rejected as rejection:
        return TransactionResult(
            envelope.id, rejection.status, envelope.correlation_id, rejection.code, rejection.message
        )
    view.applied_ids.add(envelope.id)
    view.seqs[envelope.seq] = (envelope.id, envelope.return_id)
    view.rows.append(
        (
            envelope.id,
            envelope.station_id,
            envelope.seq,
            envelope.return_id,
            envelope.prev_seq,
            envelope.type,
            envelope.schema_version,
            envelope.created_at,
            envelope.app_version,
            envelope.correlation_id,
            envelope.operator,
            json.dumps(envelope.payload, separators=(",", ":"), ensure_ascii=False),
            now,
        )
    )
    return TransactionResult(envelope.id, ResultStatus.ACCEPTED, envelope.correlation_id)


def _reject(code: ResultCode, message: str) -> _Rejected:
    return _Rejected(ResultStatus.REJECTED, code, message)


def _judge(view: _BatchView, station_id: str, envelope: Envelope) -> TransactionType:
    """Checks that do not depend on the type's meaning: ownership, sequence, type, version, order."""
    if envelope.station_id != station_id:
        raise _reject(
            ResultCode.INVALID_PAYLOAD,
            f"This change was recorded by station {envelope.station_id}, but station {station_id} sent it.",
        )
    holder = view.seqs.get(envelope.seq)
    if holder is not None and holder[0] != envelope.id:
        raise _reject(
            ResultCode.SEQ_CONFLICT,
            f"Station {station_id} already sent change #{envelope.seq} with another id ({holder[0]}); "
            "the station's queue was probably restored from an old backup.",
        )
    try:
        kind = TransactionType(envelope.type)
    except ValueError:
        raise _reject(
            ResultCode.UNKNOWN_TYPE,
            f"Central does not know the change type '{envelope.type}'; the station may be newer than central.",
        ) from None
    if envelope.schema_version != SUPPORTED_SCHEMA_VERSION:
        raise _reject(
            ResultCode.INVALID_PAYLOAD,
            f"Central reads version {SUPPORTED_SCHEMA_VERSION} of '{envelope.type}' changes, "
            f"not version {envelope.schema_version}.",
        )
    if envelope.prev_seq is not None:
        if envelope.prev_seq >= envelope.seq:
            raise _reject(
                ResultCode.INVALID_PAYLOAD,
                f"Change #{envelope.seq} says it follows #{envelope.prev_seq}, which is not earlier.",
            )
        previous = view.seqs.get(envelope.prev_seq)
        if previous is None:
            raise _Rejected(
                ResultStatus.RETRY,
                ResultCode.PREDECESSOR_MISSING,
                f"Change #{envelope.prev_seq} of return {envelope.return_id} has not arrived yet; "
                "it must be applied first.",
            )
        if previous[1] != envelope.return_id:
            raise _reject(
                ResultCode.INVALID_PAYLOAD,
                f"Change #{envelope.seq} says it follows #{envelope.prev_seq}, "
                f"but that change belongs to return {previous[1]}, not {envelope.return_id}.",
            )
    named = envelope.payload.get("return_id")
    if named is not None and named != envelope.return_id:
        raise _reject(
            ResultCode.INVALID_PAYLOAD,
            f"The change is filed under return {envelope.return_id} but its content names return {named}.",
        )
    return kind


def _apply(view: _BatchView, station_id: str, envelope: Envelope, kind: TransactionType) -> None:
    """The type's business rules; raises _Rejected before changing anything in the view."""
    return_id = envelope.return_id
    state = view.returns.get(return_id)
    if kind is TransactionType.RETURN_OPENED:
        if state is None:
            # A blind return: parcels without an authorization are received and resolved later.
            view.returns[return_id] = _Return(ReturnStatus.OPEN, "station", station_id, new=True)
        elif state.status is ReturnStatus.CLOSED:
            raise _reject(ResultCode.RETURN_CLOSED, f"Return {return_id} is already closed; it cannot be opened again.")
        else:
            state.status, state.opened_by, state.changed = ReturnStatus.OPEN, station_id, True
        return
    if not kind.needs_return:
        return
    if state is None:
        raise _reject(
            ResultCode.UNKNOWN_RETURN,
            f"Central does not know return {return_id}, and no station opened it as an unexpected return.",
        )
    if state.status is ReturnStatus.CLOSED:
        raise _reject(ResultCode.RETURN_CLOSED, f"Return {return_id} is closed; no more changes are accepted for it.")
    if kind is TransactionType.UNIT_RECEIVED:
        _receive_unit(view, return_id, envelope.payload)
    elif kind is TransactionType.RETURN_CLOSED:
        state.status, state.changed = ReturnStatus.CLOSED, True


def _receive_unit(view: _BatchView, return_id: str, payload: dict[str, Any]) -> None:
    lpn = payload.get("lpn")
    line_no = payload.get("line_no")
    over_receipt = payload.get("over_receipt", False)
    if not isinstance(lpn, str) or not lpn:
        raise _reject(ResultCode.INVALID_PAYLOAD, "A received unit needs its licence plate (lpn).")
    if line_no is not None and (isinstance(line_no, bool) or not isinstance(line_no, int)):
        raise _reject(ResultCode.INVALID_PAYLOAD, "line_no of a received unit must be a whole number or null.")
    if not isinstance(over_receipt, bool):
        raise _reject(ResultCode.INVALID_PAYLOAD, "over_receipt of a received unit must be true or false.")
    if line_no is None:
        return  # an undeclared item: the station already raised its exception
    line = view.lines.get((return_id, line_no))
    if line is None:
        raise _reject(ResultCode.INVALID_PAYLOAD, f"Return {return_id} has no line {line_no}.")
    if not over_receipt and line.received >= line.authorized:
        raise _reject(
            ResultCode.OVER_AUTHORIZATION,
            f"Line {line_no} of return {return_id} is authorized for {line.authorized} unit(s) and "
            f"{line.received} already arrived; receive this one as an over-receipt.",
        )
    line.received += 1
    line.changed = True
