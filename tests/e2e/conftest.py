"""The whole station as `returns-station --demo` builds it: simulators for central, printer and scanner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.__main__ import RunningStation, start_station
from sync.worker import WorkerSettings
from tests.ui.helpers import ignore_offscreen_noise, threads_joined
from ui.profiles import Profile

# Fast retries so an outage and its end take a fraction of a second, not the field's minutes.
QUICK_SYNC = WorkerSettings(idle_check_s=0.2, backoff_base_s=0.05, backoff_cap_s=0.3, pull_interval_s=60.0)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    ignore_offscreen_noise(items, Path(__file__).parent)


@pytest.fixture
def no_leaked_threads() -> Iterator[None]:
    with threads_joined():
        yield


@pytest.fixture
def running(qapp, qtbot: QtBot, tmp_path: Path, no_leaked_threads: None) -> Iterator[RunningStation]:
    station = start_station(qapp, tmp_path / "station", demo=True, profile=Profile.DESKTOP, worker_settings=QUICK_SYNC)
    station.ui.show()
    qtbot.waitExposed(station.ui.window)
    yield station
    station.close()
