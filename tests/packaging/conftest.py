"""Packaging test fixtures: the central RMS simulator on loopback, a provisioning file, a queued station."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import StationConfig, load_config
from resources import ROOT as RESOURCES
from sync.simulators.central import CentralSimulator

SAMPLE = RESOURCES / "reference"
TOKEN = "IT-ENROLL-0001"


@pytest.fixture
def central(tmp_path: Path) -> Iterator[CentralSimulator]:
    simulator = CentralSimulator(tmp_path / "central.db", seed_folder=SAMPLE, enrollment_tokens=[TOKEN]).start()
    yield simulator
    simulator.stop()


def provision(tmp_path: Path, server_url: str, *, station_id: str = "DOCK-1", extra: str = "") -> StationConfig:
    path = tmp_path / "etc" / "station.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[station]\nid = "{station_id}"\ndata_dir = "{tmp_path / "data"}"\n[server]\nurl = "{server_url}"\n{extra}'
    )
    config = load_config(path, user_path=tmp_path / "no-user.toml")
    assert config is not None
    return config


@pytest.fixture
def config(tmp_path: Path, central: CentralSimulator) -> StationConfig:
    return provision(tmp_path, central.base_url)
