"""The real station UI over a real SQLite file with the sample data; every thread it starts is joined."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.station import Station, open_database
from app.store.reference import load_sample_set
from devices.printing.spool import LabelPrinterDevice
from devices.printing.transport import TcpPrinter
from devices.simulators.zpl_printer import PrinterSimulator
from resources import ROOT as RESOURCES
from tests.app.conftest import FakeClock
from tests.ui.helpers import ignore_offscreen_noise, threads_joined
from ui.adapters import CoreLabelPrinter
from ui.application import StationUi
from ui.core import StationCore
from ui.feedback import Banner, Feedback
from ui.ports import Ports
from ui.preferences import Preferences, PreferencesFile
from ui.profiles import Profile
from ui.tasks import TaskRunner

SAMPLE = RESOURCES / "reference"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    ignore_offscreen_noise(items, Path(__file__).parent)


@pytest.fixture
def no_leaked_threads() -> Iterator[None]:
    with threads_joined():
        yield


@pytest.fixture
def runner(qtbot: QtBot, no_leaked_threads: None) -> Iterator[TaskRunner]:
    """A task runner reporting to a banner of its own, for parts tested without the window."""
    banner = Banner()
    qtbot.addWidget(banner)
    feedback = Feedback(banner)
    tasks = TaskRunner(feedback)
    yield tasks
    tasks.shutdown()
    feedback.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def station(tmp_path: Path, clock: FakeClock) -> Iterator[Station]:
    db = open_database(tmp_path / "station.db")
    load_sample_set(db, SAMPLE, clock().isoformat())
    yield Station(db, station_id="ST-UI", data_dir=tmp_path / "data", clock=clock)
    db.dispose()


@pytest.fixture
def preferences_file(tmp_path: Path) -> PreferencesFile:
    file = PreferencesFile(tmp_path / "data" / "station-settings.json")
    file.save(Preferences(station_id="ST-UI"))
    return file


@pytest.fixture
def ports() -> Ports:
    return Ports()


@pytest.fixture
def profile() -> Profile:
    return Profile.DESKTOP


@pytest.fixture
def printer_simulator() -> Iterator[PrinterSimulator]:
    simulator = PrinterSimulator(port=0).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def printing_station(station: Station, printer_simulator: PrinterSimulator) -> Station:
    """The station printing over TCP to the ZPL printer simulator, as a real one would."""
    device = LabelPrinterDevice(TcpPrinter("127.0.0.1", printer_simulator.port), device_id="printer")
    station.labels.printer = CoreLabelPrinter(device, lambda _status: None)
    return station


@pytest.fixture
def station_ui(
    qapp,
    qtbot: QtBot,
    station: Station,
    preferences_file: PreferencesFile,
    ports: Ports,
    profile: Profile,
    no_leaked_threads: None,
) -> Iterator[StationUi]:
    ui = StationUi.build(qapp, StationCore.of(station), preferences_file=preferences_file, ports=ports, profile=profile)
    ui.show()
    qtbot.waitExposed(ui.window)
    yield ui
    ui.close()
    qtbot.waitUntil(lambda: ui.runner.idle)
