"""The demo's camera end to end: the HTTP camera simulator, the device manager, the decoder, the demo panel."""

from __future__ import annotations

from devices.manager import DeviceKind
from tests.e2e.test_station import sign_in
from ui.actions import ActionId
from ui.demo_panel import DemoPanel
from ui.feedback import Tone
from ui.screens.base import ScreenId
from ui.screens.inspect import InspectScreen


def test_a_code_shown_to_the_demo_camera_opens_its_return_and_photos_come_from_it(running, qtbot):
    ui = running.ui
    qtbot.waitUntil(lambda: ui.window.status.devices[DeviceKind.CAMERA].text() == "Camera: ready", timeout=10000)
    sign_in(running, qtbot)
    panel = ui.window.findChild(DemoPanel)
    assert panel is not None
    assert panel.to_camera.isEnabled()
    assert f"Camera simulator: {running.demo.camera.url}" in panel.where.text()

    # A typo in the panel is an error in words, not a bug, and the camera keeps serving.
    panel.free_text.setText("]C1garbage")
    with qtbot.waitSignal(ui.feedback.shown, timeout=10000, check_params_cb=lambda m: m.tone is not Tone.NEUTRAL) as b:
        panel.to_camera.click()
    assert b.args[0].tone is Tone.ERROR
    assert b.args[0].text.startswith("The simulated camera cannot show ]C1garbage: ")

    # "Show to camera" with a code typed in the panel: the simulated camera holds it up to its lens.
    panel.free_text.setText("RMA-100004")
    with qtbot.waitSignal(ui.feedback.shown, timeout=10000, check_params_cb=lambda m: m.tone is not Tone.NEUTRAL) as b:
        panel.to_camera.click()
    assert b.args[0].tone is Tone.SUCCESS, b.args[0].text
    qtbot.waitUntil(lambda: ui.workbench.current_return is not None, timeout=5000)
    assert ui.workbench.current_return.rma_number == "RMA-100004"

    with qtbot.waitSignal(ui.feedback.shown, timeout=10000, check_params_cb=lambda m: m.tone is not Tone.NEUTRAL):
        running.demo.inject("]C1010061414303003121VC9-00042")  # the vacuum, by the serial scanner
    qtbot.waitUntil(lambda: ui.workbench.current_unit is not None, timeout=5000)
    ui.actions.action(ActionId.INSPECT_UNIT).trigger()
    inspect = ui.window.screens[ScreenId.INSPECT]
    assert isinstance(inspect, InspectScreen)
    qtbot.waitUntil(lambda: inspect.checklist_for == ui.workbench.current_unit.unit_id, timeout=5000)
    qtbot.waitUntil(lambda: ui.actions.action(ActionId.TAKE_PHOTO).isEnabled(), timeout=5000)
    with qtbot.waitSignal(ui.feedback.shown, timeout=10000, check_params_cb=lambda m: m.tone is not Tone.NEUTRAL) as b:
        ui.actions.action(ActionId.TAKE_PHOTO).trigger()
    assert b.args[0].tone is Tone.SUCCESS, b.args[0].text
    (photo,) = inspect.photos
    assert photo.read().content in running.demo.camera.recent_snapshots()
