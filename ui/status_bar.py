"""The status bar on every screen: scanner, RFID reader, printer and camera state; online or offline; queue; operator.

Every chip says its state in words (not only colour) and carries what to do in its tooltip.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.domain.model import Operator
from devices.events import PrinterState, PrinterStatus
from devices.manager import DeviceKind, DeviceState, DeviceStatus
from ui.ports import Connectivity
from ui.sync_monitor import QueueState, age_text
from ui.words import fill, name, shown


class ChipState(enum.Enum):
    OK = "ok"
    WARN = "warn"
    BAD = "bad"
    UNKNOWN = "unknown"


_DEVICE_CHIP = {
    DeviceState.READY: ChipState.OK,
    DeviceState.BUSY: ChipState.OK,
    DeviceState.CONNECTING: ChipState.WARN,
    DeviceState.DISCONNECTED: ChipState.BAD,
    DeviceState.FAULT: ChipState.BAD,
}
_SHOWN_KINDS = (DeviceKind.SCANNER, DeviceKind.RFID_READER, DeviceKind.PRINTER, DeviceKind.CAMERA)


_SYMBOL = {ChipState.OK: "✔", ChipState.WARN: "!", ChipState.BAD: "✖", ChipState.UNKNOWN: "–"}


class Chip(QLabel):
    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusChip")
        self.setProperty("chip", object_name)
        self.compact = False
        self.short_name = ""
        self.full_text = ""
        self._shown: tuple[ChipState, str, str, str, str] | None = None
        self.set_state(ChipState.UNKNOWN, "", "")

    @property
    def state(self) -> ChipState:
        return ChipState(self.property("state"))

    def set_state(self, state: ChipState, text: str, tooltip: str, short: str | None = None) -> None:
        """`short` is what the narrow handheld shows; by default the chip's short name and a symbol."""
        compact_text = short if short is not None else f"{self.short_name} {_SYMBOL[state]}".strip()
        shown_text = compact_text if self.compact else text
        tip = f"{text}. {tooltip}" if self.compact and tooltip else tooltip
        wanted = (state, shown_text, tip, text, tooltip)
        if wanted == self._shown:
            # The bar is told the same thing after every change on the station; telling Qt again
            # would lay out and repaint the whole bar each time.
            return
        self._shown = wanted
        self.full_text = text
        self.setText(shown_text)
        self.setToolTip(tip)
        self.setAccessibleName(text)
        self.setAccessibleDescription(tooltip)
        if self.property("state") != state.value:
            self.setProperty("state", state.value)
            self.style().unpolish(self)
            self.style().polish(self)


class StationStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.devices: dict[DeviceKind, Chip] = {kind: Chip(kind.value, self) for kind in _SHOWN_KINDS}
        self.connection = Chip("connection", self)
        self.queue = Chip("queue", self)
        self.operator = QLabel(self)
        self.operator.setObjectName("operatorChip")
        for chip in self.devices.values():
            self.addWidget(chip)
        self.addWidget(self.connection)
        self.addWidget(self.queue)
        self.addPermanentWidget(self.operator)
        self._device_status: dict[str, DeviceStatus] = {}
        self._printer: PrinterStatus | None = None
        self._queue: QueueState | None = None
        self._who: Operator | None = None
        self.compact = False
        self.retranslate()

    def set_compact(self, compact: bool) -> None:
        """Handheld: symbols and short names, so the whole bar fits 480 px."""
        self.compact = compact
        for chip in (*self.devices.values(), self.connection, self.queue):
            chip.compact = compact
        self.retranslate()

    # -- inputs ------------------------------------------------------------------------------------

    def show_device(self, status: DeviceStatus) -> None:
        self._device_status[status.device_id] = status
        self._render_devices()

    def show_printer(self, status: PrinterStatus) -> None:
        self._printer = status
        self._render_devices()

    def show_queue(self, state: QueueState) -> None:
        self._queue = state
        self._render_queue()

    def show_operator(self, who: Operator | None) -> None:
        self._who = who
        self._render_operator()

    # -- rendering ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        short_names = {
            DeviceKind.SCANNER: self.tr("Scan"),
            DeviceKind.RFID_READER: self.tr("RFID"),
            DeviceKind.PRINTER: self.tr("Print"),
            DeviceKind.CAMERA: self.tr("Cam"),
        }
        for kind, chip in self.devices.items():
            chip.short_name = short_names[kind]
        self._render_devices()
        self._render_queue()
        self._render_operator()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _render_devices(self) -> None:
        for kind, chip in self.devices.items():
            statuses = [s for s in self._device_status.values() if s.kind is kind]
            if kind is DeviceKind.PRINTER and self._printer is not None:
                self._render_printer(chip, statuses)
                continue
            # A device that is not set up says nothing worth the room on a handheld; nor, on any screen,
            # a camera, which most stations do without.
            optional = self.compact or kind is DeviceKind.CAMERA
            chip.setVisible(bool(statuses) or not optional or (kind is DeviceKind.PRINTER and bool(self._printer)))
            if not statuses:
                chip.set_state(ChipState.UNKNOWN, fill(self.tr("%1: none"), name(kind)), self.tr("Not set up."))
                continue
            worst = max(statuses, key=lambda s: list(_DEVICE_CHIP).index(s.state))
            chip.set_state(
                _DEVICE_CHIP[worst.state], fill("%1: %2", name(kind), name(worst.state)), shown(worst.message)
            )

    def _render_printer(self, chip: Chip, statuses: list[DeviceStatus]) -> None:
        printer = self._printer
        assert printer is not None
        link_down = any(s.state in (DeviceState.DISCONNECTED, DeviceState.FAULT) for s in statuses)
        state = ChipState.OK if printer.state is PrinterState.READY and not link_down else ChipState.BAD
        text = fill("%1: %2", name(DeviceKind.PRINTER), name(printer.state))
        chip.set_state(state, text, shown(printer.message))

    def _render_queue(self) -> None:
        state = self._queue
        if state is None:
            self.connection.set_state(ChipState.UNKNOWN, self.tr("Central: …"), "", short="…")
            self.queue.set_state(ChipState.UNKNOWN, self.tr("Queue: …"), "", short="⇅ …")
            return
        sync = state.sync
        if sync.connectivity is Connectivity.ONLINE:
            self.connection.set_state(ChipState.OK, self.tr("Online"), self.tr("Central is reachable."), short="⇄ ✔")
        elif sync.connectivity is Connectivity.DEGRADED:
            self.connection.set_state(ChipState.WARN, self.tr("Online (slow)"), shown(sync.reason), short="⇄ !")
        elif sync.connectivity is Connectivity.OFFLINE:
            self.connection.set_state(ChipState.BAD, self.tr("Offline"), shown(sync.reason), short="⇄ ✖")
        elif sync.connectivity is Connectivity.NOT_ENROLLED:
            self.connection.set_state(ChipState.WARN, self.tr("Not enrolled"), shown(sync.reason), short="⇄ !")
        else:
            self.connection.set_state(ChipState.UNKNOWN, self.tr("Sync off"), shown(sync.reason), short="⇄ –")
        outbox = state.outbox
        text = fill(self.tr("To sync: %1"), outbox.pending)
        tip = fill(self.tr("Oldest waiting: %1"), age_text(state.oldest_pending_s))
        chip_state = ChipState.OK if outbox.pending == 0 else ChipState.WARN
        if outbox.parked:
            text += fill(self.tr(" · parked: %1"), outbox.parked)
            tip += " " + self.tr("Parked items need a person: open Sync (F7).")
            chip_state = ChipState.BAD
        self.queue.set_state(chip_state, text, tip, short=fill("⇅ %1", outbox.pending + outbox.parked))

    def _render_operator(self) -> None:
        who = self._who
        if who is None:
            self.operator.setText("—" if self.compact else self.tr("Nobody signed in"))
        elif self.compact:
            self.operator.setText(who.display_name.split(" ")[0])
        else:
            self.operator.setText(fill("%1 (%2)", who.display_name, name(who.role)))
