"""Sync test fixtures: the central RMS simulator on loopback, an enrolled client, stations on real files.

Clocks are injected: `Monotonic` drives the worker's backoff, and `InstantWait` lets backoff waits
pass at once on that clock, so no test sleeps through a Retry-After or a jittered delay.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.services.station import Station
from sync.client import CentralClient
from sync.credentials import StationCredentials
from sync.simulators.central import CentralSimulator, ReceivedTransaction
from sync.target import CentralTarget
from sync.worker import SyncWorker, WorkerSettings
from tests.sync.workload import SAMPLE, STATION_ID, build_queued_station, copy_database, open_station

TEMPLATE_RETURNS = 250
TEMPLATE_UNITS = 3  # 250 blind returns x (open + 3 units) = 1,000 transactions
TEMPLATE_TRANSACTIONS = TEMPLATE_RETURNS * (1 + TEMPLATE_UNITS)


class Monotonic:
    """The worker's monotonic clock, moved only by the test (or by `InstantWait`)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class InstantWait:
    """The worker's wait: a backoff passes at once on the fake clock; an idle wait parks until released."""

    def __init__(self, clock: Monotonic, idle_s: float) -> None:
        self.clock = clock
        self.idle_s = idle_s
        self.delays: list[float] = []
        self.released = threading.Event()

    def __call__(self, seconds: float) -> bool:
        self.delays.append(seconds)
        self.clock.advance(seconds)
        if seconds >= self.idle_s:
            # Nothing to do: park on a real event (set at teardown) rather than spin.
            return self.released.wait(0.2)
        return False


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[CentralSimulator]:
    sim = CentralSimulator(db_path=tmp_path / "central.db", seed_folder=SAMPLE).start()
    yield sim
    sim.stop()


@pytest.fixture
def credentials() -> StationCredentials:
    return StationCredentials(STATION_ID)


def make_client(
    simulator: CentralSimulator, credentials: StationCredentials, *, read_timeout: float = 15.0
) -> CentralClient:
    return CentralClient(simulator.base_url, credentials, timeout=httpx.Timeout(read_timeout, connect=5.0))


@pytest.fixture
def client(simulator: CentralSimulator, credentials: StationCredentials) -> Iterator[CentralClient]:
    with make_client(simulator, credentials) as enrolled:
        enrolled.enroll(simulator.mint_enrollment_token())
        yield enrolled


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    s = open_station(tmp_path / "station.db", tmp_path / "data")
    yield s
    s.db.dispose()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A station file with 1,000 pending transactions, made once per session by the real services."""
    path = tmp_path_factory.mktemp("template") / "station.db"
    build_queued_station(path, returns=TEMPLATE_RETURNS, units_each=TEMPLATE_UNITS)
    return path


@pytest.fixture
def queued_station(template_db: Path, tmp_path: Path) -> Iterator[Station]:
    """A station whose outbox already holds the template's 1,000 transactions."""
    path = tmp_path / "station.db"
    copy_database(template_db, path)
    s = open_station(path, tmp_path / "data", load_sample=False)
    yield s
    s.db.dispose()


@pytest.fixture
def clock() -> Monotonic:
    return Monotonic()


class WorkerFactory:
    """Builds workers on the fake clock and stops every one (thread joined, database closed) at teardown."""

    def __init__(self, clock: Monotonic) -> None:
        self.clock = clock
        self.made: list[SyncWorker] = []
        self.waits: dict[int, InstantWait] = {}

    def __call__(
        self, db_path: Path, client: CentralClient, *, threaded_wait: bool = False, **kwargs: Any
    ) -> SyncWorker:
        settings = kwargs.pop("settings", None) or WorkerSettings(pull_interval_s=3600.0)
        wait = InstantWait(self.clock, settings.idle_check_s) if threaded_wait else None
        kwargs.setdefault("feeds", None)
        worker = SyncWorker(db_path, CentralTarget(client), settings=settings, clock=self.clock, wait=wait, **kwargs)
        self.made.append(worker)
        if wait is not None:
            self.waits[id(worker)] = wait
        return worker

    def wait_of(self, worker: SyncWorker) -> InstantWait:
        return self.waits[id(worker)]

    def stop_all(self) -> None:
        for wait in self.waits.values():
            wait.released.set()
        for worker in self.made:
            worker.stop()


@pytest.fixture
def make_worker(clock: Monotonic) -> Iterator[WorkerFactory]:
    factory = WorkerFactory(clock)
    yield factory
    factory.stop_all()


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, poll: float = 0.01) -> bool:
    """Poll a condition, pausing on a real event's timeout (no sleep); False if it never held in time."""
    ticker = threading.Event()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        ticker.wait(poll)
    return True


def assert_exactly_once_in_order(received: list[ReceivedTransaction], expected_ids: set[str]) -> None:
    """Every expected transaction applied once, nothing else, and each return's changes in seq order."""
    ids = [t.id for t in received]
    assert len(ids) == len(set(ids)), "a transaction was applied twice"
    assert set(ids) == expected_ids
    by_return: dict[str, list[int]] = defaultdict(list)
    for t in received:  # received is in applied order
        by_return[t.return_id].append(t.seq)
    for return_id, seqs in by_return.items():
        assert seqs == sorted(seqs), f"return {return_id} applied out of order: {seqs}"
