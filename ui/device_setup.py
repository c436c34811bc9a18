"""Device addresses applied to the running station: a scanner, printer or RFID reader changed in Settings works at once.

The composition root builds the first devices and hands `LiveDevices` the same builders, so an
address changed on the Settings screen becomes a device exactly as a start would make it. For each
kind whose address changed, the old device is closed and removed from the device manager
(`StationDevices`), and the new one is added and connected in the background (with the manager's
usual backoff while it is not there yet). For the label printer the core's printer is swapped too,
so the next label goes to the new printer. A kind without a builder here (the camera, until its
builder is handed in) is reported as applying at the next start.

`apply()` blocks while old devices close (a reader thread is joined): run it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from devices.manager import Device, DeviceKind, StationDevices

if TYPE_CHECKING:
    from devices.printing.spool import LabelPrinterDevice
    from ui.core import StationCore
    from ui.preferences import Preferences

log = logging.getLogger(__name__)

EventSink = Callable[[Any], None]  # the device bridge's post(): scans, tag reads, printer and device states
_ORDER = (DeviceKind.SCANNER, DeviceKind.PRINTER, DeviceKind.RFID_READER, DeviceKind.CAMERA)  # DeviceAddresses'


@dataclass(frozen=True, slots=True)
class DeviceAddresses:
    """Where the station's devices are; an empty address means the station has none of that kind."""

    scanner: str = ""
    printer: str = ""
    rfid: str = ""
    camera: str = ""

    @classmethod
    def of(cls, preferences: Preferences) -> DeviceAddresses:
        return cls(preferences.scanner_port, preferences.printer_url, preferences.rfid_url, preferences.camera_url)

    def get(self, kind: DeviceKind) -> str:
        return {
            DeviceKind.SCANNER: self.scanner,
            DeviceKind.PRINTER: self.printer,
            DeviceKind.RFID_READER: self.rfid,
            DeviceKind.CAMERA: self.camera,
        }[kind]


@dataclass(frozen=True, slots=True)
class AppliedDevices:
    """What `apply()` did: kinds reconnected (or removed) now, kinds that take effect at the next start."""

    now: tuple[DeviceKind, ...] = ()
    at_next_start: tuple[DeviceKind, ...] = ()


def serial_scanner(url: str, on_event: EventSink) -> Device:
    """The serial barcode scanner at `url` (a device path or a pyserial URL)."""
    from devices.scanning.serial_scanner import (  # noqa: PLC0415 - loaded when a scanner is set up, not at start
        SerialScanner,
        SerialScannerSettings,
    )

    return SerialScanner(SerialScannerSettings(url=url, device_id="scanner"), on_event)


@dataclass(frozen=True, slots=True)
class DeviceBuilders:
    """How the composition root turns an address into a device (the functions it starts the station with)."""

    printer: Callable[[str], LabelPrinterDevice | None]
    rfid: Callable[[str, EventSink], Any]
    scanner: Callable[[str, EventSink], Device] = serial_scanner
    camera: Callable[[str, EventSink], Device] | None = None  # hook: the camera applies at the next start until set


class LiveDevices:
    """The station's device addresses, changed while it runs."""

    def __init__(
        self,
        devices: StationDevices,
        builders: DeviceBuilders,
        *,
        core: StationCore,
        on_event: EventSink,
        addresses: DeviceAddresses,
    ) -> None:
        self._devices = devices
        self._builders = builders
        self._core = core  # the core prints through the printer set here
        self._on_event = on_event
        self._lock = threading.Lock()  # one apply at a time
        self.addresses = addresses

    def apply(self, wanted: DeviceAddresses) -> AppliedDevices:
        """Reconnect every device whose address changed. Blocking: off the GUI thread."""
        with self._lock:
            now: list[DeviceKind] = []
            later: list[DeviceKind] = []
            for kind in _ORDER:
                address = wanted.get(kind)
                if address == self.addresses.get(kind):
                    continue
                if kind is DeviceKind.CAMERA and self._builders.camera is None:
                    later.append(kind)
                    continue
                self._replace(kind, address)
                now.append(kind)
            self.addresses = DeviceAddresses(
                *(wanted.get(k) if k not in later else self.addresses.get(k) for k in _ORDER)
            )
            return AppliedDevices(tuple(now), tuple(later))

    def _replace(self, kind: DeviceKind, address: str) -> None:
        for status in self._devices.statuses():
            if status.kind is kind:
                self._devices.remove(status.device_id)
        device = self._build(kind, address) if address else None
        if device is None:
            log.info("%s removed in Settings", kind.value)
            return
        self._devices.add(device)
        self._devices.reconnect(device.device_id)
        log.info("%s now at %s (changed in Settings)", kind.value, address)

    def _build(self, kind: DeviceKind, address: str) -> Device | None:
        if kind is DeviceKind.SCANNER:
            return self._builders.scanner(address, self._on_event)
        if kind is DeviceKind.RFID_READER:
            reader: Device = self._builders.rfid(address, self._on_event)
            return reader
        if kind is DeviceKind.CAMERA:
            assert self._builders.camera is not None
            return self._builders.camera(address, self._on_event)
        return self._build_printer(address)

    def _build_printer(self, address: str) -> Device | None:
        from ui.adapters import (  # noqa: PLC0415 - label previews (Pillow, zxing) only once a printer changes
            CoreLabelPrinter,
            PrinterAsDevice,
        )

        label_device = self._builders.printer(address)
        # The core prints through this from the next label on; a job printing meanwhile finishes on the old one.
        self._core.station.labels.printer = (
            CoreLabelPrinter(label_device, self._on_event) if label_device is not None else None
        )
        if label_device is None:
            return None
        return PrinterAsDevice(label_device, self._core.station_id, self._on_event)
