"""The print journal: every label job is on disk before a byte goes to the printer.

`JobJournal` is the small protocol the print spool writes through; the station core can provide
its own (its `print_jobs` table) and wire it in. `SqliteJobJournal` is the default: one SQLite
file in WAL mode with `synchronous=FULL`, so a recorded job survives a crash or power cut the
moment `record()` returns.
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class JobStatus(enum.Enum):
    PENDING = "pending"  # recorded, not yet accepted by the printer (maybe with the last fault)
    PRINTED = "printed"  # the printer took it and reported ready afterwards


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One label job as journalled: the template and its fields, not the printer bytes.

    Rendering again from the fields at send time means a reprint, or a retry after a restart,
    prints exactly what the template makes of the data.
    """

    job_id: str
    template: str
    data: str  # the template's fields as canonical JSON
    created_at: str  # ISO 8601, UTC
    copies: int = 1
    unit_id: str | None = None
    status: JobStatus = JobStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    printed_at: str | None = None
    reprint_of: str | None = None


class JobJournal(Protocol):
    def record(self, job: PrintJob) -> None:
        """Store a new job durably; it is pending until `mark_printed`."""
        ...

    def mark_printed(self, job_id: str) -> None:
        """The printer took the job; the journal stamps the time."""
        ...

    def mark_failed(self, job_id: str, message: str) -> None:
        """Count one failed attempt and keep the message; the job stays pending."""
        ...

    def pending(self) -> list[PrintJob]:
        """Pending jobs, oldest first."""
        ...

    def get(self, job_id: str) -> PrintJob | None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS print_jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL UNIQUE,
    template TEXT NOT NULL,
    data TEXT NOT NULL,
    copies INTEGER NOT NULL DEFAULT 1,
    unit_id TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    printed_at TEXT,
    reprint_of TEXT
);
CREATE INDEX IF NOT EXISTS ix_print_jobs_status ON print_jobs (status);
"""

_COLUMNS = "job_id, template, data, created_at, copies, unit_id, status, attempts, last_error, printed_at, reprint_of"


def _job(row: tuple[object, ...]) -> PrintJob:
    job_id, template, data, created_at, copies, unit_id, status, attempts, last_error, printed_at, reprint_of = row
    return PrintJob(
        job_id=str(job_id),
        template=str(template),
        data=str(data),
        created_at=str(created_at),
        copies=int(str(copies)),
        unit_id=None if unit_id is None else str(unit_id),
        status=JobStatus(status),
        attempts=int(str(attempts)),
        last_error=None if last_error is None else str(last_error),
        printed_at=None if printed_at is None else str(printed_at),
        reprint_of=None if reprint_of is None else str(reprint_of),
    )


class SqliteJobJournal:
    """The default durable journal: a SQLite file of its own (WAL, synchronous=FULL)."""

    def __init__(self, path: Path | str, *, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.path = Path(path)
        self._clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by the spool's threads, serialised by our own lock.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                count = self._db.execute(sql, params).rowcount
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return count

    def record(self, job: PrintJob) -> None:
        self._write(
            f"INSERT INTO print_jobs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                job.job_id,
                job.template,
                job.data,
                job.created_at,
                job.copies,
                job.unit_id,
                job.status.value,
                job.attempts,
                job.last_error,
                job.printed_at,
                job.reprint_of,
            ),
        )

    def mark_printed(self, job_id: str) -> None:
        self._write(
            "UPDATE print_jobs SET status = ?, printed_at = ?, attempts = attempts + 1, last_error = NULL"
            " WHERE job_id = ?",
            (JobStatus.PRINTED.value, self._clock().isoformat(), job_id),
        )

    def mark_failed(self, job_id: str, message: str) -> None:
        self._write(
            "UPDATE print_jobs SET attempts = attempts + 1, last_error = ? WHERE job_id = ? AND status = ?",
            (message, job_id, JobStatus.PENDING.value),
        )

    def pending(self) -> list[PrintJob]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE status = ? ORDER BY seq", (JobStatus.PENDING.value,)
            ).fetchall()
        return [_job(row) for row in rows]

    def get(self, job_id: str) -> PrintJob | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE job_id = ?", (job_id,)).fetchone()
        return None if row is None else _job(row)

    def recent(self, limit: int = 50) -> list[PrintJob]:
        """Newest jobs first, printed or not: what the labels screen lists for reprint."""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM print_jobs ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
        return [_job(row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> SqliteJobJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
