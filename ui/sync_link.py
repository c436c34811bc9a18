"""The UI's link to the sync layer: `CentralLink`, the Sync and Settings screens' `SyncControl`.

It stands over the sync worker, its central client and the connectivity monitor, and holds no
logic of its own beyond translating between the two sides' types. Apart from `ui.adapters`
because importing it loads the sync layer (HTTP client, keyring): the composition root imports it
only for a station with a central server, once the window is up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.errors import InvalidInput
from app.store.db import Database
from app.store.reference import FEEDS
from sync.client import CentralClient
from sync.connectivity import Connectivity as SyncConnectivity
from sync.connectivity import ConnectivityMonitor
from sync.credentials import StationCredentials
from sync.feeds import FeedPuller
from sync.worker import SyncWorker
from ui.ports import Connectivity, ProgressCallback, SyncView
from ui.words import fill

# Messages below are made on worker threads: QCoreApplication.translate is thread-safe. Their
# context stays "Adapters", where the catalogs have them.

_CONNECTIVITY = {
    SyncConnectivity.ONLINE: Connectivity.ONLINE,
    SyncConnectivity.DEGRADED: Connectivity.DEGRADED,
    SyncConnectivity.OFFLINE: Connectivity.OFFLINE,
}


class CentralLink:
    """What the Sync and Settings screens ask of the sync layer."""

    def __init__(
        self,
        worker: SyncWorker,
        client: CentralClient,
        monitor: ConnectivityMonitor,
        db: Database,
        *,
        now: Callable[[], datetime],
        on_rules_changed: Callable[[], None],
    ) -> None:
        self.worker = worker
        self.client = client
        self.monitor = monitor
        self._db = db
        self._now = now
        self._on_rules_changed = on_rules_changed

    def view(self) -> SyncView:
        if self.client.credentials.credential() is None:
            return SyncView(
                Connectivity.NOT_ENROLLED,
                QCoreApplication.translate(
                    "Adapters", "This station is not enrolled with central: an admin enrolls it."
                ),
            )
        state = self.monitor.state
        return SyncView(_CONNECTIVITY[state.connectivity], state.reason, pushing=self.worker.running)

    def sync_now(self) -> None:
        self.worker.retry_now()

    def pull_reference(self, progress: ProgressCallback) -> int:
        puller = FeedPuller(self._db, self.client, now=self._now, on_rules_changed=self._on_rules_changed)
        changed = 0
        for done, feed in enumerate(FEEDS):
            progress(done, len(FEEDS))
            changed += puller.pull(feed)[1]
        progress(len(FEEDS), len(FEEDS))
        return changed

    def enroll(self, central_url: str, enrollment_code: str, station_id: str) -> str:
        if not enrollment_code.strip():
            raise InvalidInput(QCoreApplication.translate("Adapters", "Type the enrollment code IT gave you."))
        url = central_url.rstrip("/") or self.client.base_url
        if url == self.client.base_url and station_id == self.client.station_id:
            self.client.enroll(enrollment_code)
            self.worker.retry_now()
        else:
            # A new server or station id applies at the next start; enroll that identity now.
            with CentralClient(url, StationCredentials(station_id)) as other:
                other.enroll(enrollment_code)
        return fill(QCoreApplication.translate("Adapters", "Station %1 is enrolled with %2."), station_id, url)
