"""Test doubles that sit below the real boundaries: an injected clock, a hand-run scheduler, recorders."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from devices.events import ScanRejected, TagRead
from devices.manager import DeviceState

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[3]
SGTIN_EXAMPLE = "3034257BF7194E4000003039"  # urn:epc:id:sgtin:0614141.812345.12345
SGTIN_OTHER = "3034257BF7194E400000303A"  # same product, serial 12346


def capture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


class _Call:
    def __init__(self, delay: float, action: Callable[[], None]) -> None:
        self.delay = delay
        self.action = action
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """A `devices.manager.Scheduler` whose delayed actions run only when the test runs them."""

    def __init__(self) -> None:
        self._calls: list[_Call] = []
        self._cond = threading.Condition()

    def call_later(self, delay: float, action: Callable[[], None]) -> _Call:
        call = _Call(delay, action)
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()
        return call

    def wait_pending(self, timeout: float = 5.0) -> _Call | None:
        """The next planned (not cancelled) call, waiting for one to be planned."""

        def pending() -> _Call | None:
            self._calls = [c for c in self._calls if not c.cancelled]
            return self._calls[0] if self._calls else None

        with self._cond:
            self._cond.wait_for(lambda: pending() is not None, timeout)
            return pending()

    def run_next(self, timeout: float = 5.0) -> float:
        """Run the next planned call; returns the delay it was planned with."""
        call = self.wait_pending(timeout)
        assert call is not None, "nothing was scheduled"
        with self._cond:
            self._calls.remove(call)
        call.action()
        return call.delay


class Recorder:
    """Collects tag reads, rejections, states and losses; every wait takes a timeout."""

    def __init__(self) -> None:
        self.tags: list[TagRead] = []
        self.damage: list[ScanRejected] = []
        self.states: list[tuple[DeviceState, str]] = []
        self.losses: list[BaseException | None] = []
        self.reports: list[tuple[DeviceState, str]] = []
        self._cond = threading.Condition()

    # callbacks
    def on_tag(self, read: TagRead) -> None:
        with self._cond:
            self.tags.append(read)
            self._cond.notify_all()

    def on_damage(self, rejected: ScanRejected) -> None:
        with self._cond:
            self.damage.append(rejected)
            self._cond.notify_all()

    def on_state(self, state: DeviceState, message: str) -> None:
        with self._cond:
            self.states.append((state, message))
            self._cond.notify_all()

    # DeviceReports
    def lost(self, error: BaseException | None) -> None:
        with self._cond:
            self.losses.append(error)
            self._cond.notify_all()

    def report(self, state: DeviceState, message: str = "") -> None:
        with self._cond:
            self.reports.append((state, message))
            self._cond.notify_all()

    def wait(self, predicate: Callable[[Recorder], bool], timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    def epcs(self) -> list[str]:
        with self._cond:
            return [read.epc_hex for read in self.tags]


@contextlib.contextmanager
def simulator_process(kind: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    """`python -m devices.simulators KIND ARGS` with pipes for standard input and output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "devices.simulators", kind, *args]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    ) as process:
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
