"""One central RMS simulator per test module, reset and seeded with a small known data set for each test.

Tests talk to it over real HTTP on 127.0.0.1 with httpx, as an enrolled station would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import SEED, Station, enroll_station


@pytest.fixture(scope="module")
def central_server() -> Iterator[CentralSimulator]:
    simulator = CentralSimulator().start()
    yield simulator
    simulator.stop()


@pytest.fixture
def central(central_server: CentralSimulator) -> CentralSimulator:
    central_server.reset()
    central_server.seed(SEED)
    return central_server


@pytest.fixture
def http(central: CentralSimulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=central.base_url, timeout=10) as client:
        yield client


@pytest.fixture
def enroll(central: CentralSimulator) -> Iterator[Callable[[str], Station]]:
    clients: list[httpx.Client] = []

    def make(station_id: str) -> Station:
        client = httpx.Client(base_url=central.base_url, timeout=10)
        clients.append(client)
        return enroll_station(client, central, station_id)

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def station(enroll: Callable[[str], Station]) -> Station:
    return enroll("DOCK-1")
