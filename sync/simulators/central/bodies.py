"""Reading request bodies of the Station Sync API exactly as the contract describes them.

Hand-written rather than a generic JSON-Schema validator: a batch of 500 transactions must be checked
in well under a millisecond each, and every complaint names the field in words a person can act on.
What is checked here is the envelope; what a transaction *means* is judged by the ledger.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

MAX_BATCH = 500
MAX_SEQ = 2**53 - 1  # the largest integer every JSON reader keeps exact
STATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
TRANSACTION_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))", re.ASCII
)


class TransactionType(enum.Enum):
    RETURN_OPENED = "return.opened"
    RECEIPT_RECORDED = "receipt.recorded"
    UNIT_RECEIVED = "unit.received"
    EXCEPTION_RAISED = "exception.raised"
    UNIT_INSPECTED = "unit.inspected"
    DISPOSITION_PROPOSED = "disposition.proposed"
    DISPOSITION_OVERRIDDEN = "disposition.overridden"
    APPROVAL_REQUESTED = "approval.requested"
    APPROVAL_GRANTED = "approval.granted"
    APPROVAL_DENIED = "approval.denied"
    DISPOSITION_SET = "disposition.set"
    LABEL_REQUESTED = "label.requested"
    LABEL_PRINTED = "label.printed"
    RETURN_CLOSED = "return.closed"
    OUTBOX_RETRIED = "outbox.retried"
    OUTBOX_DISCARDED = "outbox.discarded"
    OPERATOR_SIGNED_IN = "operator.signed_in"
    OPERATOR_SIGN_IN_FAILED = "operator.sign_in_failed"
    OPERATOR_LOCKED = "operator.locked"

    @property
    def needs_return(self) -> bool:
        """True for changes to a return's goods, which need a return central knows and that is still open.

        Labels, sign-ins and queue bookkeeping use `return_id` only as an ordering key (`operator:ana`,
        `station`), and a print or a discard must reach central even after the return was closed.
        """
        bookkeeping = self.value.startswith(("label.", "operator.", "outbox."))
        return not bookkeeping and self is not TransactionType.RETURN_OPENED


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class BodyInvalid(ValueError):
    """The body does not fit the contract; `errors` names each field that is wrong."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first.field}: {first.message}{more}")


@dataclass(frozen=True, slots=True)
class Envelope:
    """One transaction's envelope as the station sent it."""

    id: str
    station_id: str
    seq: int
    return_id: str
    prev_seq: int | None
    type: str
    schema_version: int
    created_at: str
    app_version: str
    correlation_id: str
    operator: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Enrollment:
    enrollment_token: str
    station_id: str
    app_version: str


@dataclass(frozen=True, slots=True)
class TokenRequest:
    station_id: str
    station_credential: str


@dataclass(frozen=True, slots=True)
class Batch:
    station_id: str
    transactions: list[Envelope]


class _Reader:
    """Collects every complaint about one JSON object instead of stopping at the first."""

    def __init__(self, obj: Any, prefix: str, errors: list[FieldError]) -> None:
        self.obj = obj if isinstance(obj, dict) else {}
        self.prefix = prefix
        self.errors = errors
        if not isinstance(obj, dict):
            errors.append(FieldError(prefix or "body", "must be a JSON object"))

    def _fail(self, name: str, message: str) -> None:
        self.errors.append(FieldError(f"{self.prefix}{name}", message))

    def text(self, name: str, *, max_length: int, pattern: re.Pattern[str] | None = None, hint: str = "") -> str:
        value = self.obj.get(name)
        if name not in self.obj:
            self._fail(name, "is required")
        elif not isinstance(value, str):
            self._fail(name, "must be a string")
        elif not value:
            self._fail(name, "must not be empty")
        elif len(value) > max_length:
            self._fail(name, f"must be at most {max_length} characters")
        elif pattern is not None and not pattern.fullmatch(value):
            self._fail(name, hint or "has the wrong format")
        else:
            return value
        return ""

    def integer(self, name: str, *, maximum: int = MAX_SEQ, nullable: bool = False) -> int | None:
        value = self.obj.get(name)
        if name not in self.obj:
            self._fail(name, "is required")
            return None
        if value is None and nullable:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema counts 3.0 as an integer
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(name, "must be a whole number" + (" or null" if nullable else ""))
            return None
        if not 1 <= value <= maximum:
            self._fail(name, f"must be from 1 to {maximum}")
            return None
        return value

    def mapping(self, name: str) -> dict[str, Any]:
        value = self.obj.get(name)
        if name not in self.obj:
            self._fail(name, "is required")
        elif not isinstance(value, dict):
            self._fail(name, "must be a JSON object")
        else:
            return value
        return {}

    def timestamp(self, name: str) -> str:
        value = self.text(name, max_length=64)
        if value and not _is_rfc3339(value):
            self._fail(name, "must be an RFC 3339 date-time such as 2026-11-20T10:00:00Z")
            return ""
        return value


def _is_rfc3339(value: str) -> bool:
    match = _RFC3339.fullmatch(value)
    if match is None:
        return False
    _, month, day, hour, minute, second, off_hour, off_minute = (int(g) if g else 0 for g in match.groups())
    return (
        1 <= month <= 12
        and 1 <= day <= 31
        and hour <= 23
        and minute <= 59
        and second <= 60  # RFC 3339 allows a leap second
        and off_hour <= 23
        and off_minute <= 59
    )


_STATION_HINT = "must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"


def read_enrollment(body: Any) -> Enrollment:
    errors: list[FieldError] = []
    reader = _Reader(body, "", errors)
    token = reader.text("enrollment_token", max_length=256)
    station_id = reader.text("station_id", max_length=64, pattern=STATION_ID, hint=_STATION_HINT)
    app_version = reader.text("app_version", max_length=64)
    if errors:
        raise BodyInvalid(errors)
    return Enrollment(token, station_id, app_version)


def read_token_request(body: Any) -> TokenRequest:
    errors: list[FieldError] = []
    reader = _Reader(body, "", errors)
    station_id = reader.text("station_id", max_length=64, pattern=STATION_ID, hint=_STATION_HINT)
    credential = reader.text("station_credential", max_length=256)
    if errors:
        raise BodyInvalid(errors)
    return TokenRequest(station_id, credential)


def read_batch(body: Any) -> Batch:
    """The batch's envelopes; any malformed envelope fails the whole batch, so nothing half-applies."""
    errors: list[FieldError] = []
    reader = _Reader(body, "", errors)
    station_id = reader.text("station_id", max_length=64, pattern=STATION_ID, hint=_STATION_HINT)
    raw = reader.obj.get("transactions")
    envelopes: list[Envelope] = []
    if "transactions" not in reader.obj:
        errors.append(FieldError("transactions", "is required"))
    elif not isinstance(raw, list):
        errors.append(FieldError("transactions", "must be a list"))
    elif not 1 <= len(raw) <= MAX_BATCH:
        errors.append(FieldError("transactions", f"must hold 1 to {MAX_BATCH} transactions, not {len(raw)}"))
    else:
        for index, item in enumerate(raw):
            envelope = _read_envelope(item, f"transactions[{index}].", errors)
            if envelope is not None:
                envelopes.append(envelope)
    if errors:
        raise BodyInvalid(errors)
    return Batch(station_id, envelopes)


def _read_envelope(item: Any, prefix: str, errors: list[FieldError]) -> Envelope | None:
    before = len(errors)
    reader = _Reader(item, prefix, errors)
    envelope_id = reader.text("id", max_length=36, pattern=TRANSACTION_ID, hint="must be a lower-case UUIDv7")
    station_id = reader.text("station_id", max_length=64, pattern=STATION_ID, hint=_STATION_HINT)
    seq = reader.integer("seq")
    return_id = reader.text("return_id", max_length=128)
    prev_seq = reader.integer("prev_seq", nullable=True)
    type_ = reader.text("type", max_length=64)
    schema_version = reader.integer("schema_version", maximum=1000)
    created_at = reader.timestamp("created_at")
    app_version = reader.text("app_version", max_length=64)
    correlation_id = reader.text("correlation_id", max_length=128)
    operator = reader.text("operator", max_length=64)
    payload = reader.mapping("payload")
    if len(errors) > before or seq is None or schema_version is None:
        return None
    return Envelope(
        id=envelope_id,
        station_id=station_id,
        seq=seq,
        return_id=return_id,
        prev_seq=prev_seq,
        type=type_,
        schema_version=schema_version,
        created_at=created_at,
        app_version=app_version,
        correlation_id=correlation_id,
        operator=operator,
        payload=payload,
    )
