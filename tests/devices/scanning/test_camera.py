"""Camera decoding: zxing-cpp settings, one decode in flight, debouncing on an injected clock."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource
from devices.manager import Device
from devices.phrases import Phrase
from devices.scanning.camera import CameraScanner, DecodeSettings, Frame, decode_frame
from devices.simulators.camera import BarcodeSpec, CameraSimulator, FrameLook, barcode_image, compose_frame
from tests.devices.scanning.reads import Reads


class FakeClock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def frame_of(spec: BarcodeSpec, look: FrameLook | None = None) -> Frame:
    return Frame(compose_frame(barcode_image(spec), look or FrameLook()))


GS1_DATAMATRIX = BarcodeSpec("(01)09501101530003(10)ABC(17)250101", "DataMatrix", gs1=True, module=10)
GS1_128 = BarcodeSpec("(01)09501101530003(21)12345", "Code128", gs1=True)
RMA_128 = BarcodeSpec("RMA-1234567", "Code128")


@pytest.mark.parametrize(
    ("spec", "look", "kind", "symbology"),
    [
        (GS1_DATAMATRIX, FrameLook(), ScanKind.GS1, "]d2"),
        (GS1_128, FrameLook("tilted", angle=12), ScanKind.GS1, "]C1"),
        (BarcodeSpec("LPN-ABCD1234", "QRCode", module=8), FrameLook("noisy", noise=28), ScanKind.LPN, "]Q1"),
        (BarcodeSpec("9501101530003", "EAN13", module=4), FrameLook("rotated", angle=90), ScanKind.GTIN, "]E0"),
        (BarcodeSpec("10614141000002", "ITF", module=4), FrameLook("upside down", angle=180), ScanKind.GTIN, "]I1"),
    ],
)
def test_generated_frames_decode_to_scans_with_zxing_symbology(
    spec: BarcodeSpec, look: FrameLook, kind: ScanKind, symbology: str
) -> None:
    (result,) = decode_frame(frame_of(spec, look), device_id="cam-1")
    assert isinstance(result, Scan)
    assert (result.kind, result.symbology, result.source, result.device_id) == (
        kind,
        symbology,
        ScanSource.CAMERA,
        "cam-1",
    )


def test_gs1_datamatrix_keeps_its_gs_separator() -> None:
    (result,) = decode_frame(frame_of(GS1_DATAMATRIX))
    assert isinstance(result, Scan)
    assert result.text == "010950110153000310ABC\x1d17250101"
    assert (result.gtin, result.lot, result.expiry) == ("09501101530003", "ABC", "2025-01-01")


def test_formats_outside_the_warehouse_set_are_not_read() -> None:
    frame = frame_of(BarcodeSpec("HELLO", "Aztec", module=8))
    assert decode_frame(frame) == []
    assert len(decode_frame(frame, DecodeSettings(formats="Aztec"))) == 1


def test_a_frame_without_a_code_gives_nothing() -> None:
    assert decode_frame(Frame(np.full((1080, 1920), 200, dtype=np.uint8))) == []


def test_decoding_happens_off_the_callers_thread() -> None:
    threads: list[str] = []
    done = threading.Event()

    def on_scan(result: Scan | ScanRejected) -> None:
        threads.append(threading.current_thread().name)
        done.set()

    camera = CameraScanner(on_scan, device_id="cam-1").start()
    try:
        assert camera.submit(frame_of(RMA_128))
        assert done.wait(5)
    finally:
        camera.close()
    assert threads == ["camera-cam-1"]


def test_frames_arriving_while_a_decode_is_in_flight_are_dropped_and_counted() -> None:
    reads = Reads()
    camera = CameraScanner(reads).start()
    try:
        frame = frame_of(RMA_128)
        # The first frame makes the decoder busy at once; the next two arrive before it can finish.
        assert camera.submit(frame)
        assert not camera.submit(frame)
        assert not camera.submit(frame)
        assert camera.wait_idle(5)
        counts = camera.counts
        assert (counts.submitted, counts.dropped, counts.decoded, counts.reads) == (3, 2, 1, 1)
        assert camera.submit(frame)  # free again
        assert camera.wait_idle(5)
    finally:
        camera.close()


def test_the_same_code_in_view_is_reported_once_until_it_leaves_for_the_window() -> None:
    clock = FakeClock()
    reads = Reads()
    camera = CameraScanner(reads, debounce=1.5, clock=clock).start()
    frame = frame_of(RMA_128)
    empty = Frame(np.full((1080, 1920), 200, dtype=np.uint8))
    try:
        for step in range(5):  # 2 s of the code in view, a frame every 0.5 s
            clock.now = 100.0 + step * 0.5
            assert camera.submit(frame)
            assert camera.wait_idle(5)
        assert len(reads.items) == 1
        assert camera.counts.debounced == 4
        clock.now += 1.0
        camera.submit(empty)
        camera.wait_idle(5)
        clock.now += 0.4  # left the view 1.4 s ago: still within the window
        camera.submit(frame)
        camera.wait_idle(5)
        assert len(reads.items) == 1
        clock.now += 2.0  # gone for longer than the window: a new read
        camera.submit(frame)
        camera.wait_idle(5)
        assert len(reads.items) == 2
    finally:
        camera.close()


def test_a_code_that_is_not_usable_is_a_typed_rejection() -> None:
    reads = Reads()
    camera = CameraScanner(reads).start()
    try:
        camera.submit(frame_of(BarcodeSpec("AB\x07CD", "Code128")))
        (result,) = reads.wait_for(1, timeout=5)
    finally:
        camera.close()
    assert isinstance(result, ScanRejected)
    assert result.reason is RejectReason.GARBAGE


def test_an_image_zxing_cannot_take_does_not_stop_the_camera(caplog: pytest.LogCaptureFixture) -> None:
    reads = Reads()
    camera = CameraScanner(reads).start()
    try:
        camera.submit(Frame(object()))
        assert camera.wait_idle(5)
        camera.submit(frame_of(RMA_128))
        reads.wait_for(1, timeout=5)
    finally:
        camera.close()
    assert "Decoding a camera frame failed" in caplog.text


def test_frames_after_close_are_refused() -> None:
    camera = CameraScanner(Reads()).start()
    camera.close()
    assert not camera.submit(frame_of(RMA_128))


def test_test_scan_reads_from_a_frame_source() -> None:
    source = CameraSimulator([frame_of(RMA_128)], fps=200, repeat=True)
    reads = Reads()
    camera = CameraScanner(reads, source=source)
    camera.open()
    try:
        check = camera.test(timeout=5)
    finally:
        camera.close()
    assert check.ok, check.message
    assert "RMA-1234567" in check.message
    assert check.message == "Test scan OK: the camera read “RMA-1234567”."
    assert isinstance(check.message, Phrase)


def test_test_scan_with_nothing_in_view() -> None:
    camera = CameraScanner(Reads()).start()
    try:
        check = camera.test(timeout=0.05)
    finally:
        camera.close()
    assert not check.ok
    assert "Hold one in front of it" in check.message
    assert check.message == "The camera read no barcode within 0.05 s. Hold one in front of it."
    assert isinstance(check.message, Phrase)  # marked: Settings shows it in the operator's language
    assert check.message.context == "Devices"
    assert check.message.params == {"seconds": 0.05}


def test_camera_scanner_is_a_station_device() -> None:
    assert isinstance(CameraScanner(Reads()), Device)
