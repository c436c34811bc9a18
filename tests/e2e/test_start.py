"""The composition root's plain start: a station with its data but no central server and no devices."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox

from app.__main__ import _cannot_start, _printer, _rfid_reader, main, open_station, start_station
from app.errors import StorageProblem
from app.services.station import open_database
from app.store.reference import load_sample_set
from devices.printing.transport import TcpPrinter
from resources import ROOT as RESOURCES
from ui.ports import Connectivity, Missing
from ui.preferences import Preferences, PreferencesFile
from ui.screens.base import ScreenId
from ui.screens.sign_in import SignInScreen
from ui.startup import after_first_paint

ROOT = Path(__file__).resolve().parents[2]


def _station_folder(folder: Path, preferences: Preferences) -> None:
    db = open_database(folder / "station.db")
    load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
    db.dispose()
    PreferencesFile.in_folder(folder).save(preferences)


def _post_keys(target: QObject, text: str) -> None:
    """Keys as the platform delivers them: queued, handled when the event loop gets to them."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
        QCoreApplication.postEvent(target, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char))


def test_station_without_central_or_devices_starts_and_says_so(qapp, qtbot, tmp_path, no_leaked_threads):
    db = open_database(tmp_path / "station.db")
    load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
    db.dispose()
    PreferencesFile.in_folder(tmp_path).save(Preferences(station_id="PLAIN-01"))
    running = start_station(qapp, tmp_path)
    try:
        assert running.worker is None
        assert Missing.CENTRAL_SERVER in running.ui.ports.missing
        running.ui.show()
        qtbot.waitUntil(lambda: running.ui.monitor.last is not None)
        last = running.ui.monitor.last
        assert last is not None
        assert last.sync.connectivity is Connectivity.UNKNOWN
        assert running.ui.window.current is running.ui.window.screens[ScreenId.SIGN_IN]
    finally:
        running.close()


def test_unusable_device_addresses_in_a_hand_edited_settings_file_do_not_keep_the_station_from_starting(
    qapp, qtbot, tmp_path, caplog, no_leaked_threads
):
    # Once "invalid literal for int()" from the printer's and RFID reader's builders, and no station.
    hand_edited = Preferences(
        station_id="PLAIN-01", printer_url="tcp://h:abc", rfid_url="llrp://h:x", camera_url="rtsp://cam/stream1"
    )
    _station_folder(tmp_path, hand_edited)
    settings_file = PreferencesFile.in_folder(tmp_path).path
    with caplog.at_level(logging.ERROR):
        running = start_station(qapp, tmp_path)
    try:
        assert {Missing.LABEL_PRINTER, Missing.RFID_READER} <= set(running.ui.ports.missing)
        assert running.station.labels.printer is None
        assert running.devices.statuses() == []  # no printer, RFID reader or camera: none was usable
        running.ui.show()
        qtbot.waitUntil(lambda: running.ui.monitor.last is not None)
        assert running.ui.window.current is running.ui.window.screens[ScreenId.SIGN_IN]
    finally:
        running.close()
    ignored = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    for key, value in (("printer_url", "tcp://h:abc"), ("rfid_url", "llrp://h:x"), ("camera_url", "rtsp://cam")):
        said = [message for message in ignored if f"{settings_file}: {key} is ignored" in message]
        assert len(said) == 1, ignored
        assert value in said[0]
    assert not [r for r in caplog.records if r.exc_info]  # no traceback anywhere


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("tcp://printer", "printer", 9100),
        ("tcp://10.0.0.20:9101", "10.0.0.20", 9101),
        ("tcp://[::1]:9100", "::1", 9100),
    ],
)
def test_the_printer_builder_reads_every_address_the_settings_accept(url, host, port):
    device = _printer(url)
    assert device is not None
    assert isinstance(device.printer, TcpPrinter)
    assert (device.printer.host, device.printer.port) == (host, port)


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("llrp://reader", "reader", 5084),
        ("llrp://10.0.0.30:5085", "10.0.0.30", 5085),
        ("llrp://[fe80::1]", "fe80::1", 5084),
    ],
)
def test_the_rfid_builder_reads_every_address_the_settings_accept(url, host, port):
    reader = _rfid_reader(url, lambda _tag: None)
    assert (reader.settings.host, reader.settings.port) == (host, port)


def test_the_sign_in_window_comes_first_and_a_badge_scanned_while_the_rest_loads_signs_in(
    qapp, qtbot, tmp_path, no_leaked_threads
):
    _station_folder(tmp_path, Preferences(station_id="PLAIN-01"))
    running = open_station(qapp, tmp_path)
    try:
        window = running.ui.window
        sign_in = window.screens[ScreenId.SIGN_IN]
        assert isinstance(sign_in, SignInScreen)
        # The real window, on its real sign-in screen; the screens behind it come after the first paint.
        assert list(window.screens) == [ScreenId.SIGN_IN]
        assert window.current is sign_in
        assert not running.ui.core.is_open  # its database opens after the first paint too
        assert window.windowTitle() == "Returns Station PLAIN-01"

        def start_once_input_arrived() -> None:
            # While the station finishes starting, an operator scans a badge (a keyboard-wedge
            # scanner "types" it into the window) and types the PIN: both wait in Qt's queue.
            _post_keys(window.windowHandle(), "BADGE-1001\r")
            _post_keys(sign_in.pin_edit, "1111\r")
            running.start()
            assert sign_in.who_edit.text() == ""  # nothing was handled before the station was up

        after_first_paint(window, start_once_input_arrived)
        with qtbot.waitSignal(running.ui.session.signed_in, timeout=10_000) as signed_in:
            running.ui.show()
        assert signed_in.args[0].username == "ana"
        qtbot.waitUntil(lambda: window.current is window.screens[ScreenId.RECEIVE])
        assert set(window.screens) == set(ScreenId)
    finally:
        running.close()


def test_with_a_central_server_the_screens_link_to_sync_before_the_worker_runs(
    qapp, qtbot, tmp_path, no_leaked_threads
):
    # Nothing listens on port 9: the station starts offline, as it must be able to.
    _station_folder(tmp_path, Preferences(station_id="PLAIN-01", central_url="http://127.0.0.1:9"))
    running = open_station(qapp, tmp_path)
    try:
        link = running.ui.ports.sync
        assert link is not None
        worker_before_start = running.worker
        # The sync monitor asks for the connection state off the GUI thread; asked before the worker
        # runs, the answer waits for it rather than saying "sync off".
        answers: list[Connectivity] = []
        asking = threading.Thread(target=lambda: answers.append(link.view().connectivity))
        asking.start()
        running.start()
        asking.join(timeout=10)
        assert worker_before_start is None
        assert running.worker is not None
        assert answers == [Connectivity.NOT_ENROLLED]
    finally:
        running.close()


def test_a_station_closed_before_it_finished_starting_lets_waiting_sync_questions_go(qapp, tmp_path, no_leaked_threads):
    _station_folder(tmp_path, Preferences(station_id="PLAIN-01", central_url="http://127.0.0.1:9"))
    running = open_station(qapp, tmp_path)
    link = running.ui.ports.sync
    assert link is not None
    answers: list[Connectivity] = []
    asking = threading.Thread(target=lambda: answers.append(link.view().connectivity))
    asking.start()
    running.close()
    asking.join(timeout=10)
    assert answers == [Connectivity.UNKNOWN]


# What the sign-in window must not wait for (together some 0.7 s of imports): the core's database
# layer (SQLAlchemy, the store, the services), scan parsers, the sync layer (HTTP, keyring), the
# migration tool, the self-test machinery, the label preview's imaging, the scanner's, RFID
# reader's and camera's drivers. `RunningStation.start` or their first use loads them.
NOT_BEFORE_THE_WINDOW = (
    "sqlalchemy",
    "app.store",
    "app.services.station",
    "argon2",
    "biip",
    "epcpy",
    "tracking_numbers",
    "httpx",
    "keyring",
    "sync",
    "alembic",
    "app.selftest",
    "PIL",
    "devices.scanning.serial_scanner",
    "devices.rfid.llrp_client",
    "devices.scanning.http_camera",
)


def test_the_sign_in_window_does_not_wait_for_parsers_sync_or_self_test(tmp_path):
    # A station with every device and a central server (nothing answers at any of these addresses).
    everything = Preferences(
        station_id="FULL-01",
        central_url="http://127.0.0.1:9",
        scanner_port="/dev/ttyRETURNS-NONE",
        printer_url="tcp://127.0.0.1:9",
        rfid_url="llrp://127.0.0.1:9",
        camera_url="http://127.0.0.1:9/snapshot.jpg",
    )
    _station_folder(tmp_path, everything)
    code = (
        "import sys; from pathlib import Path; from PySide6.QtWidgets import QApplication; "
        "from app.__main__ import open_station; "
        f"app = QApplication([]); running = open_station(app, Path({str(tmp_path)!r})); "
        f"print(sorted(set({NOT_BEFORE_THE_WINDOW!r}) & set(sys.modules))); running.close()"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip().splitlines()[-1] == "[]"


def test_verify_audit_and_demo_script_still_run(tmp_path, capsys):
    assert main(["demo-script", "--data-dir", str(tmp_path)]) == 0
    assert main(["verify-audit", "--data-dir", str(tmp_path)]) == 0
    assert "Audit trail intact" in capsys.readouterr().out


def test_what_it_provisioned_wins_over_the_saved_settings(qapp, tmp_path, no_leaked_threads):
    from app.config import DevicePorts, Language, Profile, StationConfig
    from ui.i18n import Language as UiLanguage
    from ui.profiles import Profile as UiProfile

    db = open_database(tmp_path / "station.db")
    load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
    db.dispose()
    PreferencesFile.in_folder(tmp_path).save(Preferences(station_id="OLD-01", central_url="http://old.example"))
    provisioning = StationConfig(
        station_id="DOCK-7",
        devices=DevicePorts(),
        profile=Profile.HANDHELD,
        language=Language.GERMAN,
        data_dir=tmp_path,
    )
    running = start_station(qapp, tmp_path, provisioning=provisioning)
    try:
        assert running.station.context.station_id == "DOCK-7"
    finally:
        running.close()
    saved = PreferencesFile.in_folder(tmp_path).load()
    assert saved.station_id == "DOCK-7"
    assert saved.central_url == ""  # not provisioned: this station has no central server
    assert saved.language is UiLanguage.GERMAN
    assert saved.profile is UiProfile.HANDHELD


def test_a_damaged_database_stops_the_station_with_words_for_it(qapp, qtbot, tmp_path, no_leaked_threads):
    _station_folder(tmp_path, Preferences(station_id="PLAIN-01"))
    (tmp_path / "station.db").write_bytes(b"not a station database\n" * 200)
    running = open_station(qapp, tmp_path)  # the window does not need the database...
    try:
        running.ui.show()
        qtbot.waitExposed(running.ui.window)
        with pytest.raises(StorageProblem) as raised:
            running.start()  # ...and opening it after the first paint says what is wrong, and with which file
        assert str(tmp_path / "station.db") in str(raised.value)
        assert "file is not a database" in str(raised.value)

        exits: list[int] = []
        box = _cannot_start(exits.append, running.ui.window, raised.value)
        assert box.isVisible()
        assert box.windowTitle() == "The station cannot start"
        assert "Ask IT to check or restore the file" in box.text()
        assert exits == []
        box.button(QMessageBox.StandardButton.Close).click()
        assert exits == [2]
    finally:
        running.close()
