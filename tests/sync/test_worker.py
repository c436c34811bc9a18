"""The sync worker against the simulator: parking, retry and discard, clock skew, restarts, photos.

Most tests drive `run_once()` from the test thread on the fake monotonic clock, so every backoff is
visible and nothing waits; the thread tests show the timer and `wake()` at work.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import select, update

from app.services.inspection import Photo
from app.services.station import Station
from app.services.values import Credentials
from app.store.outbox import DeliveryResult, OutboxRecord, OutboxStatus
from app.store.schema import OutboxRow, PhotoRow
from sync.client import CentralClient, ServerHealth
from sync.connectivity import Connectivity
from sync.credentials import StationCredentials
from sync.simulators.central import CentralSimulator
from sync.target import CentralTarget
from sync.worker import Backoff, SyncWorker, WorkerSettings
from tests.sync.conftest import (
    TEMPLATE_TRANSACTIONS,
    Monotonic,
    WorkerFactory,
    assert_exactly_once_in_order,
    make_client,
    wait_until,
)
from tests.sync.workload import (
    ANA,
    CHARGER,
    HEADPHONES,
    SAMPLE,
    STATION_ID,
    blind_returns,
    open_station,
    scan_item,
    scan_rma,
)

ANSWERS = {"seal": "yes", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"}
SUPERVISOR = Credentials("BADGE-2001", "2222")


def drain(worker: SyncWorker, clock: Monotonic, max_cycles: int = 500) -> int:
    """Run cycles (letting backoffs pass on the fake clock) until nothing sendable is left; cycles run."""
    for cycle in range(max_cycles):
        delay = worker.run_once()
        if delay > 0:
            if not worker.outbox.next_batch(1) and not worker._photos.ready(1):
                return cycle + 1
            clock.advance(delay)
    raise AssertionError("the queue did not drain")


def all_ids(station: Station) -> set[str]:
    with station.db.read() as session:
        return set(session.scalars(select(OutboxRow.id)))


def ids_with(station: Station, status: OutboxStatus) -> set[str]:
    with station.db.read() as session:
        return set(session.scalars(select(OutboxRow.id).where(OutboxRow.status == status.value)))


def seed_charger_quantity(simulator: CentralSimulator, quantity: int) -> None:
    """Central's copy of RMA-100001 authorizes `quantity` chargers (the station's copy says 2)."""
    returns = json.loads((SAMPLE / "returns.json").read_text(encoding="utf-8"))
    rma = next(r for r in returns if r["return_id"] == "R-100001")
    rma["lines"][1]["quantity_authorized"] = quantity
    simulator.seed({"returns": [rma]})


def over_received_rma(station: Station) -> tuple[str, str]:
    """RMA-100001 opened, two chargers and the headphones received: (second charger's tx, headphones' tx)."""
    return_id = station.receiving.open(ANA, scan_rma("RMA-100001")).return_id
    station.receiving.receive(ANA, return_id, scan_item(CHARGER, "CH-1"))
    second = station.receiving.receive(ANA, return_id, scan_item(CHARGER, "CH-2"))
    phones = station.receiving.receive(ANA, return_id, scan_item(HEADPHONES, "HP200-0001"))
    assert second.changed is not None
    assert phones.changed is not None
    return second.changed.transaction_id, phones.changed.transaction_id


def inspected_with_photo(station: Station, picture: bytes) -> Photo:
    """RMA-100001's headphones received and inspected with one photo (queued for upload)."""
    return_id = station.receiving.open(ANA, scan_rma("RMA-100001")).return_id
    unit = station.receiving.receive(ANA, return_id, scan_item(HEADPHONES, "HP200-0001")).unit
    assert unit is not None
    photo = Photo(b"\xff\xd8\xff\xe0" + picture)
    station.inspections.inspect(ANA, unit.unit_id, grade="NEW", answers=ANSWERS, photos=[photo])
    return photo


def park_second_charger(
    simulator: CentralSimulator, client: CentralClient, station: Station, make_worker: WorkerFactory, clock: Monotonic
) -> tuple[SyncWorker, str, str]:
    """Central authorizes one charger, the station received two: (worker, parked tx, tx waiting behind it)."""
    seed_charger_quantity(simulator, 1)
    rejected, waiting = over_received_rma(station)
    worker = make_worker(station.db.path, client)
    drain(worker, clock)
    return worker, rejected, waiting


# -- parking ----------------------------------------------------------------------------------------


def test_a_rejection_parks_one_return_while_a_thousand_others_go_through(
    simulator: CentralSimulator,
    client: CentralClient,
    queued_station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    seed_charger_quantity(simulator, 1)
    rejected, waiting = over_received_rma(queued_station)
    blind_returns(queued_station, returns=20, units_each=1, tag="after")
    worker = make_worker(queued_station.db.path, client)
    drain(worker, clock)

    parked = queued_station.sync_queue.parked()
    assert [p.id for p in parked] == [rejected]
    assert parked[0].result_code == "over_authorization"
    assert parked[0].last_error
    assert "authorized for 1 unit" in parked[0].last_error
    snapshot = queued_station.sync_queue.snapshot()
    assert (snapshot.pending, snapshot.parked, snapshot.waiting_behind_parked) == (1, 1, 1)
    delivered = ids_with(queued_station, OutboxStatus.DELIVERED)
    assert len(delivered) == TEMPLATE_TRANSACTIONS + 2 + 40
    assert_exactly_once_in_order(simulator.received(STATION_ID), delivered)
    assert waiting not in {t.id for t in simulator.received(STATION_ID)}


def test_a_parked_change_retried_after_the_fix_goes_through_with_the_rest_of_its_return(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    worker, rejected, waiting = park_second_charger(simulator, client, station, make_worker, clock)
    assert ids_with(station, OutboxStatus.PARKED) == {rejected}

    seed_charger_quantity(simulator, 2)  # central corrects the authorization
    station.sync_queue.retry(ANA, rejected)
    drain(worker, clock)
    assert ids_with(station, OutboxStatus.PENDING) == set()
    assert ids_with(station, OutboxStatus.PARKED) == set()
    received = simulator.received(STATION_ID)
    assert_exactly_once_in_order(received, all_ids(station))
    on_rma = [t.id for t in received if t.return_id == "R-100001"]
    assert on_rma.index(rejected) < on_rma.index(waiting)
    assert "outbox.retried" in {t.type for t in received}


def test_a_supervisor_discard_lets_the_rest_of_the_return_through(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    worker, rejected, waiting = park_second_charger(simulator, client, station, make_worker, clock)

    station.sync_queue.discard(SUPERVISOR, rejected, "Second charger went back to the customer")
    drain(worker, clock)
    assert ids_with(station, OutboxStatus.DISCARDED) == {rejected}
    assert ids_with(station, OutboxStatus.PENDING) == set()
    received = simulator.received(STATION_ID)
    assert_exactly_once_in_order(received, all_ids(station) - {rejected})
    discard = next(t for t in received if t.type == "outbox.discarded")
    assert discard.payload["transaction_id"] == rejected
    assert waiting in {t.id for t in received}


def test_a_batch_refused_as_a_whole_is_split_until_the_one_bad_change_is_parked(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    blind_returns(station, returns=10, units_each=1, tag="split")
    with station.db.write() as session:  # one record damaged (e.g. by an old bug): the server cannot read it
        bad = session.scalars(select(OutboxRow.id).order_by(OutboxRow.seq).offset(13).limit(1)).one()
        session.execute(update(OutboxRow).where(OutboxRow.id == bad).values(created_at="last tuesday"))
    worker = make_worker(station.db.path, client)
    drain(worker, clock)
    parked = station.sync_queue.parked()
    assert [p.id for p in parked] == [bad]
    assert parked[0].last_error
    assert "created_at" in parked[0].last_error
    assert len(ids_with(station, OutboxStatus.DELIVERED)) == 19


def test_a_change_too_large_for_central_is_parked_not_retried_forever(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    station.receiving.open_blind(ANA, None, note="x" * (1100 * 1024))
    blind_returns(station, returns=2, units_each=0, tag="small")
    worker = make_worker(station.db.path, client)
    drain(worker, clock)
    (parked,) = station.sync_queue.parked()
    assert parked.type == "return.opened"
    assert parked.last_error
    assert "HTTP 413" in parked.last_error
    assert len(ids_with(station, OutboxStatus.DELIVERED)) == 2


# -- failures, backoff, connectivity ----------------------------------------------------------------


def test_a_malformed_answer_keeps_the_batch_queued_with_a_readable_error_until_a_good_answer(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    blind_returns(station, returns=3, units_each=1, tag="garbled")
    client.lookup("RMA-100001")  # the access token is bought before the fault is armed
    simulator.set_faults(script=["malformed"], endpoints=["push"])
    worker = make_worker(station.db.path, client)
    delay = worker.run_once()
    assert delay > 0
    pending = [worker.outbox.get(i) for i in all_ids(station)]
    assert all(r is not None and r.status is OutboxStatus.PENDING for r in pending)
    assert {r.last_error for r in pending if r} == {
        "Central server sent an unreadable answer to the push (not complete JSON)"
    }
    assert worker.connectivity.state.connectivity is Connectivity.DEGRADED

    clock.advance(delay)
    worker.run_once()
    assert ids_with(station, OutboxStatus.DELIVERED) == all_ids(station)
    with station.db.read() as session:
        assert set(session.scalars(select(OutboxRow.result_code))) == {"duplicate"}  # applied the first time
        assert set(session.scalars(select(OutboxRow.last_error))) == {None}
    recovered = worker.connectivity.state
    assert recovered.connectivity is Connectivity.ONLINE


def test_retry_after_is_honoured_on_the_monotonic_clock(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    blind_returns(station, returns=1, units_each=0, tag="busy")
    client.lookup("RMA-100001")
    simulator.set_faults(script=["throttle"], retry_after_s=42, endpoints=["push"])
    worker = make_worker(station.db.path, client)
    worker.run_once()
    clock.advance(41.5)
    worker.run_once()
    answers = simulator.stats()["answers"]
    assert (answers.get("push 429"), answers.get("push 200")) == (1, None), "no second try before Retry-After"
    clock.advance(1.0)
    worker.run_once()
    assert ids_with(station, OutboxStatus.PENDING) == set()


def test_backoff_grows_exponentially_with_full_jitter_up_to_its_cap() -> None:
    backoff = Backoff(1.0, 60.0, random.Random(4))
    delays = [backoff.next_delay() for _ in range(12)]
    ceilings = [min(60.0, 2.0**n) for n in range(12)]
    assert all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert max(delays[-4:]) > 8, "later waits reach well beyond the first ones"
    assert backoff.next_delay(retry_after=120) >= 120
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_a_refused_credential_waits_for_re_enrollment_then_drains(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    blind_returns(station, returns=2, units_each=1, tag="auth")
    client.credentials.store_credential("revoked")
    worker = make_worker(station.db.path, client)
    worker.run_once()
    assert simulator.stats()["answers"].get("token 401") == 1
    clock.advance(worker.settings.backoff_cap_s - 1)
    worker.run_once()
    assert simulator.stats()["answers"].get("token 401") == 1, "a refused credential is not tried again at once"
    state = worker.connectivity.state
    assert (state.connectivity, state.reason) == (
        Connectivity.OFFLINE,
        "Server refused our credential: re-enrol the station",
    )
    assert {worker.outbox.get(i).last_error for i in all_ids(station)} == {  # type: ignore[union-attr]
        "Server refused our credential: re-enrol the station"
    }
    client.enroll(simulator.mint_enrollment_token())
    worker.retry_now()
    drain(worker, clock)
    assert_exactly_once_in_order(simulator.received(STATION_ID), all_ids(station))


def test_an_unreachable_server_is_offline_and_retried_later(
    client: CentralClient, simulator: CentralSimulator, station: Station, make_worker: WorkerFactory
) -> None:
    blind_returns(station, returns=1, units_each=0, tag="down")
    simulator.stop()
    worker = make_worker(station.db.path, client)
    assert worker.run_once() > 0
    state = worker.connectivity.state
    assert state.connectivity is Connectivity.OFFLINE
    assert state.reason == "Central server not reachable: connection refused"
    assert ids_with(station, OutboxStatus.PENDING) == all_ids(station)


# -- ordering and clocks ----------------------------------------------------------------------------


def test_a_station_clock_a_day_ahead_or_behind_changes_nothing_in_ordering(
    simulator: CentralSimulator, client: CentralClient, tmp_path: Path, make_worker: WorkerFactory, clock: Monotonic
) -> None:
    wall = [datetime(2026, 11, 23, 9, tzinfo=UTC)]
    station = open_station(tmp_path / "skewed.db", tmp_path / "data", clock=lambda: wall[0])
    try:
        return_id = station.receiving.open(ANA, scan_rma("RMA-100001")).return_id
        blind = station.receiving.open_blind(ANA, None).return_id
        for n, jump in enumerate([-1, +2, -3, +1, 0, -1]):  # the clock wanders by whole days
            wall[0] += timedelta(days=jump)
            station.receiving.receive(ANA, blind, scan_item(CHARGER if n % 2 else HEADPHONES, f"SK-{n}"))
            if n < 2:
                station.receiving.receive(ANA, return_id, scan_item(CHARGER, f"CH-{n}"))
        # The sync's own wall clock is off too; its backoff runs on the monotonic clock regardless.
        worker = make_worker(station.db.path, client, now=lambda: wall[0] + timedelta(days=5))
        drain(worker, clock)
        received = simulator.received(STATION_ID)
        assert_exactly_once_in_order(received, all_ids(station))
        created = [t.payload for t in received]
        assert created  # central has it all
        with station.db.read() as session:
            stamps = list(session.scalars(select(OutboxRow.created_at).order_by(OutboxRow.seq)))
        assert stamps != sorted(stamps), "the station clock really went back and forth"
        for return_key in (return_id, blind):
            seqs = [t.seq for t in received if t.return_id == return_key]
            prevs = [t.prev_seq for t in received if t.return_id == return_key]
            assert prevs == [None, *seqs[:-1]], "each change follows its predecessor on central"
    finally:
        station.db.dispose()


# -- restarts, timer, wake, photos ------------------------------------------------------------------


def test_a_restart_resumes_where_it_stopped(
    simulator: CentralSimulator, client: CentralClient, queued_station: Station, clock: Monotonic
) -> None:
    settings = WorkerSettings(max_batch=100)
    first = SyncWorker(queued_station.db.path, CentralTarget(client), settings=settings, clock=clock)
    for _ in range(3):
        first.run_once()
    first.stop()
    assert len(simulator.received(STATION_ID)) == 300
    second = SyncWorker(queued_station.db.path, CentralTarget(client), settings=settings, clock=clock)
    try:
        drain(second, clock)
    finally:
        second.stop()
    assert_exactly_once_in_order(simulator.received(STATION_ID), all_ids(queued_station))
    assert {d["deliveries"] for d in simulator.deliveries(STATION_ID)} == {1}, "nothing was sent twice"


def test_the_timer_alone_retries_and_drains_without_any_wake(
    simulator: CentralSimulator, client: CentralClient, station: Station, make_worker: WorkerFactory
) -> None:
    blind_returns(station, returns=5, units_each=1, tag="timer")
    client.lookup("RMA-100001")
    simulator.set_faults(script=["error", "reset", "error"], endpoints=["push"])
    worker = make_worker(station.db.path, client, threaded_wait=True)
    worker.start()
    assert wait_until(lambda: len(simulator.received(STATION_ID)) == 10)
    assert wait_until(lambda: ids_with(station, OutboxStatus.PENDING) == set())
    # Later changes, and still nobody calls wake(): the idle timer finds them.
    blind_returns(station, returns=2, units_each=0, tag="later")
    assert wait_until(lambda: len(simulator.received(STATION_ID)) == 12)
    assert worker.failure is None


class WakeOnCommit:
    """The worker's wait, woken by the station's commits; `idle` is set once its first cycle is over."""

    def __init__(self, station: Station) -> None:
        self.idle = threading.Event()
        self._wakeup = threading.Event()
        station.context.listeners.append(lambda _changed: self._wakeup.set())

    def __call__(self, seconds: float) -> bool:
        self.idle.set()
        woken = self._wakeup.wait(seconds)
        self._wakeup.clear()
        return woken


class CountingTarget:
    """The real central target, counting the requests it makes (and how many records each carries)."""

    def __init__(self, inner: CentralTarget) -> None:
        self.inner = inner
        self.batches: list[int] = []

    @property
    def name(self) -> str:
        return self.inner.name

    def push(self, records: Sequence[OutboxRecord]) -> list[DeliveryResult]:
        self.batches.append(len(records))
        return self.inner.push(records)

    def health(self) -> ServerHealth:
        return self.inner.health()


def test_the_changes_of_one_action_go_to_central_in_one_request(
    simulator: CentralSimulator, client: CentralClient, station: Station
) -> None:
    # A scan commits its unit, its label request and the printed label moments apart: each wakes
    # the worker, and lingering after the first wake lets the others join the same request.
    settings = WorkerSettings(idle_check_s=3600.0, pull_interval_s=3600.0, linger_s=1.0)
    target = CountingTarget(CentralTarget(client))
    wait = WakeOnCommit(station)
    worker = SyncWorker(station.db.path, target, settings=settings, wait=wait)
    worker.start()
    try:
        assert wait.idle.wait(10.0)
        blind_returns(station, returns=1, units_each=4, tag="linger")
        assert wait_until(lambda: len(simulator.received(STATION_ID)) == 5, timeout=10.0)
    finally:
        worker.stop()
    assert target.batches == [5]


def test_sync_now_does_not_linger(simulator: CentralSimulator, client: CentralClient, station: Station) -> None:
    settings = WorkerSettings(idle_check_s=3600.0, pull_interval_s=3600.0, linger_s=3600.0)
    wait = WakeOnCommit(station)
    worker = SyncWorker(station.db.path, CentralTarget(client), settings=settings, wait=wait)
    worker.start()
    try:
        assert wait.idle.wait(10.0)
        # The commits wake the worker, which would linger for an hour; "sync now" cuts that short.
        blind_returns(station, returns=1, units_each=1, tag="now")
        worker.retry_now()
        assert wait_until(lambda: len(simulator.received(STATION_ID)) == 2, timeout=10.0)
    finally:
        worker.stop()


def test_wake_after_a_commit_makes_the_push_prompt(
    simulator: CentralSimulator, client: CentralClient, station: Station
) -> None:
    # A real clock and a real wait, with an idle timer far away: only wake() can make this quick.
    settings = WorkerSettings(idle_check_s=3600.0, pull_interval_s=3600.0)
    worker = SyncWorker(station.db.path, CentralTarget(client), settings=settings)
    station.context.listeners.append(lambda _changed: worker.wake())
    worker.start()
    try:
        started = time.monotonic()
        blind_returns(station, returns=1, units_each=1, tag="wake")
        assert wait_until(lambda: len(simulator.received(STATION_ID)) == 2, timeout=10.0)
        assert time.monotonic() - started < 10.0
    finally:
        worker.stop()
    assert not worker.running


def test_photos_go_only_after_their_inspection_was_delivered(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    photo = inspected_with_photo(station, b"scuffed ear cup" * 50)
    client.lookup("RMA-100001")
    simulator.set_faults(script=["error"], endpoints=["push"])
    worker = make_worker(station.db.path, client, photos=client)

    delay = worker.run_once()  # the push fails: the photo must not go ahead of its inspection
    assert simulator.photo(photo.sha256) is None
    assert delay > 0
    clock.advance(delay)
    drain(worker, clock)
    assert simulator.photo(photo.sha256) == photo.content
    with station.db.read() as session:
        assert session.scalar(select(PhotoRow.status)) == "uploaded"


def test_a_photo_missing_on_disk_is_noted_and_not_retried_every_cycle(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    inspected_with_photo(station, b"dent" * 40)
    with station.db.read() as session:
        Path(session.scalars(select(PhotoRow.path)).one()).unlink()
    worker = make_worker(station.db.path, client, photos=client)
    worker.run_once()
    worker.run_once()
    with station.db.read() as session:
        row = session.scalars(select(PhotoRow)).one()
        assert row.status == "pending"
        assert row.attempts == 1
        assert row.last_error
        assert "missing or damaged" in row.last_error


@pytest.mark.parametrize("jump_days", [-1, 1])
def test_backoff_ignores_the_wall_clock(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
    jump_days: int,
) -> None:
    wall = [datetime(2026, 11, 23, 9, tzinfo=UTC)]
    blind_returns(station, returns=1, units_each=0, tag="wall")
    client.lookup("RMA-100001")
    simulator.set_faults(script=["error"], endpoints=["push"])
    worker = make_worker(station.db.path, client, now=lambda: wall[0])
    delay = worker.run_once()
    wall[0] += timedelta(days=jump_days)
    assert worker.run_once() == pytest.approx(delay), "a wall-clock jump neither shortens nor lengthens the wait"
    clock.advance(delay)
    worker.run_once()
    assert ids_with(station, OutboxStatus.PENDING) == set()


def test_an_idle_station_notices_when_central_goes_away(
    simulator: CentralSimulator, client: CentralClient, station: Station, make_worker: WorkerFactory, clock: Monotonic
) -> None:
    blind_returns(station, returns=1, units_each=0, tag="idle")
    worker = make_worker(station.db.path, client)
    drain(worker, clock)
    assert worker.connectivity.state.connectivity is Connectivity.ONLINE
    simulator.stop()
    clock.advance(worker.settings.health_check_s)
    worker.run_once()  # nothing to send: only the health check can tell
    gone = worker.connectivity.state
    assert (gone.connectivity, gone.reason) == (
        Connectivity.OFFLINE,
        "Central server not reachable: connection refused",
    )


def test_a_long_return_waiting_behind_a_parked_record_does_not_stall_the_others(
    simulator: CentralSimulator,
    client: CentralClient,
    station: Station,
    make_worker: WorkerFactory,
    clock: Monotonic,
) -> None:
    seed_charger_quantity(simulator, 1)
    over_received_rma(station)
    for n in range(25):  # the parked return goes on: 25 more changes wait behind its parked record
        station.receiving.receive(ANA, "R-100001", scan_item(HEADPHONES, f"HP-EXTRA-{n}"))
    others = blind_returns(station, returns=3, units_each=0, tag="others")
    worker = make_worker(station.db.path, client, settings=WorkerSettings(max_batch=5, pull_interval_s=3600.0))
    drain(worker, clock)
    arrived = {t.return_id for t in simulator.received(STATION_ID)}
    assert set(others) <= arrived


def test_a_wrong_central_address_parks_nothing(
    simulator: CentralSimulator, client: CentralClient, station: Station, make_worker: WorkerFactory, clock: Monotonic
) -> None:
    blind_returns(station, returns=2, units_each=0, tag="wrong-url")
    with CentralClient(simulator.base_url + "/not-the-api", client.credentials) as lost:
        worker = make_worker(station.db.path, lost)
        for _ in range(3):
            clock.advance(worker.run_once())
    assert station.sync_queue.parked() == []
    assert ids_with(station, OutboxStatus.PENDING) == all_ids(station)
    state = worker.connectivity.state
    assert state.connectivity is Connectivity.OFFLINE
    assert state.reason.startswith("Central server address looks wrong")


def test_when_central_refuses_everything_only_a_few_are_parked_and_the_rest_wait(
    simulator: CentralSimulator, client: CentralClient, station: Station, make_worker: WorkerFactory, clock: Monotonic
) -> None:
    blind_returns(station, returns=10, units_each=0, tag="refused")
    with station.db.write() as session:  # e.g. a central that reads another envelope version
        session.execute(update(OutboxRow).values(created_at="yesterday"))
    worker = make_worker(station.db.path, client)
    for _ in range(60):
        clock.advance(worker.run_once())
    assert len(station.sync_queue.parked()) == 3
    waiting = [worker.outbox.get(i) for i in ids_with(station, OutboxStatus.PENDING)]
    assert len(waiting) == 7
    assert all(r and r.last_error and "ask IT" in r.last_error for r in waiting)


def test_a_keyring_that_cannot_be_read_is_reported_and_retried_not_a_crash(
    simulator: CentralSimulator, station: Station, make_worker: WorkerFactory
) -> None:
    blind_returns(station, returns=1, units_each=0, tag="nokeyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with make_client(simulator, StationCredentials(STATION_ID)) as client:
            worker = make_worker(station.db.path, client)
            assert worker.run_once() > 0  # backs off instead of raising out of the worker thread
            state = worker.connectivity.state
    finally:
        keyring.set_keyring(previous)
    assert state.connectivity is not Connectivity.ONLINE
    assert "no secure credential store (OS keyring)" in state.reason
    assert ids_with(station, OutboxStatus.PENDING) == all_ids(station)
