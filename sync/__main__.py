"""Command line for IT: enrol a station with a central RMS, check the queue, run the sync headless.

    python -m sync enroll --url https://rms.example.com --station-id DOCK-1 --token TOKEN [--ca-bundle FILE]
    python -m sync status --data-dir DIR [--url URL --station-id DOCK-1]
    python -m sync run    --data-dir DIR --url URL --station-id DOCK-1 [--ca-bundle FILE] [--until-drained]

The station window does the same through its settings screen; these commands are for provisioning,
kiosks without a screen, and finding out why a queue is not moving.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from app.errors import StationError
from app.store.db import Database
from app.store.outbox import Outbox
from sync.client import CentralClient
from sync.connectivity import ConnectivityMonitor, sync_status
from sync.credentials import StationCredentials
from sync.target import CentralTarget
from sync.worker import SyncWorker


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sync", description="Station sync: enrol, status, run.")
    sub = parser.add_subparsers(dest="command", required=True)

    def central(p: argparse.ArgumentParser, *, required: bool) -> None:
        p.add_argument("--url", required=required, help="central RMS base URL, e.g. https://rms.example.com")
        p.add_argument("--station-id", required=required, help="this station's name, e.g. DOCK-1")
        p.add_argument("--ca-bundle", type=Path, help="PEM file of the CA that signed central's certificate")

    def data(p: argparse.ArgumentParser) -> None:
        default = Path(platformdirs.user_data_dir("returns-station", appauthor=False))
        p.add_argument("--data-dir", type=Path, default=default, help=f"station data folder (default {default})")

    enroll = sub.add_parser("enroll", help="trade a one-time enrollment token for the station credential")
    central(enroll, required=True)
    enroll.add_argument("--token", required=True, help="the one-time enrollment token from IT")
    status = sub.add_parser("status", help="what is queued, parked and when the station last synced")
    data(status)
    central(status, required=False)
    run = sub.add_parser("run", help="run the sync worker in the foreground (Ctrl+C stops it)")
    data(run)
    central(run, required=True)
    run.add_argument("--until-drained", action="store_true", help="stop once nothing is left to send")
    return parser


def _client(args: argparse.Namespace) -> CentralClient:
    return CentralClient(args.url, StationCredentials(args.station_id), ca_bundle=args.ca_bundle)


def _station_file(data_dir: Path) -> Path:
    path = data_dir / "station.db"
    if not path.exists():
        raise FileNotFoundError(f"No station database in {data_dir}: start the station there once, or check --data-dir")
    return path


def _enroll(args: argparse.Namespace) -> int:
    with _client(args) as client:
        client.enroll(args.token)
        version = client.health().version
    print(f"Station {args.station_id} enrolled with {args.url} (server {version}).")
    print("Its credential is kept in the OS keyring; the enrollment token is now used up.")
    return 0


def _status(args: argparse.Namespace) -> int:
    monitor = ConnectivityMonitor()
    if args.url and args.station_id:
        with _client(args) as client:
            try:
                client.health()
                monitor.succeeded()
            except StationError as failure:
                monitor.failed(failure)
    db = Database(_station_file(args.data_dir))
    try:
        status = sync_status(db, monitor, datetime.now(UTC))
        parked = Outbox(db).parked()
    finally:
        db.dispose()
    age = "-" if status.oldest_pending_age_s is None else f"{status.oldest_pending_age_s / 60:.0f} min"
    print(f"Connection:       {status.connectivity.value} ({status.reason})")
    print(f"Waiting to send:  {status.pending} (oldest {age}), photos {status.photos_pending}")
    print(f"Parked:           {status.parked} ({status.waiting_behind_parked} changes waiting behind them)")
    print(f"Last sent:        {status.last_push_at or 'never'}")
    print(f"Last pulled:      {status.last_pull_at or 'never'}")
    for record in parked:
        print(f"  parked #{record.seq} {record.type} of {record.return_id}: {record.last_error}")
    return 0


def _run(args: argparse.Namespace) -> int:
    db_path = _station_file(args.data_dir)
    stopping = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stopping.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    monitor = ConnectivityMonitor()
    monitor.add_listener(lambda state: print(f"{state.connectivity.value}: {state.reason}", flush=True))
    try:
        with _client(args) as client:
            worker = SyncWorker(db_path, CentralTarget(client), feeds=client, photos=client, connectivity=monitor)
            watcher = Database(db_path)
            worker.start()
            try:
                while not stopping.wait(0.2):
                    if worker.failure is not None:
                        return 1
                    if args.until_drained and Outbox(watcher).snapshot().pending == 0:
                        break
            finally:
                worker.stop()
                watcher.dispose()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    commands = {"enroll": _enroll, "status": _status, "run": _run}
    try:
        return commands[args.command](args)
    except (StationError, FileNotFoundError) as problem:
        print(f"error: {getattr(problem, 'message', problem)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
