"""What the operator sees: online / offline / degraded with a reason, and the queue's numbers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.errors import StationError
from app.services.inspection import Photo
from app.services.station import Station
from sync.client import CentralClient
from sync.connectivity import Connectivity, ConnectivityMonitor, ConnectivityState, state_after, sync_status
from sync.failures import (
    AuthFailure,
    InvalidAnswer,
    NotEnrolled,
    RequestRefused,
    ServerFailure,
    Throttled,
    TransportFailure,
    TransportReason,
    WrongAddress,
)
from sync.feeds import FeedPuller
from sync.simulators.central import CentralSimulator
from sync.target import CentralTarget
from sync.worker import SyncWorker, WorkerSettings
from tests.sync.conftest import Monotonic, WorkerFactory
from tests.sync.test_worker import drain, over_received_rma, seed_charger_quantity
from tests.sync.workload import ANA, blind_returns, scan_item, scan_rma

OFFLINE, DEGRADED, ONLINE = Connectivity.OFFLINE, Connectivity.DEGRADED, Connectivity.ONLINE


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (
            TransportFailure("Central server not reachable: connection refused", TransportReason.REFUSED),
            ConnectivityState(OFFLINE, "Central server not reachable: connection refused"),
        ),
        (
            TransportFailure("Server answering slowly: no answer within 15 s", TransportReason.READ_TIMEOUT),
            ConnectivityState(DEGRADED, "Server answering slowly: no answer within 15 s"),
        ),
        (
            TransportFailure("dropped", TransportReason.DROPPED),
            ConnectivityState(DEGRADED, "dropped"),
        ),
        (
            AuthFailure("whatever the server said"),
            ConnectivityState(OFFLINE, "Server refused our credential: re-enrol the station"),
        ),
        (
            NotEnrolled("This station is not enrolled"),
            ConnectivityState(OFFLINE, "This station is not enrolled"),
        ),
        (
            WrongAddress("Central server address looks wrong: ..."),
            ConnectivityState(OFFLINE, "Central server address looks wrong: ..."),
        ),
        (ServerFailure("x", status=502), ConnectivityState(DEGRADED, "Central server has a problem (HTTP 502)")),
        (Throttled("x", retry_after=3), ConnectivityState(DEGRADED, "Central server is busy: sending more slowly")),
        (InvalidAnswer("x"), ConnectivityState(DEGRADED, "Central server sent an unreadable answer")),
        (
            RequestRefused("x", status=413, code="too_large"),
            ConnectivityState(ONLINE, "Connected to the central server"),
        ),
    ],
)
def test_each_failure_reads_as_a_state_an_operator_understands(
    failure: StationError, expected: ConnectivityState
) -> None:
    assert state_after(failure) == expected


def test_listeners_hear_each_change_once() -> None:
    monitor = ConnectivityMonitor(slow_after_s=2.0)
    heard: list[ConnectivityState] = []
    monitor.add_listener(heard.append)
    assert monitor.state.connectivity is OFFLINE  # nothing heard from central yet
    monitor.succeeded(0.1)
    monitor.succeeded(0.2)
    monitor.failed(ServerFailure("x", status=503))
    monitor.failed(ServerFailure("x", status=503))
    monitor.succeeded(5.0)
    monitor.succeeded(0.1)
    assert [(s.connectivity, s.reason) for s in heard] == [
        (ONLINE, "Connected to the central server"),
        (DEGRADED, "Central server has a problem (HTTP 503)"),
        (DEGRADED, "Server answering slowly (5 s)"),
        (ONLINE, "Connected to the central server"),
    ]


def test_a_slow_server_makes_the_connection_degraded(
    simulator: CentralSimulator, client: CentralClient, station: Station
) -> None:
    blind_returns(station, returns=1, units_each=0, tag="slow")
    client.lookup("RMA-100001")
    simulator.set_faults(script=["slow"], slow_s=0.3, endpoints=["push"])
    monitor = ConnectivityMonitor(slow_after_s=0.1)
    worker = SyncWorker(station.db.path, CentralTarget(client), connectivity=monitor)  # the real clock
    try:
        worker.run_once()
    finally:
        worker.stop()
    assert monitor.state.connectivity is DEGRADED
    assert monitor.state.reason.startswith("Server answering slowly")


def test_the_status_snapshot_shows_pending_parked_waiting_photos_and_last_sync(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    seed_charger_quantity(simulator, 1)
    over_received_rma(station)  # one parked, one waiting behind it
    monitor = ConnectivityMonitor()
    worker = make_worker(station.db.path, client, connectivity=monitor, settings=WorkerSettings())
    drain(worker, clock)
    FeedPuller(station.db, client, feeds=["reason_codes"]).pull_all()
    # Two more changes while nothing is sent, one of them an inspection with a photo.
    return_id = station.receiving.open(ANA, scan_rma("RMA-100002")).return_id
    unit = station.receiving.receive(ANA, return_id, scan_item("00614142020019")).unit
    assert unit is not None
    station.inspections.inspect(
        ANA,
        unit.unit_id,
        grade="NEW",
        answers={"tags": "yes", "worn": "no", "stains": "none"},
        photos=[Photo(b"\xff\xd8 torn")],
    )
    now = datetime.fromisoformat(station.sync_queue.snapshot().oldest_pending_created_at or "") + timedelta(seconds=90)

    status = sync_status(station.db, monitor, now)
    assert (status.connectivity, status.reason) == (ONLINE, "Connected to the central server")
    assert (status.pending, status.parked, status.waiting_behind_parked) == (4, 1, 1)
    assert status.photos_pending == 1
    assert status.oldest_pending_age_s is not None
    assert status.oldest_pending_age_s >= 90
    assert status.last_push_at is not None
    assert status.last_pull_at is not None
