"""A return from scan to closed, through every service, on a real SQLite file."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from sqlalchemy import func, select

from app.domain.lifecycle import UnitState
from app.domain.model import DispositionKind, ExceptionKind, PackageCondition, ReturnStatus
from app.errors import (
    InvalidInput,
    InvalidTransition,
    NotAllowed,
    NotFound,
    PermissionDenied,
    PrinterProblem,
    SignInFailed,
)
from app.phrases import Localized, Phrase
from app.services.inspection import Photo
from app.services.values import Credentials, LabelTemplate
from app.store.schema import AuditRow, ExceptionRow, OutboxRow
from tests.app.conftest import CHARGER, HEADPHONES, KETTLE, PHONE, item, rma

ELECTRONICS_OK = {"seal": "no", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"}


class RecordingPrinter:
    def __init__(self) -> None:
        self.labels: list[tuple[LabelTemplate, dict[str, str]]] = []
        self.fault: str | None = None

    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None:
        if self.fault:
            raise PrinterProblem(self.fault)
        self.labels.append((template, dict(fields)))


def counts(station) -> tuple[int, int]:
    with station.db.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxRow)), s.scalar(
            select(func.count()).select_from(AuditRow)
        )


def test_sign_in_by_badge_and_by_user(station, crew):
    assert station.auth.sign_in(Credentials("BADGE-1001", "1111")) == crew.ana
    assert station.auth.sign_in(Credentials("sam", "2222")).role.value == "supervisor"


def test_wrong_pins_lock_the_account_then_it_unlocks(station, clock):
    for _ in range(4):
        with pytest.raises(SignInFailed, match="Wrong PIN"):
            station.auth.sign_in(Credentials("ana", "0000"))
    with pytest.raises(SignInFailed, match="locked for 15 minutes"):
        station.auth.sign_in(Credentials("ana", "0000"))
    with pytest.raises(SignInFailed, match="locked"):
        station.auth.sign_in(Credentials("ana", "1111"))  # even the right PIN, while locked
    clock.advance(15 * 60 + 1)
    assert station.auth.sign_in(Credentials("ana", "1111")).username == "ana"


def test_unknown_badge_is_refused_in_plain_words(station):
    with pytest.raises(SignInFailed, match="Unknown badge"):
        station.auth.sign_in(Credentials("BADGE-0000", "1234"))


def test_full_return_walk(station, crew):
    printer = RecordingPrinter()
    station.labels.printer = printer
    before = counts(station)
    ret = station.receiving.open(crew.ana, rma("RMA-100001"))
    assert ret.status is ReturnStatus.OPEN
    assert len(ret.lines) == 2
    station.receiving.record_receipt(
        crew.ana, ret.return_id, tracking_number="1Z999AA10123456784", carrier="UPS", condition=PackageCondition.INTACT
    )
    got = station.receiving.receive(crew.ana, ret.return_id, item(HEADPHONES, "HP200-0001"))
    assert got.exception is None
    assert got.unit is not None
    assert got.unit.lpn.startswith("LPN-")
    unit = got.unit
    station.labels.lpn_label(crew.ana, unit.unit_id)
    station.inspections.inspect(crew.ana, unit.unit_id, grade="NEW", answers={**ELECTRONICS_OK, "seal": "yes"})
    proposal = station.dispositions.propose(crew.ana, unit.unit_id)
    assert proposal.kind is DispositionKind.RESTOCK
    assert proposal.location == "PUTAWAY-ELECTRONICS"
    assert "restock" in proposal.reason.lower()
    assert not proposal.needs_approval  # 129.00 is below the 250 threshold
    settled = station.dispositions.settle(crew.ana, unit.unit_id)
    assert settled.state is UnitState.DISPOSITIONED
    job = station.labels.routing_label(crew.ana, unit.unit_id)
    assert job.status == "printed"
    assert [t for t, _ in printer.labels] == [LabelTemplate.LPN, LabelTemplate.RESALE]
    assert printer.labels[1][1]["serial"] == "HP200-0001"
    closed = station.receiving.close(crew.ana, ret.return_id)
    assert closed.status is ReturnStatus.CLOSED
    missing = [e for e in closed.exceptions if e.kind is ExceptionKind.MISSING_ITEM]
    assert len(missing) == 1
    assert "2 not received" in missing[0].detail
    assert all(u.state is UnitState.CLOSED for u in closed.units)
    # open, receipt, receive, lpn label (requested+printed), inspect, propose, settle, routing (2), close
    outbox, audit = counts(station)
    assert outbox - before[0] == audit - before[1] == 11
    assert station.verify_audit().ok


def test_return_found_by_every_identifier(station, crew):
    rid = station.receiving.find(rma("RMA-100003")).return_id
    from app.domain.codes import CodeKind, ScannedCode

    assert station.receiving.find(ScannedCode("SO-500003", CodeKind.ORDER, value="SO-500003")).return_id == rid
    assert (
        station.receiving.find(
            ScannedCode("9400111899223100000000", CodeKind.TRACKING, tracking=("9400111899223100000000",))
        ).return_id
        == rid
    )
    assert station.receiving.find(item(PHONE, "PHX5-7781")).return_id == rid  # via the original sale
    assert station.receiving.find(ScannedCode.typed("  RMA-100003 ")).return_id == rid
    got = station.receiving.receive(crew.ana, rid, item(PHONE, "PHX5-7781"))
    assert got.unit is not None
    assert station.receiving.find(ScannedCode(got.unit.lpn, CodeKind.LPN, value=got.unit.lpn)).return_id == rid


def test_unknown_identifier_says_what_to_do(station):
    from app.domain.codes import CodeKind, ScannedCode

    with pytest.raises(NotFound, match="tracking number 1Z5R89390357567199.*blind receipt"):
        station.receiving.find(ScannedCode("1Z5R89390357567199", CodeKind.TRACKING, tracking=("1Z5R89390357567199",)))


def test_exceptions_are_recorded_not_refused(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    wrong = station.receiving.receive(crew.ana, rid, item(KETTLE))
    assert wrong.exception is ExceptionKind.WRONG_ITEM
    assert wrong.unit is not None
    assert wrong.unit.line_no is None
    undeclared = station.receiving.receive(crew.ana, rid, item("04006381333931"))
    assert undeclared.exception is ExceptionKind.UNDECLARED_ITEM
    mismatch = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-9999"))
    assert mismatch.exception is ExceptionKind.SERIAL_MISMATCH
    assert "HP200-0001" in mismatch.message
    station.receiving.receive(crew.ana, rid, item(CHARGER))
    station.receiving.receive(crew.ana, rid, _second(CHARGER))
    over = station.receiving.receive(crew.ana, rid, _third(CHARGER))
    assert over.exception is ExceptionKind.OVER_RECEIPT
    view = station.receiving.find(rma("RMA-100001"))
    assert {e.kind for e in view.exceptions} >= {
        ExceptionKind.WRONG_ITEM,
        ExceptionKind.UNDECLARED_ITEM,
        ExceptionKind.SERIAL_MISMATCH,
        ExceptionKind.OVER_RECEIPT,
    }
    assert next(ln for ln in view.lines if ln.gtin == CHARGER).over == 1


def _second(gtin):
    from app.domain.codes import CodeKind, ScannedCode

    return ScannedCode(text=f"01{gtin}#2", kind=CodeKind.GTIN, gtin=gtin)


def _third(gtin):
    from app.domain.codes import CodeKind, ScannedCode

    return ScannedCode(text=f"01{gtin}#3", kind=CodeKind.GTIN, gtin=gtin)


def test_double_read_is_ignored_but_a_later_rescan_counts(station, crew, clock):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    first = station.receiving.receive(crew.ana, rid, item(CHARGER))
    again = station.receiving.receive(crew.ana, rid, item(CHARGER))
    assert first.unit is not None
    assert again.ignored
    clock.advance(5)
    assert not station.receiving.receive(crew.ana, rid, item(CHARGER)).ignored


def test_a_serial_is_received_once(station, crew, clock):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    first = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-0001"))
    clock.advance(10)
    before = counts(station)
    with pytest.raises(NotAllowed, match=f"already received on {first.unit.lpn}"):
        station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-0001"))
    assert counts(station) == before  # nothing half-written


def test_not_an_item_barcode(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    with pytest.raises(InvalidInput, match="not an item barcode"):
        station.receiving.receive(crew.ana, rid, rma("RMA-100002"))


def test_blind_receipt(station, crew):
    from app.domain.codes import CodeKind, ScannedCode

    code = ScannedCode("RB123456785GB", CodeKind.TRACKING, tracking=("RB123456785GB",))
    view = station.receiving.open_blind(crew.ana, code, note="no paperwork in the box")
    assert view.blind
    assert view.exceptions[0].kind is ExceptionKind.NO_AUTHORIZATION
    got = station.receiving.receive(crew.ana, view.return_id, item(KETTLE))
    assert got.exception is ExceptionKind.WRONG_ITEM  # nothing is authorized on a blind return


def test_inspection_rules(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    unit = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-0001")).unit
    with pytest.raises(InvalidInput, match="not a grade"):
        station.inspections.inspect(crew.ana, unit.unit_id, grade="Z", answers=ELECTRONICS_OK)
    with pytest.raises(InvalidInput, match="Powers on"):
        station.inspections.inspect(crew.ana, unit.unit_id, grade="A", answers={"seal": "yes"})
    with pytest.raises(InvalidInput, match="needs at least one photo"):
        station.inspections.inspect(crew.ana, unit.unit_id, grade="DAMAGED", answers=ELECTRONICS_OK)
    photo = Photo(b"\x89PNG fake but bytes", "image/png")
    station.inspections.inspect(crew.ana, unit.unit_id, grade="DAMAGED", answers=ELECTRONICS_OK, photos=[photo])
    assert (station.inspections.photo_dir / f"{photo.sha256}.png").read_bytes() == photo.content
    proposal = station.dispositions.propose(crew.ana, unit.unit_id)
    assert proposal.kind is DispositionKind.RETURN_TO_VENDOR
    assert proposal.location == "RTV-V-ACME"


def test_approval_needed_and_not_by_the_proposer(station, crew):
    rid = station.receiving.open(crew.sam, rma("RMA-100003")).return_id
    unit = station.receiving.receive(crew.sam, rid, item(PHONE, "PHX5-7781")).unit
    station.inspections.inspect(crew.sam, unit.unit_id, grade="A", answers=ELECTRONICS_OK)
    proposal = station.dispositions.propose(crew.sam, unit.unit_id)
    assert proposal.needs_approval
    assert "threshold" in proposal.approval_reasons[0]
    waiting = station.dispositions.settle(crew.sam, unit.unit_id)
    assert waiting.state is UnitState.AWAITING_APPROVAL
    [approval] = station.dispositions.pending_approvals()
    with pytest.raises(NotAllowed, match="another supervisor"):
        station.dispositions.decide(Credentials("BADGE-2001", "2222"), approval.approval_id, grant=True)
    with pytest.raises(SignInFailed, match="not a supervisor"):
        station.dispositions.decide(Credentials("BADGE-1001", "1111"), approval.approval_id, grant=True)
    # The admin is a supervisor too, and did not propose it.
    with pytest.raises(InvalidInput, match="why"):
        station.dispositions.decide(Credentials("admin", "9999"), approval.approval_id, grant=False)
    denied = station.dispositions.decide(
        Credentials("admin", "9999"), approval.approval_id, grant=False, note="Check the screen again"
    )
    assert denied.state is UnitState.DISPOSITION_PROPOSED
    overridden = station.dispositions.override(
        crew.sam, unit.unit_id, DispositionKind.REPAIR, "REPAIR-BENCH", "cracked screen"
    )
    assert "overridden" in " ".join(overridden.approval_reasons)
    station.dispositions.settle(crew.sam, unit.unit_id)
    [approval] = station.dispositions.pending_approvals()
    granted = station.dispositions.decide(Credentials("admin", "9999"), approval.approval_id, grant=True)
    assert granted.state is UnitState.DISPOSITIONED


def test_serial_mismatch_always_needs_a_supervisor(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    unit = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-7777")).unit
    station.inspections.inspect(crew.ana, unit.unit_id, grade="NEW", answers=ELECTRONICS_OK)
    proposal = station.dispositions.propose(crew.ana, unit.unit_id)
    assert any("fraud" in r.lower() for r in proposal.approval_reasons)


def test_roles_are_enforced_in_the_core(station, crew):
    station.receiving.open(crew.ana, rma("RMA-100001"))
    # Discarding a parked sync item takes a supervisor's badge and PIN; an inspector's is refused.
    with pytest.raises(SignInFailed, match="not a supervisor"):
        station.sync_queue.discard(Credentials("ana", "1111"), "whatever", "typo")
    from app.domain.model import Role
    from app.services.values import require_role

    with pytest.raises(PermissionDenied, match="Only an admin may change the station settings"):
        require_role(crew.sam, Role.ADMIN, "change the station settings")


def test_invalid_transition_says_what_is_allowed(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    unit = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-0001")).unit
    with pytest.raises(InvalidTransition, match="received: it cannot propose disposition now. Allowed next: inspect"):
        station.dispositions.propose(crew.ana, unit.unit_id)
    station.labels.printer = RecordingPrinter()
    with pytest.raises(InvalidTransition, match="Allowed next: inspect"):
        station.labels.routing_label(crew.ana, unit.unit_id)


def test_printer_fault_keeps_the_job(station, crew):
    printer = RecordingPrinter()
    printer.fault = "The printer is out of labels."
    station.labels.printer = printer
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    unit = station.receiving.receive(crew.ana, rid, item(CHARGER)).unit
    with pytest.raises(PrinterProblem, match="out of labels"):
        station.labels.lpn_label(crew.ana, unit.unit_id)
    assert len(station.labels.pending()) == 1
    printer.fault = None
    assert station.labels.print_pending(crew.ana) == []
    assert printer.labels[0][1]["lpn"] == unit.lpn


def test_close_refuses_while_units_are_unfinished(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    unit = station.receiving.receive(crew.ana, rid, item(CHARGER)).unit
    with pytest.raises(NotAllowed, match=unit.lpn):
        station.receiving.close(crew.ana, rid)


def test_history_search_and_timeline(station, crew):
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    unit = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-0001")).unit
    station.inspections.inspect(crew.ana, unit.unit_id, grade="A", answers=ELECTRONICS_OK)
    for needle in (unit.lpn, "HP200-0001", "RMA-100001", "1Z999AA10123456784", "SO-500001"):
        assert [u.unit_id for u in station.history.search(needle)] == [unit.unit_id], needle
    timeline = station.history.timeline(unit.unit_id)
    assert [e.action for e in timeline] == ["unit.received", "unit.inspected"]
    assert timeline[0].operator == "Ana Ruiz"


def test_a_station_starts_before_its_first_pull_and_says_what_is_missing(tmp_path, crew):
    from app.services.station import Station, open_database

    db = open_database(tmp_path / "fresh.db")
    station = Station(db, station_id="ST-NEW", data_dir=tmp_path)
    with pytest.raises(InvalidInput, match="not received its grading scale"):
        station.rules.scale.grade("A")
    db.dispose()


def test_a_serial_mismatch_beyond_the_authorization_is_flagged_over_receipt(station, crew, clock):
    import json

    from app.store.schema import OutboxRow

    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-0001"))  # fills line 1 (quantity 1)
    clock.advance(10)
    second = station.receiving.receive(crew.ana, rid, item(HEADPHONES, "HP200-5555"))
    assert second.exception is ExceptionKind.SERIAL_MISMATCH
    with station.db.read() as s:
        payload = json.loads(s.scalars(select(OutboxRow.payload).order_by(OutboxRow.seq.desc())).first())
    assert payload["over_receipt"] is True  # central checks quantities on this flag


def test_stored_exception_details_and_approval_reasons_stay_translatable(station, crew):
    wrong_return = station.receiving.open(crew.sam, rma("RMA-100001")).return_id
    wrong = station.receiving.receive(crew.sam, wrong_return, item(KETTLE))
    assert wrong.message == "Wrong item: Electric kettle 1.7 l is not on this return. Keep it apart."
    [kept] = station.receiving.find(rma("RMA-100001")).exceptions  # read back from the database
    assert kept.detail == wrong.message
    assert isinstance(kept.detail, Phrase)
    assert kept.detail.template == "Wrong item: {item} is not on this return. Keep it apart."
    rid = station.receiving.open(crew.sam, rma("RMA-100003")).return_id
    unit = station.receiving.receive(crew.sam, rid, item(PHONE, "PHX5-7781")).unit
    station.inspections.inspect(crew.sam, unit.unit_id, grade="A", answers=ELECTRONICS_OK)
    proposed = station.dispositions.propose(crew.sam, unit.unit_id)
    station.dispositions.settle(crew.sam, unit.unit_id)
    [approval] = station.dispositions.pending_approvals()
    assert approval.reasons == proposed.approval_reasons
    assert all(isinstance(reason, Phrase) for reason in approval.reasons)
    again = station.dispositions.current(unit.unit_id)
    assert again is not None
    assert again.reason == proposed.reason
    assert isinstance(again.reason, Localized)  # the rule's words, in every language they came in
    with station.db.read() as s:  # the English text stays what central reads
        assert s.scalar(select(ExceptionRow.detail).where(ExceptionRow.return_id == wrong_return)) == wrong.message
