"""Camera and image decoding with zxing-cpp, behind a frame-source interface.

A `FrameSource` (a Qt camera in the UI, image files or generated barcodes in tests) pushes `Frame`s into
a `CameraScanner`. The scanner decodes on its own worker thread, never on the caller's: with at most one
decode in flight, a frame arriving while the worker is busy is dropped (and counted) rather than queued,
so a slow frame never builds a backlog behind a live camera. A code that stays in view is reported once:
repeated reads of the same code are debounced within a window measured on an injected clock.

Decoder settings are tuned for a returns desk (see `DecodeSettings`); every read becomes a `Scan` (or a
`ScanRejected`) through `interpret()`, with the AIM symbology identifier zxing-cpp reports.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import zxingcpp

from devices.events import Scan, ScanRejected, ScanSource
from devices.manager import DeviceCheck, DeviceKind, DeviceReports
from devices.phrases import QT_TRANSLATE_NOOP, Phrase
from devices.scanning.interpret import DEFAULT_PATTERNS, ScanPatterns, interpret

log = logging.getLogger(__name__)

# What a returns desk meets: our labels (Code 128, QR), retail (EAN/UPC), cartons (ITF-14), GS1-128
# shipping labels and GS1 DataMatrix. Leaving out the other formats saves time on every frame and avoids
# false reads in background clutter. GS1 DataBar (fresh food, coupons) is left out too: measured on the
# benchmark's 1080p set it added about a quarter to the mean decode time; add "DataBar,DataBarExpanded"
# to `DecodeSettings.formats` where such goods come back.
WAREHOUSE_FORMATS = "Code128,EAN13,EAN8,UPCA,UPCE,ITF,QRCode,DataMatrix"


@dataclass(frozen=True, slots=True)
class Frame:
    """One camera frame. `image`: a greyscale (H, W) or BGR (H, W, 3) uint8 numpy array, a PIL image,
    or anything else zxing-cpp reads (it also takes a QImage, which the UI's camera source may pass)."""

    image: Any
    captured_at: float = 0.0


FrameSink = Callable[[Frame], bool]  # returns False when the frame was dropped


class FrameSource(Protocol):
    """Something that produces frames: a camera, a folder of images, a generator."""

    def start(self, sink: FrameSink) -> None: ...

    def stop(self) -> None: ...


@dataclass(frozen=True, slots=True)
class DecodeSettings:
    """zxing-cpp options, measured on 1080p frames by tests/benchmarks/scan.py (see docs/devices-scanning.md).

    Rotation stays on: without it 1D codes turned 90 degrees are missed. Downscaling stays on: without
    it the median frame is faster but noisy, blurred codes are missed. Inversion is off: warehouse
    labels are dark on light, and it adds work to every frame, most of which hold no code at all.
    The local-average binarizer (zxing's default) reads noisy frames that the global histogram misses.
    """

    formats: str = WAREHOUSE_FORMATS
    try_rotate: bool = True
    try_downscale: bool = True
    try_invert: bool = False

    def read(self, image: Any) -> list[Any]:
        """The zxing-cpp barcodes in an image (text in Plain mode: GS separators kept)."""
        return list(
            zxingcpp.read_barcodes(
                image,
                formats=_formats(self.formats),
                try_rotate=self.try_rotate,
                try_downscale=self.try_downscale,
                try_invert=self.try_invert,
                text_mode=zxingcpp.TextMode.Plain,
            )
        )


_FORMATS_CACHE: dict[str, Any] = {}


def _formats(names: str) -> Any:
    formats = _FORMATS_CACHE.get(names)
    if formats is None:
        formats = _FORMATS_CACHE[names] = zxingcpp.barcode_formats_from_str(names)
    return formats


def decode_frame(
    frame: Frame,
    settings: DecodeSettings | None = None,
    *,
    device_id: str = "camera",
    patterns: ScanPatterns = DEFAULT_PATTERNS,
) -> list[Scan | ScanRejected]:
    """Decode one frame synchronously and interpret every code found in it."""
    barcodes = (settings or DecodeSettings()).read(frame.image)
    return [
        interpret(
            barcode.text.encode("utf-8", errors="surrogatepass"),
            ScanSource.CAMERA,
            barcode.symbology_identifier or None,
            device_id=device_id,
            patterns=patterns,
        )
        for barcode in barcodes
    ]


@dataclass(frozen=True, slots=True)
class CameraCounts:
    submitted: int = 0
    dropped: int = 0  # arrived while a decode was in flight
    decoded: int = 0  # frames decoded (with or without a code in them)
    reads: int = 0  # reads delivered to on_scan
    debounced: int = 0  # repeated reads of a code still in view, not delivered again


class CameraScanner:
    """Decodes frames from a `FrameSource` off the caller's thread; a station `Device` of kind CAMERA."""

    kind = DeviceKind.CAMERA

    def __init__(
        self,
        on_scan: Callable[[Scan | ScanRejected], None],
        *,
        source: FrameSource | None = None,
        settings: DecodeSettings | None = None,
        debounce: float = 1.5,
        clock: Callable[[], float] = time.monotonic,
        device_id: str = "camera",
        patterns: ScanPatterns = DEFAULT_PATTERNS,
    ) -> None:
        self._on_scan = on_scan
        self._source = source
        self._settings = settings or DecodeSettings()
        self._debounce = debounce
        self._clock = clock
        self._device_id = device_id
        self._patterns = patterns
        self._state = threading.Condition()
        self._pending: Frame | None = None
        self._busy = False
        self._running = False
        self._worker: threading.Thread | None = None
        self._last_seen: dict[tuple[str | None, bytes], float] = {}
        self._counts = CameraCounts()
        self._test_waiter: list[Scan | ScanRejected] | None = None

    @property
    def device_id(self) -> str:
        return self._device_id

    @property
    def counts(self) -> CameraCounts:
        with self._state:
            return self._counts

    # -- lifecycle (also the Device protocol) -----------------------------------------------------

    def start(self) -> CameraScanner:
        with self._state:
            if self._running:
                return self
            self._running = True
        self._worker = threading.Thread(target=self._work, name=f"camera-{self._device_id}", daemon=True)
        self._worker.start()
        if self._source is not None:
            self._source.start(self.submit)
        return self

    def open(self, reports: DeviceReports | None = None) -> None:
        self.start()

    def close(self) -> None:
        if self._source is not None:
            self._source.stop()
        with self._state:
            self._running = False
            self._pending = None
            self._state.notify_all()
        worker, self._worker = self._worker, None
        if worker is not None and worker is not threading.current_thread():
            worker.join(5)

    def stop(self) -> None:
        self.close()

    def test(self, timeout: float = 10.0) -> DeviceCheck:
        """ "Test scan": wait for the next code the camera reads."""
        with self._state:
            self._test_waiter = []
            got = self._state.wait_for(lambda: bool(self._test_waiter), timeout)
            results, self._test_waiter = self._test_waiter, None
        if not got or not results:
            nothing = QT_TRANSLATE_NOOP(
                "Devices", "The camera read no barcode within {seconds:g} s. Hold one in front of it."
            )
            return DeviceCheck(False, Phrase(nothing, seconds=timeout))
        first = results[0]
        if isinstance(first, ScanRejected):
            unusable = QT_TRANSLATE_NOOP("Devices", "The camera works but the test read was not usable: {problem}")
            return DeviceCheck(False, Phrase(unusable, problem=first.message))
        return DeviceCheck(
            True, Phrase(QT_TRANSLATE_NOOP("Devices", "Test scan OK: the camera read “{text}”."), text=first.text)
        )

    # -- frames ---------------------------------------------------------------------------------

    def submit(self, frame: Frame) -> bool:
        """Hand over a frame; returns False (and counts it) when a decode is still in flight."""
        with self._state:
            counts = self._counts
            if not self._running or self._busy:
                self._counts = _bump(counts, submitted=1, dropped=1)
                return False
            self._counts = _bump(counts, submitted=1)
            self._pending = frame
            self._busy = True
            self._state.notify_all()
            return True

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no decode is in flight (for tests and benchmarks)."""
        with self._state:
            return self._state.wait_for(lambda: not self._busy, timeout)

    def _work(self) -> None:
        while True:
            with self._state:
                self._state.wait_for(lambda: self._pending is not None or not self._running)
                if not self._running:
                    self._busy = False
                    self._state.notify_all()
                    return
                frame, self._pending = self._pending, None
            assert frame is not None  # the wait above guarantees it
            try:
                results = decode_frame(frame, self._settings, device_id=self._device_id, patterns=self._patterns)
            except Exception:
                # An image zxing cannot take is the caller's bug; the camera keeps going.
                log.exception("Decoding a camera frame failed")
                results = []
            fresh = self._debounced(results)
            for result in fresh:
                self._deliver(result)
            with self._state:
                self._counts = _bump(self._counts, decoded=1)
                self._busy = False
                self._state.notify_all()

    def _debounced(self, results: list[Scan | ScanRejected]) -> list[Scan | ScanRejected]:
        now = self._clock()
        fresh = []
        with self._state:
            # Forget codes that left the view long ago, so the table stays small.
            for key, seen in list(self._last_seen.items()):
                if now - seen > self._debounce:
                    del self._last_seen[key]
            for result in results:
                symbology = result.symbology if isinstance(result, Scan) else None
                key = (symbology, result.raw)
                # Sliding window: a code that stays in view keeps being "seen" and is reported once.
                repeated = key in self._last_seen
                self._last_seen[key] = now
                if repeated:
                    self._counts = _bump(self._counts, debounced=1)
                else:
                    fresh.append(result)
        return fresh

    def _deliver(self, result: Scan | ScanRejected) -> None:
        with self._state:
            if self._test_waiter is not None:
                self._test_waiter.append(result)
                self._state.notify_all()
                return
            self._counts = _bump(self._counts, reads=1)
        self._on_scan(result)


def _bump(counts: CameraCounts, **add: int) -> CameraCounts:
    return CameraCounts(
        **{name: getattr(counts, name) + add.get(name, 0) for name in CameraCounts.__dataclass_fields__}
    )
