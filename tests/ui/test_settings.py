"""The Settings screen: saving applies at once, provisioned settings are read-only and say why, roles hold below it.

The station's own printer change (the next label goes to the new printer simulator) is tested end to end
in tests/e2e/test_settings_live.py, over the composition root's real device builders.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from app.config import check_file
from app.domain.model import Operator, Role
from app.errors import InvalidInput, NotAllowed, PermissionDenied
from tests.ui.helpers import answer, settle, sign_in
from tests.ui.test_sync_link import RecordingLink
from ui.actions import ActionId
from ui.feedback import Tone
from ui.i18n import Language
from ui.ports import Ports
from ui.preferences import Preferences, PreferencesFile, Provisioned, _override
from ui.profiles import Profile
from ui.screens.base import ScreenId
from ui.screens.settings import SettingsScreen
from ui.themes import Theme

ADMIN = Operator("op-admin", "admin", "Station admin", Role.ADMIN)
INSPECTOR = Operator("op-ana", "ana", "Ana", Role.INSPECTOR)


@pytest.fixture
def provisioned() -> Provisioned:
    return Provisioned()


@pytest.fixture
def preferences_file(tmp_path: Path, provisioned: Provisioned) -> PreferencesFile:
    file = PreferencesFile(tmp_path / "data" / "station-settings.json", provisioned=provisioned)
    file.save(Preferences(station_id="ST-UI", printer_url="tcp://10.0.0.20:9100"))
    return file


class RecordingRestart:
    def __init__(self) -> None:
        self.asked = 0

    def restart(self) -> None:
        self.asked += 1


@pytest.fixture
def restart() -> RecordingRestart:
    return RecordingRestart()


@pytest.fixture
def ports(restart: RecordingRestart) -> Ports:
    return Ports(restart=restart)


def open_settings(ui, qtbot) -> SettingsScreen:
    sign_in(ui, qtbot, "admin", "9999")
    ui.actions.action(ActionId.GO_SETTINGS).trigger()
    settings = ui.window.screens[ScreenId.SETTINGS]
    assert isinstance(settings, SettingsScreen)
    assert ui.window.current is settings
    settle(ui, qtbot)
    return settings


ETC = Path("/etc/returns-station/station.toml")


@pytest.mark.parametrize("provisioned", [Provisioned(ETC)])
def test_provisioned_settings_are_read_only_and_say_which_file_sets_them(station_ui, qtbot):
    settings = open_settings(station_ui, qtbot)
    for field in (settings.station_id, settings.central_url, settings.printer_url, settings.rfid_url):
        assert field.isReadOnly()
        assert str(ETC) in field.toolTip()
    assert "devices.printer.url" in settings.printer_url.toolTip()
    for choice in (settings.scanner_port, settings.language, settings.profile_choice):
        assert not choice.isEnabled()
        assert str(ETC) in choice.toolTip()
    # What the file does not set stays the admin's.
    assert settings.theme.isEnabled()
    assert settings.auto_lock.isEnabled()
    assert settings.sound.isEnabled()
    assert settings.fixed_note.isVisible()
    assert str(ETC) in settings.fixed_note.text()
    assert "Printer address" in settings.fixed_note.text()
    # Saving what may change works; the provisioned values go back as they were.
    settings.theme.setCurrentIndex(settings.theme.findData(Theme.HIGH_CONTRAST))
    message = answer(station_ui, qtbot, settings.save.click)
    assert message.tone is Tone.SUCCESS, message.text
    assert station_ui.theme is Theme.HIGH_CONTRAST
    assert settings.loaded.printer_url == "tcp://10.0.0.20:9100"


def test_without_provisioning_nothing_is_read_only(station_ui, qtbot):
    settings = open_settings(station_ui, qtbot)
    assert not settings.printer_url.isReadOnly()
    assert settings.language.isEnabled()
    assert not settings.fixed_note.isVisible()


def test_the_preferences_layer_refuses_non_admins_and_provisioned_settings(tmp_path):
    file = PreferencesFile(tmp_path / "settings.json", provisioned=Provisioned(ETC))
    file.save(Preferences(station_id="ST-1", printer_url="tcp://10.0.0.20:9100"))
    loaded = file.load()
    with pytest.raises(PermissionDenied, match="admin"):
        file.change(INSPECTOR, dataclasses.replace(loaded, theme=Theme.HIGH_CONTRAST))
    with pytest.raises(NotAllowed, match="Printer address is set by IT in /etc/returns-station/station.toml"):
        file.change(ADMIN, dataclasses.replace(loaded, printer_url="tcp://10.0.0.99:9100"))
    assert file.load() == loaded  # nothing was written
    before, after = file.change(ADMIN, dataclasses.replace(loaded, auto_lock_minutes=9))
    assert (before.auto_lock_minutes, after.auto_lock_minutes) == (5, 9)
    assert file.load().auto_lock_minutes == 9


def test_where_it_allows_an_override_a_change_goes_to_the_per_user_file(tmp_path):
    user_file = tmp_path / "user" / "station.toml"
    user_file.parent.mkdir()
    user_file.write_text('[logging]\nlevel = "debug"\n')
    file = PreferencesFile(tmp_path / "settings.json", provisioned=Provisioned(ETC, user_file))
    file.save(Preferences(station_id="ST-1"))
    edited = dataclasses.replace(
        file.load(), printer_url="tcp://10.0.0.99:9100", language=Language.GERMAN, profile=Profile.HANDHELD
    )
    file.change(ADMIN, edited)
    assert file.load() == edited
    # The station reads it back at its next start exactly as the provisioning loader checks it.
    values, problems = check_file(user_file, machine_wide=False)
    assert problems == []
    assert values["devices.printer.url"] == "tcp://10.0.0.99:9100"
    assert values["station.language"].value == "de"
    assert values["station.profile"].value == "handheld"
    assert tomllib.loads(user_file.read_text())["logging"] == {"level": "debug"}  # kept


def test_unusable_addresses_in_a_hand_edited_settings_file_are_left_out_and_logged_once(tmp_path, caplog):
    file = PreferencesFile(tmp_path / "settings.json")
    hand_edited = Preferences(
        station_id="ST-1",
        central_url="https://rms.example.com",
        scanner_port="/dev/ttyACM0",
        printer_url="tcp://h:abc",
        rfid_url="llrp://h:x",
        camera_url="rtsp://cam/stream1",
    )
    file.save(hand_edited)  # the composition root's write: as it is
    with caplog.at_level(logging.ERROR, logger="ui.preferences"):
        loaded = file.load()
        assert file.load() == loaded  # the Settings screen loads it at every visit
    assert loaded == dataclasses.replace(hand_edited, printer_url="", rfid_url="", camera_url="")
    logged = [record.getMessage() for record in caplog.records]
    assert len(logged) == 3  # once per key, however often the file is read
    printer, rfid, camera = logged
    assert f"{file.path}: printer_url is ignored" in printer
    assert "'tcp://h:abc' has an invalid port" in printer
    assert f"{file.path}: rfid_url is ignored" in rfid
    assert f"{file.path}: camera_url is ignored" in camera
    # An admin who saves the settings saves them without the addresses the station ignored.
    file.change(ADMIN, dataclasses.replace(loaded, auto_lock_minutes=7))
    assert file.load() == dataclasses.replace(loaded, auto_lock_minutes=7)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ('[devices.printer\nurl = "tcp://10.0.0.99:9100"\n', "line 1"),  # not TOML at all
        ('devices = "/dev/ttyS0"\n', "devices is not a [section]"),  # TOML, but not a settings file
    ],
)
def test_a_broken_per_user_file_is_named_not_reported_as_a_full_disk(tmp_path, text, detail):
    user_file = tmp_path / "user" / "station.toml"
    user_file.parent.mkdir()
    user_file.write_text(text)
    file = PreferencesFile(tmp_path / "settings.json", provisioned=Provisioned(ETC, user_file))
    file.save(Preferences(station_id="ST-1"))
    edited = dataclasses.replace(file.load(), printer_url="tcp://10.0.0.99:9100")
    with pytest.raises(InvalidInput) as refused:
        file.change(ADMIN, edited)
    message = refused.value.message
    assert message.startswith(f"The settings were not saved: {user_file} is not a valid settings file (")
    assert detail in message
    assert message.endswith("Ask IT to correct it.")
    assert "disk full" not in message
    assert user_file.read_text() == text  # left as it was, for IT to see
    assert file.load().printer_url == ""  # and nothing saved


def test_the_per_user_file_keeps_every_kind_of_toml_value_it_had(tmp_path):
    user_file = tmp_path / "user" / "station.toml"
    user_file.parent.mkdir()
    user_file.write_text(
        '[logging]\nlevel = "debug"\n[notes]\nsince = 2024-05-01\nracks = [1, 2]\nwho = { name = "IT" }\n'
    )
    file = PreferencesFile(tmp_path / "settings.json", provisioned=Provisioned(ETC, user_file))
    file.save(Preferences(station_id="ST-1"))
    odd = 'DOCK-"7"\\é'  # quotes, a backslash and a non-ASCII letter: escaped, not broken
    file.change(ADMIN, dataclasses.replace(file.load(), station_id="DOCK-7", central_url="https://rms.example.com"))
    written = tomllib.loads(user_file.read_text(encoding="utf-8"))
    assert written["notes"] == {"since": date(2024, 5, 1), "racks": [1, 2], "who": {"name": "IT"}}
    assert written["logging"] == {"level": "debug"}
    assert written["station"]["id"] == "DOCK-7"
    assert written["server"]["url"] == "https://rms.example.com"
    assert not user_file.with_suffix(".part").exists()
    _override(user_file, {"station.id": odd})
    assert tomllib.loads(user_file.read_text(encoding="utf-8"))["station"]["id"] == odd


def test_both_settings_files_are_synced_to_disk_before_they_replace_the_old_ones(tmp_path, monkeypatch):
    user_file = tmp_path / "user" / "station.toml"
    file = PreferencesFile(tmp_path / "settings.json", provisioned=Provisioned(ETC, user_file))
    file.save(Preferences(station_id="ST-1"))
    synced: list[int] = []  # the files' inodes: a rename keeps them
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr("ui.preferences.os.fsync", fsync)
    file.change(ADMIN, dataclasses.replace(file.load(), printer_url="tcp://10.0.0.99:9100"))
    # The per-user file first, then the station's: each on disk before it took the old one's name.
    assert synced == [user_file.stat().st_ino, file.path.stat().st_ino]
    assert file.load().printer_url == "tcp://10.0.0.99:9100"


@pytest.mark.parametrize("ports", [Ports(sync=RecordingLink())])
def test_the_settings_screen_enrolls_as_the_signed_in_admin(station_ui, qtbot):
    settings = open_settings(station_ui, qtbot)
    link = station_ui.ports.sync
    assert isinstance(link, RecordingLink)
    settings.central_url.setText("https://rms.example.com")
    settings.enrollment_code.setText("TOKEN-1")
    message = answer(station_ui, qtbot, settings.enroll.click)
    assert message.tone is Tone.SUCCESS, message.text
    operator, url, code, station_id = link.enrolled[-1]
    assert (operator.username, operator.role) == ("admin", Role.ADMIN)
    assert (url, code, station_id) == ("https://rms.example.com", "TOKEN-1", "ST-UI")
    assert settings.enrollment_code.text() == ""


def test_an_address_the_station_could_not_use_is_refused_in_the_loaders_words(station_ui, qtbot):
    settings = open_settings(station_ui, qtbot)
    settings.printer_url.setText("tcp//10.0.0.21")
    message = answer(station_ui, qtbot, settings.save.click)
    assert message.tone is Tone.ERROR
    assert "Printer address" in message.text
    assert "expected tcp://host:port" in message.text
    assert settings.printer_url.hasFocus()
    with pytest.raises(InvalidInput):
        settings.ctx.preferences.change(ADMIN, settings.edited())
    assert settings.ctx.preferences.load().printer_url == "tcp://10.0.0.20:9100"


def test_switching_language_retranslates_the_whole_window_at_once(station_ui, qtbot):
    ui = station_ui
    settings = open_settings(ui, qtbot)
    settings.language.setCurrentIndex(settings.language.findData(Language.SPANISH))
    message = answer(ui, qtbot, settings.save.click)
    assert message.tone is Tone.SUCCESS
    qtbot.waitUntil(lambda: ui.actions.action(ActionId.GO_RECEIVE).text() != "Receive", timeout=5000)
    assert settings.devices_box.title() == "Dispositivos"
    assert settings.save.text() != "Save settings"
    assert ui.window.code_caption.text() != "&Code:"
    assert ui.window.nav.item(0).text().startswith(ui.actions.action(ActionId.GO_RECEIVE).text())
    assert ui.translations.language is Language.SPANISH
    settings.language.setCurrentIndex(settings.language.findData(Language.ENGLISH))
    answer(ui, qtbot, settings.save.click)
    qtbot.waitUntil(lambda: ui.actions.action(ActionId.GO_RECEIVE).text() == "Receive", timeout=5000)


def test_layout_and_lock_time_apply_at_once(station_ui, qtbot):
    ui = station_ui
    settings = open_settings(ui, qtbot)
    settings.profile_choice.setCurrentIndex(settings.profile_choice.findData(Profile.HANDHELD))
    settings.auto_lock.setValue(12)
    answer(ui, qtbot, settings.save.click)
    qtbot.waitUntil(lambda: ui.window.size() == Profile.HANDHELD.window_size, timeout=5000)
    assert ui.profile is Profile.HANDHELD
    assert ui.session.auto_lock_ms == 12 * 60_000
    settings.profile_choice.setCurrentIndex(settings.profile_choice.findData(Profile.DESKTOP))
    answer(ui, qtbot, settings.save.click)
    qtbot.waitUntil(lambda: ui.window.size() == Profile.DESKTOP.window_size, timeout=5000)


def test_a_new_station_id_says_it_needs_a_restart_and_offers_it(station_ui, qtbot, restart):
    settings = open_settings(station_ui, qtbot)
    assert not settings.restart.isVisible()
    settings.station_id.setText("DOCK-9")
    message = answer(station_ui, qtbot, settings.save.click)
    assert message.tone is Tone.WARNING
    assert message.text == "Settings saved. Applies after a restart: Station id."
    assert settings.restart_note.isVisible()
    assert "ST-UI → DOCK-9" in settings.restart_note.text()
    assert settings.restart.isVisible()
    settings.restart.click()
    assert restart.asked == 1
    # Changing it back: nothing waits for a restart any more.
    settings.station_id.setText("ST-UI")
    assert answer(station_ui, qtbot, settings.save.click).tone is Tone.SUCCESS
    assert not settings.restart.isVisible()


def test_without_a_device_manager_new_addresses_wait_for_the_next_start(station_ui, qtbot):
    settings = open_settings(station_ui, qtbot)
    settings.printer_url.setText("tcp://10.0.0.21:9100")
    message = answer(station_ui, qtbot, settings.save.click)
    assert message.tone is Tone.WARNING
    assert message.text == "Settings saved. Applies after a restart: Printer."


SHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def settled_layout(settings: SettingsScreen, qtbot) -> None:
    """What a person sees once the event loop has laid the screen out (the notes shown change its height)."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: settings.height() >= settings.minimumSizeHint().height(), timeout=5000)
    assert settings.restart.geometry().bottom() <= settings.height()


@pytest.mark.parametrize("provisioned", [Provisioned(ETC)])
@pytest.mark.parametrize(
    ("profile", "theme"),
    [(Profile.DESKTOP, Theme.LIGHT), (Profile.HANDHELD, Theme.LIGHT), (Profile.DESKTOP, Theme.HIGH_CONTRAST)],
)
def test_screenshots_of_provisioned_settings(station_ui, qtbot, profile, theme):
    """tests/screenshots/settings-provisioned-*.png: the whole screen (scrolled parts too), for people to look at."""
    ui = station_ui
    ui.set_theme(theme)
    ui.set_profile(profile)
    qtbot.waitUntil(lambda: ui.window.size() == profile.window_size, timeout=5000)
    settings = open_settings(ui, qtbot)
    settled_layout(settings, qtbot)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"settings-provisioned-{profile.value}-{theme.value}.png"
    assert settings.grab().save(str(path))
    assert settings.fixed_note.isVisible()


@pytest.mark.parametrize(
    ("profile", "theme"), [(Profile.DESKTOP, Theme.LIGHT), (Profile.HANDHELD, Theme.HIGH_CONTRAST)]
)
def test_screenshots_of_a_restart_waiting(station_ui, qtbot, profile, theme):
    """tests/screenshots/settings-restart-*.png: after saving a new station id."""
    ui = station_ui
    ui.set_theme(theme)
    ui.set_profile(profile)
    qtbot.waitUntil(lambda: ui.window.size() == profile.window_size, timeout=5000)
    settings = open_settings(ui, qtbot)
    settings.station_id.setText("DOCK-9")
    answer(ui, qtbot, settings.save.click)
    settled_layout(settings, qtbot)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert settings.grab().save(str(SHOTS / f"settings-restart-{profile.value}-{theme.value}.png"))
    assert ui.window.grab().save(str(SHOTS / f"settings-restart-window-{profile.value}-{theme.value}.png"))
