"""Sync benchmark: outbox drain batched vs one request per transaction, feed pull, memory, many stations.

    python tests/benchmarks/sync.py            (from /work/main; about two minutes)
    python tests/benchmarks/sync.py --quick    (smaller numbers, for a smoke run)
    python tests/benchmarks/sync.py --naive 2000   (one-per-request path on the first 2,000 only: faster)

The central RMS simulator runs as its own process on loopback (as central would be another machine),
so the station side and the server do not share one interpreter. Queues are made by the core's real
services (blind returns and received units) on real SQLite files, built in parallel beforehand.

Figures and targets:
* batched drain of 10,000 queued transactions: >= 2,000 tx/s and >= 10x one request per transaction
  (measured in the same run on the same queue, after a simulator reset);
* pull of 100,000 catalog rows: <= 10 s;
* resident memory growth during the batched drain: <= 50 MB (psutil, sampled every 10 ms);
* 20 stations x 500 transactions at once against one simulator: every transaction exactly once.
The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as `python tests/benchmarks/sync.py` from anywhere
    sys.path.insert(0, str(ROOT))

import httpx
import keyring
import psutil
from sqlalchemy import select

from app.services.station import open_database
from app.store.db import Database
from app.store.outbox import Outbox
from app.store.schema import OutboxRow
from sync.client import CentralClient
from sync.credentials import StationCredentials
from sync.feeds import FeedPuller
from sync.target import CentralTarget
from sync.worker import SyncWorker, WorkerSettings
from tests.benchmarks._common import emit, table
from tests.conftest import MemoryKeyring
from tests.sync.workload import SAMPLE, build_queued_station, copy_database

UNITS_EACH = 3  # a blind return: opened + 3 units received = 4 transactions


@dataclass(frozen=True, slots=True)
class Plan:
    transactions: int
    naive: int
    catalog: int
    stations: int
    per_station: int


FULL = Plan(transactions=10_000, naive=10_000, catalog=100_000, stations=20, per_station=500)
QUICK = Plan(transactions=2_000, naive=500, catalog=20_000, stations=4, per_station=200)


def _build(args: tuple[str, int, str]) -> str:
    path, returns, station_id = args
    build_queued_station(Path(path), returns=returns, units_each=UNITS_EACH, station_id=station_id)
    return path


def build_queues(folder: Path, plan: Plan) -> tuple[Path, list[tuple[str, Path]]]:
    """The big queue and one queue per simulated station, made in parallel by the real services."""
    big = folder / "big" / "station.db"
    jobs = [(str(big), plan.transactions // (1 + UNITS_EACH), "BENCH-MAIN")]
    fleet: list[tuple[str, Path]] = []
    for n in range(plan.stations):
        station_id = f"BENCH-{n + 1:02d}"
        path = folder / station_id / "station.db"
        jobs.append((str(path), plan.per_station // (1 + UNITS_EACH), station_id))
        fleet.append((station_id, path))
    with ProcessPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        list(pool.map(_build, jobs))
    return big, fleet


class CentralProcess:
    """`python -m sync.simulators.central` in a child process, driven through its admin API."""

    def __init__(self, folder: Path, tokens: int) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.tokens = [f"bench-token-{n}" for n in range(tokens)]
        command = [
            sys.executable, "-m", "sync.simulators.central", "--port", str(self.port),
            "--db", str(folder / "central.db"), "--seed", str(SAMPLE), "--log-level", "warning",
        ]  # fmt: skip
        for token in self.tokens:
            command += ["--enrollment-token", token]
        self._log = (folder / "central.log").open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        self.admin = httpx.Client(base_url=self.base_url, timeout=120.0)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.admin.get("/v1/health").raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the central simulator did not start; see central.log") from None
                threading.Event().wait(0.05)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.admin.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json()

    def reset(self) -> None:
        self.call("POST", "/admin/reset", json={"reseed": True})

    def mint(self) -> str:
        token: str = self.call("POST", "/admin/enrollment-tokens", json={})["tokens"][0]
        return token

    def received(self, station_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.call("GET", "/admin/received", params={"station_id": station_id})[
            "transactions"
        ]
        return found

    def stop(self) -> None:
        self.admin.close()
        self.process.terminate()
        self.process.wait(30)
        self._log.close()


def enrolled_client(central: CentralProcess, station_id: str) -> CentralClient:
    client = CentralClient(central.base_url, StationCredentials(station_id))
    client.enroll(central.mint())
    return client


class RssSampler:
    """Peak resident memory of this process while a block runs, sampled on a thread."""

    def __init__(self) -> None:
        self._process = psutil.Process()
        self._stop = threading.Event()
        self.baseline = self.peak = self._process.memory_info().rss
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self._process.memory_info().rss)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._process.memory_info().rss)

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / 1_000_000


def drain(db_path: Path, client: CentralClient, *, max_batch: int, limit: int | None = None) -> tuple[int, float]:
    """Run the worker's cycles in this thread until the queue is empty (or `limit` sent); (sent, seconds)."""
    worker = SyncWorker(db_path, CentralTarget(client), settings=WorkerSettings(max_batch=max_batch))
    outbox = worker.outbox
    before = outbox.snapshot().pending
    start = time.perf_counter()
    try:
        while True:
            delay = worker.run_once()
            if limit is not None and before - outbox.snapshot().pending >= limit:
                break
            if delay > 0:
                if outbox.snapshot().pending == 0:
                    break
                raise RuntimeError(f"the drain stalled: {worker.connectivity.state.reason}")
        seconds = time.perf_counter() - start
    finally:
        worker.stop()
    return before - outbox.snapshot().pending, seconds


def check_exactly_once(central: CentralProcess, station_id: str, db_path: Path) -> bool:
    db = Database(db_path)
    try:
        with db.read() as session:
            local = set(session.scalars(select(OutboxRow.id)))
    finally:
        db.dispose()
    received = central.received(station_id)
    ids = [t["id"] for t in received]
    seqs: dict[str, list[int]] = defaultdict(list)
    for t in received:
        seqs[t["return_id"]].append(t["seq"])
    return len(ids) == len(set(ids)) and set(ids) == local and all(s == sorted(s) for s in seqs.values())


def fleet_drain(central: CentralProcess, fleet: list[tuple[str, Path]]) -> tuple[float, bool, int]:
    """Every station's worker on its own thread, all at once; (seconds, all exactly once, transactions)."""
    clients = [enrolled_client(central, station_id) for station_id, _ in fleet]
    settings = WorkerSettings(idle_check_s=0.05, backoff_base_s=0.05, backoff_cap_s=1.0)
    workers = [
        SyncWorker(path, CentralTarget(c), settings=settings) for c, (_, path) in zip(clients, fleet, strict=True)
    ]
    watchers = [Database(path) for _, path in fleet]
    total = sum(Outbox(db).snapshot().pending for db in watchers)
    tick = threading.Event()
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    try:
        while any(Outbox(db).snapshot().pending for db in watchers):
            if any(w.failure for w in workers):
                raise RuntimeError("a station's worker died")
            tick.wait(0.01)
        seconds = time.perf_counter() - start
    finally:
        for worker in workers:
            worker.stop()
        for db in watchers:
            db.dispose()
        for c in clients:
            c.close()
    ok = all(check_exactly_once(central, station_id, path) for station_id, path in fleet)
    return seconds, ok, total


def pull_catalog(central: CentralProcess, folder: Path, rows: int) -> tuple[float, int]:
    central.call("POST", "/admin/bulk", json={"catalog": rows})
    db = open_database(folder / "pull" / "station.db")
    try:
        with enrolled_client(central, "BENCH-PULL") as client:
            client.feed_page("reason_codes", None, 1)  # buy the token outside the measurement
            start = time.perf_counter()
            _, items = FeedPuller(db, client, feeds=["catalog"]).pull("catalog")
            seconds = time.perf_counter() - start
    finally:
        db.dispose()
    return seconds, items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller numbers, for a smoke run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--naive", type=int, metavar="N", help="send only N transactions one per request")
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    if args.naive:
        plan = replace(plan, naive=args.naive)
    keyring.set_keyring(MemoryKeyring())  # a benchmark never touches the machine's real keyring
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    print(f"building queues with the station's services in {folder} ...", flush=True)
    started = time.perf_counter()
    big, fleet = build_queues(folder, plan)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    central = CentralProcess(folder, tokens=0)
    try:
        batched_db = folder / "batched.db"
        copy_database(big, batched_db)
        with enrolled_client(central, "BENCH-MAIN") as client:
            client.feed_page("reason_codes", None, 1)  # token bought outside the measurement
            with RssSampler() as rss:
                sent, batched_s = drain(batched_db, client, max_batch=500)
        batched_rate = sent / batched_s
        batched_ok = check_exactly_once(central, "BENCH-MAIN", batched_db)

        central.reset()
        naive_db = folder / "naive.db"
        copy_database(big, naive_db)
        with enrolled_client(central, "BENCH-MAIN") as client:
            client.feed_page("reason_codes", None, 1)
            naive_sent, naive_s = drain(naive_db, client, max_batch=1, limit=plan.naive)
        naive_rate = naive_sent / naive_s

        central.reset()
        pull_s, pulled = pull_catalog(central, folder, plan.catalog)

        central.reset()
        fleet_s, fleet_ok, fleet_total = fleet_drain(central, fleet)
    finally:
        central.stop()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    ratio = batched_rate / naive_rate
    rows = [
        (
            f"batched drain, {sent:,} tx (500/batch)",
            f"{batched_rate:,.0f} tx/s",
            ">= 2,000 tx/s",
            f"{naive_rate:,.0f} tx/s one per request",
        ),
        (f"one request per tx, {naive_sent:,} tx", f"{naive_rate:,.0f} tx/s", "-", "-"),
        ("batched vs one per request", f"{ratio:,.1f}x", ">= 10x", "1x"),
        (f"pull {pulled:,} catalog rows", f"{pull_s:.2f} s", "<= 10 s", "-"),
        (
            "RSS growth during the batched drain",
            f"{rss.growth_mb:.1f} MB",
            "<= 50 MB",
            f"{rss.baseline / 1e6:.0f} MB before",
        ),
        (
            f"{len(fleet)} stations x {plan.per_station} tx at once",
            f"{fleet_total / fleet_s:,.0f} tx/s, exactly once: {fleet_ok}",
            "exactly once",
            f"{fleet_s:.1f} s in all",
        ),
        ("batched drain exactly once, in order", str(batched_ok), "True", "-"),
    ]  # fmt: skip
    table(rows)
    emit(
        {
            "batched_tx_per_s": round(batched_rate, 1),
            "naive_tx_per_s": round(naive_rate, 1),
            "batched_vs_naive": round(ratio, 1),
            "pull_100k_s": round(pull_s, 3),
            "pull_rows": pulled,
            "rss_growth_mb": round(rss.growth_mb, 1),
            "stations_exactly_once": fleet_ok and batched_ok,
            "stations_tx_per_s": round(fleet_total / fleet_s, 1),
            "quick": args.quick,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
