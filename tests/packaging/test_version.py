"""One version source (pyproject.toml): `--version` shows it and every transaction sent to central carries it."""

from __future__ import annotations

import sqlite3
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from app import __version__
from app.__main__ import main
from app.services.station import Station, open_database
from app.services.values import Credentials
from app.store.outbox import Outbox
from app.store.reference import load_sample_set
from sync.client import CentralClient
from sync.credentials import StationCredentials
from tests.packaging.conftest import SAMPLE, TOKEN

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_comes_from_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert __version__ == version("returns-station") == declared


def test_dash_dash_version_prints_it(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"returns-station {__version__}"


def test_every_transaction_central_receives_carries_the_version(tmp_path, central):
    db = open_database(tmp_path / "station.db")
    try:
        load_sample_set(db, SAMPLE, "2026-11-23T09:00:00+00:00")
        station = Station(db, station_id="DOCK-1", data_dir=tmp_path / "data")
        station.auth.sign_in(Credentials("ana", "1111"))
        station.receiving.open_blind(station.auth.sign_in(Credentials("sam", "2222")), None, note="no paperwork")
        batch = Outbox(db).next_batch()
        assert len(batch) >= 3
        assert {record.envelope()["app_version"] for record in batch} == {__version__}
        with CentralClient(central.base_url, StationCredentials("DOCK-1")) as client:
            client.enroll(TOKEN)
            client.push_batch([record.envelope() for record in batch])
    finally:
        db.dispose()
    ledger = sqlite3.connect(tmp_path / "central.db")
    try:
        stamped = ledger.execute("SELECT app_version, COUNT(*) FROM transactions GROUP BY app_version").fetchall()
    finally:
        ledger.close()
    assert stamped == [(__version__, len(batch))]
