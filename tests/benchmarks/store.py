"""Store benchmark: realistic actions against a bare commit, and lookups in a big database.

    python tests/benchmarks/store.py

2,000 actions (receive + inspect + propose + settle, each its own transaction with domain rows,
an outbox record and an audit record) timed one by one, beside a bare one-row insert commit with
the same pragmas on the same disk, in the same run. Then p99 lookups by LPN, serial, RMA and
tracking number with 100,000 units stored. Targets: action p99 <= 5 ms and <= 4x the bare
commit's p99; lookup p99 <= 1 ms.

Wall-clock percentiles on a shared machine move with whatever else runs, so each action and each
bare commit also records the CPU time of the benchmark's thread: what the station itself spends,
which other processes cannot inflate much.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as `python tests/benchmarks/store.py` from anywhere
    sys.path.insert(0, str(ROOT))

from app.domain.codes import CodeKind, ScannedCode
from app.domain.ids import new_id, new_lpn
from app.domain.model import Operator, Role
from app.services.receiving import find_return_id
from app.services.station import Station, open_database
from app.services.values import LabelTemplate
from app.store.reference import load_sample_set
from resources import ROOT as RESOURCES
from tests.benchmarks._common import emit, percentile, table

ACTIONS = 2000
UNITS = 100_000
LOOKUPS = 2000
ANA = Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR)
ANSWERS = {"seal": "yes", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"}
CHARGER = "00614141010035"


class NullPrinter:
    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None:
        pass


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def timed_with_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and thread CPU milliseconds of one call."""
    start, start_cpu = time.perf_counter(), time.thread_time()
    fn()
    return (time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000


def bare_commits(path: Path, n: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of `n` one-row commits with raw sqlite3."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)")
    samples, cpu = [], []
    for i in range(n):
        start, start_cpu = time.perf_counter(), time.thread_time()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (f"id{i}", "x" * 200))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    conn.close()
    return samples, cpu


def store_bare_commits(station: Station, n: int) -> list[float]:
    """A one-row insert committed through the station's own store (SQLAlchemy session, BEGIN IMMEDIATE)."""
    samples = []
    for i in range(n):
        start = time.perf_counter()
        with station.db.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO station_meta (key, value) VALUES (?, ?)", (f"bench{i}", "x" * 200)
            )
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def seed_units(station: Station, count: int) -> list[tuple[str, str, str, str]]:
    """Bulk-insert returns and units (not through the services: this is the 'big database' setup)."""
    now = datetime.now(UTC).isoformat()
    returns, tracking, units, keys = [], [], [], []
    for r in range(count // 5):
        rid, rma, trk = f"BR-{r}", f"RMA-9{r:07d}", f"1ZBENCH{r:011d}"
        returns.append((rid, rma, f"SO-9{r:07d}", "standard", "open", 0, now))
        tracking.append((trk, rid))
        for u in range(5):
            lpn, serial = new_lpn(), f"SN{r:07d}{u}"
            units.append((new_id(), lpn, rid, CHARGER, serial, "received", "op-ana", now, now))
            keys.append((lpn, serial, rma, trk))
    with station.db.engine.begin() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.executemany(
            "INSERT INTO returns (return_id, rma_number, order_number, customer_tier, status, blind, updated_at)"
            " VALUES (?,?,?,?,?,?,?)",
            returns,
        )
        raw.executemany("INSERT INTO return_tracking (tracking_number, return_id) VALUES (?,?)", tracking)
        raw.executemany(
            "INSERT INTO units (unit_id, lpn, return_id, gtin, serial, state, received_by, received_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            units,
        )
    return keys


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    bare, bare_cpu = bare_commits(folder / "bare.db", ACTIONS)

    clock = [datetime(2026, 11, 23, 9, tzinfo=UTC)]
    db = open_database(folder / "station.db")
    load_sample_set(db, RESOURCES / "reference", clock[0].isoformat())
    station = Station(db, station_id="BENCH", data_dir=folder, printer=NullPrinter(), clock=lambda: clock[0])
    rid = station.receiving.open(ANA, ScannedCode("RMA-100001", CodeKind.RMA, value="RMA-100001")).return_id
    samples: list[float] = []
    cpu: list[float] = []
    per_kind: dict[str, list[float]] = {"receive": [], "inspect": [], "propose": [], "settle": []}
    per_kind_cpu: dict[str, list[float]] = {kind: [] for kind in per_kind}
    done = 0
    n = 0
    while done < ACTIONS:
        n += 1
        clock[0] += timedelta(seconds=10)
        unit: list[str] = []

        def receive(n: int = n, unit: list[str] = unit) -> None:
            got = station.receiving.receive(ANA, rid, ScannedCode(f"s{n}", CodeKind.GTIN, gtin=CHARGER))
            assert got.unit is not None
            unit.append(got.unit.unit_id)

        for kind, action in (
            ("receive", receive),
            ("inspect", lambda u=unit: station.inspections.inspect(ANA, u[0], grade="NEW", answers=ANSWERS)),
            ("propose", lambda u=unit: station.dispositions.propose(ANA, u[0])),
            ("settle", lambda u=unit: station.dispositions.settle(ANA, u[0])),
        ):
            ms, cpu_ms = timed_with_cpu(action)
            samples.append(ms)
            cpu.append(cpu_ms)
            per_kind[kind].append(ms)
            per_kind_cpu[kind].append(cpu_ms)
            done += 1

    store_bare = store_bare_commits(station, ACTIONS)
    keys = seed_units(station, UNITS)
    lookups: dict[str, list[float]] = {"lpn": [], "serial": [], "rma": [], "tracking": []}
    step = max(1, len(keys) // LOOKUPS)
    for lpn, serial, rma, trk in keys[::step][:LOOKUPS]:
        codes = {
            "lpn": ScannedCode(lpn, CodeKind.LPN, value=lpn),
            "serial": ScannedCode(serial, CodeKind.GS1, gtin=CHARGER, serial=serial),
            "rma": ScannedCode(rma, CodeKind.RMA, value=rma),
            "tracking": ScannedCode(trk, CodeKind.TRACKING, tracking=(trk,)),
        }
        for kind, code in codes.items():
            if kind == "serial":

                def search(c: ScannedCode = code) -> None:
                    station.history.search(c.serial or "")

                ms = timed(search)
            else:

                def find(c: ScannedCode = code) -> None:
                    with station.db.read() as session:
                        assert find_return_id(session, c) is not None

                ms = timed(find)
            lookups[kind].append(ms)
    db.dispose()

    action_p50, action_p99 = percentile(samples, 50), percentile(samples, 99)
    bare_p50, bare_p99 = percentile(bare, 50), percentile(bare, 99)
    store_p50, store_p99 = percentile(store_bare, 50), percentile(store_bare, 99)
    lookup_p99 = max(percentile(v, 99) for v in lookups.values())
    action_cpu, bare_cpu_mean = statistics.fmean(cpu), statistics.fmean(bare_cpu)
    print(f"Store benchmark: {ACTIONS} actions, {len(keys)} units for lookups, data in {folder}")
    rows = [
        ("action p50 (ms)", f"{action_p50:.2f}", "-", f"bare commit p50 {bare_p50:.2f}"),
        ("action p99 (ms)", f"{action_p99:.2f}", "<= 5 and <= 4x bare", f"bare commit p99 {bare_p99:.2f}"),
        ("action p99 / bare p99", f"{action_p99 / bare_p99:.1f}x", "<= 4x", "raw sqlite3 commit"),
        ("store bare commit p50/p99 (ms)", f"{store_p50:.2f} / {store_p99:.2f}", "-", "1 row via Database.write()"),
        ("action p99 / store bare p99", f"{action_p99 / store_p99:.1f}x", "<= 4x", "same stack, one row"),
        ("action CPU mean (ms)", f"{action_cpu:.3f}", "-", f"bare commit CPU mean {bare_cpu_mean:.3f}"),
        ("action CPU / bare commit CPU", f"{action_cpu / bare_cpu_mean:.1f}x", "-", "thread CPU time"),
    ]
    rows += [
        (
            f"  {k} p50 / p99 (ms), CPU mean",
            f"{percentile(v, 50):.2f} / {percentile(v, 99):.2f}, {statistics.fmean(per_kind_cpu[k]):.3f}",
            "",
            "",
        )
        for k, v in per_kind.items()
    ]
    rows += [(f"lookup by {k} p99 (ms)", f"{percentile(v, 99):.3f}", "<= 1", "") for k, v in lookups.items()]
    table(rows)
    emit(
        {
            "action_p50_ms": round(action_p50, 3),
            "action_p99_ms": round(action_p99, 3),
            "bare_commit_p50_ms": round(bare_p50, 3),
            "bare_commit_p99_ms": round(bare_p99, 3),
            "action_vs_bare_p99": round(action_p99 / bare_p99, 2),
            "store_bare_commit_p50_ms": round(store_p50, 3),
            "store_bare_commit_p99_ms": round(store_p99, 3),
            "action_vs_store_bare_p99": round(action_p99 / store_p99, 2),
            "action_cpu_mean_ms": round(action_cpu, 3),
            "bare_commit_cpu_mean_ms": round(bare_cpu_mean, 3),
            "lookup_p99_ms": round(lookup_p99, 3),
            **{f"lookup_{k}_p99_ms": round(percentile(v, 99), 3) for k, v in lookups.items()},
        }
    )


if __name__ == "__main__":
    main()
