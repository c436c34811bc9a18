"""Fixtures for the printing tests: a running printer simulator and a scheduler the test drives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from devices.simulators.zpl_printer import PrinterSimulator


@pytest.fixture
def printer_sim() -> Iterator[PrinterSimulator]:
    simulator = PrinterSimulator(port=0).start()
    try:
        yield simulator
    finally:
        simulator.stop()


@dataclass
class _Waiting:
    delay: float
    action: Callable[[], None]
    cancelled: bool = False


class ManualScheduler:
    """A retry scheduler that runs nothing until the test says so: time is the test's to give."""

    def __init__(self) -> None:
        self.waiting: list[_Waiting] = []

    def call_later(self, delay: float, action: Callable[[], None]) -> Callable[[], None]:
        entry = _Waiting(delay, action)
        self.waiting.append(entry)

        def cancel() -> None:
            entry.cancelled = True

        return cancel

    @property
    def scheduled(self) -> list[float]:
        return [w.delay for w in self.waiting if not w.cancelled]

    def run_due(self) -> int:
        """Run every retry waiting now (as if its delay had passed); returns how many ran."""
        due, self.waiting = [w for w in self.waiting if not w.cancelled], []
        for entry in due:
            entry.action()
        return len(due)


@pytest.fixture
def scheduler() -> ManualScheduler:
    return ManualScheduler()
