"""What is waiting to go to central, and whether central can be reached: polled off the GUI thread.

The outbox snapshot (pending, parked, oldest pending, last delivered) comes from the core; the
connection state comes from the sync worker's control when one runs. Both are read on the I/O
lane every few seconds and after each change, coalesced, and handed to the status bar and the
Sync screen as one `QueueState`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ui.core import StationCore
from ui.i18n import QT_TRANSLATE_NOOP
from ui.ports import Connectivity, SyncControl, SyncView
from ui.tasks import Coalesced, Lane, TaskRunner
from ui.words import fill

if TYPE_CHECKING:
    from app.store.outbox import OutboxSnapshot

POLL_MS = 2000
# At most one refresh per this many ms: a scan commits several changes and the worker delivers
# them moments later, and the status bar does not need to count each one as it passes.
REFRESH_GAP_MS = 250

NO_WORKER = QT_TRANSLATE_NOOP("SyncMonitor", "Sync is not running on this station: changes are kept locally.")


@dataclass(frozen=True, slots=True)
class QueueState:
    outbox: OutboxSnapshot
    sync: SyncView
    at: datetime

    @property
    def oldest_pending_s(self) -> float | None:
        return self.outbox.oldest_pending_age_s(self.at)


class SyncMonitor(QObject):
    updated = Signal(object)  # QueueState

    def __init__(
        self,
        core: StationCore,
        runner: TaskRunner,
        sync: SyncControl | None,
        parent: QObject | None = None,
        *,
        poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self._core = core
        self._sync = sync
        self.last: QueueState | None = None
        self._refresh = Coalesced(runner, self._load, self._on_loaded, context="reading the sync queue", lane=Lane.IO)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poke)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(REFRESH_GAP_MS)
        self._hold.timeout.connect(self._on_hold_timeout)
        self._poked_during_hold = False

    @property
    def sync(self) -> SyncControl | None:
        return self._sync

    def start(self) -> None:
        self._timer.start()
        self.poke()

    def stop(self) -> None:
        self._timer.stop()
        self._hold.stop()

    def poke(self) -> None:
        """Refresh now, or once at the end of the gap when a refresh has just run."""
        if not self._core.is_open:
            return  # nothing to count yet: `start()` counts once the station opened its core
        if self._hold.isActive():
            self._poked_during_hold = True
            return
        self._refresh.request()
        self._hold.start()

    def _on_hold_timeout(self) -> None:
        if self._poked_during_hold:
            self._poked_during_hold = False
            self.poke()

    def _load(self) -> QueueState:
        outbox = self._core.station.sync_queue.snapshot()
        view = self._sync.view() if self._sync else SyncView(Connectivity.UNKNOWN, _translated(NO_WORKER))
        return QueueState(outbox, view, self._core.station.context.now())

    def _on_loaded(self, state: QueueState) -> None:
        self.last = state
        self.updated.emit(state)


def _translated(text: str) -> str:
    return QCoreApplication.translate("SyncMonitor", text)


def age_text(seconds: float | None) -> str:
    """ "3 min", "2 h" ...: how long the oldest change has been waiting."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return fill(QCoreApplication.translate("SyncMonitor", "%1 s"), int(seconds))
    if seconds < 3600:
        return fill(QCoreApplication.translate("SyncMonitor", "%1 min"), int(seconds // 60))
    if seconds < 86400:
        return fill(QCoreApplication.translate("SyncMonitor", "%1 h"), int(seconds // 3600))
    return fill(QCoreApplication.translate("SyncMonitor", "%1 days"), int(seconds // 86400))
