"""A station on a real SQLite file, loaded with the sample reference data, and an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.codes import CodeKind, ScannedCode
from app.domain.model import Operator, Role
from app.services.station import Station, open_database
from app.store.reference import load_sample_set
from resources import ROOT as RESOURCES

SAMPLE = RESOURCES / "reference"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass(frozen=True)
class Crew:
    ana: Operator
    ines: Operator
    sam: Operator
    admin: Operator


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "station.db"


@pytest.fixture
def station(db_path: Path, tmp_path: Path, clock: FakeClock) -> Iterator[Station]:
    db = open_database(db_path)
    load_sample_set(db, SAMPLE, clock().isoformat())
    s = Station(db, station_id="ST-TEST", data_dir=tmp_path / "data", clock=clock)
    yield s
    db.dispose()


@pytest.fixture
def crew() -> Crew:
    return Crew(
        ana=Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR, "BADGE-1001"),
        ines=Operator("op-ines", "ines", "Ines Weber", Role.INSPECTOR, "BADGE-1002"),
        sam=Operator("op-sam", "sam", "Sam Okafor", Role.SUPERVISOR, "BADGE-2001"),
        admin=Operator("op-admin", "admin", "Station admin", Role.ADMIN, "BADGE-9001"),
    )


def item(gtin: str, serial: str | None = None) -> ScannedCode:
    text = f"01{gtin}" + (f"21{serial}" if serial else "")
    return ScannedCode(text=text, kind=CodeKind.GS1 if serial else CodeKind.GTIN, gtin=gtin, serial=serial)


def rma(number: str) -> ScannedCode:
    return ScannedCode(text=number, kind=CodeKind.RMA, value=number)


HEADPHONES = "00614141010011"  # RMA-100001 line 1, serialized, expected serial HP200-0001
CHARGER = "00614141010035"  # RMA-100001 line 2, quantity 2
PHONE = "00614141010028"  # RMA-100003 (699.00: above the approval threshold)
JACKET = "00614142020019"  # RMA-100002 line 1
KETTLE = "00614143030017"  # in the catalog, on RMA-100004 only
