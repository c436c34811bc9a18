"""Running the simulator: start and stop cleanly, keep its database on disk, seed at start, and the command line."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import httpx
import pytest

from resources import ROOT as RESOURCES
from sync.simulators.central import CentralSimulator
from tests.sync.simulators.central.sample import enroll_station

REFERENCE = RESOURCES / "reference"
REPO = Path(__file__).resolve().parents[4]


def simulator_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("central-rms-")]


def test_start_and_stop_leave_no_thread_no_file_and_a_free_port() -> None:
    simulator = CentralSimulator().start()
    database = simulator.store.path
    port = simulator.port
    assert httpx.get(f"{simulator.base_url}/v1/health").status_code == 200
    assert simulator_threads()

    simulator.stop()
    simulator.stop()

    assert simulator_threads() == []
    assert not database.exists()
    with socket.create_server(("127.0.0.1", port)):
        pass


def test_a_busy_port_is_reported_at_start() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        simulator = CentralSimulator(port=taken.getsockname()[1])
        with pytest.raises(OSError, match="in use"):
            simulator.start()
        simulator.stop()


def test_knobs_and_enrollment_tokens_can_be_given_at_start() -> None:
    faults = {"error_rate": 1.0, "endpoints": ["push"]}
    with (
        CentralSimulator(faults=faults, enrollment_tokens=["PRE-1"]) as simulator,
        httpx.Client(base_url=simulator.base_url) as client,
    ):
        station = enroll_station(client, simulator, "DOCK-1")  # mints its own token: faults spare enrollment
        pre_minted = client.post(
            "/v1/enroll", json={"enrollment_token": "PRE-1", "station_id": "DOCK-2", "app_version": "1"}
        )
        pushed = station.push([station.tx("R-1", "return.opened")])

    assert pre_minted.status_code == 201
    assert pushed.status_code == 503


def test_the_database_file_survives_a_restart(tmp_path: Path) -> None:
    database = tmp_path / "central.sqlite3"
    with CentralSimulator(database) as first, httpx.Client(base_url=first.base_url) as client:
        first.seed({"returns": [{"return_id": "R-1", "lines": []}]})
        station = enroll_station(client, first, "DOCK-1")
        change = station.tx("R-1", "return.opened")
        assert [r["status"] for r in station.results([change])] == ["accepted"]

    with CentralSimulator(database) as second, httpx.Client(base_url=second.base_url) as client:
        station.client = client
        station.refresh_token()
        again = station.results([change])
        received = second.received("DOCK-1")

    assert [r["status"] for r in again] == ["duplicate"]
    assert [r.id for r in received] == [change["id"]]
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_the_sample_reference_folder_seeds_every_feed_and_its_returns_can_be_looked_up() -> None:
    files = sorted(path.stem for path in REFERENCE.glob("*.json"))
    returns = json.loads((REFERENCE / "returns.json").read_text())
    with CentralSimulator(seed_folder=REFERENCE) as simulator, httpx.Client(base_url=simulator.base_url) as client:
        station = enroll_station(client, simulator, "DOCK-1")
        counts = simulator.stats()["feed_items"]
        found = [
            client.get("/v1/returns:lookup", params={"identifier": r["rma_number"]}, headers=station.auth).json()
            for r in returns
        ]

    assert files
    assert all(counts[name] > 0 for name in files)
    assert [f["return"]["return_id"] for f in found] == [r["return_id"] for r in returns]


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


def test_the_command_line_serves_until_interrupted() -> None:
    command = [
        sys.executable, "-m", "sync.simulators.central", "--port", "0", "--seed", str(REFERENCE),
        "--enrollment-token", "CLI-TOKEN", "--throttle-rate", "0", "--fault-seed", "3", "--log-level", "warning",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        output: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_lines, args=(proc.stdout, output), daemon=True)
        reader.start()
        try:
            first = output.get(timeout=30)
            assert "listening on http://127.0.0.1:" in first, first
            base_url = first.rsplit(" ", 1)[1].strip()
            with httpx.Client(base_url=base_url) as client:
                health = client.get("/v1/health")
                enrolled = client.post(
                    "/v1/enroll", json={"enrollment_token": "CLI-TOKEN", "station_id": "DOCK-1", "app_version": "1"}
                )
        finally:
            proc.send_signal(signal.SIGINT)
            code = proc.wait(timeout=20)
        reader.join(5)

    assert health.status_code == 200
    assert enrolled.status_code == 201
    assert code == 0


def test_the_command_line_refuses_a_bad_knob(capsys: pytest.CaptureFixture[str]) -> None:
    from sync.simulators.central.__main__ import main

    assert main(["--error-rate", "3"]) == 2
    assert "error_rate must be between 0 and 1" in capsys.readouterr().err
