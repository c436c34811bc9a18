"""Chaos: 1,000 transactions through a server that fails about half the time, in every way it can.

20% 5xx, 10% connection resets, 5% held answers (timeouts), 429 bursts with Retry-After, malformed,
truncated and garbled answers, resets after the batch was applied, and every access token expired
mid-drain. The worker runs on its own thread (backoffs pass on the fake clock); afterwards central
holds every transaction exactly once, in per-return order, and nothing crashed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.services.station import Station
from app.store.outbox import OutboxStatus
from app.store.schema import OutboxRow
from sync.client import CentralClient
from sync.connectivity import Connectivity, ConnectivityMonitor, ConnectivityState
from sync.credentials import StationCredentials
from sync.simulators.central import CentralSimulator
from sync.worker import WorkerSettings
from tests.sync.conftest import (
    TEMPLATE_TRANSACTIONS,
    WorkerFactory,
    assert_exactly_once_in_order,
    make_client,
    wait_until,
)
from tests.sync.workload import STATION_ID

CHAOS = {
    "error_rate": 0.20,
    "reset_rate": 0.10,
    "timeout_rate": 0.05,
    "throttle_rate": 0.03,
    "malformed_rate": 0.03,
    "truncated_rate": 0.02,
    "bad_item_rate": 0.02,
    "reset_after_apply_rate": 0.05,
    "slow_rate": 0.02,
    "timeout_s": 5.0,  # held this long, but the client gives up after 1 s: not applied
    "slow_s": 0.2,
    "retry_after_s": 3,
    "seed": 20261123,
}
# Every kind strikes at least once, whatever the dice say: a 429 burst first, then one of each.
OPENING = ["throttle"] * 4 + ["malformed", "truncated", "bad_item", "reset_after_apply", "timeout", "reset"]


@pytest.fixture
def chaos_client(simulator: CentralSimulator, credentials: StationCredentials) -> Iterator[CentralClient]:
    with make_client(simulator, credentials, read_timeout=1.0) as client:
        client.enroll(simulator.mint_enrollment_token())
        yield client


def test_everything_is_delivered_exactly_once_through_chaos(
    simulator: CentralSimulator, chaos_client: CentralClient, queued_station: Station, make_worker: WorkerFactory
) -> None:
    states: list[ConnectivityState] = []
    monitor = ConnectivityMonitor()
    monitor.add_listener(states.append)
    simulator.set_faults(**CHAOS, script=OPENING)
    worker = make_worker(
        queued_station.db.path,
        chaos_client,
        threaded_wait=True,
        connectivity=monitor,
        settings=WorkerSettings(max_batch=50, pull_interval_s=3600.0),
    )
    worker.start()

    assert wait_until(lambda: simulator.stats()["transactions_applied"] >= TEMPLATE_TRANSACTIONS // 3, 60.0)
    simulator.expire_tokens()  # every token dies mid-drain
    assert wait_until(lambda: queued_station.sync_queue.snapshot().pending == 0, 90.0), "the queue did not drain"

    assert worker.failure is None, "nothing crashed"
    assert worker.running, "the worker survived"
    received = simulator.received(STATION_ID)
    with queued_station.db.read() as session:
        delivered = set(session.scalars(select(OutboxRow.id).where(OutboxRow.status == OutboxStatus.DELIVERED.value)))
        codes = dict(session.execute(select(OutboxRow.result_code, func.count()).group_by(OutboxRow.result_code)).all())
    assert len(delivered) == TEMPLATE_TRANSACTIONS
    assert_exactly_once_in_order(received, delivered)

    stats = simulator.stats()
    injected = stats["faults_injected"]
    for kind in ("error", "reset", "timeout", "throttle", "malformed", "truncated", "bad_item", "reset_after_apply"):
        assert injected[kind] >= 1, f"no {kind} fault struck"
    assert stats["answers"].get("token 200", 0) >= 2, "a new token was bought after the expiry"
    # Answers lost after the apply came back as duplicates on the resend: applied once, reported fine.
    assert codes.get("duplicate", 0) >= 1
    assert max(d["deliveries"] for d in simulator.deliveries(STATION_ID)) >= 2
    seen = {s.connectivity for s in states}
    assert Connectivity.DEGRADED in seen
    assert monitor.state.connectivity is Connectivity.ONLINE
    assert any(w >= 3 for w in make_worker.wait_of(worker).delays), "Retry-After of 3 s was honoured"
