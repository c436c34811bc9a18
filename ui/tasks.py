"""The one way the UI runs work off the GUI thread.

Two lanes: a single-writer lane for everything that touches the station database (one thread, so
use cases never contend for SQLite's write lock and run in the order they were asked for), and a
small pool for network and device work (printing, sync status, feed pulls). A task's result or
error comes back to the GUI thread through one queued signal and is delivered there to the
caller's callbacks: no widget is ever touched from a worker thread.

Errors split the way the station splits them: a `StationError` goes to the caller's `on_error`
(or to the feedback banner, in the inspector's words); anything else is a bug, logged with the
task's context, and the operator sees "Something went wrong — the action was not saved".
"""

from __future__ import annotations

import enum
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from app.errors import StationError

log = logging.getLogger(__name__)

IO_THREADS = 4


class Lane(enum.Enum):
    DATABASE = "database"  # one thread: every station use case, in order
    IO = "io"  # a pool: network, devices, read-only status queries


class ErrorSink(Protocol):
    """Where errors go when the caller gave no `on_error`: the feedback banner."""

    def station_error(self, error: StationError) -> None: ...

    def bug(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Done:
    token: int
    value: object = None
    error: BaseException | None = None


@dataclass(frozen=True, slots=True)
class _Progress:
    token: int
    done: int
    total: int


@dataclass(slots=True)
class _Pending:
    context: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[StationError], None] | None
    on_progress: Callable[[int, int], None] | None
    on_settled: Callable[[], None] | None = None  # after on_done, on_error or a bug: always


class ProgressReport(Protocol):
    """Given to long work so it can say how far it is; safe to call from the worker thread."""

    def __call__(self, done: int, total: int) -> None: ...


class TaskRunner(QObject):
    """Runs callables on the database lane or the I/O pool; answers on the GUI thread."""

    _finished = Signal(object)
    _progressed = Signal(object)
    busy_changed = Signal(bool)
    settled = Signal()  # a task's callbacks have run (tests wait on this)

    def __init__(self, errors: ErrorSink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._errors = errors
        self._executors = {
            Lane.DATABASE: ThreadPoolExecutor(max_workers=1, thread_name_prefix="station-db"),
            Lane.IO: ThreadPoolExecutor(max_workers=IO_THREADS, thread_name_prefix="station-io"),
        }
        self._tokens = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._on_self_finished)
        self._progressed.connect(self._on_self_progressed)

    @property
    def idle(self) -> bool:
        return not self._pending

    def run(
        self,
        lane: Lane,
        work: Callable[[], Any],
        *,
        context: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[StationError], None] | None = None,
        on_settled: Callable[[], None] | None = None,
    ) -> None:
        """Run `work` on `lane`; `on_done(result)` or `on_error(StationError)` later, on the GUI thread.

        `on_settled()` runs after either, and after a bug too: where a screen undoes a busy state.
        """
        token = self._enqueue(context, on_done, on_error, None, on_settled)
        if token is not None:
            self._executors[lane].submit(self._call, token, work)

    def run_with_progress(
        self,
        lane: Lane,
        work: Callable[[ProgressReport], Any],
        *,
        context: str,
        on_progress: Callable[[int, int], None],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[StationError], None] | None = None,
    ) -> None:
        """Long work (feed pull, bulk reprint) that reports progress as it goes."""
        token = self._enqueue(context, on_done, on_error, on_progress)
        if token is None:
            return

        def report(done: int, total: int) -> None:
            self._progressed.emit(_Progress(token, done, total))

        self._executors[lane].submit(self._call, token, lambda: work(report))

    def report(self, error: StationError) -> None:
        """Show an expected failure the caller chose not to handle itself."""
        self._errors.station_error(error)

    def shutdown(self) -> None:
        """Finish what is running, refuse new work, and join every worker thread."""
        self._closed = True
        for executor in self._executors.values():
            executor.shutdown(wait=True, cancel_futures=True)

    # -- internals -------------------------------------------------------------------------------

    def _enqueue(
        self,
        context: str,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[StationError], None] | None,
        on_progress: Callable[[int, int], None] | None,
        on_settled: Callable[[], None] | None = None,
    ) -> int | None:
        if self._closed:
            log.info("station is closing; not starting %s", context)
            return None
        token = next(self._tokens)
        was_idle = not self._pending
        self._pending[token] = _Pending(context, on_done, on_error, on_progress, on_settled)
        if was_idle:
            self.busy_changed.emit(True)
        return token

    def _call(self, token: int, work: Callable[[], Any]) -> None:
        # Runs on a worker thread: only plain values leave it, through the queued signal.
        try:
            value = work()
        except BaseException as exc:  # every failure, even a bug, is reported on the GUI thread
            self._finished.emit(_Done(token, error=exc))
        else:
            self._finished.emit(_Done(token, value=value))

    def _on_self_progressed(self, progress: _Progress) -> None:
        pending = self._pending.get(progress.token)
        if pending and pending.on_progress:
            pending.on_progress(progress.done, progress.total)

    def _on_self_finished(self, done: _Done) -> None:
        pending = self._pending.pop(done.token, None)
        if pending is None:
            return
        try:
            self._deliver(pending, done)
        finally:
            on_settled = pending.on_settled
            if on_settled is not None:
                self._guarded(pending.context, on_settled)
            if not self._pending:
                self.busy_changed.emit(False)
            self.settled.emit()

    def _deliver(self, pending: _Pending, done: _Done) -> None:
        error = done.error
        if error is None:
            on_done = pending.on_done
            if on_done is not None:
                self._guarded(pending.context, lambda: on_done(done.value))
            return
        if isinstance(error, StationError):
            on_error = pending.on_error
            if on_error is not None:
                self._guarded(pending.context, lambda: on_error(error))
            else:
                self._errors.station_error(error)
            return
        log.error("bug while %s", pending.context, exc_info=(type(error), error, error.__traceback__))
        self._errors.bug()

    def _guarded(self, context: str, callback: Callable[[], object]) -> None:
        """A callback that raises is a bug in the screen: log it, tell the operator, keep the station up."""
        try:
            callback()
        except StationError as exc:
            self._errors.station_error(exc)
        except Exception:
            log.exception("bug in the screen's answer to %s", context)
            self._errors.bug()


class Coalesced:
    """A refresh that never queues up behind itself: requests while one runs fold into one more run.

    Under a burst of changes (500 scans, a bulk reprint) a screen reloads at most twice in a row
    instead of once per change, so the GUI thread never drowns in stale answers.
    """

    def __init__(
        self,
        runner: TaskRunner,
        load: Callable[[], Any],
        apply: Callable[[Any], None],
        *,
        context: str,
        lane: Lane = Lane.DATABASE,
    ) -> None:
        self._runner = runner
        self._load = load
        self._apply = apply
        self._context = context
        self._lane = lane
        self._running = False
        self._again = False

    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._runner.run(self._lane, self._load, context=self._context, on_done=self._on_done, on_error=self._on_error)

    def _on_done(self, value: Any) -> None:
        self._finish()
        self._apply(value)
        self._rerun()

    def _on_error(self, error: StationError) -> None:
        self._finish()
        self._runner.report(error)
        self._rerun()

    def _finish(self) -> None:
        self._running = False

    def _rerun(self) -> None:
        if self._again:
            self._again = False
            self.request()
