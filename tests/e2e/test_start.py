"""The composition root's plain start: a station with its data but no central server and no devices."""

from __future__ import annotations

from datetime import UTC, datetime

from app.__main__ import main, start_station
from app.services.station import open_database
from app.store.reference import load_sample_set
from resources import ROOT as RESOURCES
from ui.ports import Connectivity, Missing
from ui.preferences import Preferences, PreferencesFile
from ui.screens.base import ScreenId


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
