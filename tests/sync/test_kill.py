"""Kill test: the sync process is SIGKILLed at random moments during a drain, again and again.

A child process runs the sync worker against a station file full of pending transactions; the
parent kills it with SIGKILL after a random amount of progress (seeded RNG, progress read from the
simulator, no sleeps), sometimes mid-request or mid-settle, and starts it again. Afterwards central
holds every transaction exactly once and in per-return order, and the station's file is intact with
every transaction marked delivered.

The default suite runs a small version (300 transactions, 5 kills); the full one (2,000
transactions, 30 kills) is a soak test: `python -m pytest -m soak tests/sync/test_kill.py`.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

import pytest

from app.store.db import Database
from app.store.outbox import Outbox
from sync.client import CentralClient
from sync.credentials import StationCredentials
from sync.simulators.central import CentralSimulator
from tests.sync.conftest import assert_exactly_once_in_order, wait_until
from tests.sync.workload import STATION_ID, build_queued_station

ROOT = Path(__file__).resolve().parents[2]


def _child(db_path: Path, simulator: CentralSimulator, credential: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "STATION_CREDENTIAL": credential, "PYTHONPATH": str(ROOT)}
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.sync.kill_child", str(db_path), simulator.base_url, STATION_ID],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _applied(simulator: CentralSimulator) -> int:
    applied: int = simulator.stats()["transactions_applied"]
    return applied


def _reached(simulator: CentralSimulator, target: int, child: subprocess.Popen[bytes]) -> bool:
    return _applied(simulator) >= target or child.poll() is not None


def run_kills(tmp_path: Path, simulator: CentralSimulator, *, returns: int, kills: int, seed: int) -> None:
    db_path = tmp_path / "station.db"
    total = build_queued_station(db_path, returns=returns, units_each=3)
    with CentralClient(simulator.base_url, StationCredentials(STATION_ID)) as client:
        client.enroll(simulator.mint_enrollment_token())
        credential = client.credentials.credential()
    assert credential is not None
    rng = random.Random(seed)
    log = tmp_path / "child.log"
    pause = threading.Event()
    step = max(1, total // (kills + 1))
    killed = 0
    while killed < kills:
        child = _child(db_path, simulator, credential, log)
        try:
            if rng.random() < 0.25:
                # Anywhere at all, start-up included.
                pause.wait(rng.uniform(0.0, 1.0))
            else:
                target = min(total, _applied(simulator) + rng.randint(1, step))
                wait_until(partial(_reached, simulator, target, child), 30.0)
                pause.wait(rng.uniform(0.0, 0.03))  # land inside a request or a settle, not only between
            if child.poll() is not None:
                break  # it drained before we could kill it
            child.send_signal(signal.SIGKILL)
            killed += 1
        finally:
            child.wait(30)
        assert child.returncode in (0, -signal.SIGKILL), log.read_text()
    final = _child(db_path, simulator, credential, log)
    assert final.wait(120) == 0, log.read_text()

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = {row[0] for row in conn.execute("SELECT id FROM outbox")}
        statuses = {row[0] for row in conn.execute("SELECT DISTINCT status FROM outbox")}
    assert len(ids) == total
    assert statuses == {"delivered"}
    assert_exactly_once_in_order(simulator.received(STATION_ID), ids)
    db = Database(db_path)
    try:
        assert Outbox(db).snapshot().pending == 0
    finally:
        db.dispose()
    assert killed >= min(kills, 3), "the drain ended before the kills could land"


def test_sigkill_during_the_drain_loses_and_duplicates_nothing(tmp_path: Path, simulator: CentralSimulator) -> None:
    run_kills(tmp_path, simulator, returns=75, kills=5, seed=4)


@pytest.mark.soak
def test_thirty_sigkills_during_a_two_thousand_transaction_drain(tmp_path: Path, simulator: CentralSimulator) -> None:
    run_kills(tmp_path, simulator, returns=500, kills=30, seed=20261123)
