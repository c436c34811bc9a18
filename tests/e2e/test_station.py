"""End to end, as a newcomer runs it: the real station window on the demo's simulators.

Scans travel over a real pseudo-terminal from the serial-scanner simulator, labels over TCP to the
ZPL printer simulator, transactions over HTTP to the central RMS simulator. The test signs in,
receives three units (one wrong item, one serial mismatch), inspects them, settles their outcome
(a supervisor approves the mismatch), checks every label and every transaction arrived, then
works on with central down and checks that nothing is lost once it is back.
"""

from __future__ import annotations

from sqlalchemy import select

from app.domain.lifecycle import UnitState
from app.domain.model import ExceptionKind
from app.store.schema import OutboxRow
from devices.manager import DeviceKind
from devices.simulators.zpl_printer import FieldKind
from ui.actions import ActionId
from ui.feedback import Message, Tone
from ui.ports import Connectivity
from ui.screens.base import ScreenId

# RMA-100004 authorizes a robot vacuum (serial VC9-00042) and a kettle (serial KT-5521).
RETURN = "RMA-100004"
VACUUM_SOLD = "]C1010061414303003121VC9-00042"
KETTLE_OTHER_SERIAL = "]C1010061414303001721KT-9999"  # not the serial that was sold: possible fraud
HEADPHONES = "]C1010061414101001121HP200-0001"  # in the catalog, not on this return: wrong item
JACKET = "]C10100614142020019"


def scanned(running, qtbot, code: str) -> Message:
    """Pull the simulated scanner's trigger on `code` and wait for the station's answer on the banner."""
    ui = running.ui
    with qtbot.waitSignal(ui.feedback.shown, timeout=5000, check_params_cb=lambda m: m.tone is not Tone.NEUTRAL) as b:
        running.demo.inject(code)
    return b.args[0]


def idle(running, qtbot) -> None:
    qtbot.waitUntil(lambda: running.ui.runner.idle, timeout=5000)


def trigger(running, action_id: ActionId) -> None:
    running.ui.actions.action(action_id).trigger()


def sign_in(running, qtbot) -> None:
    message = scanned(running, qtbot, "BADGE-1001")
    assert message.tone is Tone.SUCCESS
    screen = running.ui.window.screens[ScreenId.SIGN_IN]
    screen.pin_edit.setText("1111")
    with qtbot.waitSignal(running.ui.session.signed_in, timeout=5000):
        screen.pin_edit.returnPressed.emit()


def inspect_and_settle(running, qtbot, lpn: str) -> None:
    """Select the unit, answer its checklist, grade it, confirm the outcome (with a supervisor if asked)."""
    ui = running.ui
    trigger(running, ActionId.GO_RECEIVE)
    receive = ui.window.screens[ScreenId.RECEIVE]
    row = next(i for i, u in enumerate(receive.units.items) if u.lpn == lpn)
    receive.units_view.setCurrentIndex(receive.units.index(row, 0))
    trigger(running, ActionId.INSPECT_UNIT)
    inspect = ui.window.screens[ScreenId.INSPECT]
    unit_id = ui.workbench.current_unit.unit_id
    qtbot.waitUntil(lambda: inspect.checklist_for == unit_id, timeout=5000)
    for box in inspect.answers.values():
        box.setCurrentIndex(1)  # the first real answer: "yes", or the first choice
    inspect.set_grade("LIKE_NEW")
    with qtbot.waitSignal(ui.feedback.shown, timeout=5000, check_params_cb=lambda m: m.tone is Tone.SUCCESS):
        trigger(running, ActionId.SAVE_INSPECTION)
    disposition = ui.window.screens[ScreenId.DISPOSITION]
    qtbot.waitUntil(lambda: disposition.view is not None and disposition.view.lpn == lpn, timeout=5000)
    needs_approval = disposition.view.needs_approval
    trigger(running, ActionId.CONFIRM_DISPOSITION)
    idle(running, qtbot)
    if needs_approval:
        trigger(running, ActionId.GO_APPROVALS)
        approvals = ui.window.screens[ScreenId.APPROVALS]
        qtbot.waitUntil(lambda: any(a.lpn == lpn for a in approvals.queue.items), timeout=5000)
        row = next(i for i, a in enumerate(approvals.queue.items) if a.lpn == lpn)
        approvals.queue_view.setCurrentIndex(approvals.queue.index(row, 0))
        scanned(running, qtbot, "BADGE-2001")  # the supervisor's badge, on the same scanner
        approvals.form.pin.setText("2222")
        with qtbot.waitSignal(ui.feedback.shown, timeout=5000, check_params_cb=lambda m: "Approved" in m.text):
            trigger(running, ActionId.APPROVE)
    qtbot.waitUntil(lambda: _unit(running, lpn).state is UnitState.LABELLED, timeout=5000)


def _unit(running, lpn: str):
    return next(u for u in running.station.history.search(lpn) if u.lpn == lpn)


def local_transactions(running) -> set[str]:
    with running.db.read() as session:
        return set(session.scalars(select(OutboxRow.id)))


def central_transactions(running) -> set[str]:
    return {t.id for t in running.demo.central.received("DEMO-01")}


def printed_barcodes(running) -> set[str]:
    return {
        field.data
        for job in running.demo.printer.jobs
        for label in job.labels
        for field in label.barcodes
        if field.kind is FieldKind.CODE128
    }


def test_return_from_scan_to_synced_then_offline_and_back(running, qtbot):
    ui = running.ui
    sign_in(running, qtbot)
    assert ui.window.current is ui.window.screens[ScreenId.RECEIVE]

    # Receive: the return opens from its label, then three units, two with exceptions.
    assert scanned(running, qtbot, RETURN).tone is Tone.SUCCESS
    assert scanned(running, qtbot, VACUUM_SOLD).tone is Tone.SUCCESS
    wrong = scanned(running, qtbot, HEADPHONES)
    assert wrong.tone is Tone.WARNING
    assert "Wrong item" in wrong.text
    mismatch = scanned(running, qtbot, KETTLE_OTHER_SERIAL)
    assert mismatch.tone is Tone.WARNING
    assert "Serial mismatch" in mismatch.text
    idle(running, qtbot)
    receive = ui.window.screens[ScreenId.RECEIVE]
    qtbot.waitUntil(lambda: receive.units.rowCount() == 3, timeout=5000)
    lpns = [u.lpn for u in receive.units.items]
    assert sorted(e.kind.value for e in receive.exceptions.items) == sorted(
        [ExceptionKind.WRONG_ITEM.value, ExceptionKind.SERIAL_MISMATCH.value]
    )

    # Inspect and settle each; the mismatch goes through a supervisor's approval.
    for lpn in lpns:
        inspect_and_settle(running, qtbot, lpn)

    # Every licence plate reached the printer, and the printed barcodes decode back to them.
    qtbot.waitUntil(lambda: set(lpns) <= printed_barcodes(running), timeout=5000)

    # Every transaction of the station reached central.
    qtbot.waitUntil(lambda: central_transactions(running) >= local_transactions(running), timeout=10000)
    qtbot.waitUntil(lambda: ui.monitor.last is not None and ui.monitor.last.outbox.pending == 0, timeout=5000)

    # Central goes down: the station keeps working and says it is offline.
    delivered = central_transactions(running)
    running.demo.set_central_reachable(False)
    assert scanned(running, qtbot, "RMA-100002").tone is Tone.SUCCESS
    assert scanned(running, qtbot, JACKET).tone is Tone.SUCCESS
    idle(running, qtbot)
    qtbot.waitUntil(lambda: ui.monitor.last.sync.connectivity is Connectivity.OFFLINE, timeout=10000)
    qtbot.waitUntil(lambda: ui.window.status.connection.text() == "Offline", timeout=5000)
    waiting = local_transactions(running) - delivered
    assert waiting
    qtbot.waitUntil(lambda: ui.monitor.last.outbox.pending >= len(waiting), timeout=5000)

    # Central is back: Sync now, and nothing was lost or sent twice.
    running.demo.set_central_reachable(True)
    trigger(running, ActionId.SYNC_NOW)
    qtbot.waitUntil(lambda: central_transactions(running) >= local_transactions(running), timeout=10000)
    assert all(t.deliveries >= 1 for t in running.demo.central.received("DEMO-01"))
    qtbot.waitUntil(lambda: ui.monitor.last.sync.connectivity is Connectivity.ONLINE, timeout=10000)
    qtbot.waitUntil(lambda: ui.monitor.last.outbox.pending == 0, timeout=5000)
    assert running.station.verify_audit().ok


def test_an_rfid_tag_on_the_reader_is_received_like_a_scan(running, qtbot):
    """LLRP over TCP from the reader simulator: the tag joins the scan pipeline (an SGTIN not on the return)."""
    ui = running.ui
    qtbot.waitUntil(lambda: "ready" in ui.window.status.devices[DeviceKind.RFID_READER].text(), timeout=10000)
    sign_in(running, qtbot)
    assert scanned(running, qtbot, RETURN).tone is Tone.SUCCESS
    receive = ui.window.screens[ScreenId.RECEIVE]
    with qtbot.waitSignal(ui.feedback.shown, timeout=10000, check_params_cb=lambda m: m.tone is Tone.WARNING) as shown:
        running.demo.set_tag_in_field(True)
    assert "Undeclared item" in shown.args[0].text
    qtbot.waitUntil(lambda: receive.units.rowCount() == 1, timeout=5000)
    assert receive.units.items[0].serial == "12345"
    running.demo.set_tag_in_field(False)
