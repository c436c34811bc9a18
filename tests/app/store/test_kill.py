"""SIGKILL at random moments loses no committed change and invents none.

A child process records real actions in a loop on a database file and reports each transaction id
after its commit returned; it is killed 50 times at random points (after a random number of
commits, seeded). Afterwards the file is intact, the audit chain verifies, and the outbox holds every
reported change, plus at most the one change per kill that committed but was not yet reported.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, text

from app.services.station import open_database
from app.store.journal import verify_audit_chain
from app.store.reference import load_sample_set
from app.store.schema import AuditRow, OutboxRow
from resources import ROOT as RESOURCES

KILLS = 50
ROOT = Path(__file__).resolve().parents[3]


def test_sigkill_fifty_times_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "station.db"
    db = open_database(db_path)
    load_sample_set(db, RESOURCES / "reference", "2026-11-23T09:00:00+00:00")
    db.dispose()
    rng = random.Random(20261123)
    reported: list[str] = []
    unreported_allowance = 0
    for run in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.app.store.kill_child", str(db_path), str(run)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        wanted = rng.randint(1, 12)
        seen = 0
        while seen < wanted:
            line = child.stdout.readline()
            assert line, f"child died on its own: {child.stderr.read() if child.stderr else ''}"
            reported.append(line.strip())
            seen += 1
        child.send_signal(signal.SIGKILL)
        rest, err = child.communicate(timeout=30)
        reported.extend(line for line in rest.split() if line)  # written before the kill landed
        assert child.returncode == -signal.SIGKILL, err
        unreported_allowance += 1

    db = open_database(db_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with db.read() as session:
        assert verify_audit_chain(session).ok
        outbox = list(session.scalars(select(OutboxRow.id).order_by(OutboxRow.seq)))
        seqs = list(session.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)))
        audited = [
            json.loads(d)["transaction_id"] for d in session.scalars(select(AuditRow.detail).order_by(AuditRow.seq))
        ]
    db.dispose()
    assert len(set(reported)) == len(reported)  # nothing reported twice
    assert set(reported) <= set(outbox)  # every change whose commit returned is there
    assert len(outbox) - len(reported) <= unreported_allowance  # committed, killed before it could say so
    assert seqs == list(range(1, len(seqs) + 1))
    assert audited == outbox  # one audit record per outbox record, in the same order
