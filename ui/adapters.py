"""Adapters the composition root uses to join the layers: core protocols over device and sync objects.

- `CoreLabelPrinter`: the core's `LabelPrinter` (and the Labels screen's preview) over the device
  layer's `LabelPrinterDevice`; printer answers become `PrinterProblem` in the inspector's words.
- `PrinterAsDevice`: the label printer as a device the device manager keeps (state, test print).
- `CentralLink`: the UI's `SyncControl` over the sync worker, its client and connectivity monitor.

They hold no logic of their own beyond translating between the two sides' types.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.errors import InvalidInput, PrinterProblem
from app.services.labels import LabelTemplate
from app.store.db import Database
from app.store.reference import FEEDS
from devices.events import PrinterState, PrinterStatus
from devices.manager import DeviceCheck, DeviceKind, DeviceReports, DeviceState, DeviceUnavailable
from devices.printing.label import LabelDataError
from devices.printing.preview import preview_png
from devices.printing.spool import LabelNotPrinted, LabelPrinterDevice
from devices.printing.status import printer_status, read_status
from devices.printing.transport import PrinterLinkError
from sync.client import CentralClient
from sync.connectivity import Connectivity as SyncConnectivity
from sync.connectivity import ConnectivityMonitor
from sync.credentials import StationCredentials
from sync.feeds import FeedPuller
from sync.worker import SyncWorker
from ui.ports import Connectivity, ProgressCallback, SyncView
from ui.words import fill

log = logging.getLogger(__name__)

StatusSink = Callable[[PrinterStatus], None]

# Messages below are made on worker threads: QCoreApplication.translate is thread-safe.


class CoreLabelPrinter:
    """The station core prints through this; every printer answer also goes to `on_status` (the bridge)."""

    def __init__(self, device: LabelPrinterDevice, on_status: StatusSink) -> None:
        self.device = device
        self._on_status = on_status

    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None:
        try:
            status = self.device.print_label(template.value, fields)
        except LabelNotPrinted as refused:
            self._on_status(refused.status)
            kept = QCoreApplication.translate("Adapters", "The label is kept and prints once the printer is ready.")
            raise PrinterProblem(f"{refused} {kept}") from refused
        except LabelDataError as bad:
            raise PrinterProblem(
                fill(QCoreApplication.translate("Adapters", "This label cannot be made: %1"), bad)
            ) from bad
        self._on_status(status)

    def preview_png(self, template: LabelTemplate, fields: Mapping[str, str]) -> bytes:
        try:
            return preview_png(self.device.label(template.value, fields))
        except LabelDataError as bad:
            raise InvalidInput(
                fill(QCoreApplication.translate("Adapters", "This label cannot be drawn: %1"), bad)
            ) from bad


class PrinterAsDevice:
    """The label printer in the device manager: reachable or not, and the "test print" action."""

    kind = DeviceKind.PRINTER

    def __init__(self, device: LabelPrinterDevice, station_id: str, on_status: StatusSink) -> None:
        self._device = device
        self._station_id = station_id
        self._on_status = on_status

    @property
    def device_id(self) -> str:
        return self._device.device_id or "printer"

    def open(self, reports: DeviceReports) -> None:
        status = self._status()
        self._on_status(status)
        if status.state is PrinterState.OFFLINE:
            raise DeviceUnavailable(status.message)
        reports.report(DeviceState.READY if status.state is PrinterState.READY else DeviceState.FAULT, status.message)

    def close(self) -> None:
        """Nothing stays open: the printer is reached per job."""

    def test(self, timeout: float) -> DeviceCheck:
        try:
            status = self._device.test_print(self._station_id)
        except LabelNotPrinted as refused:
            self._on_status(refused.status)
            return DeviceCheck(False, str(refused))
        self._on_status(status)
        return DeviceCheck(
            True, QCoreApplication.translate("Adapters", "Test label printed: check that its barcodes scan.")
        )

    def _status(self) -> PrinterStatus:
        connector = self._device.printer
        if not connector.supports_status:
            return printer_status(PrinterState.READY, device_id=self.device_id)
        try:
            with connector.connect() as link:
                return read_status(link.query, timeout=self._device.status_timeout, device_id=self.device_id)
        except PrinterLinkError:
            return printer_status(PrinterState.OFFLINE, device_id=self.device_id)


_CONNECTIVITY = {
    SyncConnectivity.ONLINE: Connectivity.ONLINE,
    SyncConnectivity.DEGRADED: Connectivity.DEGRADED,
    SyncConnectivity.OFFLINE: Connectivity.OFFLINE,
}


class CentralLink:
    """What the Sync and Settings screens ask of the sync layer."""

    def __init__(
        self,
        worker: SyncWorker,
        client: CentralClient,
        monitor: ConnectivityMonitor,
        db: Database,
        *,
        now: Callable[[], datetime],
        on_rules_changed: Callable[[], None],
    ) -> None:
        self.worker = worker
        self.client = client
        self.monitor = monitor
        self._db = db
        self._now = now
        self._on_rules_changed = on_rules_changed

    def view(self) -> SyncView:
        if self.client.credentials.credential() is None:
            return SyncView(
                Connectivity.NOT_ENROLLED,
                QCoreApplication.translate(
                    "Adapters", "This station is not enrolled with central: an admin enrolls it."
                ),
            )
        state = self.monitor.state
        return SyncView(_CONNECTIVITY[state.connectivity], state.reason, pushing=self.worker.running)

    def sync_now(self) -> None:
        self.worker.retry_now()

    def pull_reference(self, progress: ProgressCallback) -> int:
        puller = FeedPuller(self._db, self.client, now=self._now, on_rules_changed=self._on_rules_changed)
        changed = 0
        for done, feed in enumerate(FEEDS):
            progress(done, len(FEEDS))
            changed += puller.pull(feed)[1]
        progress(len(FEEDS), len(FEEDS))
        return changed

    def enroll(self, central_url: str, enrollment_code: str, station_id: str) -> str:
        if not enrollment_code.strip():
            raise InvalidInput(QCoreApplication.translate("Adapters", "Type the enrollment code IT gave you."))
        url = central_url.rstrip("/") or self.client.base_url
        if url == self.client.base_url and station_id == self.client.station_id:
            self.client.enroll(enrollment_code)
            self.worker.retry_now()
        else:
            # A new server or station id applies at the next start; enroll that identity now.
            with CentralClient(url, StationCredentials(station_id)) as other:
                other.enroll(enrollment_code)
        return fill(QCoreApplication.translate("Adapters", "Station %1 is enrolled with %2."), station_id, url)
