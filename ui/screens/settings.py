"""Settings (admin only): devices and their tests, central server and enrollment, station id, language, profile, theme.

The core enforces the admin role for every change here (`require_role`), not only the menu. Language,
theme and profile apply at once; device addresses, the central server and the station id apply
at the next start of the station, which the screen says.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

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
from app.errors import NotAllowed, StorageProblem
from app.services.context import require_role
from devices.manager import DeviceCheck, DeviceKind, DeviceStatus
from ui.i18n import QT_TRANSLATE_NOOP, Language
from ui.ports import DeviceControl, SyncControl
from ui.preferences import Preferences
from ui.profiles import Profile
from ui.screens.base import Screen, ScreenContext, ScreenId
from ui.tasks import Lane
from ui.themes import Theme
from ui.words import fill, name


class SettingsScreen(Screen):
    screen_id = ScreenId.SETTINGS
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Settings")
    role = Role.ADMIN

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.loaded = Preferences()
        self.devices_box = QGroupBox(self)
        self.scanner_port = QComboBox(self.devices_box)
        self.scanner_port.setEditable(True)
        self.scanner_port.setObjectName("scannerPort")
        self.printer_url = QLineEdit(self.devices_box)
        self.printer_url.setObjectName("printerUrl")
        self.rfid_url = QLineEdit(self.devices_box)
        self.rfid_url.setObjectName("rfidUrl")
        self.test_scan = QPushButton(self.devices_box)
        self.test_print = QPushButton(self.devices_box)
        self.device_states = QLabel(self.devices_box)
        self.device_states.setWordWrap(True)
        self.device_states.setObjectName("hint")
        devices_form = QFormLayout(self.devices_box)
        self.device_captions = (QLabel(self), QLabel(self), QLabel(self))
        for caption, field in zip(
            self.device_captions, (self.scanner_port, self.printer_url, self.rfid_url), strict=True
        ):
            caption.setBuddy(field)
            devices_form.addRow(caption, field)
        tests = QHBoxLayout()
        tests.addWidget(self.test_scan)
        tests.addWidget(self.test_print)
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
        self.restart_note = QLabel(self)
        self.restart_note.setWordWrap(True)
        self.restart_note.setObjectName("hint")
        left = QVBoxLayout()
        left.addWidget(self.devices_box)
        left.addWidget(self.central_box)
        right = QVBoxLayout()
        right.addWidget(self.look_box)
        right.addWidget(self.save)
        right.addWidget(self.restart_note)
        right.addStretch(1)
        self.place_columns(left, right)

        self.test_scan.clicked.connect(lambda: self._on_test(DeviceKind.SCANNER))
        self.test_print.clicked.connect(lambda: self._on_test(DeviceKind.PRINTER))
        self.enroll.clicked.connect(self._on_enroll_clicked)
        self.save.clicked.connect(self._on_save_clicked)
        self.retranslate()

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.devices_box.setTitle(self.tr("Devices"))
        self.central_box.setTitle(self.tr("Central server and enrollment"))
        self.look_box.setTitle(self.tr("Language, layout and theme"))
        for caption, text in zip(
            self.device_captions,
            (self.tr("&Scanner port"), self.tr("&Printer address"), self.tr("&RFID reader address")),
            strict=True,
        ):
            caption.setText(text)
        self.printer_url.setPlaceholderText(self.tr("e.g. tcp://10.0.0.20:9100 or /dev/ttyUSB0"))
        self.rfid_url.setPlaceholderText(self.tr("e.g. llrp://10.0.0.30:5084"))
        self.test_scan.setText(self.tr("Test scan"))
        self.test_print.setText(self.tr("Test print"))
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
        self.restart_note.setText(
            self.tr(
                "Language, layout, theme, lock time and sound apply at once. Device addresses, "
                "the central server and the station id apply the next time the station starts."
            )
        )

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
        self.scanner_port.clear()
        self.scanner_port.addItems(ports)
        self.scanner_port.setEditText(preferences.scanner_port)
        self.printer_url.setText(preferences.printer_url)
        self.rfid_url.setText(preferences.rfid_url)
        self.station_id.setText(preferences.station_id)
        self.central_url.setText(preferences.central_url)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.profile_choice.setCurrentIndex(max(0, self.profile_choice.findData(preferences.profile)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme)))
        self.auto_lock.setValue(preferences.auto_lock_minutes)
        self.sound.setChecked(preferences.sound)

    def _show_devices(self) -> None:
        devices = self.ctx.ports.devices
        if devices is None:
            self.device_states.setText(self.tr("No devices are managed by this station yet."))
            return
        lines = [fill("%1 %2: %3 %4", name(s.kind), s.device_id, name(s.state), s.message) for s in devices.statuses()]
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
            language=self.language.currentData(),
            profile=self.profile_choice.currentData(),
            theme=self.theme.currentData(),
            auto_lock_minutes=self.auto_lock.value(),
            sound=self.sound.isChecked(),
        )

    def _on_save_clicked(self) -> None:
        self.guarded(self._save)

    def _save(self) -> None:
        require_role(self.operator, Role.ADMIN, self.tr("change the station settings"))
        preferences = self.edited()
        file = self.ctx.preferences
        failed = self.tr("The settings could not be saved (disk full or not writable). Ask IT.")

        def write() -> Preferences:
            try:
                file.save(preferences)
            except OSError as exc:
                raise StorageProblem(failed) from exc
            return preferences

        self.run(write, self._on_saved, lane=Lane.IO, context="saving settings")

    def _on_saved(self, preferences: Preferences) -> None:
        before, self.loaded = self.loaded, preferences
        shell = self.ctx.navigator
        self.ctx.session.set_auto_lock_ms(preferences.auto_lock_minutes * 60_000)
        self.ctx.feedback.sound.enabled = preferences.sound
        if preferences.theme is not before.theme:
            shell.theme_requested.emit(preferences.theme)
        if preferences.profile is not None and preferences.profile is not before.profile:
            shell.profile_requested.emit(preferences.profile)
        self.ctx.feedback.success(self.tr("Settings saved."))
        if preferences.language is not before.language:
            shell.language_requested.emit(preferences.language)

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
            (self.ctx.feedback.success if check.ok else self.ctx.feedback.error)(check.message)

        self.run(lambda: devices.test(status.device_id), tested, lane=Lane.IO, context=f"testing {status.device_id}")

    def _on_enroll_clicked(self) -> None:
        self.guarded(self._enroll)

    def _enroll(self) -> None:
        require_role(self.operator, Role.ADMIN, self.tr("enroll the station"))
        sync: SyncControl | None = self.ctx.ports.sync
        if sync is None:
            raise NotAllowed(self.tr("Sync is not running on this station, so it cannot enroll."))
        url, code, station_id = self.central_url.text().strip(), self.enrollment_code.text(), self.station_id.text()

        def enrolled(answer: str) -> None:
            self.enrollment_code.clear()
            self.ctx.feedback.success(answer)

        self.run(lambda: sync.enroll(url, code, station_id), enrolled, lane=Lane.IO, context="enrolling the station")
