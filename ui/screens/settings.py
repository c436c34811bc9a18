"""Settings (admin only): devices and their tests, central server and enrollment, station id, language, profile, theme.

Saving applies at once what the running station can take: device addresses (the device manager
reconnects the devices whose address changed and the next label goes to the new printer, through
`Ports.device_setup`, off the GUI thread), language (the window retranslates), layout, theme, lock
time and sound. The station id and the central server are set up when the station starts (its
identity in every transaction, the keyring entry of its credential, the sync worker and its
client): after changing them the screen says so and offers to restart the station (`Ports.restart`).

Settings that IT's provisioning file fixes are shown read-only, each saying which file and key set
it (`PreferencesFile.provisioned`); the demo fixes the station id and central server the same way.
Roles are enforced below the screen: `PreferencesFile.change()` refuses anyone but an admin.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Role
from app.errors import InvalidInput, NotAllowed
from app.services.values import require_role
from devices.manager import DeviceCheck, DeviceKind, DeviceStatus
from ui.device_setup import AppliedDevices, DeviceAddresses
from ui.i18n import QT_TRANSLATE_NOOP, Language
from ui.ports import DeviceControl, SyncControl
from ui.preferences import PROVISIONED_KEYS, Preferences, field_name, problems
from ui.profiles import Profile, choose_profile
from ui.screens.base import Screen, ScreenContext, ScreenId
from ui.tasks import Lane
from ui.themes import Theme
from ui.words import fill, name, shown

# What only a fresh start applies: the station's identity and its connection to central.
RESTART_FIELDS = ("station_id", "central_url")


class SettingsScreen(Screen):
    screen_id = ScreenId.SETTINGS
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Settings")
    role = Role.ADMIN

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loaded = Preferences()
        self.running: Preferences | None = None  # what the station started with (the file at the first load)
        self.fixed_note = QLabel(self)
        self.fixed_note.setObjectName("hint")
        self.fixed_note.setWordWrap(True)
        self.fixed_note.hide()
        self.outer.addWidget(self.fixed_note)

        self.devices_box = QGroupBox(self)
        self.scanner_port = QComboBox(self.devices_box)
        self.scanner_port.setEditable(True)
        self.scanner_port.setObjectName("scannerPort")
        self.printer_url = QLineEdit(self.devices_box)
        self.printer_url.setObjectName("printerUrl")
        self.rfid_url = QLineEdit(self.devices_box)
        self.rfid_url.setObjectName("rfidUrl")
        self.camera_url = QLineEdit(self.devices_box)
        self.camera_url.setObjectName("cameraUrl")
        self.test_scan = QPushButton(self.devices_box)
        self.test_print = QPushButton(self.devices_box)
        self.test_camera = QPushButton(self.devices_box)
        self.device_states = QLabel(self.devices_box)
        self.device_states.setWordWrap(True)
        self.device_states.setObjectName("hint")
        devices_form = QFormLayout(self.devices_box)
        self.device_captions = (QLabel(self), QLabel(self), QLabel(self), QLabel(self))
        for caption, field in zip(
            self.device_captions, (self.scanner_port, self.printer_url, self.rfid_url, self.camera_url), strict=True
        ):
            caption.setBuddy(field)
            devices_form.addRow(caption, field)
        tests = QHBoxLayout()
        tests.addWidget(self.test_scan)
        tests.addWidget(self.test_print)
        tests.addWidget(self.test_camera)
        tests.addStretch(1)
        devices_form.addRow(tests)
        devices_form.addRow(self.device_states)

        self.central_box = QGroupBox(self)
        self.station_id = QLineEdit(self.central_box)
        self.station_id.setObjectName("stationId")
        self.central_url = QLineEdit(self.central_box)
        self.central_url.setObjectName("centralUrl")
        self.enrollment_code = QLineEdit(self.central_box)
        self.enrollment_code.setObjectName("enrollmentCode")
        self.enroll = QPushButton(self.central_box)
        central_form = QFormLayout(self.central_box)
        self.central_captions = (QLabel(self), QLabel(self), QLabel(self))
        for caption, field in zip(
            self.central_captions, (self.station_id, self.central_url, self.enrollment_code), strict=True
        ):
            caption.setBuddy(field)
            central_form.addRow(caption, field)
        central_form.addRow(self.enroll)

        self.look_box = QGroupBox(self)
        self.language = QComboBox(self.look_box)
        self.language.setObjectName("language")
        for language in Language:
            self.language.addItem(language.native_name, language)
        self.profile_choice = QComboBox(self.look_box)
        self.profile_choice.setObjectName("profile")
        self.theme = QComboBox(self.look_box)
        self.theme.setObjectName("theme")
        self.auto_lock = QSpinBox(self.look_box)
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setObjectName("autoLock")
        self.sound = QCheckBox(self.look_box)
        look_form = QFormLayout(self.look_box)
        self.look_captions = (QLabel(self), QLabel(self), QLabel(self), QLabel(self))
        for caption, field in zip(
            self.look_captions, (self.language, self.profile_choice, self.theme, self.auto_lock), strict=True
        ):
            caption.setBuddy(field)
            look_form.addRow(caption, field)
        look_form.addRow(self.sound)

        self.save = QPushButton(self)
        self.save.setObjectName("primary")
        self.apply_note = QLabel(self)
        self.apply_note.setWordWrap(True)
        self.apply_note.setObjectName("hint")
        self.restart_note = QLabel(self)
        self.restart_note.setWordWrap(True)
        self.restart_note.setObjectName("restartNote")
        self.restart_note.hide()
        self.restart = QPushButton(self)
        self.restart.setObjectName("restartStation")
        self.restart.hide()
        left = QVBoxLayout()
        left.addWidget(self.devices_box)
        left.addWidget(self.central_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.look_box)
        right.addWidget(self.save)
        right.addWidget(self.apply_note)
        right.addWidget(self.restart_note)
        right.addWidget(self.restart)
        right.addStretch(1)
        self.place_columns(left, right)

        # Each field the provisioning file (or the demo) may fix, by Preferences field name.
        self.fields: dict[str, QWidget] = {
            "station_id": self.station_id,
            "central_url": self.central_url,
            "scanner_port": self.scanner_port,
            "printer_url": self.printer_url,
            "rfid_url": self.rfid_url,
            "camera_url": self.camera_url,
            "language": self.language,
            "profile": self.profile_choice,
        }
        self.fixed: frozenset[str] = frozenset()

        self.test_scan.clicked.connect(lambda: self._on_test(DeviceKind.SCANNER))
        self.test_print.clicked.connect(lambda: self._on_test(DeviceKind.PRINTER))
        self.test_camera.clicked.connect(lambda: self._on_test(DeviceKind.CAMERA))
        self.enroll.clicked.connect(self._on_enroll_clicked)
        self.save.clicked.connect(self._on_save_clicked)
        self.restart.clicked.connect(self._on_restart_clicked)
        self.retranslate()

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.devices_box.setTitle(self.tr("Devices"))
        self.central_box.setTitle(self.tr("Central server and enrollment"))
        self.look_box.setTitle(self.tr("Language, layout and theme"))
        for caption, text in zip(
            self.device_captions,
            (
                self.tr("&Scanner port"),
                self.tr("&Printer address"),
                self.tr("&RFID reader address"),
                self.tr("&Camera URL"),
            ),
            strict=True,
        ):
            caption.setText(text)
        self.printer_url.setPlaceholderText(self.tr("e.g. tcp://10.0.0.20:9100 or /dev/ttyUSB0"))
        self.rfid_url.setPlaceholderText(self.tr("e.g. llrp://10.0.0.30:5084"))
        self.camera_url.setPlaceholderText(self.tr("e.g. http://10.0.0.40/axis-cgi/jpg/image.cgi"))
        self.test_scan.setText(self.tr("Test scan"))
        self.test_print.setText(self.tr("Test print"))
        self.test_camera.setText(self.tr("Test camera"))
        for caption, text in zip(
            self.central_captions,
            (self.tr("Station &id"), self.tr("Central server &URL"), self.tr("&Enrollment code")),
            strict=True,
        ):
            caption.setText(text)
        self.enroll.setText(self.tr("Enroll this station"))
        for caption, text in zip(
            self.look_captions,
            (self.tr("&Language"), self.tr("La&yout"), self.tr("&Theme"), self.tr("&Lock after (minutes)")),
            strict=True,
        ):
            caption.setText(text)
        self.sound.setText(self.tr("Sound on scans"))
        profile, theme = self.profile_choice.currentData(), self.theme.currentData()
        self.profile_choice.clear()
        self.profile_choice.addItem(self.tr("Automatic (by screen size)"), None)
        self.profile_choice.addItem(self.tr("Desktop"), Profile.DESKTOP)
        self.profile_choice.addItem(self.tr("Handheld"), Profile.HANDHELD)
        self.theme.clear()
        self.theme.addItem(self.tr("Light"), Theme.LIGHT)
        self.theme.addItem(self.tr("High contrast"), Theme.HIGH_CONTRAST)
        self.profile_choice.setCurrentIndex(max(0, self.profile_choice.findData(profile)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.save.setText(self.tr("Save settings"))
        self.apply_note.setText(
            self.tr(
                "Saving applies at once: devices reconnect, and language, layout, theme, lock time and sound "
                "change. The station id and the central server take a restart of the station."
            )
        )
        self.restart.setText(self.tr("Restart the station now"))
        self._show_fixed()
        self._show_restart()

    def on_shown(self) -> None:
        self.guarded(self._load)

    # -- loading ---------------------------------------------------------------------------------

    def _load(self) -> None:
        require_role(self.operator, Role.ADMIN, self.tr("change the station settings"))
        file = self.ctx.preferences
        ports = self.ctx.ports.serial_ports
        self.run(lambda: (file.load(), list(ports())), self._on_loaded, lane=Lane.IO, context="loading settings")
        self._show_devices()

    def _on_loaded(self, loaded: tuple[Preferences, list[str]]) -> None:
        preferences, ports = loaded
        self.loaded = preferences
        if self.running is None:
            self.running = preferences
        self.scanner_port.clear()
        self.scanner_port.addItems(ports)
        self.scanner_port.setEditText(preferences.scanner_port)
        self.printer_url.setText(preferences.printer_url)
        self.rfid_url.setText(preferences.rfid_url)
        self.camera_url.setText(preferences.camera_url)
        self.station_id.setText(preferences.station_id)
        self.central_url.setText(preferences.central_url)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.profile_choice.setCurrentIndex(max(0, self.profile_choice.findData(preferences.profile)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme)))
        self.auto_lock.setValue(preferences.auto_lock_minutes)
        self.sound.setChecked(preferences.sound)
        self._show_fixed()
        self._show_restart()

    def _show_fixed(self) -> None:
        """Read-only, with the reason, what the provisioning file (or the demo) sets."""
        provisioned = self.ctx.preferences.provisioned
        by_file = {field for field in PROVISIONED_KEYS if provisioned.fixes(field)}
        by_demo = set(RESTART_FIELDS) - by_file if self.ctx.demo else set()
        self.fixed = frozenset(by_file | by_demo)
        for field, widget in self.fields.items():
            if field in by_file:
                why = fill(self.tr("Set by IT in %1 (%2)."), provisioned.file, provisioned.key(field))
            elif field in by_demo:
                why = self.tr("The demo sets this: it runs its own central server simulator.")
            else:
                why = ""
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(bool(why))  # still selectable, so IT can copy the value
                widget.style().unpolish(widget)  # the theme styles [readOnly="true"]: look again
                widget.style().polish(widget)
            else:
                widget.setEnabled(not why)
            widget.setToolTip(why)
            widget.setAccessibleDescription(why)
        notes = []
        if by_file:
            notes.append(
                fill(
                    self.tr(
                        "Shown read-only: %1 are set by IT in %2. The station reads that file at every start; "
                        "IT changes them there."
                    ),
                    ", ".join(field_name(field) for field in PROVISIONED_KEYS if field in by_file),
                    provisioned.file,
                )
            )
        elif provisioned.user_file is not None:
            notes.append(
                fill(
                    self.tr("IT lets this station override its provisioning file: changes here are also saved to %1."),
                    provisioned.user_file,
                )
            )
        if by_demo:
            notes.append(self.tr("Demo: the station id and the central server are the demo's own."))
        self.fixed_note.setText(" ".join(notes))
        self.fixed_note.setVisible(bool(notes))

    def _show_devices(self) -> None:
        devices = self.ctx.ports.devices
        if devices is None:
            self.device_states.setText(self.tr("No devices are managed by this station yet."))
            return
        lines = [
            fill("%1 %2: %3 %4", name(s.kind), s.device_id, name(s.state), shown(s.message)) for s in devices.statuses()
        ]
        self.device_states.setText("\n".join(lines))

    # -- actions ---------------------------------------------------------------------------------

    def edited(self) -> Preferences:
        return dataclasses.replace(
            self.loaded,
            station_id=self.station_id.text().strip() or self.loaded.station_id,
            central_url=self.central_url.text().strip(),
            scanner_port=self.scanner_port.currentText().strip(),
            printer_url=self.printer_url.text().strip(),
            rfid_url=self.rfid_url.text().strip(),
            camera_url=self.camera_url.text().strip(),
            language=self.language.currentData(),
            profile=self.profile_choice.currentData(),
            theme=self.theme.currentData(),
            auto_lock_minutes=self.auto_lock.value(),
            sound=self.sound.isChecked(),
        )

    def _on_save_clicked(self) -> None:
        self.guarded(self._save)

    def _save(self) -> None:
        operator = self.operator
        require_role(operator, Role.ADMIN, self.tr("change the station settings"))
        preferences = self.edited()
        bad = problems(preferences)
        if bad:
            self.fields[bad[0][0]].setFocus()
            raise InvalidInput(fill(self.tr("The settings were not saved. %1"), " ".join(text for _, text in bad)))
        file = self.ctx.preferences
        # The preferences layer checks the role and the provisioned settings again, below the screen.
        self.run(lambda: file.change(operator, preferences), self._on_saved, lane=Lane.IO, context="saving settings")

    def _on_saved(self, saved: tuple[Preferences, Preferences]) -> None:
        before, preferences = saved
        self.loaded = preferences
        shell = self.ctx.navigator
        self.ctx.session.set_auto_lock_ms(preferences.auto_lock_minutes * 60_000)
        self.ctx.feedback.sound.enabled = preferences.sound
        if preferences.theme is not before.theme:
            shell.theme_requested.emit(preferences.theme)
        if preferences.profile is not before.profile:
            screen = QGuiApplication.primaryScreen()
            profile = choose_profile(preferences.profile, screen.availableSize() if screen is not None else None)
            if profile is not self.profile:
                shell.profile_requested.emit(profile)
        setup = self.ctx.ports.device_setup
        if setup is not None:
            wanted = DeviceAddresses.of(preferences)
            self.run(
                lambda: setup.apply(wanted),
                self._on_applied,
                lane=Lane.IO,
                context="reconnecting the devices",
            )
        else:
            now, then = DeviceAddresses.of(preferences), DeviceAddresses.of(before)
            later = tuple(kind for kind in DeviceKind if now.get(kind) != then.get(kind))
            self._on_applied(AppliedDevices(at_next_start=later))
        if preferences.language is not before.language:
            shell.language_requested.emit(preferences.language)

    def _on_applied(self, applied: AppliedDevices) -> None:
        self._show_devices()
        self._show_restart()
        later = [field_name(field) for field in self._restart_fields()]
        later += [name(kind) for kind in applied.at_next_start]
        parts = [self.tr("Settings saved.") if later else self.tr("Settings saved and applied.")]
        if applied.now:
            parts.append(fill(self.tr("Reconnecting: %1."), ", ".join(name(kind) for kind in applied.now)))
        if later:
            parts.append(fill(self.tr("Applies after a restart: %1."), ", ".join(later)))
            self.ctx.feedback.warning(" ".join(parts))
        else:
            self.ctx.feedback.success(" ".join(parts))

    def _restart_fields(self) -> list[str]:
        running = self.running
        if running is None:
            return []
        return [field for field in RESTART_FIELDS if getattr(self.loaded, field) != getattr(running, field)]

    def _show_restart(self) -> None:
        waiting = self._restart_fields()
        can_restart = self.ctx.ports.restart is not None
        if waiting:
            running = self.running
            assert running is not None
            changes = ", ".join(
                fill(
                    "%1 %2 → %3", field_name(field), getattr(running, field) or "—", getattr(self.loaded, field) or "—"
                )
                for field in waiting
            )
            text = self.tr(
                "Saved, not yet in use: %1. The station sets up its identity and its connection to central "
                "(sync worker, credential) when it starts."
            )
            if can_restart:
                text += " " + self.tr(
                    "Restart it to use them: work already saved is kept; whoever is signed in signs in again."
                )
            else:
                text += " " + self.tr("Close the station and start it again to use them.")
            self.restart_note.setText(fill(text, changes))
        self.restart_note.setVisible(bool(waiting))
        self.restart.setVisible(bool(waiting) and can_restart)

    def _on_restart_clicked(self) -> None:
        self.guarded(self._restart)

    def _restart(self) -> None:
        require_role(self.operator, Role.ADMIN, self.tr("restart the station"))
        restart = self.ctx.ports.restart
        if restart is None:
            raise NotAllowed(self.tr("This station cannot restart itself: close it and start it again."))
        restart.restart()

    def _device(self, kind: DeviceKind) -> tuple[DeviceControl, DeviceStatus]:
        devices = self.ctx.ports.devices
        found = [s for s in devices.statuses() if s.kind is kind] if devices is not None else []
        if devices is None or not found:
            raise NotAllowed(fill(self.tr("No %1 is set up on this station."), name(kind)))
        return devices, found[0]

    def _on_test(self, kind: DeviceKind) -> None:
        self.guarded(lambda: self._test(kind))

    def _test(self, kind: DeviceKind) -> None:
        require_role(self.operator, Role.ADMIN, self.tr("test the station's devices"))
        devices, status = self._device(kind)
        if kind is DeviceKind.SCANNER:
            self.ctx.feedback.warning(self.tr("Scan any barcode with the scanner now…"))

        def tested(check: DeviceCheck) -> None:
            self._show_devices()
            (self.ctx.feedback.success if check.ok else self.ctx.feedback.error)(shown(check.message))

        self.run(lambda: devices.test(status.device_id), tested, lane=Lane.IO, context=f"testing {status.device_id}")

    def _on_enroll_clicked(self) -> None:
        self.guarded(self._enroll)

    def _enroll(self) -> None:
        operator = self.operator
        require_role(operator, Role.ADMIN, self.tr("enroll the station"))  # the link checks it again, below
        sync: SyncControl | None = self.ctx.ports.sync
        if sync is None:
            raise NotAllowed(self.tr("Sync is not running on this station, so it cannot enroll."))
        url, code, station_id = self.central_url.text().strip(), self.enrollment_code.text(), self.station_id.text()

        def enrolled(answer: str) -> None:
            self.enrollment_code.clear()
            self.ctx.feedback.success(answer)

        def enroll() -> str:
            return sync.enroll(operator, url, code, station_id)

        self.run(enroll, enrolled, lane=Lane.IO, context="enrolling the station")
