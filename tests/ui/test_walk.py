"""A return walked through every work screen, by scans and keyboard actions only, with a real printer simulator."""

from __future__ import annotations

import pytest

from app.domain.lifecycle import UnitState
from app.domain.model import ExceptionKind
from tests.ui.helpers import answer, scan, settle, sign_in
from ui.actions import ActionId
from ui.feedback import Tone
from ui.screens.base import ScreenId

ELECTRONICS_OK = {"seal": "yes", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"}


@pytest.fixture
def station(printing_station):
    return printing_station


def trigger(ui, action_id: ActionId) -> None:
    ui.actions.action(action_id).trigger()


def inspect_as_new(ui, qtbot):
    """Inspect the selected unit (all fine, grade NEW) by keyboard actions; the banner's answer."""
    trigger(ui, ActionId.INSPECT_UNIT)
    inspect = ui.window.screens[ScreenId.INSPECT]
    assert ui.window.current is inspect
    qtbot.waitUntil(lambda: inspect.checklist_for == ui.workbench.current_unit.unit_id, timeout=5000)
    inspect.set_answers(ELECTRONICS_OK)
    inspect.set_grade("NEW")
    return answer(ui, qtbot, lambda: trigger(ui, ActionId.SAVE_INSPECTION))


def test_receive_inspect_disposition_label(station_ui, qtbot, printer_simulator):
    ui = station_ui
    sign_in(ui, qtbot)
    answer(ui, qtbot, lambda: scan(ui, "RMA-100001"))
    message = answer(ui, qtbot, lambda: scan(ui, "]C1010061414101001121HP200-0001"))
    assert message.tone is Tone.SUCCESS
    settle(ui, qtbot)
    assert printer_simulator.wait_for_labels(1, timeout=5)
    receive = ui.window.screens[ScreenId.RECEIVE]
    unit = receive.units.items[0]
    assert ui.workbench.current_unit == unit

    message = inspect_as_new(ui, qtbot)
    assert message.tone is Tone.SUCCESS, message.text
    assert "Restock" in message.text

    disposition = ui.window.screens[ScreenId.DISPOSITION]
    assert ui.window.current is disposition
    qtbot.waitUntil(lambda: disposition.view is not None, timeout=5000)
    assert disposition.location.text() == "PUTAWAY-ELECTRONICS"
    assert disposition.location.isVisible()
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.CONFIRM_DISPOSITION))
    settle(ui, qtbot)
    if message.tone is not Tone.SUCCESS or "Label printed" not in message.text:
        qtbot.waitUntil(lambda: "Label printed" in ui.feedback.last.text, timeout=5000)
    assert "PUTAWAY-ELECTRONICS" in ui.feedback.last.text
    assert printer_simulator.wait_for_labels(2, timeout=5)
    qtbot.waitUntil(lambda: receive.units.items[0].state is UnitState.LABELLED, timeout=5000)


def test_serial_mismatch_needs_a_supervisor(station_ui, qtbot, printer_simulator):
    ui = station_ui
    sign_in(ui, qtbot)
    answer(ui, qtbot, lambda: scan(ui, "RMA-100001"))
    message = answer(ui, qtbot, lambda: scan(ui, "]C1010061414101001121HP200-9999"))
    assert message.tone is Tone.WARNING
    assert "Serial mismatch" in message.text
    settle(ui, qtbot)
    receive = ui.window.screens[ScreenId.RECEIVE]
    assert [e.kind for e in receive.exceptions.items] == [ExceptionKind.SERIAL_MISMATCH]

    inspect_as_new(ui, qtbot)
    disposition = ui.window.screens[ScreenId.DISPOSITION]
    qtbot.waitUntil(lambda: disposition.view is not None, timeout=5000)
    assert disposition.view.needs_approval
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.CONFIRM_DISPOSITION))
    assert message.tone is Tone.WARNING
    assert "supervisor" in message.text

    trigger(ui, ActionId.GO_APPROVALS)
    approvals = ui.window.screens[ScreenId.APPROVALS]
    qtbot.waitUntil(lambda: approvals.queue.rowCount() == 1, timeout=5000)
    # Deny without a reason is refused; with one, the unit goes back to its proposal.
    answer(ui, qtbot, lambda: scan(ui, "BADGE-2001"))
    assert approvals.form.who.text() == "BADGE-2001"
    approvals.form.pin.setText("2222")
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.DENY))
    assert message.tone is Tone.ERROR
    assert "Say why" in message.text
    approvals.form.pin.setText("0000")
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.APPROVE))
    assert message.tone is Tone.ERROR
    assert "Wrong PIN" in message.text
    approvals.form.pin.setText("2222")
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.APPROVE))
    assert message.tone is Tone.SUCCESS, message.text
    settle(ui, qtbot)
    qtbot.waitUntil(lambda: approvals.queue.rowCount() == 0, timeout=5000)
    assert printer_simulator.wait_for_labels(2, timeout=5)


def test_inspector_cannot_open_settings_admin_can(station_ui, qtbot):
    ui = station_ui
    sign_in(ui, qtbot)
    assert not ui.actions.action(ActionId.GO_SETTINGS).isVisible()
    message = answer(ui, qtbot, lambda: ui.window.go(ScreenId.SETTINGS))
    assert message.tone is Tone.ERROR
    assert "admin" in message.text
    assert ui.window.current is not ui.window.screens[ScreenId.SETTINGS]
    trigger(ui, ActionId.SIGN_OUT)
    sign_in(ui, qtbot, "admin", "9999")
    assert ui.actions.action(ActionId.GO_SETTINGS).isVisible()
    trigger(ui, ActionId.GO_SETTINGS)
    assert ui.window.current is ui.window.screens[ScreenId.SETTINGS]


def test_history_finds_a_unit_and_its_timeline(station_ui, qtbot):
    ui = station_ui
    sign_in(ui, qtbot)
    answer(ui, qtbot, lambda: scan(ui, "RMA-100001"))
    answer(ui, qtbot, lambda: scan(ui, "]C1010061414101001121HP200-0001"))
    settle(ui, qtbot)
    trigger(ui, ActionId.GO_HISTORY)
    history = ui.window.screens[ScreenId.HISTORY]
    scan(ui, "]C1010061414101001121HP200-0001")
    qtbot.waitUntil(lambda: history.results.rowCount() == 1 and history.timeline.rowCount() >= 1, timeout=5000)
    assert history.timeline.items[0].action == "unit.received"
