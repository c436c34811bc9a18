"""Signing in with a badge or a user name, and a PIN.

PINs are stored as argon2id hashes (slow on purpose). Five wrong PINs in a row lock the account for
fifteen minutes; every attempt that changes the counters is an audited state change.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, select

from app.domain.model import Operator, Role
from app.errors import SignInFailed
from app.phrases import QT_TRANSLATE_NOOP
from app.services.context import StationContext
from app.services.values import Credentials
from app.store.journal import Change
from app.store.schema import OperatorRow

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)

_hasher = PasswordHasher()


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


def _operator(row: OperatorRow) -> Operator:
    return Operator(
        operator_id=row.operator_id,
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        badge=row.badge,
    )


class Authenticator:
    def __init__(self, context: StationContext) -> None:
        self._ctx = context

    def sign_in(self, credentials: Credentials) -> Operator:
        """The operator, or `SignInFailed` saying why in words the person at the station can act on."""
        who = credentials.who.strip()
        with self._ctx.db.read() as session:
            row = session.scalar(select(OperatorRow).where(or_(OperatorRow.badge == who, OperatorRow.username == who)))
        if row is None or not row.active:
            raise SignInFailed(
                QT_TRANSLATE_NOOP("Core", "Unknown badge or user name. Scan your badge again or ask a supervisor.")
            )
        now = self._ctx.now()
        if row.locked_until and datetime.fromisoformat(row.locked_until) > now:
            minutes = max(1, int((datetime.fromisoformat(row.locked_until) - now).total_seconds() // 60) + 1)
            raise SignInFailed(
                QT_TRANSLATE_NOOP("Core", "Too many wrong PINs: {name} is locked for {minutes} more minute(s)."),
                name=row.display_name,
                minutes=minutes,
            )
        if self._verify(row.pin_hash, credentials.pin):
            self._record_attempt(row.operator_id, success=True)
            return _operator(row)
        locked = self._record_attempt(row.operator_id, success=False)
        if locked:
            raise SignInFailed(
                QT_TRANSLATE_NOOP("Core", "Too many wrong PINs: {name} is locked for {minutes} minutes."),
                name=row.display_name,
                minutes=int(LOCKOUT.total_seconds() // 60),
            )
        raise SignInFailed(QT_TRANSLATE_NOOP("Core", "Wrong PIN. Try again."))

    def check_supervisor(self, credentials: Credentials) -> Operator:
        """Badge + PIN of a supervisor at the station (for approvals and discards)."""
        operator = self.sign_in(credentials)
        if not operator.role.may(Role.SUPERVISOR):
            raise SignInFailed(
                QT_TRANSLATE_NOOP("Core", "{name} is not a supervisor: a supervisor must approve this."),
                name=operator.display_name,
            )
        return operator

    @staticmethod
    def _verify(pin_hash: str, pin: str) -> bool:
        try:
            return _hasher.verify(pin_hash, pin)
        except (VerificationError, InvalidHashError):
            return False

    def _record_attempt(self, operator_id: str, *, success: bool) -> bool:
        """Update the counters in one audited transaction; True when this attempt locked the account."""
        with self._ctx.change(operator_id) as tx:
            row = tx.session.get(OperatorRow, operator_id)
            assert row is not None
            locked = False
            if success:
                row.failed_attempts = 0
                row.locked_until = None
                change_type = "operator.signed_in"
            else:
                row.failed_attempts += 1
                change_type = "operator.sign_in_failed"
                if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
                    row.failed_attempts = 0
                    row.locked_until = (self._ctx.now() + LOCKOUT).isoformat()
                    change_type = "operator.locked"
                    locked = True
            tx.record(
                Change(
                    type=change_type,
                    return_id=f"operator:{operator_id}",
                    entity_type="operator",
                    entity_id=operator_id,
                    payload={"operator_id": operator_id, "station_id": self._ctx.station_id},
                )
            )
        return locked
