"""Propose, override and settle a unit's disposition, and the supervisor's approval of it.

The rules propose; the inspector may override with a reason; the approval policy decides whether a
supervisor must approve (value, kind, override, fraud flags). A supervisor approves at the station
with badge + PIN and never their own proposal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.orm import Session

from app.domain.ids import new_id
from app.domain.lifecycle import UnitAction, UnitState, next_state
from app.domain.model import DispositionKind, ExceptionKind, Operator
from app.errors import InvalidInput, NotAllowed, NotFound
from app.rules import DispositionFacts, RuleBook
from app.services.auth import Authenticator, Credentials
from app.services.context import Changed, StationContext, Tx
from app.store.journal import Change
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


_FACTS = select(
    select(CatalogRow.category).where(CatalogRow.gtin == bindparam("gtin")).scalar_subquery(),
    select(CatalogRow.unit_value).where(CatalogRow.gtin == bindparam("gtin")).scalar_subquery(),
    select(CatalogRow.rtv_eligible).where(CatalogRow.gtin == bindparam("gtin")).scalar_subquery(),
    select(CatalogRow.vendor_id).where(CatalogRow.gtin == bindparam("gtin")).scalar_subquery(),
    select(ReturnRow.customer_tier).where(ReturnRow.return_id == bindparam("return_id")).scalar_subquery(),
    select(ReturnLineRow.reason_code)
    .where(ReturnLineRow.return_id == bindparam("return_id"), ReturnLineRow.line_no == bindparam("line_no"))
    .scalar_subquery(),
    exists().where(
        ExceptionRow.unit_id == bindparam("unit_id"),
        ExceptionRow.status == "open",
        ExceptionRow.kind == ExceptionKind.SERIAL_MISMATCH.value,
    ),
)


@dataclass(frozen=True, slots=True)
class _Outcome:
    kind: DispositionKind
    location: str | None
    reason: str
    rule_id: str | None
    overridden: bool
    approval_reasons: tuple[str, ...]


def _unit(session: Session, unit_id: str) -> UnitRow:
    row = session.get(UnitRow, unit_id)
    if row is None:
        raise NotFound("This unit is no longer on the station. Scan its licence plate again.")
    return row


_CURRENT = select(DispositionRow).where(
    DispositionRow.unit_id == bindparam("unit_id"), DispositionRow.current.is_(True)
)


def _current(session: Session, unit_id: str) -> DispositionRow | None:
    return session.scalar(_CURRENT, {"unit_id": unit_id})


class Dispositions:
    def __init__(self, context: StationContext, rules: RuleBook, auth: Authenticator) -> None:
        self._ctx = context
        self.rules = rules
        self._auth = auth

    # -- queries ---------------------------------------------------------------------------------

    def current(self, unit_id: str) -> DispositionView | None:
        with self._ctx.db.read() as session:
            unit = _unit(session, unit_id)
            row = _current(session, unit_id)
            return self._view(unit, row) if row else None

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
                    reason=d.reason,
                    reasons=tuple(json.loads(a.reasons)),
                    requested_by=name or a.requested_by,
                    requested_at=a.requested_at,
                )
                for a, u, d, name in rows
            ]

    # -- use cases -------------------------------------------------------------------------------

    def propose(self, actor: Operator, unit_id: str) -> DispositionView:
        """Let the rules propose an outcome for an inspected unit."""
        with self._ctx.change(actor.operator_id) as tx:
            unit = _unit(tx.session, unit_id)
            state = next_state(UnitState(unit.state), UnitAction.PROPOSE)
            facts, value, flags = self._facts(tx.session, unit)
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
            view = self._view(unit, row)
        self._announce(tx, unit)
        return view

    def override(
        self, actor: Operator, unit_id: str, kind: DispositionKind, location: str | None, reason: str
    ) -> DispositionView:
        if len(reason.strip()) < 3:
            raise InvalidInput("Say why you override the proposed outcome (a few words).")
        with self._ctx.change(actor.operator_id) as tx:
            unit = _unit(tx.session, unit_id)
            state = next_state(UnitState(unit.state), UnitAction.OVERRIDE)
            facts, value, flags = self._facts(tx.session, unit)
            reasons = self.rules.policy.reasons(
                disposition=kind,
                unit_value=value,
                grade_sellable=self.rules.scale.grade(facts.grade).sellable,
                overridden=True,
                flags=flags,
            )
            row = self._write(tx, unit, state, _Outcome(kind, location, reason.strip(), None, True, reasons))
            tx.record(self._change("disposition.overridden", unit, row, reasons))
            view = self._view(unit, row)
        self._announce(tx, unit)
        return view

    def settle(self, actor: Operator, unit_id: str) -> DispositionView:
        """Confirm the outcome, or ask a supervisor when the policy says so."""
        with self._ctx.change(actor.operator_id) as tx:
            unit = _unit(tx.session, unit_id)
            row = _current(tx.session, unit_id)
            if row is None or unit.state != UnitState.DISPOSITION_PROPOSED.value:
                next_state(UnitState(unit.state), UnitAction.CONFIRM)  # raises with what is allowed
                raise NotAllowed("Propose a disposition for this unit first.")
            reasons = tuple(json.loads(row.approval_reasons))
            if reasons:
                unit.state = next_state(UnitState(unit.state), UnitAction.REQUEST_APPROVAL).value
                approval_id = new_id()
                tx.insert(
                    ApprovalRow(
                        approval_id=approval_id,
                        unit_id=unit_id,
                        disposition_id=row.disposition_id,
                        requested_by=actor.operator_id,
                        requested_at=tx.at,
                        reasons=json.dumps(list(reasons)),
                    )
                )
                change = self._change("approval.requested", unit, row, reasons, approval_id=approval_id)
            else:
                unit.state = next_state(UnitState(unit.state), UnitAction.CONFIRM).value
                change = self._change("disposition.set", unit, row, reasons)
            unit.updated_at = tx.at
            tx.record(change)
            view = self._view(unit, row)
        self._announce(tx, unit, approvals=bool(reasons))
        return view

    def decide(self, supervisor: Credentials, approval_id: str, *, grant: bool, note: str = "") -> DispositionView:
        """A supervisor grants or denies at the station with badge + PIN; a denial needs a reason."""
        approver = self._auth.check_supervisor(supervisor)
        if not grant and len(note.strip()) < 3:
            raise InvalidInput("Say why the disposition is denied, so the inspector knows what to change.")
        with self._ctx.change(approver.operator_id) as tx:
            approval = tx.session.get(ApprovalRow, approval_id)
            if approval is None or approval.decision != "pending":
                raise NotAllowed("This approval was already decided or withdrawn.")
            row = tx.session.get(DispositionRow, approval.disposition_id)
            assert row is not None
            if approver.operator_id in (row.proposed_by, approval.requested_by):
                raise NotAllowed(
                    f"{approver.display_name} proposed this disposition: another supervisor must approve it."
                )
            unit = _unit(tx.session, approval.unit_id)
            action = UnitAction.APPROVE if grant else UnitAction.DENY
            unit.state = next_state(UnitState(unit.state), action).value
            unit.updated_at = tx.at
            approval.decision = "granted" if grant else "denied"
            approval.decided_by, approval.decided_at, approval.note = approver.operator_id, tx.at, note.strip()
            change = self._change(
                "approval.granted" if grant else "approval.denied",
                unit,
                row,
                tuple(json.loads(approval.reasons)),
                approval_id=approval_id,
                note=note.strip(),
            )
            tx.record(change)
            view = self._view(unit, row)
        self._announce(tx, unit, approvals=True)
        return view

    # -- inside a transaction --------------------------------------------------------------------

    def _facts(self, session: Session, unit: UnitRow) -> tuple[DispositionFacts, Decimal, list[str]]:
        if unit.grade is None:
            raise NotAllowed("Inspect and grade this unit before choosing its disposition.")
        # One statement for everything the rules look at: this runs on every proposal and override.
        found = session.execute(
            _FACTS, {"unit_id": unit.unit_id, "gtin": unit.gtin, "return_id": unit.return_id, "line_no": unit.line_no}
        ).one()
        category, unit_value, rtv_eligible, vendor_id, tier, reason_code, mismatch = found
        value = Decimal(unit_value) if unit_value is not None else Decimal(0)
        facts = DispositionFacts(
            grade=unit.grade,
            category=category or "default",
            unit_value=value,
            rtv_eligible=bool(rtv_eligible),
            customer_tier=tier or "standard",
            reason_code=reason_code or "UNKNOWN",
            vendor_id=vendor_id,
        )
        flags = [ExceptionKind.SERIAL_MISMATCH.value] if mismatch else []
        return facts, value, flags

    @staticmethod
    def _write(tx: Tx, unit: UnitRow, state: UnitState, outcome: _Outcome) -> DispositionRow:
        tx.session.execute(update(DispositionRow).where(DispositionRow.unit_id == unit.unit_id).values(current=False))
        row = DispositionRow(
            disposition_id=new_id(),
            unit_id=unit.unit_id,
            kind=outcome.kind.value,
            location=outcome.location,
            rule_id=outcome.rule_id,
            reason=outcome.reason,
            overridden=outcome.overridden,
            approval_reasons=json.dumps(list(outcome.approval_reasons)),
            proposed_by=tx.operator_id,
            proposed_at=tx.at,
            current=True,
        )
        tx.insert(row)
        unit.state, unit.disposition, unit.location = state.value, outcome.kind.value, outcome.location
        unit.updated_at = tx.at
        return row

    @staticmethod
    def _change(
        change_type: str,
        unit: UnitRow,
        row: DispositionRow,
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
                "disposition": row.kind,
                "location": row.location,
                "rule_id": row.rule_id,
                "reason": row.reason,
                "overridden": row.overridden,
                "approval_reasons": list(reasons),
                **extra,
            },
        )

    @staticmethod
    def _view(unit: UnitRow, row: DispositionRow) -> DispositionView:
        return DispositionView(
            unit_id=unit.unit_id,
            lpn=unit.lpn,
            kind=DispositionKind(row.kind),
            location=row.location,
            reason=row.reason,
            rule_id=row.rule_id,
            overridden=row.overridden,
            approval_reasons=tuple(json.loads(row.approval_reasons)),
            state=UnitState(unit.state),
        )

    def _announce(self, tx: Tx, unit: UnitRow, approvals: bool = False) -> None:
        assert tx.recorded is not None
        self._ctx.announce(
            Changed(
                tx.recorded.transaction_id,
                returns=frozenset({unit.return_id}),
                units=frozenset({unit.unit_id}),
                approvals=approvals,
            )
        )
