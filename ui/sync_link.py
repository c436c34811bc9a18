"""The UI's link to the sync layer: the Sync and Settings screens' `SyncControl`.

`CentralLink` stands over the sync worker, its central client and the connectivity monitor, and holds
no logic of its own beyond translating between the two sides' types and checking who may enroll.
`LateSyncLink` is what the screens hold from the first window on: it answers for `CentralLink` once the
composition root has started sync, a few tenths of a second after the first paint.

Apart from `ui.adapters` because the sync layer (HTTP client, keyring) is `CentralLink`'s: this module
imports none of it at load time, so the sign-in window, which holds a `LateSyncLink`, does not wait
for it. The composition root builds a `CentralLink` only for a station with a central server, once
the window is up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.domain.model import Operator, Role
from app.errors import InvalidInput, NotAllowed
from app.services.values import require_role
from ui.ports import Connectivity, ProgressCallback, SyncControl, SyncView
from ui.words import fill

if TYPE_CHECKING:
    from app.store.db import Database
    from sync.client import CentralClient
    from sync.connectivity import ConnectivityMonitor
    from sync.worker import SyncWorker

# Messages below are made on worker threads: QCoreApplication.translate is thread-safe. Their
# context stays "Adapters", where the catalogs have them.


def _require_admin(operator: Operator) -> None:
    """Enrolling writes the station's credential to the keyring: an admin's job, checked here, below the screen."""
    require_role(operator, Role.ADMIN, QCoreApplication.translate("Adapters", "enroll the station"))


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
        # sync's online / degraded / offline are the UI's, by the same values.
        connectivity = Connectivity(state.connectivity.value)
        return SyncView(connectivity, state.reason, pushing=self.worker.running)

    def sync_now(self) -> None:
        self.worker.retry_now()

    def pull_reference(self, progress: ProgressCallback) -> int:
        from app.store.reference import FEEDS
        from sync.feeds import FeedPuller

        puller = FeedPuller(self._db, self.client, now=self._now, on_rules_changed=self._on_rules_changed)
        changed = 0
        for done, feed in enumerate(FEEDS):
            progress(done, len(FEEDS))
            changed += puller.pull(feed)[1]
        progress(len(FEEDS), len(FEEDS))
        return changed

    def enroll(self, operator: Operator, central_url: str, enrollment_code: str, station_id: str) -> str:
        _require_admin(operator)
        if not enrollment_code.strip():
            raise InvalidInput(QCoreApplication.translate("Adapters", "Type the enrollment code IT gave you."))
        from sync.client import CentralClient
        from sync.credentials import StationCredentials

        url = central_url.rstrip("/") or self.client.base_url
        if url == self.client.base_url and station_id == self.client.station_id:
            self.client.enroll(enrollment_code)
            self.worker.retry_now()
        else:
            # A new server or station id applies at the next start; enroll that identity now.
            with CentralClient(url, StationCredentials(station_id)) as other:
                other.enroll(enrollment_code)
        return fill(QCoreApplication.translate("Adapters", "Station %1 is enrolled with %2."), station_id, url)


class LateSyncLink:
    """The screens' link to central from the first window on; the sync worker behind it starts after.

    Until `connect` (a few tenths of a second after the first paint) "sync now" has nothing to wake,
    and the calls that block, which the screens make off the GUI thread (the connection state, pull,
    enroll), wait for the worker. `close` lets them go when the station closes before it started.
    """

    CONNECT_WAIT_S = 30.0

    def __init__(self) -> None:
        self._link: SyncControl | None = None
        self._settled = threading.Event()

    def connect(self, link: SyncControl) -> None:
        self._link = link
        self._settled.set()

    def close(self) -> None:
        self._settled.set()

    def view(self) -> SyncView:
        link = self._waited()
        return link.view() if link is not None else SyncView(Connectivity.UNKNOWN)

    def sync_now(self) -> None:
        if self._link is not None:
            self._link.sync_now()

    def pull_reference(self, progress: ProgressCallback) -> int:
        return self._started().pull_reference(progress)

    def enroll(self, operator: Operator, central_url: str, enrollment_code: str, station_id: str) -> str:
        _require_admin(operator)  # at once: a non-admin does not wait for sync to start to be refused
        return self._started().enroll(operator, central_url, enrollment_code, station_id)

    def _waited(self) -> SyncControl | None:
        self._settled.wait(self.CONNECT_WAIT_S)
        return self._link

    def _started(self) -> SyncControl:
        link = self._waited()
        if link is None:
            raise NotAllowed(
                QCoreApplication.translate("Adapters", "Sync did not start on this station; the station log says why.")
            )
        return link
