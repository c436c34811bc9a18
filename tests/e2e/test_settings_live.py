"""Settings apply while the station runs: a new printer address takes the next label, no restart.

The station is the demo's, built by the composition root (its real device builders and device
manager); the second printer is another ZPL printer simulator over TCP. Enrollment goes through the
screens' link to the demo's central simulator, which lets only an admin enroll.
"""

from __future__ import annotations

import pytest

from app.domain.model import Operator, Role
from app.errors import PermissionDenied
from app.services.context import utc_now
from devices.manager import DeviceState
from devices.simulators.zpl_printer import PrinterSimulator
from sync.client import CentralClient
from sync.connectivity import ConnectivityMonitor
from sync.credentials import StationCredentials
from tests.e2e.test_station import RETURN, VACUUM_SOLD, idle, scanned, trigger
from ui.actions import ActionId
from ui.feedback import Tone
from ui.screens.base import ScreenId
from ui.screens.settings import SettingsScreen
from ui.sync_link import CentralLink, LateSyncLink


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


def test_only_an_admin_enrolls_through_the_link_and_the_keyring_stays_untouched_otherwise(running):
    """Over the demo's central simulator and in-memory keyring: the link checks the role, not only the screen."""
    admin = Operator("op-admin", "admin", "Station admin", Role.ADMIN)
    central = running.demo.central
    token = central.mint_enrollment_token()
    late = running.ui.ports.sync
    assert isinstance(late, LateSyncLink)
    assert running.worker is not None
    with CentralClient(central.base_url, StationCredentials("DEMO-01")) as client:
        link = CentralLink(
            running.worker, client, ConnectivityMonitor(), running.db, now=utc_now, on_rules_changed=lambda: None
        )
        for role in (Role.INSPECTOR, Role.SUPERVISOR):
            someone = Operator(f"op-{role.value}", role.value, role.value.title(), role)
            for through in (link, late):
                with pytest.raises(PermissionDenied, match="Only an admin may enroll the station"):
                    through.enroll(someone, central.base_url, token, "DEMO-02")
    assert StationCredentials("DEMO-02").credential() is None  # nothing written to the keyring
    # The refusals did not use the token up: the admin enrolls with it.
    answer = late.enroll(admin, central.base_url, token, "DEMO-02")
    assert answer == f"Station DEMO-02 is enrolled with {central.base_url}."
    assert StationCredentials("DEMO-02").credential() is not None
