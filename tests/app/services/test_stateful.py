"""After any sequence of actions: one outbox row and one audit row per committed change, an intact
audit chain, and no unit in a state its own history does not allow."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from app.domain.codes import CodeKind, ScannedCode
from app.domain.lifecycle import TRANSITIONS, UnitAction, UnitState
from app.domain.model import DispositionKind, Operator, Role
from app.errors import StationError
from app.services.station import Station, open_database
from app.services.values import Credentials, LabelTemplate
from app.store.reference import load_sample_set
from app.store.schema import AuditRow, OutboxRow, ReturnRow, UnitRow
from resources import ROOT as RESOURCES

ANA = Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR)
GTINS = ["00614141010011", "00614141010035", "00614141010028", "00614143030017", "04006381333931"]
ANSWERS = {
    "electronics": {"seal": "yes", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"},
    "home": {"packaging": "yes", "works": "yes", "parts": "yes"},
    "default": {"packaging": "yes", "complete": "yes"},
}
UNIT_ACTIONS = {
    "unit.inspected": UnitAction.INSPECT,
    "disposition.proposed": UnitAction.PROPOSE,
    "disposition.overridden": UnitAction.OVERRIDE,
    "approval.requested": UnitAction.REQUEST_APPROVAL,
    "approval.granted": UnitAction.APPROVE,
    "approval.denied": UnitAction.DENY,
    "disposition.set": UnitAction.CONFIRM,
}


class Printer:
    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None:
        pass


class StationMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.now = datetime(2026, 11, 23, 9, tzinfo=UTC)
        db = open_database(self.dir / "s.db")
        load_sample_set(db, RESOURCES / "reference", self.now.isoformat())
        self.station = Station(db, station_id="ST-H", data_dir=self.dir, printer=Printer(), clock=lambda: self.now)
        self.return_ids: list[str] = []

    def teardown(self) -> None:
        self.station.db.dispose()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _attempt(self, action) -> None:
        self.now += timedelta(seconds=7)  # past the double-read window
        # A refusal is a legal answer; the invariants check that nothing was half-written.
        with contextlib.suppress(StationError):
            action()

    def _units(self) -> list[str]:
        with self.station.db.read() as s:
            return list(s.scalars(select(UnitRow.unit_id).order_by(UnitRow.unit_id)))

    @rule(rma=st.sampled_from(["RMA-100001", "RMA-100003", "RMA-100004"]))
    def open_return(self, rma: str) -> None:
        self._attempt(
            lambda: self.return_ids.append(
                self.station.receiving.open(ANA, ScannedCode(rma, CodeKind.RMA, value=rma)).return_id
            )
        )

    @precondition(lambda self: self.return_ids)
    @rule(
        data=st.data(),
        gtin=st.sampled_from(GTINS),
        serial=st.one_of(st.none(), st.sampled_from(["S1", "S2", "HP200-0001"])),
    )
    def receive(self, data: st.DataObject, gtin: str, serial: str | None) -> None:
        rid = data.draw(st.sampled_from(self.return_ids))
        code = ScannedCode(f"{gtin}/{serial}", CodeKind.GS1, gtin=gtin, serial=serial)
        self._attempt(lambda: self.station.receiving.receive(ANA, rid, code))

    @precondition(lambda self: self.return_ids)
    @rule(data=st.data(), grade=st.sampled_from(["NEW", "A", "C", "UNSELLABLE"]))
    def inspect(self, data: st.DataObject, grade: str) -> None:
        units = self._units()
        if not units:
            return
        unit_id = data.draw(st.sampled_from(units))
        category = self.station.inspections.checklist_for_unit(unit_id).category
        answers = ANSWERS.get(category, ANSWERS["default"])
        self._attempt(lambda: self.station.inspections.inspect(ANA, unit_id, grade=grade, answers=answers))

    @precondition(lambda self: self.return_ids)
    @rule(data=st.data(), step=st.sampled_from(["propose", "override", "settle", "label", "grant", "deny"]))
    def advance(self, data: st.DataObject, step: str) -> None:
        units = self._units()
        if not units:
            return
        unit_id = data.draw(st.sampled_from(units))
        d, sam = self.station.dispositions, Credentials("sam", "2222")
        actions = {
            "propose": lambda: d.propose(ANA, unit_id),
            "override": lambda: d.override(ANA, unit_id, DispositionKind.DONATE, "TOTE-D", "customer tier rule"),
            "settle": lambda: d.settle(ANA, unit_id),
            "label": lambda: self.station.labels.routing_label(ANA, unit_id),
            "grant": lambda: [d.decide(sam, a.approval_id, grant=True) for a in d.pending_approvals()],
            "deny": lambda: [d.decide(sam, a.approval_id, grant=False, note="not so") for a in d.pending_approvals()],
        }
        self._attempt(actions[step])

    @precondition(lambda self: self.return_ids)
    @rule(data=st.data())
    def close(self, data: st.DataObject) -> None:
        rid = data.draw(st.sampled_from(self.return_ids))
        self._attempt(lambda: self.station.receiving.close(ANA, rid))

    @invariant()
    def one_outbox_and_one_audit_row_per_change(self) -> None:
        with self.station.db.read() as s:
            outbox = s.scalar(select(func.count()).select_from(OutboxRow))
            audit = s.scalar(select(func.count()).select_from(AuditRow))
            seqs = list(s.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)))
            linked = {json.loads(d)["transaction_id"] for d in s.scalars(select(AuditRow.detail))}
            ids = set(s.scalars(select(OutboxRow.id)))
        assert outbox == audit
        assert seqs == list(range(1, len(seqs) + 1))
        assert linked == ids  # each audit record names exactly one outbox record, and vice versa

    @invariant()
    def audit_chain_verifies(self) -> None:
        assert self.station.verify_audit().ok

    @invariant()
    def every_unit_state_follows_from_its_history(self) -> None:
        with self.station.db.read() as s:
            closed = set(s.scalars(select(ReturnRow.return_id).where(ReturnRow.status == "closed")))
            for unit in s.scalars(select(UnitRow)):
                actions = list(
                    s.scalars(select(AuditRow.action).where(AuditRow.entity_id == unit.unit_id).order_by(AuditRow.seq))
                )
                details = [
                    json.loads(d)["payload"]
                    for d in s.scalars(
                        select(AuditRow.detail).where(AuditRow.entity_id == unit.unit_id).order_by(AuditRow.seq)
                    )
                ]
                state = UnitState.RECEIVED
                assert actions[0] == "unit.received"
                for action, payload in zip(actions[1:], details[1:], strict=True):
                    step = UNIT_ACTIONS.get(action)
                    if action == "label.printed" and payload.get("template") != "lpn":
                        step = UnitAction.PRINT_LABEL
                    if step is None:
                        continue
                    target = TRANSITIONS.get((state, step))
                    assert target is not None, f"{unit.lpn}: {action} from {state}"
                    state = target
                if unit.return_id in closed:
                    state = TRANSITIONS[(state, UnitAction.CLOSE)]
                assert unit.state == state.value, unit.lpn


TestStationMachine = StationMachine.TestCase
TestStationMachine.settings = settings(
    max_examples=20, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
