"""The labels this station printed since it started, for preview and reprint on the Labels screen.

The core keeps the jobs that are still waiting; this log keeps the ones the printer took, as the
print calls returned them, newest first.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, Signal

from app.services.values import PrintJob

KEPT = 100


class PrintLog(QObject):
    added = Signal(object)  # PrintJob

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: deque[PrintJob] = deque(maxlen=KEPT)

    @property
    def jobs(self) -> list[PrintJob]:
        return list(self._jobs)

    def record(self, job: PrintJob) -> None:
        self._jobs.appendleft(job)
        self.added.emit(job)
