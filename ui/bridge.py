"""The one place where events from other threads hop onto the GUI thread.

Device reader threads, the device manager, the sync worker and the core's change listeners all
call `DeviceBridge.post(event)` from whatever thread they run on. The bridge lives on the GUI
thread, so each typed signal it emits is delivered there through Qt's queued connection; no other
module in ui/ receives callbacks from a foreign thread.

It also turns a device `Scan` into the core's `ScannedCode` (a field-by-field copy: the parsing
was done in devices/, and the two kinds share their values).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.codes import CodeKind, ScannedCode
from app.services.values import Changed
from devices.events import PrinterStatus, Scan, ScanKind, ScanRejected, ScanSource, TagRead
from devices.manager import DeviceStatus
from devices.rfid.to_scan import tag_read_to_scan
from devices.scanning.interpret import interpret

log = logging.getLogger(__name__)


def scanned_code(scan: Scan) -> ScannedCode:
    """The core's view of a device scan."""
    return ScannedCode(
        text=scan.text,
        kind=CodeKind(scan.kind.value),
        gtin=scan.gtin,
        serial=scan.serial,
        lot=scan.lot,
        value=scan.value,
        tracking=tuple(candidate.number for candidate in scan.tracking),
        epc=scan.value if scan.kind is ScanKind.EPC else None,
    )


def read_typed(text: str) -> Scan | ScanRejected:
    """A code typed by hand (or sent by the demo panel without a device) read like any scan."""
    return interpret(text.strip().encode("utf-8"), ScanSource.MANUAL, device_id="keyboard")


class DeviceBridge(QObject):
    """Re-emits events from any thread as signals on the GUI thread."""

    scan_read = Signal(object)  # Scan
    scan_rejected = Signal(object)  # ScanRejected
    tag_seen = Signal(object)  # TagRead (a Scan for it follows on scan_read)
    printer_changed = Signal(object)  # PrinterStatus
    device_changed = Signal(object)  # DeviceStatus
    station_changed = Signal(object)  # Changed, after a commit
    sync_changed = Signal(object)  # the sync worker's status snapshot

    def post(self, event: Any) -> None:
        """Hand over one event; safe from any thread, never raises into a device's reader thread."""
        try:
            self._dispatch(event)
        except Exception:
            log.exception("the device bridge could not pass on %r", type(event).__name__)

    def post_sync_status(self, status: object) -> None:
        """The sync worker's status callback (its snapshot type belongs to sync/)."""
        self.sync_changed.emit(status)

    def _dispatch(self, event: Any) -> None:
        if isinstance(event, Scan):
            self.scan_read.emit(event)
        elif isinstance(event, ScanRejected):
            self.scan_rejected.emit(event)
        elif isinstance(event, TagRead):
            self.tag_seen.emit(event)
            # Reading the EPC is devices/' job; done here on the reader's thread, not the GUI's.
            self._dispatch(tag_read_to_scan(event))
        elif isinstance(event, PrinterStatus):
            self.printer_changed.emit(event)
        elif isinstance(event, DeviceStatus):
            self.device_changed.emit(event)
        elif isinstance(event, Changed):
            self.station_changed.emit(event)
        else:
            log.warning("the device bridge got an event it does not know: %r", event)
