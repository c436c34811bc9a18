"""The audit trail's hash chain verifies, and names the first record that was tampered with."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from app.domain.model import PackageCondition
from tests.app.conftest import CHARGER, item, rma


def _work(station, crew, clock) -> str:
    rid = station.receiving.open(crew.ana, rma("RMA-100001")).return_id
    for n in range(3):
        station.receiving.receive(crew.ana, rid, item(CHARGER))
        clock.advance(5 + n)
    station.receiving.record_receipt(
        crew.ana, rid, tracking_number=None, carrier=None, condition=PackageCondition.DAMAGED
    )
    return rid


def test_chain_verifies_after_work(station, crew, clock):
    _work(station, crew, clock)
    report = station.verify_audit()
    assert report.ok
    assert report.records == 5


def test_changed_content_is_named(station, crew, clock):
    _work(station, crew, clock)
    with station.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET operator_id = 'op-sam' WHERE seq = 3"))
    report = station.verify_audit()
    assert report.first_broken == 3
    assert "content was changed" in report.reason


def test_deleted_record_is_named(station, crew, clock):
    _work(station, crew, clock)
    with station.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    report = station.verify_audit()
    assert report.first_broken == 3
    assert "record 2 is missing" in report.reason


def test_verify_command_names_the_broken_record(station, crew, clock, tmp_path):
    _work(station, crew, clock)
    with station.db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET detail = '{}' WHERE seq = 4"))
    data_dir = station.db.path.parent
    result = subprocess.run(
        [sys.executable, "-m", "app", "verify-audit", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "BROKEN at record 4" in result.stdout
