"""Demo mode's "simulate scan" panel: walk a return from scan to synced without any hardware.

Each button sends a sample code through the simulated serial scanner (a real pseudo-terminal), so
the scan travels the same path as one from a real scanner. "Show to camera" holds the code up to the
simulated HTTP camera instead, so the camera scanner reads it. Switches show what the station does
when the printer runs out of labels or central cannot be reached.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.bridge import DeviceBridge, read_typed
from ui.feedback import Feedback
from ui.i18n import QT_TRANSLATE_NOOP
from ui.ports import DemoControl, Missing, Simulated
from ui.tasks import Lane, TaskRunner
from ui.words import fill

# (what it is, the code) — all from the sample data in resources/reference.
SAMPLE_SCANS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("DemoPanel", "Badge: Ana, inspector (PIN 1111)"), "BADGE-1001"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Return label RMA-100001"), "RMA-100001"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Headphones, the serial that was sold"), "]C1010061414101001121HP200-0001"),
    (QT_TRANSLATE_NOOP("DemoPanel", "USB-C charger"), "]C10100614141010035"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Kettle: wrong item for this return"), "]C1010061414303001721KT-5521"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Headphones, another serial: mismatch"), "]C1010061414101001121HP200-7777"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Tracking number of RMA-100002"), "449044304137821"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Phone of RMA-100003 (needs approval)"), "]C1010061414101002821PHX5-7781"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Parcel with no return on file"), "RMA-999999"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Badge: Sam, supervisor (PIN 2222)"), "BADGE-2001"),
    (QT_TRANSLATE_NOOP("DemoPanel", "Badge: admin (PIN 9999)"), "BADGE-9001"),
)


class DemoPanel(QWidget):
    def __init__(
        self,
        demo: DemoControl | None,
        bridge: DeviceBridge,
        runner: TaskRunner,
        feedback: Feedback,
        *,
        missing: Sequence[Missing],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoPanel")
        self._demo = demo
        self._bridge = bridge
        self._runner = runner
        self._feedback = feedback
        self._missing = tuple(missing)
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionTitle")
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.explain.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        self.samples = QListWidget(self)
        self.samples.setObjectName("demoSamples")
        self.samples.setWordWrap(True)
        for _title, code in SAMPLE_SCANS:
            item = QListWidgetItem(self.samples)
            item.setData(Qt.ItemDataRole.UserRole, code)
        # Enter, a double click or a tap on the selected one: the same as pulling the trigger.
        self.samples.itemActivated.connect(self._on_samples_item_activated)
        layout.addWidget(self.samples, 1)
        self.free_text = QLineEdit(self)
        self.free_text.setObjectName("demoCode")
        self.send = QPushButton(self)
        self.to_camera = QPushButton(self)
        self.to_camera.setObjectName("demoToCamera")
        row = QHBoxLayout()
        row.addWidget(self.free_text, 1)
        row.addWidget(self.send)
        row.addWidget(self.to_camera)
        layout.addLayout(row)
        self.tag_in_field = QCheckBox(self)
        self.printer_out = QCheckBox(self)
        self.central_down = QCheckBox(self)
        layout.addWidget(self.tag_in_field)
        layout.addWidget(self.printer_out)
        layout.addWidget(self.central_down)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setObjectName("hint")
        layout.addWidget(self.where)
        self.free_text.returnPressed.connect(self._on_send_clicked)
        self.send.clicked.connect(self._on_send_clicked)
        self.to_camera.clicked.connect(self._on_to_camera_clicked)
        self.tag_in_field.toggled.connect(self._on_tag_in_field_toggled)
        self.printer_out.toggled.connect(self._on_printer_out_toggled)
        self.central_down.toggled.connect(self._on_central_down_toggled)
        self.tag_in_field.setEnabled(demo is not None)
        self.printer_out.setEnabled(demo is not None)
        self.central_down.setEnabled(demo is not None)
        self.to_camera.setEnabled(demo is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Simulate a scan"))
        self.explain.setText(
            self.tr(
                "Double-click a sample (or select it and press Enter) to send it through the simulated "
                "scanner, like a real scan. Start with a badge and its PIN, then a return label and its items."
            )
        )
        for row, (title, code) in enumerate(SAMPLE_SCANS):
            item = self.samples.item(row)
            item.setText(f"{self.tr(title)}\n    {code}")
            item.setToolTip(code)
        self.free_text.setPlaceholderText(self.tr("Any code, e.g. SO-500001"))
        self.send.setText(self.tr("Scan"))
        self.to_camera.setText(self.tr("Show to camera"))
        self.to_camera.setToolTip(
            self.tr("Hold the code typed here (or the selected sample) up to the simulated camera for a few seconds.")
        )
        self.tag_in_field.setText(self.tr("An RFID-tagged item on the reader"))
        self.printer_out.setText(self.tr("Printer out of labels"))
        self.central_down.setText(self.tr("Central server unreachable"))
        captions = {
            Simulated.CENTRAL: self.tr("Central RMS simulator: %1"),
            Simulated.PRINTER: self.tr("Label printer simulator: %1"),
            Simulated.SCANNER: self.tr("Serial scanner simulator: %1"),
            Simulated.RFID_READER: self.tr("LLRP RFID reader simulator: %1"),
            Simulated.CAMERA: self.tr("Camera simulator: %1"),
        }
        missing = {
            Missing.RFID_READER: self.tr("No RFID reader is wired into this build yet."),
            Missing.CENTRAL_SERVER: self.tr("No central server is set up: changes stay on this station."),
            Missing.LABEL_PRINTER: self.tr("No label printer is set up: labels wait on the Labels screen."),
            Missing.SCANNER: self.tr("No scanner simulator: the samples go straight to the station."),
        }
        addresses = self._demo.addresses() if self._demo is not None else {}
        lines = [fill(captions[what], where) for what, where in addresses.items()]
        lines += [missing[what] for what in self._missing]
        if self._demo is None:
            lines.append(missing[Missing.SCANNER])
        self.where.setText("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def scan(self, code: str) -> None:
        demo = self._demo
        if demo is None:
            self._bridge.post(read_typed(code))
            return
        # The bytes go out over the simulator's pseudo-terminal; the scanner driver reads them back.
        self._runner.run(Lane.IO, lambda: demo.inject(code), context=f"simulating a scan of {code}")

    def _on_samples_item_activated(self, item: QListWidgetItem) -> None:
        self.scan(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_send_clicked(self) -> None:
        text = self.free_text.text().strip()
        if text:
            self.free_text.clear()
            self.scan(text)

    def show_to_camera(self, code: str) -> None:
        demo = self._demo
        if demo is not None:
            self._runner.run(Lane.IO, lambda: demo.show_to_camera(code), context=f"showing {code} to the camera")

    def _on_to_camera_clicked(self) -> None:
        text = self.free_text.text().strip()
        item = self.samples.currentItem()
        code = text or (str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "")
        if not code:
            self._feedback.warning(self.tr("Type a code or select a sample first, then show it to the camera."))
            return
        self.free_text.clear()
        self.show_to_camera(code)

    def _on_tag_in_field_toggled(self, present: bool) -> None:
        demo = self._demo
        if demo is not None:
            self._runner.run(Lane.IO, lambda: demo.set_tag_in_field(present), context="demo RFID tag")

    def _on_printer_out_toggled(self, out: bool) -> None:
        demo = self._demo
        if demo is not None:
            self._runner.run(Lane.IO, lambda: demo.set_printer_out_of_labels(out), context="demo printer fault")

    def _on_central_down_toggled(self, down: bool) -> None:
        demo = self._demo
        if demo is None:
            return

        def done(_result: object) -> None:
            if down:
                self._feedback.warning(self.tr("Central is unreachable now: keep working, changes wait in the queue."))
            else:
                self._feedback.success(self.tr("Central is back: the queue empties by itself."))

        self._runner.run(
            Lane.IO, lambda: demo.set_central_reachable(not down), context="demo central switch", on_done=done
        )
