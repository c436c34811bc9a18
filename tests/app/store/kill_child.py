"""Child process for the kill test: records actions in a loop and reports each one after its commit.

Run as ``python -m tests.app.store.kill_child DB_PATH RUN``. Every line on stdout is the outbox
transaction id of a change whose commit has returned.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.codes import CodeKind, ScannedCode
from app.domain.model import Operator, Role
from app.errors import StationError
from app.services.station import Station, open_database
from app.services.values import Changed, LabelTemplate

ANA = Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR)
CHARGER = "00614141010035"
ANSWERS = {"seal": "yes", "powers_on": "yes", "accessories": "yes", "cosmetic": "none"}


class Printer:
    def print_label(self, template: LabelTemplate, fields: Mapping[str, str]) -> None:
        pass


def main(db_path: str, run: int) -> None:
    clock = [datetime(2026, 11, 23, 9, tzinfo=UTC) + timedelta(days=run)]
    station = Station(
        open_database(Path(db_path)),
        station_id="ST-KILL",
        data_dir=Path(db_path).parent,
        printer=Printer(),
        clock=lambda: clock[0],
    )
    out = sys.stdout

    def report(changed: Changed) -> None:
        out.write(changed.transaction_id + "\n")
        out.flush()

    station.context.listeners.append(report)
    rid = station.receiving.open(ANA, ScannedCode("RMA-100001", CodeKind.RMA, value="RMA-100001")).return_id
    n = 0
    while True:
        n += 1
        clock[0] += timedelta(seconds=10)
        try:
            got = station.receiving.receive(ANA, rid, ScannedCode(f"r{run}-{n}", CodeKind.GTIN, gtin=CHARGER))
            assert got.unit is not None
            station.inspections.inspect(ANA, got.unit.unit_id, grade="NEW", answers=ANSWERS)
            station.dispositions.propose(ANA, got.unit.unit_id)
            station.dispositions.settle(ANA, got.unit.unit_id)
        except StationError as exc:  # pragma: no cover - would show in the parent's failure output
            print(f"refused: {exc.message}", file=sys.stderr)
            raise


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
