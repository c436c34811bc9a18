"""Child process for the sync kill test: run the sync worker on a station file until its outbox is empty.

    STATION_CREDENTIAL=... python -m tests.sync.kill_child DB_PATH BASE_URL STATION_ID

The parent SIGKILLs it at random moments; a run that drains the queue exits 0. The credential
comes through the environment into an in-memory keyring (the test machine has no OS keyring).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import keyring

from app.store.db import Database
from app.store.outbox import Outbox
from sync.client import CentralClient
from sync.credentials import StationCredentials
from sync.target import CentralTarget
from sync.worker import SyncWorker, WorkerSettings
from tests.conftest import MemoryKeyring

BATCH = 50  # many batches per drain: many moments to be killed between a push and its settle


def main(db_path: Path, base_url: str, station_id: str) -> int:
    keyring.set_keyring(MemoryKeyring())
    credentials = StationCredentials(station_id)
    credentials.store_credential(os.environ["STATION_CREDENTIAL"])
    client = CentralClient(base_url, credentials)
    settings = WorkerSettings(max_batch=BATCH, idle_check_s=0.05, backoff_base_s=0.05, backoff_cap_s=0.5)
    worker = SyncWorker(db_path, CentralTarget(client), settings=settings)
    watcher = Database(db_path)
    tick = threading.Event()
    worker.start()
    try:
        while Outbox(watcher).snapshot().pending:
            if worker.failure is not None:
                return 1
            tick.wait(0.02)
    finally:
        worker.stop()
        watcher.dispose()
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
