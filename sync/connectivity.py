"""Is the station in touch with central, and what is waiting: what the operator sees of the sync.

`ConnectivityMonitor` turns every request's outcome into one of three states with a reason an
operator understands ("Central server not reachable: connection refused", "Server answering
slowly", "Server refused our credential: re-enrol the station") and calls its listeners when the
state or the reason changes. Listeners run on the sync thread; the UI hops to its own thread.

`sync_status()` is the snapshot the UI shows: connectivity plus the queue's numbers, read from the
database, so it is right after a restart too.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.errors import StationError
from app.phrases import QT_TRANSLATE_NOOP, Phrase
from app.store.db import Database
from app.store.outbox import Outbox
from app.store.schema import FeedCursor
from sync.failures import (
    REFUSED_CREDENTIAL,
    AuthFailure,
    CredentialStoreFailure,
    CursorExpired,
    InvalidAnswer,
    NotEnrolled,
    RequestRefused,
    ServerFailure,
    Throttled,
    TransportFailure,
    TransportReason,
    WrongAddress,
)
from sync.photos import PhotoQueue

log = logging.getLogger(__name__)

SLOW_AFTER_S = 3.0  # an answer slower than this makes the connection "degraded"


class Connectivity(enum.Enum):
    ONLINE = "online"
    OFFLINE = "offline"  # nothing gets through
    DEGRADED = "degraded"  # things get through, but slowly or with failures


@dataclass(frozen=True, slots=True)
class ConnectivityState:
    connectivity: Connectivity
    reason: str  # a `Phrase`: English here, in the operator's language on screen


ONLINE = ConnectivityState(Connectivity.ONLINE, QT_TRANSLATE_NOOP("Sync", "Connected to the central server"))
STARTING = ConnectivityState(
    Connectivity.OFFLINE, QT_TRANSLATE_NOOP("Sync", "Not yet in touch with the central server")
)


def state_after(failure: StationError) -> ConnectivityState | None:
    """The state a failed request reveals; None when it says nothing about the connection."""
    if isinstance(failure, TransportFailure):
        if failure.reason in (TransportReason.READ_TIMEOUT, TransportReason.DROPPED):
            return ConnectivityState(Connectivity.DEGRADED, failure.message)
        return ConnectivityState(Connectivity.OFFLINE, failure.message)
    if isinstance(failure, NotEnrolled | WrongAddress | CredentialStoreFailure):
        return ConnectivityState(Connectivity.OFFLINE, failure.message)
    if isinstance(failure, AuthFailure):
        return ConnectivityState(Connectivity.OFFLINE, REFUSED_CREDENTIAL)
    if isinstance(failure, Throttled):
        return ConnectivityState(
            Connectivity.DEGRADED, QT_TRANSLATE_NOOP("Sync", "Central server is busy: sending more slowly")
        )
    if isinstance(failure, ServerFailure):
        problem = QT_TRANSLATE_NOOP("Sync", "Central server has a problem (HTTP {http_status})")
        return ConnectivityState(Connectivity.DEGRADED, Phrase(problem, http_status=failure.status))
    if isinstance(failure, InvalidAnswer):
        return ConnectivityState(
            Connectivity.DEGRADED, QT_TRANSLATE_NOOP("Sync", "Central server sent an unreadable answer")
        )
    if isinstance(failure, RequestRefused | CursorExpired):
        return ONLINE  # the server answered sensibly; this one request was the problem
    return None


class ConnectivityMonitor:
    def __init__(self, slow_after_s: float = SLOW_AFTER_S) -> None:
        self._slow_after_s = slow_after_s
        self._lock = threading.Lock()
        self._state = STARTING
        self._listeners: list[Callable[[ConnectivityState], None]] = []

    @property
    def state(self) -> ConnectivityState:
        with self._lock:
            return self._state

    def add_listener(self, listener: Callable[[ConnectivityState], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def succeeded(self, elapsed_s: float = 0.0) -> None:
        if elapsed_s > self._slow_after_s:
            slowly = QT_TRANSLATE_NOOP("Sync", "Server answering slowly ({seconds:.0f} s)")
            self._set(ConnectivityState(Connectivity.DEGRADED, Phrase(slowly, seconds=elapsed_s)))
        else:
            self._set(ONLINE)

    def failed(self, failure: StationError) -> None:
        state = state_after(failure)
        if state is not None:
            self._set(state)

    def failed_internally(self, _exc: BaseException) -> None:
        """The sync loop died of a bug (already logged with its traceback)."""
        self._set(
            ConnectivityState(
                Connectivity.OFFLINE,
                QT_TRANSLATE_NOOP("Sync", "Sync stopped by an internal error: restart the station and tell IT"),
            )
        )

    def _set(self, state: ConnectivityState) -> None:
        with self._lock:
            if state == self._state:
                return
            self._state = state
            listeners = list(self._listeners)
        log.info("connectivity: %s (%s)", state.connectivity.value, state.reason)
        for listener in listeners:
            listener(state)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """Everything the operator's sync indicator and queue screen show, at one moment."""

    connectivity: Connectivity
    reason: str
    pending: int
    oldest_pending_age_s: float | None  # by the station's clock: informative only
    last_push_at: str | None  # when central last accepted a change (station clock, ISO 8601)
    last_pull_at: str | None  # when reference data was last read from central
    parked: int
    waiting_behind_parked: int
    photos_pending: int


def sync_status(db: Database, monitor: ConnectivityMonitor, now: datetime) -> SyncStatus:
    snapshot = Outbox(db).snapshot()
    with db.read() as session:
        last_pull = session.scalar(select(func.max(FeedCursor.updated_at)))
    state = monitor.state
    return SyncStatus(
        connectivity=state.connectivity,
        reason=state.reason,
        pending=snapshot.pending,
        oldest_pending_age_s=snapshot.oldest_pending_age_s(now),
        last_push_at=snapshot.last_delivered_at,
        last_pull_at=last_pull,
        parked=snapshot.parked,
        waiting_behind_parked=snapshot.waiting_behind_parked,
        photos_pending=PhotoQueue(db).pending_count(),
    )
