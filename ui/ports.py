"""What the screens need from parts outside ui/ and app/, as small protocols.

The composition root hands real implementations in (the device manager, the sync worker's
control, the label previewer, the demo's scanner simulator); a station without one of them still
runs, and the screens say what is missing instead of failing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from app.domain.model import Operator
from app.services.values import LabelTemplate
from devices.manager import DeviceCheck, DeviceStatus
from ui.device_setup import AppliedDevices, DeviceAddresses


class Simulated(enum.Enum):
    CENTRAL = "central"
    PRINTER = "printer"
    SCANNER = "scanner"
    RFID_READER = "rfid_reader"
    CAMERA = "camera"


class Missing(enum.Enum):
    """A part this station runs without; the demo panel says so."""

    RFID_READER = "rfid_reader"
    CENTRAL_SERVER = "central_server"
    LABEL_PRINTER = "label_printer"
    SCANNER = "scanner"


class Connectivity(enum.Enum):
    ONLINE = "online"
    DEGRADED = "degraded"  # reachable, but slow or failing now and then
    OFFLINE = "offline"
    NOT_ENROLLED = "not_enrolled"
    UNKNOWN = "unknown"  # no sync worker is running


@dataclass(frozen=True, slots=True)
class SyncView:
    """The sync worker's state as the status bar and the Sync screen show it."""

    connectivity: Connectivity
    reason: str = ""  # why offline, in words for the operator ("Central did not answer: ...")
    last_success_at: str | None = None
    pushing: bool = False
    pulling: bool = False


ProgressCallback = Callable[[int, int], None]


class SyncControl(Protocol):
    """The station's link to central (implemented over sync/'s worker)."""

    def view(self) -> SyncView: ...

    def sync_now(self) -> None:
        """Wake the worker: push now, do not wait for the next timer."""

    def pull_reference(self, progress: ProgressCallback) -> int:
        """Pull every reference feed now; returns how many items changed. Blocking: run off the GUI thread."""

    def enroll(self, operator: Operator, central_url: str, enrollment_code: str, station_id: str) -> str:
        """Enroll this station with central; returns a confirmation for the operator. Blocking.

        Refused (`PermissionDenied`) unless `operator` is an admin: it writes the station's credential.
        """


class DeviceControl(Protocol):
    """The configured devices (devices.manager.StationDevices fits as it is)."""

    def statuses(self) -> list[DeviceStatus]: ...

    def test(self, device_id: str, timeout: float = 10.0) -> DeviceCheck: ...

    def reconnect(self, device_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class CameraPhoto:
    """A still from the station's camera, kept exactly as the camera sent it."""

    content: bytes
    content_type: str  # image/jpeg or image/png
    width: int
    height: int


class StillCamera(Protocol):
    """The station's camera, for inspection photos (over devices/' HTTP snapshot camera)."""

    @property
    def device_id(self) -> str: ...

    def take_photo(self) -> CameraPhoto:
        """One picture now. Blocking (a few seconds at most): run off the GUI thread. Raises a
        `StationError` in the inspector's words when the camera gives none."""


class DeviceSetup(Protocol):
    """Changed device addresses applied to the running station (ui/device_setup.py's `LiveDevices`)."""

    def apply(self, wanted: DeviceAddresses) -> AppliedDevices:
        """Reconnect the devices whose address changed. Blocking: run off the GUI thread."""


class RestartControl(Protocol):
    """Quit and start the station again (ui/restart.py), for settings only a fresh start applies."""

    def restart(self) -> None: ...


class LabelPreviews(Protocol):
    def preview_png(self, template: LabelTemplate, fields: Mapping[str, str]) -> bytes:
        """The label drawn from the label model, as PNG bytes."""


class DemoControl(Protocol):
    """Demo mode's simulators: a scanner to scan with, a printer to jam, a central server to unplug."""

    def inject(self, text: str) -> None:
        """Send `text` as the simulated scanner would, over its serial line."""

    def set_printer_out_of_labels(self, out: bool) -> None: ...

    def set_tag_in_field(self, present: bool) -> None:
        """Put a product's RFID tag in (or take it out of) the simulated reader's field."""

    def set_central_reachable(self, reachable: bool) -> None:
        """Stop or restart the central server simulator (blocking: run off the GUI thread)."""

    def show_to_camera(self, code: str) -> None:
        """Hold a label with `code` up to the simulated camera for a few seconds."""

    def addresses(self) -> Mapping[Simulated, str]:
        """Where each simulator listens (a URL or a device path)."""


@dataclass(frozen=True, slots=True)
class Ports:
    sync: SyncControl | None = None
    devices: DeviceControl | None = None
    previews: LabelPreviews | None = None
    demo: DemoControl | None = None
    camera: StillCamera | None = None
    device_setup: DeviceSetup | None = None
    restart: RestartControl | None = None
    serial_ports: Callable[[], Sequence[str]] = tuple
    missing: Sequence[Missing] = field(default=())
