"""The SQLite print journal: durable on a file, in order, and surviving a process that dies."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from devices.printing.journal import JobStatus, PrintJob, SqliteJobJournal

ROOT = Path(__file__).resolve().parents[3]


def a_job(job_id: str, **changes: object) -> PrintJob:
    values: dict[str, object] = {
        "job_id": job_id,
        "template": "lpn",
        "data": '{"lpn":"LPN-1"}',
        "created_at": "2026-11-23T09:00:00+00:00",
    }
    values.update(changes)
    return PrintJob(**values)  # type: ignore[arg-type]


def fixed_clock() -> dt.datetime:
    return dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def test_pending_jobs_come_back_oldest_first_until_printed(tmp_path: Path) -> None:
    with SqliteJobJournal(tmp_path / "print.sqlite", clock=fixed_clock) as journal:
        for job_id in ("b", "a", "c"):
            journal.record(a_job(job_id))
        journal.mark_printed("a")

        assert [job.job_id for job in journal.pending()] == ["b", "c"]
        printed = journal.get("a")
        assert printed is not None
        assert printed.status is JobStatus.PRINTED
        assert printed.printed_at == "2026-11-23T10:00:00+00:00"
        assert printed.attempts == 1


def test_a_failure_keeps_the_job_pending_with_the_message(tmp_path: Path) -> None:
    with SqliteJobJournal(tmp_path / "print.sqlite") as journal:
        journal.record(a_job("j1", unit_id="U-1", copies=2))
        journal.mark_failed("j1", "The printer is out of labels.")
        journal.mark_failed("j1", "The printer lid is open.")

        (job,) = journal.pending()
        assert job.status is JobStatus.PENDING
        assert job.attempts == 2
        assert job.last_error == "The printer lid is open."
        assert (job.unit_id, job.copies) == ("U-1", 2)


def test_a_printed_job_is_not_failed_afterwards(tmp_path: Path) -> None:
    with SqliteJobJournal(tmp_path / "print.sqlite") as journal:
        journal.record(a_job("j1"))
        journal.mark_printed("j1")
        journal.mark_failed("j1", "late news")

        job = journal.get("j1")
        assert job is not None
        assert job.status is JobStatus.PRINTED
        assert job.last_error is None


def test_the_file_is_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    path = tmp_path / "print.sqlite"
    with SqliteJobJournal(path) as journal:
        journal.record(a_job("j1"))
        synchronous = journal._db.execute("PRAGMA synchronous").fetchone()[0]

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    assert synchronous == 2  # FULL


def test_a_recorded_job_survives_the_process_dying(tmp_path: Path) -> None:
    path = tmp_path / "print.sqlite"
    # The recording process ends abruptly right after record(): no close, no clean shutdown.
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from devices.printing.journal import PrintJob, SqliteJobJournal
        journal = SqliteJobJournal({str(path)!r})
        journal.record(PrintJob("j-crash", "lpn", '{{"lpn":"LPN-9"}}', "2026-11-23T09:00:00+00:00"))
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)

    with SqliteJobJournal(path) as journal:
        assert [(job.job_id, job.data) for job in journal.pending()] == [("j-crash", '{"lpn":"LPN-9"}')]


def test_recent_lists_newest_first(tmp_path: Path) -> None:
    with SqliteJobJournal(tmp_path / "print.sqlite") as journal:
        for job_id in ("1", "2", "3"):
            journal.record(a_job(job_id))
        journal.mark_printed("2")

        assert [job.job_id for job in journal.recent(limit=2)] == ["3", "2"]
