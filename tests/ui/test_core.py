"""The window before its core: sign-in on screen first, the database and the screens behind it after."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.services.station import Station
from app.services.values import Changed
from ui.application import StationUi
from ui.core import CoreNotOpen, StationCore
from ui.ports import Ports
from ui.preferences import PreferencesFile
from ui.profiles import Profile
from ui.screens.base import ScreenId
from ui.sync_monitor import QueueState, SyncMonitor
from ui.tasks import TaskRunner


def test_a_core_not_yet_open_knows_its_station_id_and_nothing_else(station: Station) -> None:
    core = StationCore("ST-UI")
    assert (core.is_open, core.station_id) == (False, "ST-UI")
    with pytest.raises(CoreNotOpen, match="ST-UI is not open yet"):
        _ = core.station
    core.open(station)
    assert core.is_open
    assert core.station is station
    with pytest.raises(CoreNotOpen, match="open already"):
        core.open(station)


def test_a_core_opens_only_the_station_its_window_was_built_for(station: Station) -> None:
    with pytest.raises(ValueError, match="ST-UI opened for window of OTHER-1"):
        StationCore("OTHER-1").open(station)


def test_the_sync_monitor_counts_nothing_until_the_core_opens(
    qtbot: QtBot, station: Station, runner: TaskRunner
) -> None:
    core = StationCore("ST-UI")
    monitor = SyncMonitor(core, runner, None)
    shown: list[QueueState] = []
    monitor.updated.connect(shown.append)
    with qtbot.assertNotEmitted(monitor.updated, wait=100):
        monitor.poke()  # a sync status change before the core is open: nothing to read yet
    core.open(station)
    with qtbot.waitSignal(monitor.updated):
        monitor.start()
    assert shown[-1].outbox.pending == 0
    monitor.stop()


@pytest.fixture
def unopened_ui(qapp, qtbot: QtBot, preferences_file: PreferencesFile, no_leaked_threads: None) -> Iterator[StationUi]:
    ui = StationUi.build(
        qapp, StationCore("ST-UI"), preferences_file=preferences_file, ports=Ports(), profile=Profile.DESKTOP
    )
    yield ui
    ui.close()
    qtbot.waitUntil(lambda: ui.runner.idle)


def test_the_window_shows_its_sign_in_screen_before_the_core_opens(
    qtbot: QtBot, unopened_ui: StationUi, station: Station
) -> None:
    window = unopened_ui.window
    unopened_ui.show()
    qtbot.waitExposed(window)
    assert list(window.screens) == [ScreenId.SIGN_IN]
    assert window.current is window.screens[ScreenId.SIGN_IN]
    assert window.windowTitle() == "Returns Station ST-UI"

    unopened_ui.open_core(station)
    assert set(window.screens) == set(ScreenId)
    # Committed changes now reach the window through the bridge.
    with qtbot.waitSignal(unopened_ui.bridge.station_changed) as heard:
        station.context.listeners[-1](Changed("T-1"))
    assert heard.args == [Changed("T-1")]


def test_a_window_closed_before_its_core_opened_closes_cleanly(qtbot: QtBot, unopened_ui: StationUi) -> None:
    # The fixture closes it and checks that every thread it started was joined.
    unopened_ui.show()
    qtbot.waitExposed(unopened_ui.window)
    assert not unopened_ui.core.is_open
