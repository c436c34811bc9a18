"""A scripted walk through the core services, printed as it happens.

This is the demo until the station window exists: it shows, without a display, a device or a
network, a return going from scan to closed, and proves the outbox and audit trail that go with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from app.domain.codes import CodeKind, ScannedCode
from app.errors import StationError
from app.services.station import Station, open_database
from app.services.values import Credentials
from app.store.reference import load_sample_set
from resources import ROOT as RESOURCES


def run_scripted_demo(data_dir: Path, say: Callable[[str], None] = print) -> int:
    db = open_database(data_dir / "station.db")
    counts = load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
    say(f"Loaded sample reference data: {counts}")
    station = Station(db, station_id="DEMO-01", data_dir=data_dir)
    ana = station.auth.sign_in(Credentials("BADGE-1001", "1111"))
    say(f"Signed in: {ana.display_name} ({ana.role.value})")

    def step(title: str, action: Callable[[], object]) -> object:
        try:
            result = action()
        except StationError as exc:
            say(f"  ✗ {title}: {exc.message}")
            return None
        say(f"  ✓ {title}")
        return result

    ret = station.receiving.open(ana, ScannedCode("RMA-100001", CodeKind.RMA, value="RMA-100001"))
    say(f"Opened {ret.title}: {len(ret.lines)} lines, status {ret.status.value}")
    headphones = ScannedCode(
        "0100614141010011" + "21HP200-0001", CodeKind.GS1, gtin="00614141010011", serial="HP200-0001"
    )
    got = station.receiving.receive(ana, ret.return_id, headphones)
    assert got.unit is not None
    say(f"Scan {headphones.text}: {got.message}")
    wrong = station.receiving.receive(
        ana, ret.return_id, ScannedCode("00614143030017", CodeKind.GTIN, gtin="00614143030017")
    )
    say(f"Scan 00614143030017: {wrong.message}")
    step(
        "inspected, grade NEW",
        lambda: station.inspections.inspect(
            ana,
            got.unit.unit_id,  # type: ignore[union-attr]
            grade="NEW",
            answers={"seal": "yes", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"},
        ),
    )
    proposal = station.dispositions.propose(ana, got.unit.unit_id)
    say(f"Proposed: {proposal.kind.label} to {proposal.location} — {proposal.reason}")
    step("disposition confirmed", lambda: station.dispositions.settle(ana, got.unit.unit_id))  # type: ignore[union-attr]
    step("routing label", lambda: station.labels.routing_label(ana, got.unit.unit_id))  # type: ignore[union-attr]
    snapshot = station.sync_queue.snapshot()
    say(f"Outbox: {snapshot.pending} transactions waiting for central; audit chain ok: {station.verify_audit().ok}")
    db.dispose()
    return 0
