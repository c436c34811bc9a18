"""Propose, override and settle a unit's disposition, and the supervisor's approval of it.

The rules propose; the inspector may override with a reason; the approval policy decides whether a
supervisor must approve (value, kind, override, fraud flags). A supervisor approves at the station
with badge + PIN and never their own proposal.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import and_, bindparam, exists, select, update

from app.domain.ids import new_id
from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.domain.model import DispositionKind, ExceptionKind, Operator
from app.errors import UNIT_NOT_ON_STATION, InvalidInput, NotAllowed, NotFound
from app.phrases import QT_TRANSLATE_NOOP, restored, stored
from app.rules import DispositionFacts, RuleBook
from app.services.auth import Authenticator
from app.services.context import StationContext, Tx
from app.services.values import Changed, Credentials
from app.store.db import sqlite_connection
from app.store.journal import Change
from app.store.prepared import Command, Query
from app.store.schema import (
    ApprovalRow,
    CatalogRow,
    DispositionRow,
    ExceptionRow,
    OperatorRow,
    ReturnLineRow,
    ReturnRow,
    UnitRow,
)


@dataclass(frozen=True, slots=True)
class DispositionView:
    unit_id: str
    lpn: str
    kind: DispositionKind
    location: str | None
    reason: str
    rule_id: str | None
    overridden: bool
    approval_reasons: tuple[str, ...]
    state: UnitState

    @property
    def needs_approval(self) -> bool:
        return bool(self.approval_reasons)


@dataclass(frozen=True, slots=True)
class ApprovalView:
    approval_id: str
    unit_id: str
    lpn: str
    sku: str | None
    kind: DispositionKind
    location: str | None
    reason: str
    reasons: tuple[str, ...]
    requested_by: str
    requested_at: str


@dataclass(frozen=True, slots=True)
class _Unit:
    unit_id: str
    return_id: str
    lpn: str
    state: UnitState


@dataclass(frozen=True, slots=True)
class _Disposition:
    disposition_id: str
    kind: DispositionKind
    location: str | None
    rule_id: str | None
    reason: str
    overridden: bool
    approval_reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the rules and the approval policy look at, as one statement found it."""

    grade: str | None
    category: str | None
    unit_value: str | None
    rtv_eligible: bool | None
    vendor_id: str | None
    customer_tier: str | None
    reason_code: str | None
    serial_mismatch: bool

    def decide(self) -> tuple[DispositionFacts, Decimal, list[str]]:
        if self.grade is None:
            raise NotAllowed(QT_TRANSLATE_NOOP("Core", "Inspect and grade this unit before choosing its disposition."))
        value = Decimal(self.unit_value) if self.unit_value is not None else Decimal(0)
        facts = DispositionFacts(
            grade=self.grade,
            category=self.category or "default",
            unit_value=value,
            rtv_eligible=bool(self.rtv_eligible),
            customer_tier=self.customer_tier or "standard",
            reason_code=self.reason_code or "UNKNOWN",
            vendor_id=self.vendor_id,
        )
        flags = [ExceptionKind.SERIAL_MISMATCH.value] if self.serial_mismatch else []
        return facts, value, flags


@dataclass(frozen=True, slots=True)
class _Outcome:
    kind: DispositionKind
    location: str | None
    reason: str
    rule_id: str | None
    overridden: bool
    approval_reasons: tuple[str, ...]


# The statements of the disposition use cases (see app/store/prepared.py). A proposal or override
# reads the unit and everything the rules look at in one statement.
_UNIT_WITH_FACTS = Query(
    select(
        UnitRow.return_id,
        UnitRow.lpn,
        UnitRow.state,
        UnitRow.grade,
        CatalogRow.category,
        CatalogRow.unit_value,
        CatalogRow.rtv_eligible,
        CatalogRow.vendor_id,
        ReturnRow.customer_tier,
        ReturnLineRow.reason_code,
        exists().where(
            ExceptionRow.unit_id == UnitRow.unit_id,
            ExceptionRow.status == "open",
            ExceptionRow.kind == ExceptionKind.SERIAL_MISMATCH.value,
        ),
    )
    .select_from(UnitRow)
    .outerjoin(CatalogRow, CatalogRow.gtin == UnitRow.gtin)
    .outerjoin(ReturnRow, ReturnRow.return_id == UnitRow.return_id)
    .outerjoin(
        ReturnLineRow, and_(ReturnLineRow.return_id == UnitRow.return_id, ReturnLineRow.line_no == UnitRow.line_no)
    )
    .where(UnitRow.unit_id == bindparam("unit_id"))
)
# The unit and its current disposition, if it has one.
_UNIT_WITH_CURRENT = Query(
    select(
        UnitRow.return_id,
        UnitRow.lpn,
        UnitRow.state,
        DispositionRow.disposition_id,
        DispositionRow.kind,
        DispositionRow.location,
        DispositionRow.rule_id,
        DispositionRow.reason,
        DispositionRow.reason_i18n,
        DispositionRow.overridden,
        DispositionRow.approval_reasons,
    )
    .select_from(UnitRow)
    .outerjoin(DispositionRow, and_(DispositionRow.unit_id == UnitRow.unit_id, DispositionRow.current.is_(True)))
    .where(UnitRow.unit_id == bindparam("unit_id"))
)
# An approval with the disposition it is about and that disposition's unit (foreign keys: all three exist).
_APPROVAL = Query(
    select(
        ApprovalRow.decision,
        ApprovalRow.requested_by,
        ApprovalRow.reasons,
        DispositionRow.proposed_by,
        DispositionRow.disposition_id,
        DispositionRow.kind,
        DispositionRow.location,
        DispositionRow.rule_id,
        DispositionRow.reason,
        DispositionRow.reason_i18n,
        DispositionRow.overridden,
        DispositionRow.approval_reasons,
        UnitRow.unit_id,
        UnitRow.return_id,
        UnitRow.lpn,
        UnitRow.state,
    )
    .join(DispositionRow, DispositionRow.disposition_id == ApprovalRow.disposition_id)
    .join(UnitRow, UnitRow.unit_id == ApprovalRow.unit_id)
    .where(ApprovalRow.approval_id == bindparam("approval_id"))
)
_RETIRE_CURRENT = Command(
    update(DispositionRow).where(DispositionRow.unit_id == bindparam("unit_id")).values(current=False)
)
_DISPOSED = Command(
    update(UnitRow)
    .where(UnitRow.unit_id == bindparam("unit_id"))
    .values(
        state=bindparam("state"),
        disposition=bindparam("disposition"),
        location=bindparam("location"),
        updated_at=bindparam("at"),
    )
)
_MOVED = Command(
    update(UnitRow)
    .where(UnitRow.unit_id == bindparam("unit_id"))
    .values(state=bindparam("state"), updated_at=bindparam("at"))
)
_DECIDED = Command(
    update(ApprovalRow)
    .where(ApprovalRow.approval_id == bindparam("approval_id"))
    .values(
        decision=bindparam("decision"),
        decided_by=bindparam("decided_by"),
        decided_at=bindparam("at"),
        note=bindparam("note"),
    )
)


def _stored_list(messages: Iterable[str]) -> str:
    """Messages as a JSON list that keeps each one translatable (`app.phrases.stored`)."""
    return json.dumps([stored(message) for message in messages])


def _restored_list(text: str) -> tuple[str, ...]:
    return tuple(restored(item) for item in json.loads(text))


def _stored_one(message: str) -> str | None:
    """A rule's reason in every language it came in; None for the inspector's own words."""
    value = stored(message)
    return None if isinstance(value, str) else json.dumps(value)


def _restored_one(english: str, i18n: str | None) -> str:
    return restored(json.loads(i18n)) if i18n else english


def _unit_with_current(connection: sqlite3.Connection, unit_id: str) -> tuple[_Unit, _Disposition | None]:
    found = _UNIT_WITH_CURRENT.first(connection, {"unit_id": unit_id})
    if found is None:
        raise NotFound(UNIT_NOT_ON_STATION)
    return_id, lpn, state, disposition_id = found[:4]
    unit = _Unit(unit_id, return_id, lpn, UnitState(state))
    if cast("str | None", disposition_id) is None:  # the outer join found no current disposition
        return unit, None
    return unit, _disposition_of(found[3:])


def _disposition_of(columns: Sequence[Any]) -> _Disposition:
    """A disposition from its columns as the queries select them, its messages translatable again."""
    disposition_id, kind, location, rule_id, reason, reason_i18n, overridden, reasons = columns
    return _Disposition(
        disposition_id,
        DispositionKind(kind),
        location,
        rule_id,
        _restored_one(reason, reason_i18n),
        overridden,
        _restored_list(reasons),
    )


def _unit_with_facts(tx: Tx, unit_id: str) -> tuple[_Unit, _Facts]:
    found = tx.first(_UNIT_WITH_FACTS, unit_id=unit_id)
    if found is None:
        raise NotFound(UNIT_NOT_ON_STATION)
    return_id, lpn, state, grade, category, value, rtv_eligible, vendor_id, tier, reason_code, mismatch = found
    unit = _Unit(unit_id, return_id, lpn, UnitState(state))
    return unit, _Facts(grade, category, value, rtv_eligible, vendor_id, tier, reason_code, mismatch)


class Dispositions:
    def __init__(self, context: StationContext, rules: RuleBook, auth: Authenticator) -> None:
        self._ctx = context
        self.rules = rules
        self._auth = auth

    # -- queries ---------------------------------------------------------------------------------

    def current(self, unit_id: str) -> DispositionView | None:
        with self._ctx.db.read() as session:
            unit, row = _unit_with_current(sqlite_connection(session.connection()), unit_id)
        return self._view(unit, row, unit.state) if row else None

    def pending_approvals(self) -> list[ApprovalView]:
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(ApprovalRow, UnitRow, DispositionRow, OperatorRow.display_name)
                .join(UnitRow, UnitRow.unit_id == ApprovalRow.unit_id)
                .join(DispositionRow, DispositionRow.disposition_id == ApprovalRow.disposition_id)
                .outerjoin(OperatorRow, OperatorRow.operator_id == ApprovalRow.requested_by)
                .where(ApprovalRow.decision == "pending")
                .order_by(ApprovalRow.requested_at)
            ).all()
            return [
                ApprovalView(
                    approval_id=a.approval_id,
                    unit_id=u.unit_id,
                    lpn=u.lpn,
                    sku=u.sku,
                    kind=DispositionKind(d.kind),
                    location=d.location,
                    reason=_restored_one(d.reason, d.reason_i18n),
                    reasons=_restored_list(a.reasons),
                    requested_by=name or a.requested_by,
                    requested_at=a.requested_at,
                )
                for a, u, d, name in rows
            ]

    # -- use cases -------------------------------------------------------------------------------

    def propose(self, actor: Operator, unit_id: str) -> DispositionView:
        """Let the rules propose an outcome for an inspected unit."""
        with self._ctx.change(actor.operator_id) as tx:
            unit, found = _unit_with_facts(tx, unit_id)
            state = next_state(unit.state, UnitAction.PROPOSE)
            facts, value, flags = found.decide()
            proposal = self.rules.propose(facts)
            reasons = self.rules.policy.reasons(
                disposition=proposal.disposition,
                unit_value=value,
                grade_sellable=self.rules.scale.grade(facts.grade).sellable,
                overridden=False,
                flags=flags,
            )
            p = proposal
            outcome = _Outcome(p.disposition, p.location, p.reason, p.rule_id, False, reasons)
            row = self._write(tx, unit, state, outcome)
            tx.record(self._change("disposition.proposed", unit, row, reasons))
        return self._announce(tx, unit, self._view(unit, row, state))

    def override(
        self, actor: Operator, unit_id: str, kind: DispositionKind, location: str | None, reason: str
    ) -> DispositionView:
        if len(reason.strip()) < 3:
            raise InvalidInput(QT_TRANSLATE_NOOP("Core", "Say why you override the proposed outcome (a few words)."))
        with self._ctx.change(actor.operator_id) as tx:
            unit, found = _unit_with_facts(tx, unit_id)
            state = next_state(unit.state, UnitAction.OVERRIDE)
            facts, value, flags = found.decide()
            reasons = self.rules.policy.reasons(
                disposition=kind,
                unit_value=value,
                grade_sellable=self.rules.scale.grade(facts.grade).sellable,
                overridden=True,
                flags=flags,
            )
            row = self._write(tx, unit, state, _Outcome(kind, location, reason.strip(), None, True, reasons))
            tx.record(self._change("disposition.overridden", unit, row, reasons))
        return self._announce(tx, unit, self._view(unit, row, state))

    def settle(self, actor: Operator, unit_id: str) -> DispositionView:
        """Confirm the outcome, or ask a supervisor when the policy says so."""
        with self._ctx.change(actor.operator_id) as tx:
            unit, row = _unit_with_current(tx.sql, unit_id)
            if row is None or unit.state is not UnitState.DISPOSITION_PROPOSED:
                next_state(unit.state, UnitAction.CONFIRM)  # raises with what is allowed
                raise NotAllowed(QT_TRANSLATE_NOOP("Core", "Propose a disposition for this unit first."))
            reasons = row.approval_reasons
            if reasons:
                state = next_state(unit.state, UnitAction.REQUEST_APPROVAL)
                approval_id = new_id()
                tx.insert(
                    ApprovalRow,
                    approval_id=approval_id,
                    unit_id=unit_id,
                    disposition_id=row.disposition_id,
                    requested_by=actor.operator_id,
                    requested_at=tx.at,
                    reasons=_stored_list(reasons),
                )
                change = self._change("approval.requested", unit, row, reasons, approval_id=approval_id)
            else:
                state = next_state(unit.state, UnitAction.CONFIRM)
                change = self._change("disposition.set", unit, row, reasons)
            tx.run(_MOVED, unit_id=unit_id, state=state.value, at=tx.at)
            tx.record(change)
        return self._announce(tx, unit, self._view(unit, row, state), approvals=bool(reasons))

    def decide(self, supervisor: Credentials, approval_id: str, *, grant: bool, note: str = "") -> DispositionView:
        """A supervisor grants or denies at the station with badge + PIN; a denial needs a reason."""
        approver = self._auth.check_supervisor(supervisor)
        if not grant and len(note.strip()) < 3:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("Core", "Say why the disposition is denied, so the inspector knows what to change.")
            )
        with self._ctx.change(approver.operator_id) as tx:
            found = tx.first(_APPROVAL, approval_id=approval_id)
            if found is None or found[0] != "pending":
                raise NotAllowed(QT_TRANSLATE_NOOP("Core", "This approval was already decided or withdrawn."))
            (
                _,
                requested_by,
                approval_reasons,
                proposed_by,
                disposition_id,
                kind,
                location,
                rule_id,
                reason,
                reason_i18n,
                overridden,
                disposition_reasons,
                unit_id,
                return_id,
                lpn,
                unit_state,
            ) = found
            if approver.operator_id in (proposed_by, requested_by):
                raise NotAllowed(
                    QT_TRANSLATE_NOOP("Core", "{name} proposed this disposition: another supervisor must approve it."),
                    name=approver.display_name,
                )
            unit = _Unit(unit_id, return_id, lpn, UnitState(unit_state))
            row = _disposition_of(
                (disposition_id, kind, location, rule_id, reason, reason_i18n, overridden, disposition_reasons)
            )
            state = next_state(unit.state, UnitAction.APPROVE if grant else UnitAction.DENY)
            tx.run(_MOVED, unit_id=unit_id, state=state.value, at=tx.at)
            tx.run(
                _DECIDED,
                approval_id=approval_id,
                decision="granted" if grant else "denied",
                decided_by=approver.operator_id,
                at=tx.at,
                note=note.strip(),
            )
            change = self._change(
                "approval.granted" if grant else "approval.denied",
                unit,
                row,
                _restored_list(approval_reasons),
                approval_id=approval_id,
                note=note.strip(),
            )
            tx.record(change)
        return self._announce(tx, unit, self._view(unit, row, state), approvals=True)

    # -- inside a transaction --------------------------------------------------------------------

    @staticmethod
    def _write(tx: Tx, unit: _Unit, state: UnitState, outcome: _Outcome) -> _Disposition:
        row = _Disposition(
            new_id(),
            outcome.kind,
            outcome.location,
            outcome.rule_id,
            outcome.reason,
            outcome.overridden,
            outcome.approval_reasons,
        )
        tx.run(_RETIRE_CURRENT, unit_id=unit.unit_id)
        tx.insert(
            DispositionRow,
            disposition_id=row.disposition_id,
            unit_id=unit.unit_id,
            kind=row.kind.value,
            location=row.location,
            rule_id=row.rule_id,
            reason=str(row.reason),
            reason_i18n=_stored_one(row.reason),
            overridden=row.overridden,
            approval_reasons=_stored_list(row.approval_reasons),
            proposed_by=tx.operator_id,
            proposed_at=tx.at,
            current=True,
        )
        tx.run(
            _DISPOSED,
            unit_id=unit.unit_id,
            state=state.value,
            disposition=row.kind.value,
            location=row.location,
            at=tx.at,
        )
        return row

    @staticmethod
    def _change(
        change_type: str,
        unit: _Unit,
        row: _Disposition,
        reasons: tuple[str, ...],
        **extra: str,
    ) -> Change:
        return Change(
            change_type,
            unit.return_id,
            "unit",
            unit.unit_id,
            {
                "unit_id": unit.unit_id,
                "lpn": unit.lpn,
                "disposition_id": row.disposition_id,
                "disposition": row.kind.value,
                "location": row.location,
                "rule_id": row.rule_id,
                "reason": row.reason,
                "overridden": row.overridden,
                "approval_reasons": list(reasons),
                **extra,
            },
        )

    @staticmethod
    def _view(unit: _Unit, row: _Disposition, state: UnitState) -> DispositionView:
        return DispositionView(
            unit_id=unit.unit_id,
            lpn=unit.lpn,
            kind=row.kind,
            location=row.location,
            reason=row.reason,
            rule_id=row.rule_id,
            overridden=row.overridden,
            approval_reasons=row.approval_reasons,
            state=state,
        )

    def _announce(self, tx: Tx, unit: _Unit, view: DispositionView, approvals: bool = False) -> DispositionView:
        assert tx.recorded is not None
        self._ctx.announce(
            Changed(
                tx.recorded.transaction_id,
                returns=frozenset({unit.return_id}),
                units=frozenset({unit.unit_id}),
                approvals=approvals,
            )
        )
        return view
