"""Test-side collectors for what scanners deliver, shared by the scanner, simulator and manager tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from devices.events import Scan, ScanRejected


class Reads:
    """Collects what a scanner delivers (on its reader thread) and lets a test wait for it."""

    def __init__(self) -> None:
        self.items: list[Scan | ScanRejected] = []
        self._changed = threading.Condition()

    def __call__(self, result: Scan | ScanRejected) -> None:
        with self._changed:
            self.items.append(result)
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 3.0) -> list[Scan | ScanRejected]:
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.items) >= count, timeout):
                raise AssertionError(f"expected {count} reads within {timeout} s, got {self.items!r}")
            return list(self.items)

    def wait_until(self, predicate: Callable[[list[Scan | ScanRejected]], bool], timeout: float = 3.0) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self.items), timeout)

    def scans(self) -> list[Scan]:
        return [item for item in self.items if isinstance(item, Scan)]

    def rejections(self) -> list[ScanRejected]:
        return [item for item in self.items if isinstance(item, ScanRejected)]


def assert_no_new_threads(before: set[threading.Thread]) -> None:
    """Fail when threads started since `before` are still running (after a short grace to finish)."""
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for thread in leaked:
        thread.join(2)
    still = [t.name for t in leaked if t.is_alive()]
    assert not still, f"threads left running: {still}"
