"""The HTTP snapshot camera over real HTTP to the camera simulator: stills, frames, faults, the device manager."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from devices.events import Scan, ScanKind, ScanSource
from devices.manager import CONNECTED, Backoff, DeviceKind, DeviceState, StationDevices
from devices.phrases import Phrase, said
from devices.scanning.camera import CameraScanner, Frame
from devices.scanning.http_camera import (
    CameraError,
    CameraRefused,
    CameraTimedOut,
    CameraUnreachable,
    HttpSnapshotCamera,
    NotAPicture,
    PictureTooLarge,
    ScanningCamera,
    SnapshotCameraSettings,
    camera_address,
)
from devices.simulators.camera import CameraFault, SnapshotCameraSimulator
from tests.devices.scanning.reads import Reads
from tests.devices.test_manager import ManualScheduler, StateLog

QUICK = {"frame_interval": 0.0, "idle_interval": 0.02, "read_timeout": 0.5}


@pytest.fixture
def sim() -> Iterator[SnapshotCameraSimulator]:
    with SnapshotCameraSimulator() as simulator:
        yield simulator


def camera_at(url: str, **overrides: float) -> HttpSnapshotCamera:
    return HttpSnapshotCamera(SnapshotCameraSettings(url, **{**QUICK, **overrides}))  # type: ignore[arg-type]


class Reports:
    """What the camera tells its device manager, collected for a test that opens it by hand."""

    def __init__(self) -> None:
        self.states: list[tuple[DeviceState, str]] = []
        self.lost_with: BaseException | None = None

    def lost(self, error: BaseException | None) -> None:
        self.lost_with = error

    def report(self, state: DeviceState, message: str = "") -> None:
        self.states.append((state, message))


# -- stills --------------------------------------------------------------------------------------------


def test_a_still_is_the_cameras_jpeg_exactly_as_sent(sim: SnapshotCameraSimulator) -> None:
    shot = camera_at(sim.url).capture()
    assert (shot.content_type, shot.width, shot.height) == ("image/jpeg", 1280, 720)
    assert sim.recent_snapshots() == [shot.content]
    assert shot.elapsed > 0
    with Image.open(io.BytesIO(shot.content)) as picture:
        assert picture.format == "JPEG"


def test_stills_and_frames_share_one_keep_alive_connection(sim: SnapshotCameraSimulator) -> None:
    camera = camera_at(sim.url, idle_interval=60.0)
    camera.open(Reports())
    try:
        for _ in range(3):
            camera.capture()
        assert sim.open_connections == 1
        assert camera.counts.pictures == 4  # the picture taken while opening, then three stills
    finally:
        camera.close()
    assert sim.wait_for_connections(0)


def test_the_camera_url_is_checked_and_its_credentials_never_shown() -> None:
    with pytest.raises(ValueError, match="not a camera URL"):
        camera_at("rtsp://10.0.0.4/stream1")
    assert camera_address("http://user:s3cret@10.0.0.4:8080/axis-cgi/jpg/image.cgi?x=1") == "10.0.0.4:8080"
    assert camera_address("http://[fe80::1]/snap.jpg") == "[fe80::1]"


# -- failures in the inspector's words --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "path", "error", "words"),
    [
        (None, "/", NotAPicture, "answered with something that is not a picture (text/html, 1 kB)"),
        (None, "/nothing-here.jpg", CameraRefused, "has no picture at that address (HTTP 404)"),
        (CameraFault.GARBAGE, "/snapshot.jpg", NotAPicture, "answered with something that is not a picture"),
        (CameraFault.ERROR, "/snapshot.jpg", CameraRefused, "reported a fault (HTTP 503 Service Unavailable)"),
        (CameraFault.DARK, "/snapshot.jpg", CameraTimedOut, "did not send a picture within 0.5 s"),
    ],
)
def test_each_failure_says_what_happened(
    sim: SnapshotCameraSimulator, fault: CameraFault | None, path: str, error: type[CameraError], words: str
) -> None:
    sim.set_fault(fault)
    camera = camera_at(sim.base_url + path)
    with pytest.raises(error) as caught:
        camera.capture()
    message = said(caught.value)
    assert message.startswith(f"The camera at 127.0.0.1:{sim.port} ")
    assert words in message
    # Marked for translation, the address a parameter: the screens show it in the operator's language.
    assert isinstance(message, Phrase)
    assert message.context == "Devices"
    assert message.template.startswith("The camera at {address} ")
    assert message.params["address"] == f"127.0.0.1:{sim.port}"
    assert camera.counts.failures == 1
    sim.set_fault(None)  # a dark request is answered no more: the simulator can stop


def test_a_camera_that_is_not_there_is_unreachable(sim: SnapshotCameraSimulator) -> None:
    camera = camera_at(sim.url)
    sim.stop()
    with pytest.raises(CameraUnreachable) as caught:
        camera.capture()
    assert "cannot be reached (Connection refused): check that it is switched on" in said(caught.value)


def test_pictures_too_large_or_too_small_are_refused(sim: SnapshotCameraSimulator) -> None:
    with pytest.raises(PictureTooLarge, match=r"more than the 1 kB the station keeps"):
        camera_at(sim.url, max_bytes=1024).capture()
    with pytest.raises(NotAPicture, match=r"a picture of only 1280×720 pixels"):
        HttpSnapshotCamera(SnapshotCameraSettings(sim.url, min_width=1920)).capture()


@pytest.mark.parametrize("auth", ["digest", "basic"])
def test_a_camera_that_asks_for_a_password(auth: str) -> None:
    with SnapshotCameraSimulator(user="station", password="s3cret", auth=auth) as sim:
        assert camera_at(sim.url).capture().content in sim.recent_snapshots()
        wrong = sim.url.replace("s3cret", "guess")
        with pytest.raises(CameraRefused) as caught:
            camera_at(wrong).capture()
        assert "refused the station (HTTP 401): check the user name and password" in said(caught.value)
        assert "guess" not in said(caught.value)
        with pytest.raises(CameraRefused, match="it wants a user name and password"):
            camera_at(f"{sim.base_url}/snapshot.jpg").capture()


@settings(max_examples=60, deadline=None)
@given(body=st.one_of(st.binary(max_size=600), st.just(b"\xff\xd8\xff\xe0"), st.text(max_size=200).map(str.encode)))
def test_arbitrary_bytes_are_never_taken_for_a_picture(body: bytes) -> None:
    # Below the HTTP boundary: an injected transport answers with arbitrary bytes.
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    camera = HttpSnapshotCamera(SnapshotCameraSettings("http://camera/snap.jpg"), transport=transport)
    with pytest.raises(NotAPicture):
        camera.capture()


# -- frames for the decoder ------------------------------------------------------------------------------


def test_a_label_held_up_to_the_camera_is_read_once(sim: SnapshotCameraSimulator) -> None:
    camera = camera_at(sim.url)
    reads = Reads()
    scanner = CameraScanner(reads, source=camera, device_id="camera")
    camera.open(Reports())
    scanner.start()
    try:
        sim.show("]C1010061414101001121HP200-0001")
        (read,) = reads.wait_for(1)
        assert isinstance(read, Scan)
        assert (read.kind, read.source, read.symbology) == (ScanKind.GS1, ScanSource.CAMERA, "]C1")
        assert (read.gtin, read.serial) == ("00614141010011", "HP200-0001")
        seen = sim.requests
        assert sim.wait_for_requests(seen + 5)  # the label stays in view: no second read
        assert scanner.wait_idle(5)
        assert len(reads.items) == 1
        assert scanner.counts.debounced >= 1
    finally:
        scanner.close()
        camera.close()


def test_one_request_in_flight_and_no_backlog_behind_a_busy_decoder(sim: SnapshotCameraSimulator) -> None:
    camera = camera_at(sim.url)
    in_sink = threading.Event()
    release = threading.Event()
    frames: list[Frame] = []

    def slow_decoder(frame: Frame) -> bool:
        frames.append(frame)
        in_sink.set()
        release.wait(5)
        return True

    camera.open(Reports())
    camera.start(slow_decoder)
    try:
        assert in_sink.wait(5)
        asked = sim.requests
        camera.capture()  # a still is served meanwhile ...
        assert sim.requests == asked + 1  # ... and the frame loop asked for nothing while its frame waits
        release.set()
        assert sim.wait_for_requests(asked + 4)
    finally:
        release.set()
        camera.stop()
        camera.close()
    assert sim.max_in_flight == 1
    assert frames[0].image.mode == "L"  # greyscale, ready for zxing
    assert frames[0].image.size == (1280, 720)


def bench_jpeg(size: tuple[int, int] = (320, 240)) -> bytes:
    picture = Image.new("RGB", size, (180, 170, 150))
    picture.paste((30, 60, 200), (40, 40, 200, 160))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def test_each_picture_for_the_decoder_is_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    jpeg = bench_jpeg()
    served: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        served.append(request)
        return httpx.Response(200, content=jpeg)

    opened: list[int] = []
    real_open = Image.open

    def counting_open(*args: object, **kwargs: object) -> Image.Image:
        opened.append(1)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Image, "open", counting_open)
    camera = HttpSnapshotCamera(
        SnapshotCameraSettings("http://camera/snap.jpg", **QUICK),  # type: ignore[arg-type]
        transport=httpx.MockTransport(answer),
    )
    frames: list[Frame] = []
    enough = threading.Event()

    def sink(frame: Frame) -> bool:
        frames.append(frame)
        if len(frames) >= 3:
            enough.set()
        return True

    camera.start(sink)
    camera.open(Reports())
    try:
        assert enough.wait(5)
    finally:
        camera.stop()
        camera.close()
    assert len(opened) == len(served)  # the check that a picture is whole also made its frame
    assert [(f.image.mode, f.image.size) for f in frames[:3]] == [("L", (320, 240))] * 3


def test_a_cut_off_picture_is_a_fault_and_no_frame() -> None:
    jpeg = bench_jpeg()
    answers = iter([jpeg])  # whole while opening, then cut off

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=next(answers, jpeg[: len(jpeg) // 2]))

    camera = HttpSnapshotCamera(
        SnapshotCameraSettings("http://camera/snap.jpg", **QUICK),  # type: ignore[arg-type]
        transport=httpx.MockTransport(answer),
    )
    frames: list[Frame] = []

    def sink(frame: Frame) -> bool:
        frames.append(frame)
        return True

    camera.start(sink)
    manager, scheduler, log = managed(camera)
    manager.start()
    scheduler.advance()
    try:
        fault = log.wait_for(DeviceState.FAULT).message
        assert "answered with something that is not a picture (no content type, " in fault
        assert frames == []
    finally:
        manager.stop()


# -- the station device ------------------------------------------------------------------------------


def managed(camera: HttpSnapshotCamera | ScanningCamera) -> tuple[StationDevices, ManualScheduler, StateLog]:
    scheduler = ManualScheduler()
    manager = StationDevices(scheduler, backoff=Backoff(first=0.5, factor=2.0, limit=4.0, jitter=0.0))
    log = StateLog()
    manager.subscribe(log)
    manager.add(camera)
    return manager, scheduler, log


def test_faults_show_and_clear_by_themselves(sim: SnapshotCameraSimulator) -> None:
    manager, scheduler, log = managed(camera_at(sim.url))
    manager.start()
    scheduler.advance()
    try:
        assert log.wait_for(DeviceState.READY).kind is DeviceKind.CAMERA
        sim.set_fault(CameraFault.GARBAGE)
        assert "not a picture" in log.wait_for(DeviceState.FAULT).message
        sim.set_fault(None)
        log.wait_for(DeviceState.READY)
        sim.set_fault(CameraFault.ERROR)
        assert "HTTP 503" in log.wait_for(DeviceState.FAULT).message
        sim.set_fault(None)
        back = log.wait_for(DeviceState.READY)
        assert back.message == CONNECTED
        assert isinstance(back.message, Phrase)  # the manager's own words, translated on screen
        assert back.message.context == "Devices"
        check = manager.test("camera")
        assert check.ok
        assert check.message.startswith("Camera OK: a 1280×720 JPEG picture of ")
        assert isinstance(check.message, Phrase)
        assert check.message.context == "Devices"
        assert check.message.params["width"] == 1280
    finally:
        manager.stop()


def test_a_camera_that_opens_answering_garbage_starts_in_fault(sim: SnapshotCameraSimulator) -> None:
    sim.set_fault(CameraFault.GARBAGE)
    manager, scheduler, log = managed(camera_at(sim.url))
    manager.start()
    scheduler.advance()
    try:
        fault = log.wait_for(DeviceState.FAULT).message
        assert "not a picture" in fault
        assert isinstance(fault, Phrase)
        assert fault.context == "Devices"
        assert not manager.test("camera").ok  # not ready: the test says so instead of trying
    finally:
        manager.stop()


def test_a_dark_camera_is_lost_and_reconnected_with_backoff(sim: SnapshotCameraSimulator) -> None:
    manager, scheduler, log = managed(camera_at(sim.url))
    manager.start()
    scheduler.advance()
    try:
        log.wait_for(DeviceState.READY)
        sim.set_fault(CameraFault.DARK)
        lost = log.wait_for(DeviceState.DISCONNECTED)
        assert lost.message.startswith("Camera disconnected")
        assert scheduler.pending() == [0.5]
        sim.set_fault(None)
        scheduler.advance(0.5)
        log.wait_for(DeviceState.READY)
    finally:
        manager.stop()


def test_an_unplugged_camera_comes_back_on_the_same_address(sim: SnapshotCameraSimulator) -> None:
    manager, scheduler, log = managed(camera_at(sim.url))
    manager.start()
    scheduler.advance()
    port = sim.port
    try:
        log.wait_for(DeviceState.READY)
        sim.stop()
        log.wait_for(DeviceState.DISCONNECTED)
        scheduler.advance(0.5)
        failed = log.wait_for(DeviceState.DISCONNECTED)
        assert "cannot be reached (Connection refused)" in failed.message
        assert failed.message.endswith("(retrying in 1.0 s)")
        with SnapshotCameraSimulator(port=port):
            scheduler.advance(1.0)
            log.wait_for(DeviceState.READY)
            manager.stop()
    finally:
        manager.stop()


def test_the_station_camera_reads_codes_again_after_a_reconnect(sim: SnapshotCameraSimulator) -> None:
    reads = Reads()
    camera = ScanningCamera(camera_at(sim.url), reads)
    manager, scheduler, log = managed(camera)
    manager.start()
    scheduler.advance()
    try:
        log.wait_for(DeviceState.READY)
        sim.show("RMA-1234567")
        assert [r.text for r in reads.wait_for(1) if isinstance(r, Scan)] == ["RMA-1234567"]
        sim.set_fault(CameraFault.DARK)
        log.wait_for(DeviceState.DISCONNECTED)
        sim.set_fault(None)
        sim.show("]Q1LPN-ABCD1234")
        scheduler.advance(0.5)
        log.wait_for(DeviceState.READY)
        (_, second) = reads.wait_for(2)
        assert isinstance(second, Scan)
        assert (second.kind, second.symbology) == (ScanKind.LPN, "]Q1")
        assert camera.capture().content in sim.recent_snapshots()
    finally:
        manager.stop()
