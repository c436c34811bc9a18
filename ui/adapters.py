"""Adapters the composition root uses to join the layers: core protocols over the label printer device.

- `CoreLabelPrinter`: the core's `LabelPrinter` (and the Labels screen's preview) over the device
  layer's `LabelPrinterDevice`; printer answers become `PrinterProblem` in the inspector's words.
- `PrinterAsDevice`: the label printer as a device the device manager keeps (state, test print).

The sync worker's link is in `ui.sync_link`, apart: it loads the sync layer (HTTP, keyring).

They hold no logic of their own beyond translating between the two sides' types.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

from app.errors import InvalidInput, PrinterProblem
from app.services.values import LabelTemplate
from devices.events import PrinterState, PrinterStatus
from devices.manager import DeviceCheck, DeviceKind, DeviceReports, DeviceState, DeviceUnavailable
from devices.phrases import said
from devices.printing.label import LabelDataError
from devices.printing.spool import LabelNotPrinted, LabelPrinterDevice
from devices.printing.status import printer_status, read_status
from devices.printing.transport import PrinterLinkError
from ui.words import fill, shown

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
            raise PrinterProblem(f"{shown(refused)} {kept}") from refused
        except LabelDataError as bad:
            raise PrinterProblem(
                fill(QCoreApplication.translate("Adapters", "This label cannot be made: %1"), shown(bad))
            ) from bad
        self._on_status(status)

    def preview_png(self, template: LabelTemplate, fields: Mapping[str, str]) -> bytes:
        from devices.printing.preview import preview_png  # Pillow: at the first preview, not with the window

        try:
            return preview_png(self.device.label(template.value, fields))
        except LabelDataError as bad:
            raise InvalidInput(
                fill(QCoreApplication.translate("Adapters", "This label cannot be drawn: %1"), shown(bad))
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
            return DeviceCheck(False, said(refused))
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
