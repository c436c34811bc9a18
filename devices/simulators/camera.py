"""A simulated camera: frames from image files or generated barcodes, through the `FrameSource` interface.

Barcodes are drawn with the zxing-cpp writer (Code 128, GS1-128, EAN/UPC, ITF, QR, DataMatrix incl. GS1)
onto a 1080p frame, optionally rotated, blurred and noisy, so the decoder sees what a warehouse camera
sees rather than a perfect symbol. The same generator feeds the tests and the scan benchmark.

Command line: ``python -m devices.simulators camera --help``. It decodes the frames with the station's
own decoder settings and prints what was read and how long each frame took, which is how IT checks a
station's camera decoding without a camera.

``python -m devices.simulators camera --serve [--port N]`` is an HTTP snapshot camera instead
(`SnapshotCameraSimulator`): every GET of ``/snapshot.jpg`` (or Axis' ``/axis-cgi/jpg/image.cgi``)
answers one JPEG of a returns bench with a product on it. Told so on its console (or from Python), it
holds a barcode label up to the lens, so the station's camera scanner reads it, or it fails the way
cameras fail: it goes dark (takes requests and never answers), answers garbage, or reports an error.
"""

from __future__ import annotations

import argparse
import base64
import collections
import contextlib
import enum
import hashlib
import hmac
import io
import logging
import random
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit
from urllib.request import parse_http_list, parse_keqv_list

import numpy as np
import numpy.typing as npt
import zxingcpp
from biip import ParseConfig, ParseError
from biip.gs1_messages import GS1Message
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from devices.events import Scan, ScanRejected
from devices.scanning.camera import DecodeSettings, Frame, FrameSink, decode_frame
from devices.scanning.symbology import split_aim_prefix
from devices.simulators.console import run_console
from devices.simulators.serial_scanner import script_line_text

log = logging.getLogger(__name__)

FRAME_SIZE = (1920, 1080)
BACKGROUND = 200  # a grey bench surface; labels are white


@dataclass(frozen=True, slots=True)
class BarcodeSpec:
    """One barcode to draw. GS1 content is written in HRI form: ``(01)09501101530003(21)12345``."""

    content: str
    format: str  # a zxing-cpp format name: Code128, EAN13, UPCA, ITF, QRCode, DataMatrix ...
    gs1: bool = False
    module: int = 3  # pixels per module (bar width / matrix cell)


@dataclass(frozen=True, slots=True)
class FrameLook:
    """How a frame differs from a perfect print: rotation, blur, sensor noise."""

    name: str = "straight"
    angle: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian blur radius in pixels
    noise: float = 0.0  # Gaussian noise, standard deviation in grey levels


# Codes a returns desk meets: our own labels (Code 128, QR), retail (EAN/UPC), cartons (ITF-14),
# GS1-128 shipping labels and GS1 DataMatrix on products.
WAREHOUSE_CODES: tuple[BarcodeSpec, ...] = (
    BarcodeSpec("RMA-1234567", "Code128"),
    BarcodeSpec("(01)09501101530003(21)12345", "Code128", gs1=True),
    BarcodeSpec("9501101530003", "EAN13", module=4),
    BarcodeSpec("614141000036", "UPCA", module=4),
    BarcodeSpec("10614141000002", "ITF", module=4),
    BarcodeSpec("LPN-ABCD1234", "QRCode", module=8),
    BarcodeSpec("(01)09501101530003(10)ABC(17)250101", "DataMatrix", gs1=True, module=10),
    BarcodeSpec("BADGE-1234", "DataMatrix", module=10),
)

LOOKS: tuple[FrameLook, ...] = (
    FrameLook("straight"),
    FrameLook("tilted 12°", angle=12),
    FrameLook("rotated 90°", angle=90),
    FrameLook("upside down", angle=180),
    FrameLook("noisy", noise=28),
    FrameLook("noisy, blurred, tilted 7°", angle=7, blur=1.2, noise=20),
)


def barcode_image(spec: BarcodeSpec) -> Image.Image:
    """The barcode alone, black on white with its quiet zone, as a greyscale PIL image."""
    options = {"gs1": True} if spec.gs1 else {}
    barcode = zxingcpp.create_barcode(spec.content, zxingcpp.barcode_format_from_str(spec.format), **options)
    symbol = np.asarray(barcode.to_image(scale=spec.module))
    if spec.format in ("Code128", "EAN13", "UPCA", "ITF", "EAN8"):
        # Linear symbols come out as a thin strip; print them at a realistic label height.
        height = max(symbol.shape[0], symbol.shape[1] // 4)
        symbol = np.repeat(symbol[:1], height, axis=0)
    return Image.fromarray(symbol)


def compose_frame(
    code: Image.Image,
    look: FrameLook = FrameLook(),
    *,
    size: tuple[int, int] = FRAME_SIZE,
    rng: random.Random | None = None,
) -> npt.NDArray[np.uint8]:
    """Place a barcode on a grey frame at a random spot, then rotate, blur and add noise as asked."""
    rng = rng or random.Random(0)
    label = Image.new("L", (code.width + 80, code.height + 80), 255)
    label.paste(code, (40, 40))
    if look.angle:
        label = label.rotate(look.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=BACKGROUND)
    frame = Image.new("L", size, BACKGROUND)
    x = rng.randint(0, max(0, size[0] - label.width))
    y = rng.randint(0, max(0, size[1] - label.height))
    frame.paste(label, (x, y))
    if look.blur:
        frame = frame.filter(ImageFilter.GaussianBlur(look.blur))
    pixels = np.asarray(frame, dtype=np.float32)
    if look.noise:
        generator = np.random.default_rng(rng.randrange(2**32))
        pixels = pixels + generator.normal(0.0, look.noise, pixels.shape).astype(np.float32)
    result: npt.NDArray[np.uint8] = np.clip(pixels, 0, 255).astype(np.uint8)
    return result


@dataclass(frozen=True, slots=True)
class GeneratedFrame:
    spec: BarcodeSpec
    look: FrameLook
    frame: Frame


def generated_frames(
    specs: Sequence[BarcodeSpec] = WAREHOUSE_CODES,
    looks: Sequence[FrameLook] = LOOKS,
    *,
    size: tuple[int, int] = FRAME_SIZE,
    seed: int = 7,
) -> list[GeneratedFrame]:
    """Every spec in every look: a reproducible set of frames (same seed, same frames)."""
    rng = random.Random(seed)
    frames = []
    for spec in specs:
        code = barcode_image(spec)
        for look in looks:
            frames.append(GeneratedFrame(spec, look, Frame(compose_frame(code, look, size=size, rng=rng))))
    return frames


def frames_from_files(paths: Iterable[str | Path]) -> list[Frame]:
    """Image files (PNG, JPEG ...) as greyscale frames."""
    frames = []
    for path in paths:
        with Image.open(path) as image:
            frames.append(Frame(np.asarray(image.convert("L"))))
    return frames


class CameraSimulator:
    """A `FrameSource` that plays a list of frames at a frame rate, once or in a loop.

    `start()` plays on a background thread, like a camera; `play()` pushes every frame synchronously
    for tests and benchmarks that want no timing at all.
    """

    def __init__(self, frames: Sequence[Frame], *, fps: float = 30.0, repeat: bool = False) -> None:
        self._frames = list(frames)
        self._interval = 1.0 / fps
        self._repeat = repeat
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.delivered = 0
        self.refused = 0  # frames the decoder dropped because it was still busy
        self.finished = threading.Event()

    def start(self, sink: FrameSink) -> None:
        self._stop.clear()
        self.finished.clear()
        self._thread = threading.Thread(target=self._run, args=(sink,), name="camera-sim", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5)
        self._thread = None

    def play(self, sink: FrameSink) -> None:
        for frame in self._frames:
            self._push(sink, frame)

    def _push(self, sink: FrameSink, frame: Frame) -> None:
        if sink(Frame(frame.image, captured_at=time.monotonic())):
            self.delivered += 1
        else:
            self.refused += 1

    def _run(self, sink: FrameSink) -> None:
        while not self._stop.is_set():
            for frame in self._frames:
                if self._stop.wait(self._interval):
                    break
                self._push(sink, frame)
            if not self._repeat:
                break
        self.finished.set()


# -- an HTTP snapshot camera ---------------------------------------------------------------------


class CameraFault(enum.Enum):
    """How the simulated camera fails, as real ones do."""

    DARK = "dark"  # takes every request and never answers (a hung camera): the station times out
    GARBAGE = "garbage"  # answers "200 image/jpeg" with bytes that are not a picture
    ERROR = "error"  # answers HTTP 503, as a camera that is starting up


SNAPSHOT_PATHS = ("/snapshot.jpg", "/axis-cgi/jpg/image.cgi")
REALM = "camera-simulator"
SCENE_SIZE = (1280, 720)
_GS1_AIM = {"]C1": "Code128", "]d2": "DataMatrix", "]Q3": "QRCode"}
_PLAIN_AIM = {"]C0": "Code128", "]Q1": "QRCode", "]d1": "DataMatrix", "]E0": "EAN13", "]I0": "ITF"}


def label_spec(code: str) -> BarcodeSpec:
    """The barcode a label carrying this scan would have: an AIM prefix (]C1, ]d2, ]Q1 ...) picks the
    symbology, and ``<GS>`` (or ``\\x1d``) stands for the GS separator, as in the serial scanner
    simulator's lines. Raises ValueError for a GS1 prefix on data that is not a GS1 code."""
    aim, body = split_aim_prefix(script_line_text(code))
    if aim in _GS1_AIM:
        try:
            message = GS1Message.parse(body, config=ParseConfig(separator_chars=("\x1d",)))
        except ParseError as exc:
            raise ValueError(f"{code} is not a GS1 code ({exc})") from exc
        return BarcodeSpec(message.as_hri(), _GS1_AIM[aim], gs1=True, module=8)
    return BarcodeSpec(body, _PLAIN_AIM.get(aim, "Code128") if aim else "Code128", module=8)


def _label(code: str, width: int) -> Image.Image:
    """A white label with the code's barcode, printed as large as fits `width` (2 to 4 px a module).

    Raises ValueError for a code no such label can carry (see `label_spec`, and what zxing-cpp's writer
    refuses: letters in an EAN, a wrong check digit, too much data)."""
    spec = label_spec(code)
    try:
        if spec.format in ("QRCode", "DataMatrix"):
            symbol = barcode_image(spec)
        else:
            modules = barcode_image(BarcodeSpec(spec.content, spec.format, spec.gs1, module=1)).width
            module = max(2, min(4, width // modules))
            symbol = barcode_image(BarcodeSpec(spec.content, spec.format, spec.gs1, module=module))
    except (ValueError, RuntimeError) as exc:  # zxing-cpp: RuntimeError for text it cannot even convert
        raise ValueError(f"{code} cannot be drawn as a {spec.format} barcode ({exc})") from exc
    label = Image.new("L", (symbol.width + 48, symbol.height + 72), 255)
    label.paste(symbol, (24, 24))
    ImageDraw.Draw(label).text((24, symbol.height + 34), spec.content, fill=0, font=ImageFont.load_default(size=22))
    return label


def product_scene(size: tuple[int, int] = SCENE_SIZE) -> Image.Image:
    """A returns bench seen from above: an opened carton, the returned product with a scratch, a ruler."""
    width, height = size
    scene = Image.new("RGB", size)
    draw = ImageDraw.Draw(scene)
    for y in range(height):  # bench top, lit from above: lighter at the far edge
        shade = int(186 - 36 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, shade - 4, shade - 14))

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (int(x0 * width), int(y0 * height), int(x1 * width), int(y1 * height))

    draw.rectangle(box(0.08, 0.2, 0.55, 0.9), fill=(104, 96, 84))  # the carton's shadow
    draw.rectangle(box(0.06, 0.16, 0.53, 0.86), fill=(193, 150, 96), outline=(120, 86, 48), width=4)
    draw.rectangle(box(0.06, 0.16, 0.53, 0.24), fill=(214, 176, 120))  # the opened flap
    draw.rectangle(box(0.27, 0.16, 0.32, 0.86), fill=(222, 204, 160))  # tape
    draw.rounded_rectangle(box(0.62, 0.14, 0.94, 0.8), radius=28, fill=(40, 44, 52), outline=(18, 18, 22), width=5)
    draw.ellipse(box(0.7, 0.24, 0.86, 0.52), fill=(70, 76, 88), outline=(110, 118, 130), width=4)
    draw.rounded_rectangle(box(0.68, 0.6, 0.88, 0.7), radius=10, fill=(24, 26, 30))
    draw.line([box(0.66, 0.58, 0.79, 0.74)[:2], box(0.66, 0.58, 0.79, 0.74)[2:]], fill=(190, 196, 204), width=3)
    ruler = box(0.06, 0.92, 0.94, 0.97)
    draw.rectangle(ruler, fill=(236, 222, 120), outline=(90, 80, 30), width=2)
    for mark in range(ruler[0], ruler[2], max(1, width // 80)):
        draw.line([(mark, ruler[1]), (mark, ruler[1] + (ruler[3] - ruler[1]) // 2)], fill=(60, 50, 20), width=2)
    draw.text(box(0.09, 0.28, 0, 0)[:2], "RETURN", fill=(96, 62, 30), font=ImageFont.load_default(size=40))
    return scene


class _CameraServer(ThreadingHTTPServer):
    daemon_threads = False  # joined by server_close(), once stop() has ended their connections
    simulator: SnapshotCameraSimulator

    def handle_error(self, request: object, client_address: object) -> None:
        # A station that gave up on an answer (timeout, dark camera) closed its end: not our problem.
        log.debug("camera simulator: a connection ended badly", exc_info=True)


class _SnapshotHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real cameras do
    server: _CameraServer

    def setup(self) -> None:
        super().setup()
        self.server.simulator._connection_opened(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.simulator._connection_closed(self.connection)

    def do_GET(self) -> None:
        self.server.simulator._answer(self)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("camera simulator: " + format, *args)


class SnapshotCameraSimulator:
    """An HTTP snapshot camera on loopback, for tests, the demo and IT.

    `url` is what the station's camera URL should be. `show(code)` holds a label with that code up to
    the lens (for `seconds`, or until `hide()`); `set_fault()` makes it fail. It counts what it served:
    `snapshots_served`, `requests`, `max_in_flight`, and keeps the last JPEGs it sent (`recent_snapshots()`).
    With `user` and `password` it asks for them, by Digest (Axis' default) or `auth="basic"`.
    """

    def __init__(
        self,
        port: int = 0,
        *,
        host: str = "127.0.0.1",
        size: tuple[int, int] = SCENE_SIZE,
        quality: int = 85,
        user: str | None = None,
        password: str = "",
        auth: str = "digest",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if auth not in ("digest", "basic"):
            raise ValueError(f"auth must be 'digest' or 'basic', not {auth!r}")
        self.host = host
        self._port = port
        self.size = size
        self.quality = quality
        self.user = user
        self.password = password
        self.auth = auth
        self._clock = clock
        self._nonce = secrets.token_hex(16)
        self._scene = product_scene(size)
        self._cond = threading.Condition()
        self._fault: CameraFault | None = None
        self._shown: tuple[str, Image.Image] | None = None
        self._shown_until: float | None = None
        self._recent: collections.deque[bytes] = collections.deque(maxlen=64)
        self._connections: set[socket.socket] = set()
        self._finished_handlers: list[threading.Thread] = []  # their connection is closed; joined on request
        self._in_flight = 0
        self._stopping = False
        self.requests = 0
        self.snapshots_served = 0
        self.max_in_flight = 0
        self._server: _CameraServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> Self:
        server = _CameraServer((self.host, self._port), _SnapshotHandler)
        server.simulator = self
        self._server = server
        self._port = server.server_address[1]
        self._stopping = False
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="camera-sim-http", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening, end every connection (a dark request too) and join every thread."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            connections = list(self._connections)
        server.shutdown()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self._port}"

    @property
    def url(self) -> str:
        """The snapshot URL, with the user and password in it when the simulator asks for them."""
        if self.user is None:
            return f"{self.base_url}{SNAPSHOT_PATHS[0]}"
        return f"http://{self.user}:{self.password}@{self.host}:{self._port}{SNAPSHOT_PATHS[0]}"

    # -- what the camera sees, and how it fails --------------------------------------------------

    def show(self, code: str, seconds: float | None = None) -> None:
        """Hold a label with `code` up to the lens (for `seconds`, else until `hide()`)."""
        label = _label(code, int(self.size[0] * 0.55))
        with self._cond:
            self._shown = (code, label)
            self._shown_until = None if seconds is None else self._clock() + seconds

    def hide(self) -> None:
        with self._cond:
            self._shown = None
            self._shown_until = None

    @property
    def showing(self) -> str | None:
        with self._cond:
            shown = self._current_label()
        return shown[0] if shown is not None else None

    def set_fault(self, fault: CameraFault | None) -> None:
        with self._cond:
            self._fault = fault
            self._cond.notify_all()  # a dark request waiting for the light ends

    @property
    def fault(self) -> CameraFault | None:
        return self._fault

    def snapshot(self) -> bytes:
        """One JPEG of what the camera sees now (what a GET answers)."""
        with self._cond:
            shown = self._current_label()
            number = self.snapshots_served + 1
        picture = self._scene.copy()
        if shown is not None:
            label = shown[1]
            x = max(0, int(self.size[0] * 0.3) - label.width // 2)
            y = max(0, int(self.size[1] * 0.55) - label.height // 2)
            picture.paste(label, (x, y))
        draw = ImageDraw.Draw(picture)
        stamp = f"camera simulator  #{number}  {datetime.now().strftime('%H:%M:%S')}"
        draw.rectangle((0, 0, self.size[0], 30), fill=(20, 20, 20))
        draw.text((10, 4), stamp, fill=(240, 240, 240), font=ImageFont.load_default(size=20))
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=self.quality)
        return out.getvalue()

    def recent_snapshots(self) -> list[bytes]:
        """The last JPEGs served, oldest first."""
        with self._cond:
            return list(self._recent)

    @property
    def open_connections(self) -> int:
        with self._cond:
            return len(self._connections)

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until at least `count` requests have arrived in all."""
        with self._cond:
            return self._cond.wait_for(lambda: self.requests >= count, timeout)

    def wait_for_connections(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until exactly `count` connections are open (0: every client has gone), and until the
        threads that served the closed ones have ended (tests check that no thread is left behind)."""
        with self._cond:
            reached = self._cond.wait_for(lambda: len(self._connections) == count, timeout)
            finished, self._finished_handlers = self._finished_handlers, []
        for thread in finished:
            if thread is not threading.current_thread():
                thread.join(timeout)
        return reached

    def describe(self) -> str:
        fault = self._fault.value if self._fault else "ok"
        return (
            f"state={fault} showing={self.showing or '-'} requests={self.requests} "
            f"snapshots={self.snapshots_served} connections={self.open_connections}"
        )

    # -- serving (handler threads) ---------------------------------------------------------------

    def _current_label(self) -> tuple[str, Image.Image] | None:
        if self._shown_until is not None and self._clock() >= self._shown_until:
            self._shown, self._shown_until = None, None
        return self._shown

    def _connection_opened(self, connection: socket.socket) -> None:
        with self._cond:
            self._connections.add(connection)
            self._cond.notify_all()

    def _connection_closed(self, connection: socket.socket) -> None:
        with self._cond:
            self._connections.discard(connection)
            self._finished_handlers.append(threading.current_thread())
            self._cond.notify_all()

    def _answer(self, handler: _SnapshotHandler) -> None:
        with self._cond:
            self.requests += 1
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            self._cond.notify_all()
        try:
            self._respond(handler)
        finally:
            with self._cond:
                self._in_flight -= 1

    def _respond(self, handler: _SnapshotHandler) -> None:
        path = urlsplit(handler.path).path
        if self.user is not None and not self._authorized(handler.headers.get("Authorization", "")):
            challenge = (
                f'Basic realm="{REALM}"'
                if self.auth == "basic"
                else f'Digest realm="{REALM}", qop="auth", nonce="{self._nonce}", algorithm=MD5'
            )
            _send(handler, 401, b"Unauthorized\n", "text/plain", {"WWW-Authenticate": challenge})
            return
        if path == "/":
            page = b"<html><body><h1>Camera simulator</h1><p>Snapshot: /snapshot.jpg</p></body></html>\n"
            _send(handler, 200, page, "text/html; charset=utf-8")
            return
        if path not in SNAPSHOT_PATHS:
            _send(handler, 404, b"Not found\n", "text/plain")
            return
        with self._cond:
            self._cond.wait_for(lambda: self._fault is not CameraFault.DARK or self._stopping)
            fault, stopping = self._fault, self._stopping
        if stopping:
            handler.close_connection = True
            return
        if fault is CameraFault.GARBAGE:
            _send(handler, 200, b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "image/jpeg")
        elif fault is CameraFault.ERROR:
            _send(handler, 503, b"Camera is starting\n", "text/plain")
        else:
            picture = self.snapshot()
            with self._cond:
                self.snapshots_served += 1
                self._recent.append(picture)
            _send(handler, 200, picture, "image/jpeg")

    def _authorized(self, header: str) -> bool:
        scheme, _, rest = header.partition(" ")
        if self.auth == "basic":
            expected = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            return scheme.lower() == "basic" and hmac.compare_digest(rest.strip(), expected)
        if scheme.lower() != "digest":
            return False
        fields = parse_keqv_list(parse_http_list(rest))
        if fields.get("username") != self.user or fields.get("nonce") != self._nonce:
            return False

        def md5(text: str) -> str:
            return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()

        secret = md5(f"{self.user}:{REALM}:{self.password}")
        method = md5(f"GET:{fields.get('uri', '')}")
        if fields.get("qop") == "auth":
            parts = (secret, self._nonce, fields.get("nc", ""), fields.get("cnonce", ""), "auth", method)
            expected = md5(":".join(parts))
        else:
            expected = md5(f"{secret}:{self._nonce}:{method}")
        return hmac.compare_digest(expected, fields.get("response", ""))


def _send(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> None:
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    except OSError:  # the station gave up and closed its end first
        handler.close_connection = True


_SERVE_HELP = """commands on standard input (with --serve):
  show CODE [SECONDS]   hold a label with CODE up to the lens (]C1... GS1-128, ]d2... GS1 DataMatrix,
                        ]Q1... QR, else Code 128), until 'hide' or for SECONDS
  hide                  take the label away
  dark                  take requests and never answer (a hung camera)
  garbage               answer with bytes that are not a picture
  error                 answer HTTP 503 (a camera starting up)
  ok                    back to normal
  status
  quit"""


def _serve_command(camera: SnapshotCameraSimulator, line: str) -> str | None:
    """Apply one console command; returns the reply, or None to quit."""
    words = line.strip().split()
    if not words:
        return ""
    verb, rest = words[0].lower(), words[1:]
    faults = {"dark": CameraFault.DARK, "garbage": CameraFault.GARBAGE, "error": CameraFault.ERROR}
    try:
        if verb in ("quit", "exit"):
            return None
        if verb == "show" and rest:
            seconds = float(rest[1]) if len(rest) > 1 else None
            camera.show(rest[0], seconds)
        elif verb == "hide":
            camera.hide()
        elif verb in faults:
            camera.set_fault(faults[verb])
        elif verb in ("ok", "clear"):
            camera.set_fault(None)
        elif verb != "status":
            return f"unknown command {line.strip()!r}\n{_SERVE_HELP}"
    except ValueError as exc:
        return f"error: {exc}"
    return camera.describe()


def serve(args: argparse.Namespace) -> int:
    width, _, height = str(args.size).partition("x")
    camera = SnapshotCameraSimulator(
        args.port,
        host=args.host,
        size=(int(width), int(height)),
        user=args.user,
        password=args.password,
        auth=args.auth,
    )
    try:
        camera.start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    try:
        if args.show:
            try:
                camera.show(args.show)
            except ValueError as exc:  # not a code a label can carry
                print(f"--show: {exc}", file=sys.stderr)
                return 2
        run_console(
            lambda line: _serve_command(camera, line),
            read_stdin=not args.no_stdin,
            announce=[f"camera simulator serving snapshots at {camera.url}", camera.describe()],
            serve_after_input=True,
        )
    finally:
        camera.stop()
    return 0


# -- command line ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devices.simulators camera",
        description="Simulated camera: decode image files or generated barcodes with the station's "
        "decoder settings and print what was read. Without --image or --generate, plays the built-in "
        "set of warehouse barcodes in every look (straight, rotated, noisy, blurred). With --serve, an "
        "HTTP snapshot camera instead, for the station's camera URL.",
        epilog=_SERVE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serving = parser.add_argument_group("HTTP snapshot camera (--serve)")
    serving.add_argument("--serve", action="store_true", help="serve JPEG snapshots over HTTP until quit or SIGTERM")
    serving.add_argument("--host", default="127.0.0.1")
    serving.add_argument("--port", type=int, default=8080, help="TCP port; 0 picks a free one (default 8080)")
    serving.add_argument("--size", default="1280x720", help="picture size WIDTHxHEIGHT (default 1280x720)")
    serving.add_argument("--show", help="start with a label carrying this code in view")
    serving.add_argument("--user", help="ask for this user name (and --password)")
    serving.add_argument("--password", default="", help="the password --user must give")
    serving.add_argument("--auth", choices=["digest", "basic"], default="digest", help="how --user is asked for")
    serving.add_argument("--no-stdin", action="store_true", help="ignore standard input; run until SIGTERM/Ctrl-C")
    parser.add_argument("--image", nargs="*", type=Path, default=[], help="image files to decode")
    parser.add_argument("--generate", action="append", default=[], help="barcode content to draw (repeatable)")
    parser.add_argument("--format", default="Code128", help="zxing-cpp format for --generate (QRCode, DataMatrix ...)")
    parser.add_argument("--gs1", action="store_true", help="--generate content is GS1 HRI, e.g. (01)...(21)...")
    parser.add_argument("--rotate", type=float, default=0.0, help="degrees to rotate generated frames")
    parser.add_argument("--blur", type=float, default=0.0, help="Gaussian blur radius for generated frames")
    parser.add_argument("--noise", type=float, default=0.0, help="noise standard deviation in grey levels")
    parser.add_argument("--save", type=Path, help="also write each frame as PNG into this folder")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.serve:
        return serve(args)
    labelled: list[tuple[str, Frame]] = [
        (str(path), frame) for path, frame in zip(args.image, frames_from_files(args.image), strict=True)
    ]
    if args.generate:
        look = FrameLook("custom", angle=args.rotate, blur=args.blur, noise=args.noise)
        rng = random.Random(1)
        for content in args.generate:
            code = barcode_image(BarcodeSpec(content, args.format, gs1=args.gs1))
            labelled.append((content, Frame(compose_frame(code, look, rng=rng))))
    if not labelled:
        labelled = [(f"{g.spec.format} {g.spec.content!r}, {g.look.name}", g.frame) for g in generated_frames()]
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
    settings = DecodeSettings()
    failures = 0
    for index, (label, frame) in enumerate(labelled):
        if args.save is not None:
            Image.fromarray(np.asarray(frame.image)).save(args.save / f"frame-{index:03d}.png")
        started = time.perf_counter()
        results: list[Scan | ScanRejected] = decode_frame(frame, settings)
        elapsed_ms = (time.perf_counter() - started) * 1000
        if not results:
            failures += 1
            print(f"{label}: nothing read ({elapsed_ms:.1f} ms)")
        for result in results:
            if isinstance(result, Scan):
                print(f"{label}: {result.kind.value} {result.text!r} [{result.symbology}] ({elapsed_ms:.1f} ms)")
            else:
                print(f"{label}: rejected: {result.message} ({elapsed_ms:.1f} ms)")
    print(f"{len(labelled) - failures} of {len(labelled)} frames read", file=sys.stderr)
    return 0 if failures == 0 else 1
