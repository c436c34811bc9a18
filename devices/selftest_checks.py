"""Self-test checks for the configured devices: is each port a port this machine can open, is each printer there?

Each check has a ``name`` and a ``run()`` that returns a one-line summary or raises an `OSError`
(`FileNotFoundError`, `PermissionError`, `ConnectionError`) or `ValueError` whose text IT can act on,
which is all ``returns-station --self-test`` asks of a check (this layer knows nothing of the runner).
Serial ports are checked with ``serial.serial_for_url(..., do_not_open=True)`` (the URL is one
pyserial understands), then for presence and permission without opening them, so a scanner in use
by a running station is not disturbed. Network devices (``tcp://`` printers,
``llrp://`` readers, ``socket://`` serial bridges) get one TCP connection, closed at once. The camera
(an HTTP snapshot URL) is asked for one picture, which must be a JPEG or PNG picture.
"""

from __future__ import annotations

import os
import socket
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

import serial
from serial.tools import list_ports

from devices.scanning.http_camera import (
    CameraError,
    CameraTimedOut,
    CameraUnreachable,
    HttpSnapshotCamera,
    SnapshotCameraSettings,
)

CONNECT_TIMEOUT_S = 2.0
DEFAULT_PORTS = {"tcp": 9100, "llrp": 5084}
NETWORK_SCHEMES = frozenset({"tcp", "llrp"})


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    if not parts.hostname or port is None:
        raise ValueError(f"{url!r} does not name host:port")
    return parts.hostname, port


def _connect(role: str, url: str) -> str:
    host, port = _address(url)
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ConnectionError(
            f"{role} not reachable at {host}:{port} ({reason}): check that it is switched on and on the network"
        ) from None
    return f"answers at {host}:{port}"


def _serial(role: str, url: str) -> str:
    try:
        port = serial.serial_for_url(url, do_not_open=True)
    except (ValueError, serial.SerialException) as exc:
        raise ValueError(f"{role} port {url!r} is not one this station can open: {exc}") from None
    del port  # never opened: nothing to close
    if "://" in url:
        scheme = url.partition("://")[0].lower()
        if scheme in ("socket", "rfc2217"):
            return _connect(role, url)
        return f"{url} (pyserial {scheme} URL)"
    if sys.platform == "win32":
        known = {info.device.upper() for info in list_ports.comports()}
        if url.upper().removeprefix("\\\\.\\") not in known:
            raise FileNotFoundError(f"{role} not found at {url}: check the cable (ports present: {sorted(known)})")
        return f"{url} present"
    if not os.path.exists(url):
        raise FileNotFoundError(f"{role} not found at {url}: check the cable, or the port name in station.toml")
    if not os.access(url, os.R_OK | os.W_OK):
        raise PermissionError(
            f"no permission to open {url}: add the station's user to the group that owns it (usually 'dialout')"
        )
    return f"{url} present"


@dataclass(frozen=True, slots=True)
class DevicePortCheck:
    """One configured device: an empty URL means the station has no such device."""

    name: str
    url: str

    def run(self) -> str:
        if not self.url:
            return "none configured"
        scheme = self.url.partition("://")[0].lower() if "://" in self.url else ""
        if scheme in NETWORK_SCHEMES:
            return _connect(self.name, self.url)
        return _serial(self.name, self.url)


@dataclass(frozen=True, slots=True)
class CameraCheck:
    """The HTTP snapshot camera: one picture, checked as the station checks its photos."""

    name: str
    url: str

    def run(self) -> str:
        if not self.url:
            return "none configured"
        camera = HttpSnapshotCamera(SnapshotCameraSettings(self.url))  # ValueError: not an http(s) URL
        try:
            shot = camera.capture()
        except (CameraUnreachable, CameraTimedOut) as exc:
            raise ConnectionError(str(exc)) from None
        except CameraError as exc:
            raise ValueError(str(exc)) from None
        kind = shot.content_type.removeprefix("image/").upper()
        return f"answers at {camera.address} with a {shot.width}×{shot.height} {kind} picture"


def device_checks(
    *, scanner: str = "", rfid: str = "", printer: str = "", camera: str = ""
) -> list[DevicePortCheck | CameraCheck]:
    """The checks for the station's scanner, RFID reader, label printer and camera, in that order."""
    return [
        DevicePortCheck("Scanner", scanner),
        DevicePortCheck("RFID reader", rfid),
        DevicePortCheck("Label printer", printer),
        CameraCheck("Camera", camera),
    ]
