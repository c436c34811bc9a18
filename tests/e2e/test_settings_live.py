"""Settings apply while the station runs: a new printer address takes the next label, no restart.

The station is the demo's, built by the composition root (its real device builders and device
manager); the second printer is another ZPL printer simulator over TCP.
"""

from __future__ import annotations

from devices.manager import DeviceState
from devices.simulators.zpl_printer import PrinterSimulator
from tests.e2e.test_station import RETURN, VACUUM_SOLD, idle, scanned, trigger
from ui.actions import ActionId
from ui.feedback import Tone
from ui.screens.base import ScreenId
from ui.screens.settings import SettingsScreen


def sign_in_as_admin(running, qtbot) -> None:
    assert scanned(running, qtbot, "BADGE-9001").tone is Tone.SUCCESS
    screen = running.ui.window.screens[ScreenId.SIGN_IN]
    screen.pin_edit.setText("9999")
    with qtbot.waitSignal(running.ui.session.signed_in, timeout=5000):
        screen.pin_edit.returnPressed.emit()


def test_a_new_printer_address_takes_the_next_label_without_a_restart(running, qtbot):
    ui = running.ui
    sign_in_as_admin(running, qtbot)
    trigger(running, ActionId.GO_SETTINGS)
    settings = ui.window.screens[ScreenId.SETTINGS]
    assert isinstance(settings, SettingsScreen)
    idle(running, qtbot)
    # The demo runs its own central server: its station id and server are not the admin's to change.
    assert settings.station_id.isReadOnly()
    assert settings.central_url.isReadOnly()
    assert not settings.printer_url.isReadOnly()
    first = running.demo.printer
    with PrinterSimulator(port=0) as second:
        settings.printer_url.setText(f"tcp://127.0.0.1:{second.port}")
        with qtbot.waitSignal(ui.feedback.shown, timeout=5000, check_params_cb=lambda m: "saved" in m.text) as saved:
            settings.save.click()
        assert saved.args[0].tone is Tone.SUCCESS, saved.args[0].text
        assert "Reconnecting: Printer" in saved.args[0].text
        qtbot.waitUntil(lambda: running.devices.status("printer").state is DeviceState.READY, timeout=5000)
        printed_before = first.labels_printed

        assert scanned(running, qtbot, RETURN).tone is Tone.SUCCESS
        received = scanned(running, qtbot, VACUUM_SOLD)
        assert received.tone is Tone.SUCCESS, received.text
        idle(running, qtbot)
        assert second.wait_for_labels(1, timeout=5)
        assert first.labels_printed == printed_before
        assert running.station.labels.printer is not None
