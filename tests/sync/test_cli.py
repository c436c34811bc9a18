"""`python -m sync`: enrol a station, read its queue's status, run the sync until drained."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.station import Station
from sync.__main__ import main
from sync.credentials import StationCredentials
from sync.simulators.central import CentralSimulator
from tests.sync.workload import STATION_ID, blind_returns


def test_enroll_run_and_status_from_the_command_line(
    simulator: CentralSimulator, station: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blind_returns(station, returns=2, units_each=1, tag="cli")
    central = ["--url", simulator.base_url, "--station-id", STATION_ID]
    assert main(["enroll", *central, "--token", simulator.mint_enrollment_token()]) == 0
    assert StationCredentials(STATION_ID).credential()
    assert main(["status", "--data-dir", str(tmp_path), *central]) == 0
    before = capsys.readouterr().out
    assert "enrolled with" in before
    assert "Waiting to send:  4" in before
    assert "Connection:       online" in before

    assert main(["run", "--data-dir", str(tmp_path), *central, "--until-drained"]) == 0
    assert len(simulator.received(STATION_ID)) == 4
    assert main(["status", "--data-dir", str(tmp_path)]) == 0
    after = capsys.readouterr().out
    assert "Waiting to send:  0" in after
    assert "Last sent:        never" not in after


def test_a_used_token_and_a_wrong_folder_are_plain_errors(
    simulator: CentralSimulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = simulator.mint_enrollment_token()
    central = ["--url", simulator.base_url, "--station-id", STATION_ID]
    assert main(["enroll", *central, "--token", token]) == 0
    assert main(["enroll", *central, "--token", token]) == 2
    assert main(["status", "--data-dir", str(tmp_path / "nowhere")]) == 2
    errors = capsys.readouterr().err
    assert "already used" in errors
    assert "No station database" in errors
