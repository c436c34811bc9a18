"""An HTTP snapshot camera: the interface IP cameras and document cameras have in common.

A snapshot camera answers every GET of one URL with one picture (Axis ``/axis-cgi/jpg/image.cgi``,
Hikvision ``/ISAPI/Streaming/channels/101/picture``, a document camera's capture URL). The station
uses one in two ways:

- as a `FrameSource` for `CameraScanner`: pictures are fetched one at a time over a keep-alive
  connection at a modest rate (4 a second by default), decoded to greyscale with Pillow and handed to
  the decoder (one decode a picture: the one that checks it is whole also makes the frame). The next
  picture is asked for only after the last one was handed over, so there is never more than one
  request in flight and never a backlog; a frame the decoder is too busy for is dropped (and counted)
  by the decoder, as with any frame source;
- as a still camera for inspection photos: `capture()` returns the picture's bytes exactly as the
  camera sent them (JPEG or PNG), after checking that they are one whole picture of a sensible size.

It is also the station `Device` of kind CAMERA that `StationDevices` keeps: READY while pictures come,
FAULT while the camera answers but not with a picture (a wrong URL path, a wrong password, an error
page), and lost (the manager reconnects with backoff) when it cannot be reached or stops answering.
Without a frame sink attached it still asks for a picture every few seconds, so its state stays true.

Every failure is a `CameraError` raised with a `Phrase` (devices/phrases.py) that says what happened in
words an inspector or IT can act on; `said(error)` gives it back, for the screens to translate.
Credentials go in the URL (``http://user:password@camera/...``); they are sent as Digest when the
camera asks for Digest (Axis' default) and as Basic otherwise, and never appear in a message or log.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import threading
import time
import warnings
from collections.abc import Callable, Generator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
from PIL import Image

from devices.events import Scan, ScanRejected
from devices.manager import CONNECTED, DeviceCheck, DeviceKind, DeviceReports, DeviceState, DeviceUnavailable
from devices.phrases import QT_TRANSLATE_NOOP, Phrase, said
from devices.scanning.camera import CameraScanner, Frame, FrameSink

log = logging.getLogger(__name__)

MAX_PICTURE_BYTES = 15 * 1024 * 1024  # the station's own limit for a stored photo
PICTURE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


# -- errors -------------------------------------------------------------------------------------------


class CameraError(Exception):
    """The camera did not deliver a picture; raised with a `Phrase` saying why, for an inspector or IT
    (`said(error)` gives it back, `str(error)` is its English)."""


class CameraUnreachable(CameraError, DeviceUnavailable):
    """No connection to the camera (switched off, wrong address, network down, connection dropped)."""


class CameraTimedOut(CameraError, DeviceUnavailable):
    """The camera took the request but sent no whole picture in time."""


class CameraRefused(CameraError):
    """The camera answered with an HTTP error instead of a picture (wrong path, password, camera busy)."""


class NotAPicture(CameraError):
    """The camera answered, but with something that is not a JPEG or PNG picture."""


class PictureTooLarge(CameraError):
    """The picture is larger than the station keeps (`max_bytes`)."""


# -- values -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnapshotCameraSettings:
    """Where the camera is and how the station talks to it."""

    url: str  # http(s)://[user:password@]host[:port]/path[?query]
    device_id: str = "camera"
    frame_interval: float = 0.25  # seconds between pictures while a decoder takes frames (4 a second)
    idle_interval: float = 2.0  # seconds between pictures otherwise, and while the camera is in fault
    connect_timeout: float = 2.0
    read_timeout: float = 3.0  # for the whole picture, not only for each piece of it
    max_bytes: int = MAX_PICTURE_BYTES
    min_width: int = 160  # smaller is a placeholder ("no signal" icon), not a camera picture
    min_height: int = 120


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One picture as the camera delivered it."""

    content: bytes  # the bytes exactly as sent: stored as the inspection photo
    content_type: str  # "image/jpeg" or "image/png", from the bytes themselves, not the camera's header
    width: int
    height: int
    elapsed: float = 0.0  # seconds from asking to having the whole picture


@dataclass(frozen=True, slots=True)
class SnapshotCounts:
    pictures: int = 0  # pictures fetched and checked
    failures: int = 0  # requests that gave no picture


def camera_address(url: str) -> str:
    """The camera's host[:port], for messages: never the credentials, path or query of its URL."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


class _CameraAuth(httpx.Auth):
    """The URL's user and password: Digest when the camera asks for Digest, else Basic."""

    def __init__(self, username: str, password: str) -> None:
        self._digest = httpx.DigestAuth(username, password)
        self._basic = httpx.BasicAuth(username, password)
        self._basic_wanted = False

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._basic_wanted:
            yield from self._basic.auth_flow(request)
            return
        digest = self._digest.auth_flow(request)
        outgoing = next(digest)
        while True:
            response = yield outgoing
            try:
                outgoing = digest.send(response)
            except StopIteration:
                break
        challenges = [value.lower() for value in response.headers.get_list("www-authenticate")]
        if response.status_code == 401 and any(value.startswith("basic") for value in challenges):
            self._basic_wanted = True
            yield from self._basic.auth_flow(request)


# -- the camera ---------------------------------------------------------------------------------------


class HttpSnapshotCamera:
    """A snapshot camera over HTTP: the station `Device` (kind CAMERA), a `FrameSource`, and still capture.

    `open()`/`close()`/`test()` are for `StationDevices`; `start(sink)`/`stop()` for `CameraScanner`;
    `capture()` for inspection photos (from any thread; it waits for a frame request in flight).
    """

    kind = DeviceKind.CAMERA

    def __init__(
        self,
        settings: SnapshotCameraSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        parts = urlsplit(settings.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{settings.url!r} is not a camera URL (expected http://host/path)")
        self.settings = settings
        self._transport = transport
        self._clock = clock
        netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        if parts.port:
            netloc += f":{parts.port}"
        self._url = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        self._auth: httpx.Auth | None = None
        if parts.username is not None:
            self._auth = _CameraAuth(unquote(parts.username), unquote(parts.password or ""))
        self.address = camera_address(settings.url)
        self._request_lock = threading.Lock()  # one request at a time: cheap cameras serve one well
        self._state = threading.Condition()
        self._client: httpx.Client | None = None
        self._poller: _Poller | None = None
        self._sink: FrameSink | None = None
        self._counts = SnapshotCounts()

    @property
    def device_id(self) -> str:
        return self.settings.device_id

    @property
    def counts(self) -> SnapshotCounts:
        with self._state:
            return self._counts

    # -- Device ---------------------------------------------------------------------------------

    def open(self, reports: DeviceReports) -> None:
        """Connect and take one picture; raises `CameraUnreachable`/`CameraTimedOut` when that fails.

        A camera that answers with something else than a picture opens in FAULT (reported), and keeps
        being asked, so the state turns READY by itself once someone fixes it.
        """
        self.close()
        client = self._new_client()
        fault: str | None = None
        try:
            self._fetch(client)
        except (CameraUnreachable, CameraTimedOut):
            client.close()
            raise
        except CameraError as problem:
            fault = said(problem)
            reports.report(DeviceState.FAULT, fault)  # else the manager says the camera is connected
        poller = _Poller(self, client, reports, fault=fault)
        with self._state:
            self._client = client
            self._poller = poller
        poller.start()

    def close(self) -> None:
        with self._state:
            poller, self._poller = self._poller, None
            client, self._client = self._client, None
            self._state.notify_all()
        if poller is not None:
            poller.stop()
            poller.join(self.settings.connect_timeout + self.settings.read_timeout + 1.0)
        if client is not None:
            # Only once no request is in flight on it (the poller's or a still's): a connection closed
            # under a request in flight would be left open by the pool.
            with self._request_lock:
                client.close()

    def test(self, timeout: float) -> DeviceCheck:
        """ "Test": take one picture and say what came back."""
        try:
            shot = self.capture()
        except CameraError as problem:
            return DeviceCheck(False, said(problem))
        works = QT_TRANSLATE_NOOP(
            "Devices", "Camera OK: a {width}×{height} {kind} picture of {size} in {milliseconds:.0f} ms."
        )
        return DeviceCheck(
            True,
            Phrase(
                works,
                width=shot.width,
                height=shot.height,
                kind=shot.content_type.removeprefix("image/").upper(),
                size=_size_text(len(shot.content)),
                milliseconds=shot.elapsed * 1000,
            ),
        )

    # -- FrameSource ----------------------------------------------------------------------------

    def start(self, sink: FrameSink) -> None:
        """Hand every picture to `sink` from now on (while the camera is open)."""
        with self._state:
            self._sink = sink
            self._state.notify_all()

    def stop(self) -> None:
        with self._state:
            self._sink = None
            self._state.notify_all()

    # -- stills ---------------------------------------------------------------------------------

    def capture(self) -> Snapshot:
        """One picture, as the camera sent it. Blocking (at most about `read_timeout`); any thread."""
        with self._state:
            client = self._client
        if client is not None:
            try:
                return self._fetch(client)
            except CameraUnreachable:
                # The poller's connection may just have been closed for a reconnect: one fresh try.
                with self._state:
                    if self._client is client:
                        raise
        with self._new_client() as temporary:
            return self._fetch(temporary)

    # -- internals ------------------------------------------------------------------------------

    def _new_client(self) -> httpx.Client:
        timeout = httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout)
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        return httpx.Client(
            auth=self._auth,
            timeout=timeout,
            limits=limits,
            transport=self._transport,
            headers={"Accept": "image/jpeg, image/png;q=0.9"},
            follow_redirects=True,
            trust_env=False,  # a camera is on the local network: no proxy from the environment
        )

    def _fetch(self, client: httpx.Client) -> Snapshot:
        """GET one picture and check it; every failure becomes a `CameraError` (and is counted)."""
        return self._take(client, frame=False)[0]

    def _take(self, client: httpx.Client, *, frame: bool) -> tuple[Snapshot, Frame | None]:
        """`_fetch`, and with `frame` also the picture as a greyscale frame for the decoder, from the
        same decode that checked it (a frame is the one thing decoded from each picture)."""
        try:
            with self._request_lock:
                started = self._clock()
                if client.is_closed:  # closed for a reconnect meanwhile: the caller may try a new one
                    closed = QT_TRANSLATE_NOOP("Devices", "The connection to the camera at {address} was closed.")
                    raise CameraUnreachable(Phrase(closed, address=self.address))
                content, declared = self._download(client, started)
            content_type, width, height, grey = self._checked(content, declared, grey=frame)
        except CameraError:
            with self._state:
                self._counts = dataclasses.replace(self._counts, failures=self._counts.failures + 1)
            raise
        with self._state:
            self._counts = dataclasses.replace(self._counts, pictures=self._counts.pictures + 1)
        snapshot = Snapshot(content, content_type, width, height, self._clock() - started)
        return snapshot, (Frame(grey, captured_at=time.monotonic()) if grey is not None else None)

    def _download(self, client: httpx.Client, started: float) -> tuple[bytes, str]:
        settings = self.settings
        deadline = started + settings.connect_timeout + settings.read_timeout
        try:
            with client.stream("GET", self._url) as response:
                if response.status_code != 200:
                    raise self._refused(response)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > settings.max_bytes:
                    raise self._too_large(int(declared))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > settings.max_bytes:
                        raise self._too_large(len(body))
                    if self._clock() > deadline:  # a camera trickling bytes must not hold the station
                        raise httpx.ReadTimeout("the whole picture took too long")
                return bytes(body), response.headers.get("content-type", "")
        except httpx.ConnectTimeout:
            silent = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} cannot be reached (no answer within {seconds:g} s): check that it is "
                "switched on, plugged into the network, and that the camera URL in Settings is right.",
            )
            raise CameraUnreachable(Phrase(silent, address=self.address, seconds=settings.connect_timeout)) from None
        except httpx.TimeoutException:
            slow = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} did not send a picture within {seconds:g} s: check that it is switched on "
                "and not busy.",
            )
            raise CameraTimedOut(Phrase(slow, address=self.address, seconds=settings.read_timeout)) from None
        except httpx.ConnectError as exc:
            unreachable = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} cannot be reached ({reason}): check that it is switched on, plugged into "
                "the network, and that the camera URL in Settings is right.",
            )
            raise CameraUnreachable(Phrase(unreachable, address=self.address, reason=_reason(exc))) from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            broke_off = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} broke off the connection ({reason}): check its network cable and power.",
            )
            raise CameraUnreachable(Phrase(broke_off, address=self.address, reason=_reason(exc))) from None
        except httpx.HTTPError as exc:  # anything else httpx raises (a redirect loop, a bad redirect target)
            no_picture = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} did not answer with a picture ({reason}): check the camera URL in Settings.",
            )
            raise CameraRefused(Phrase(no_picture, address=self.address, reason=_reason(exc))) from None

    def _refused(self, response: httpx.Response) -> CameraRefused:
        code = response.status_code
        if code in (401, 403):
            if self._auth is not None:
                refused = QT_TRANSLATE_NOOP(
                    "Devices",
                    "The camera at {address} refused the station (HTTP {code}): check the user name and password in "
                    "the camera URL (http://user:password@camera/...).",
                )
            else:
                refused = QT_TRANSLATE_NOOP(
                    "Devices",
                    "The camera at {address} refused the station (HTTP {code}): it wants a user name and password: "
                    "put them in the camera URL (http://user:password@camera/...).",
                )
            return CameraRefused(Phrase(refused, address=self.address, code=code))
        if code == 404:
            no_such = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} has no picture at that address (HTTP 404): check the path of the camera URL "
                "(for an Axis camera /axis-cgi/jpg/image.cgi).",
            )
            return CameraRefused(Phrase(no_such, address=self.address))
        # The code with the camera's own words, if it sent any: "503 Service Unavailable".
        status = f"{code} {response.reason_phrase}" if response.reason_phrase else str(code)
        if code >= 500:
            faulty = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} reported a fault (HTTP {status}) instead of a picture: it may be starting "
                "up; if it stays so, restart the camera.",
            )
            return CameraRefused(Phrase(faulty, address=self.address, status=status))
        other = QT_TRANSLATE_NOOP(
            "Devices", "The camera at {address} answered HTTP {status} instead of a picture: check the camera URL."
        )
        return CameraRefused(Phrase(other, address=self.address, status=status))

    def _too_large(self, size: int) -> PictureTooLarge:
        too_large = QT_TRANSLATE_NOOP(
            "Devices",
            "The camera at {address} sent a picture of {size}, more than the {limit} the station keeps: set the "
            "camera to a lower resolution or a higher JPEG compression.",
        )
        return PictureTooLarge(
            Phrase(too_large, address=self.address, size=_size_text(size), limit=_size_text(self.settings.max_bytes))
        )

    def _checked(
        self, content: bytes, declared: str, *, grey: bool = False
    ) -> tuple[str, int, int, Image.Image | None]:
        """The picture's type and size, having decoded it all: a cut-off JPEG is not a photo.

        With `grey`, also the picture in greyscale for the decoder, from that same decode: a JPEG is then
        decoded in draft mode, luminance only (much faster, and a cut-off one still fails the same way).
        """
        what = declared.partition(";")[0].strip() or QT_TRANSLATE_NOOP("Devices", "no content type")
        if not content:
            empty = QT_TRANSLATE_NOOP(
                "Devices", "The camera at {address} answered with nothing ({what}) instead of a picture."
            )
            raise NotAPicture(Phrase(empty, address=self.address, what=what))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(content)) as image:
                    kind = image.format or ""
                    width, height = image.size
                    if grey and kind == "JPEG":
                        image.draft("L", image.size)
                    image.load()
                    frame = image.convert("L") if grey and kind in PICTURE_TYPES else None
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            garbage = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} answered with something that is not a picture ({what}, {size}): check that "
                "the camera URL is its snapshot address (for an Axis camera http://camera/axis-cgi/jpg/image.cgi).",
            )
            raise NotAPicture(Phrase(garbage, address=self.address, what=what, size=_size_text(len(content)))) from None
        if kind not in PICTURE_TYPES:
            other_kind = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} sent a {kind} picture; the station keeps JPEG or PNG: set the camera to JPEG "
                "snapshots.",
            )
            raise NotAPicture(Phrase(other_kind, address=self.address, kind=kind))
        if width < self.settings.min_width or height < self.settings.min_height:
            tiny = QT_TRANSLATE_NOOP(
                "Devices",
                "The camera at {address} sent a picture of only {width}×{height} pixels: it may have no picture to "
                "give (lens covered, sensor off), or it is set to a tiny resolution.",
            )
            raise NotAPicture(Phrase(tiny, address=self.address, width=width, height=height))
        return PICTURE_TYPES[kind], width, height, frame

    def _sink_now(self) -> FrameSink | None:
        with self._state:
            return self._sink


class ScanningCamera:
    """The station's camera as one `Device`: the snapshot camera, and a decoder reading codes from its pictures.

    The device manager opens, closes and tests it like any device; while it is open its pictures go to
    a `CameraScanner` and every code read goes to `on_scan` (the UI's bridge). `capture()` takes a
    still for an inspection photo.
    """

    kind = DeviceKind.CAMERA

    def __init__(self, camera: HttpSnapshotCamera, on_scan: Callable[[Scan | ScanRejected], None]) -> None:
        self.camera = camera
        self.decoder = CameraScanner(on_scan, source=camera, device_id=camera.device_id)

    @property
    def device_id(self) -> str:
        return self.camera.device_id

    def open(self, reports: DeviceReports) -> None:
        self.camera.open(reports)
        self.decoder.start()

    def close(self) -> None:
        self.decoder.close()
        self.camera.close()

    def test(self, timeout: float) -> DeviceCheck:
        return self.camera.test(timeout)

    def capture(self) -> Snapshot:
        return self.camera.capture()


class _Poller:
    """One connection's picture loop, on its own thread; reports the camera's state as it changes."""

    def __init__(
        self, camera: HttpSnapshotCamera, client: httpx.Client, reports: DeviceReports, *, fault: str | None
    ) -> None:
        self._camera = camera
        self._client = client
        self._reports = reports
        self._fault = fault  # the fault message last reported, None while pictures come
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"camera-{camera.device_id}-poll", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        camera = self._camera
        with camera._state:
            camera._state.notify_all()

    def join(self, timeout: float) -> None:
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        camera = self._camera
        self._pause(camera._clock())  # open() has just taken a picture
        while not self._stopping.is_set():
            started = camera._clock()
            sink = camera._sink_now()
            try:
                _, frame = camera._take(self._client, frame=sink is not None)
            except (CameraUnreachable, CameraTimedOut) as lost:
                if not self._stopping.is_set():
                    log.warning("%s", lost)
                    self._reports.lost(lost)
                return
            except CameraError as problem:
                fault = said(problem)
                if not self._stopping.is_set() and fault != self._fault:
                    self._fault = fault
                    self._reports.report(DeviceState.FAULT, fault)
            else:
                if self._fault is not None:
                    self._fault = None
                    self._reports.report(DeviceState.READY, CONNECTED)
                if sink is not None and frame is not None:
                    sink(frame)  # False when its decoder is busy: the decoder counts the dropped frame
            self._pause(started)

    def _pause(self, started: float) -> None:
        """Wait until the next picture is due: soon while a decoder takes frames, else (and while the
        camera is in fault) every `idle_interval`. A decoder attached meanwhile, or stop, ends the wait."""
        camera = self._camera
        settings = camera.settings
        with camera._state:
            idle = camera._sink is None

            def due() -> bool:
                return self._stopping.is_set() or (idle and camera._sink is not None)

            decoding = not idle and self._fault is None
            interval = settings.frame_interval if decoding else settings.idle_interval
            delay = started + interval - camera._clock()
            if delay > 0:
                camera._state.wait_for(due, delay)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    # httpx passes on the OS's words, e.g. "[Errno 111] Connection refused": keep the words.
    if text.startswith("[Errno") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text or type(exc).__name__


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} kB"
