"""Fixtures for scanner tests: simulators on real pseudo-terminals, scanners that open them, read collectors.

Everything a test starts is stopped in teardown, and a test fails if it leaves a thread running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from devices.events import Scan, ScanRejected
from devices.scanning.serial_scanner import SerialScanner, SerialScannerSettings
from devices.simulators.serial_scanner import ScannerSimulator
from tests.devices.scanning.reads import Reads, assert_no_new_threads


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert_no_new_threads(before)


@pytest.fixture
def reads() -> Reads:
    return Reads()


@pytest.fixture
def simulator() -> Iterator[Callable[..., ScannerSimulator]]:
    started: list[ScannerSimulator] = []

    def start(*args: object, **kwargs: object) -> ScannerSimulator:
        sim = ScannerSimulator(*args, **kwargs).start()  # type: ignore[arg-type]
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture
def open_scanner() -> Iterator[Callable[..., SerialScanner]]:
    opened: list[SerialScanner] = []

    def open_(settings: SerialScannerSettings, on_scan: Callable[[Scan | ScanRejected], None]) -> SerialScanner:
        scanner = SerialScanner(settings, on_scan)
        scanner.open()
        opened.append(scanner)
        return scanner

    yield open_
    for scanner in opened:
        scanner.close()
