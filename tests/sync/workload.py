"""Real station work for the sync tests, the kill child and the benchmark.

Transactions are made by the core's own services (open a blind return, receive units) on a real
SQLite file, so what the worker sends is exactly what a station would send.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.domain.codes import CodeKind, ScannedCode
from app.domain.model import Operator, Role
from app.services.context import utc_now
from app.services.station import Station, open_database
from app.store.reference import load_sample_set
from resources import ROOT as RESOURCES

SAMPLE = RESOURCES / "reference"
STATION_ID = "ST-TEST"
ANA = Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR, "BADGE-1001")
SAM = Operator("op-sam", "sam", "Sam Okafor", Role.SUPERVISOR, "BADGE-2001")
KETTLE = "00614143030017"  # in the catalog; on a blind return it is a "wrong item" the station notes
CHARGER = "00614141010035"  # RMA-100001 line 2, quantity 2
HEADPHONES = "00614141010011"  # RMA-100001 line 1, serial HP200-0001


def scan_item(gtin: str, serial: str | None = None) -> ScannedCode:
    text = f"01{gtin}" + (f"21{serial}" if serial else "")
    return ScannedCode(text=text, kind=CodeKind.GS1 if serial else CodeKind.GTIN, gtin=gtin, serial=serial)


def scan_rma(number: str) -> ScannedCode:
    return ScannedCode(text=number, kind=CodeKind.RMA, value=number)


def open_station(
    db_path: Path,
    data_dir: Path,
    *,
    station_id: str = STATION_ID,
    clock: Callable[[], datetime] = utc_now,
    load_sample: bool = True,
) -> Station:
    db = open_database(db_path)
    if load_sample:
        load_sample_set(db, SAMPLE, clock().isoformat())
    return Station(db, station_id=station_id, data_dir=data_dir, clock=clock)


def blind_returns(station: Station, *, returns: int, units_each: int, tag: str) -> list[str]:
    """`returns` blind returns with `units_each` units: returns * (1 + units_each) transactions."""
    made: list[str] = []
    for r in range(returns):
        return_id = station.receiving.open_blind(ANA, None, note=f"{tag}-{r}").return_id
        for u in range(units_each):
            station.receiving.receive(ANA, return_id, scan_item(KETTLE, serial=f"{tag}-{r}-{u}"))
        made.append(return_id)
    return made


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a station file (WAL included) through SQLite's backup API."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def build_queued_station(db_path: Path, *, returns: int, units_each: int, station_id: str = STATION_ID) -> int:
    """A station file holding `returns * (1 + units_each)` pending transactions; returns that count."""
    station = open_station(db_path, db_path.parent / "data", station_id=station_id)
    try:
        blind_returns(station, returns=returns, units_each=units_each, tag=station_id)
    finally:
        station.db.dispose()
    return returns * (1 + units_each)
