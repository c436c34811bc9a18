"""The camera at the inspection bench: photos taken through real HTTP to the camera simulator, camera scans.

The station's camera here is the real `HttpSnapshotCamera` kept by a real `StationDevices`, its frames
decoded by the real `CameraScanner`, all reporting through the UI's bridge as in the station. The test
writes screenshots of the Inspect screen with a camera photo to tests/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QEvent, QTranslator
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from app.domain.lifecycle import UnitState
from devices.manager import Backoff, DeviceKind, DeviceState, StationDevices, ThreadScheduler
from devices.phrases import Phrase as DevicePhrase
from devices.scanning.http_camera import HttpSnapshotCamera, ScanningCamera, SnapshotCameraSettings
from devices.simulators.camera import CameraFault, SnapshotCameraSimulator
from tests.ui.helpers import answer, scan, settle, sign_in
from ui.actions import ActionId
from ui.application import StationUi
from ui.camera import CameraProblem, CameraStill
from ui.feedback import Tone
from ui.i18n import Language
from ui.ports import Ports
from ui.profiles import Profile
from ui.screens.base import ScreenId
from ui.screens.inspect import InspectScreen
from ui.themes import Theme
from ui.words import shown

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ELECTRONICS_BROKEN = {"seal": "no", "powers_on": "no", "accessories": "yes", "cosmetic": "major"}
HEADPHONES_SOLD = "]C1010061414101001121HP200-0001"
CHARGER = "]C10100614141010035"


@pytest.fixture
def station(printing_station):
    return printing_station


@pytest.fixture
def camera_sim() -> Iterator[SnapshotCameraSimulator]:
    with SnapshotCameraSimulator() as simulator:
        yield simulator


@pytest.fixture
def camera(camera_sim: SnapshotCameraSimulator) -> HttpSnapshotCamera:
    settings = SnapshotCameraSettings(camera_sim.url, frame_interval=0.05, idle_interval=0.05, read_timeout=1.0)
    return HttpSnapshotCamera(settings)


@pytest.fixture
def devices() -> Iterator[StationDevices]:
    scheduler = ThreadScheduler().start()
    manager = StationDevices(scheduler, backoff=Backoff(first=0.05, limit=0.2, jitter=0.0))
    yield manager
    manager.stop()
    scheduler.stop()


@pytest.fixture
def ports(devices: StationDevices) -> Ports:
    """As the composition root builds them: the Inspect screen asks the device manager for the camera."""
    return Ports(devices=devices, camera=CameraStill(devices))


@pytest.fixture
def camera_ui(
    station_ui: StationUi,
    devices: StationDevices,
    camera: HttpSnapshotCamera,
    camera_sim: SnapshotCameraSimulator,
    qtbot: QtBot,
) -> Iterator[StationUi]:
    """The station as the composition root wires a camera: device states and camera scans through the bridge."""
    devices.subscribe(station_ui.bridge.post)
    devices.add(ScanningCamera(camera, station_ui.bridge.post))
    devices.start()
    qtbot.waitUntil(lambda: camera_state(station_ui) is DeviceState.READY, timeout=5000)
    yield station_ui
    devices.stop()
    assert camera_sim.wait_for_connections(0)


def inspect_screen(ui: StationUi) -> InspectScreen:
    screen = ui.window.screens[ScreenId.INSPECT]
    assert isinstance(screen, InspectScreen)
    return screen


def camera_state(ui: StationUi) -> DeviceState | None:
    status = inspect_screen(ui).camera_status
    return status.state if status is not None else None


def trigger(ui: StationUi, action_id: ActionId) -> None:
    ui.actions.action(action_id).trigger()


def receive_and_inspect(ui: StationUi, qtbot: QtBot) -> InspectScreen:
    """Sign in, receive the sold headphones of RMA-100001 and open them on Inspect."""
    sign_in(ui, qtbot)
    answer(ui, qtbot, lambda: scan(ui, "RMA-100001"))
    assert answer(ui, qtbot, lambda: scan(ui, HEADPHONES_SOLD)).tone is Tone.SUCCESS
    settle(ui, qtbot)
    trigger(ui, ActionId.INSPECT_UNIT)
    inspect = inspect_screen(ui)
    assert ui.window.current is inspect
    unit = ui.workbench.current_unit
    assert unit is not None
    qtbot.waitUntil(lambda: inspect.checklist_for == unit.unit_id, timeout=5000)
    return inspect


def grab_inspect(ui: StationUi, qtbot: QtBot, name: str) -> Path:
    """The Inspect screen scrolled to its photos, as a person would look at them."""
    settle(ui, qtbot)
    inspect = inspect_screen(ui)
    page = inspect.parentWidget()
    while page is not None and not isinstance(page, QScrollArea):
        page = page.parentWidget()
    assert page is not None
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    page.ensureWidgetVisible(inspect.camera_state)
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert ui.window.grab().save(str(path))
    return path


def test_a_photo_from_the_camera_is_saved_with_an_inspection_that_needs_one(camera_ui, qtbot, camera_sim, station):
    ui = camera_ui
    inspect = receive_and_inspect(ui, qtbot)
    inspect.set_answers(ELECTRONICS_BROKEN)
    inspect.set_grade("DAMAGED")
    assert "take one (Ctrl+Shift+T)" in inspect.photo_rule.text()
    take = ui.actions.action(ActionId.TAKE_PHOTO)
    assert take.isEnabled()
    assert take.shortcut().toString() == "Ctrl+Shift+T"

    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.TAKE_PHOTO))
    assert message.tone is Tone.SUCCESS, message.text
    assert message.text == f"Photo taken of {ui.workbench.current_unit.lpn}."
    assert inspect.photo_list.count() == 1
    assert inspect.photo_list.item(0).text() == "Camera photo 1 (1280×720)"
    assert not inspect.photo_list.item(0).icon().isNull()  # the thumbnail
    assert inspect.photo_rule.text() == "1 photo(s) will be saved with the inspection."
    (taken,) = inspect.photos
    assert taken.read().content in camera_sim.recent_snapshots()

    for profile, theme in (
        (Profile.DESKTOP, Theme.LIGHT),
        (Profile.HANDHELD, Theme.LIGHT),
        (Profile.DESKTOP, Theme.HIGH_CONTRAST),
        (Profile.HANDHELD, Theme.HIGH_CONTRAST),
    ):
        ui.set_theme(theme)
        ui.set_profile(profile)
        qtbot.waitUntil(lambda p=profile: ui.window.size() == p.window_size, timeout=5000)
        grab_inspect(ui, qtbot, f"{profile.value}-{theme.value}-03-inspect-camera-photo")
    ui.set_theme(Theme.LIGHT)
    ui.set_profile(Profile.DESKTOP)
    # The longest words, with every chip of the status bar showing (the camera's too).
    ui.set_language(Language.GERMAN)
    qtbot.waitUntil(lambda: take.text() == "Foto aufnehmen", timeout=5000)
    grab_inspect(ui, qtbot, "desktop-de-inspect-camera-photo")
    assert ui.window.size().width() <= Profile.DESKTOP.window_size.width()
    assert inspect.photo_list.item(0).text() == "Kamerafoto 1 (1280×720)"
    ui.set_language(Language.ENGLISH)
    qtbot.waitUntil(lambda: take.text() == "Take photo", timeout=5000)

    unit_id = ui.workbench.current_unit.unit_id
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.SAVE_INSPECTION))
    assert message.tone is Tone.SUCCESS, message.text
    settle(ui, qtbot)
    assert inspect.photos == []
    assert inspect.photo_list.count() == 0
    stored = list(station.inspections.photo_dir.iterdir())
    assert len(stored) == 1
    assert stored[0].suffix == ".jpg"
    assert stored[0].read_bytes() == taken.read().content  # the simulator's JPEG, byte for byte
    unit = station.history.search(ui.workbench.current_unit.lpn)[0]
    assert unit.unit_id == unit_id
    assert unit.state is UnitState.DISPOSITION_PROPOSED


def test_taking_photos_follows_the_cameras_state_and_says_why_not(camera_ui, qtbot, camera_sim):
    ui = camera_ui
    inspect = receive_and_inspect(ui, qtbot)
    take = ui.actions.action(ActionId.TAKE_PHOTO)
    assert take.isEnabled()
    assert inspect.camera_state.text() == "Camera ready: Take photo (Ctrl+Shift+T)."

    camera_sim.set_fault(CameraFault.GARBAGE)
    qtbot.waitUntil(lambda: camera_state(ui) is DeviceState.FAULT, timeout=5000)
    assert not take.isEnabled()
    reason = inspect.camera_state.text()
    assert reason.startswith(f"The camera at 127.0.0.1:{camera_sim.port} answered with something that is not")
    assert "not a picture" in reason
    assert ui.window.status.devices[DeviceKind.CAMERA].text() == "Camera: fault"
    grab_inspect(ui, qtbot, "desktop-light-03-inspect-camera-fault")

    camera_sim.set_fault(None)
    qtbot.waitUntil(lambda: camera_state(ui) is DeviceState.READY, timeout=5000)
    assert take.isEnabled()
    assert ui.window.status.devices[DeviceKind.CAMERA].text() == "Camera: ready"

    # A camera that goes dark as the photo is taken: the banner says so, nothing is added.
    camera_sim.set_fault(CameraFault.DARK)
    message = answer(ui, qtbot, lambda: trigger(ui, ActionId.TAKE_PHOTO))
    assert message.tone is Tone.ERROR
    assert "did not send a picture within 1 s" in message.text
    assert inspect.photos == []
    camera_sim.set_fault(None)
    qtbot.waitUntil(lambda: camera_state(ui) is DeviceState.READY and take.isEnabled(), timeout=5000)


def test_without_a_camera_taking_photos_is_off_and_files_still_work(station_ui, qtbot):
    ui = station_ui
    inspect = receive_and_inspect(ui, qtbot)
    assert not ui.actions.action(ActionId.TAKE_PHOTO).isEnabled()
    assert ui.actions.action(ActionId.ADD_PHOTO).isEnabled()
    assert inspect.camera_state.text() == ("No camera is set up on this station: add photos from files (Ctrl+Shift+F).")
    inspect.set_grade("DAMAGED")
    assert inspect.photo_rule.text() == "This grade needs at least one photo of the damage: add one (Ctrl+Shift+F)."


def test_a_code_shown_to_the_camera_is_routed_like_a_scan(camera_ui, qtbot, camera_sim):
    ui = camera_ui
    sign_in(ui, qtbot)
    message = answer(ui, qtbot, lambda: camera_sim.show("RMA-100001"))
    assert message.tone is Tone.SUCCESS, message.text
    receive = ui.window.screens[ScreenId.RECEIVE]
    assert ui.window.current is receive
    qtbot.waitUntil(lambda: ui.workbench.current_return is not None, timeout=5000)
    assert ui.workbench.current_return.rma_number == "RMA-100001"
    camera_sim.hide()

    message = answer(ui, qtbot, lambda: camera_sim.show(HEADPHONES_SOLD))
    assert message.tone is Tone.SUCCESS, message.text
    settle(ui, qtbot)
    camera_sim.hide()
    lpn = receive.units.items[0].lpn
    trigger(ui, ActionId.INSPECT_UNIT)
    inspect = inspect_screen(ui)
    assert ui.window.current is inspect

    # On Inspect, a product label in view (here the charger of the same return) must not be received
    # on Receive while the inspector takes photos ...
    message = answer(ui, qtbot, lambda: camera_sim.show(CHARGER))
    assert message.tone is Tone.WARNING
    assert message.text == "The camera read 0100614141010035. On Inspect it only opens licence plates."
    assert ui.window.current is inspect
    camera_sim.hide()
    settle(ui, qtbot)
    assert len(receive.units.items) == 1
    # ... while a licence plate shown to it opens that unit.
    ui.workbench.clear()
    camera_sim.show(f"]Q1{lpn}")

    def opened() -> bool:
        unit = ui.workbench.current_unit
        return unit is not None and unit.lpn == lpn

    qtbot.waitUntil(opened, timeout=5000)
    assert ui.window.current is inspect


class _MarkedDevices(QTranslator):
    """A catalogue that "translates" every device message by marking it, to see which ones reach it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return f"«{source}»" if context == "Devices" else None

    def isEmpty(self) -> bool:  # a Qt override
        return False


def test_a_camera_problem_shows_the_cameras_words_in_the_operators_language(qapp: QApplication) -> None:
    no_such_path = httpx.MockTransport(lambda request: httpx.Response(404))
    camera = HttpSnapshotCamera(SnapshotCameraSettings("http://10.0.0.4/snap.jpg"), transport=no_such_path)
    still = CameraStill(_Lookup(camera))
    with pytest.raises(CameraProblem) as caught:
        still.take_photo()
    problem = caught.value
    english = "The camera at 10.0.0.4 has no picture at that address (HTTP 404): check the path of the camera URL"
    assert str(problem).startswith(english)  # logs and the command line: English
    words = problem.params["problem"]
    assert isinstance(words, DevicePhrase)  # the device layer's phrase, not its English text
    assert words.context == "Devices"
    assert words.params == {"address": "10.0.0.4"}

    catalogue = _MarkedDevices()
    assert qapp.installTranslator(catalogue)
    try:
        assert shown(problem) == f"«{words.template}»".replace("{address}", "10.0.0.4")
    finally:
        qapp.removeTranslator(catalogue)


class _Lookup:
    def __init__(self, camera: object) -> None:
        self._camera = camera

    def device(self, device_id: str) -> object:
        return self._camera
