"""Station UI benchmark: `python tests/benchmarks/ui.py` (headless; about a minute).

1. Scan to screen: the serial-scanner simulator writes a barcode's bytes to a real pseudo-terminal;
   the time until the Receive screen has painted the received unit's row. 500 scans; p50 and p99.
   Baseline: the same bytes from the pty to the scanner driver's callback (the transport's floor).
2. Cold start: a fresh interpreter, from source, to the sign-in screen's first paint.
   Baseline: a fresh interpreter that only imports Qt widgets and paints an empty window.
3. Longest GUI-thread stall while the sync worker drains 10,000 transactions to central and pulls a
   100,000-row catalog at the same time (central runs in its own process, as it would in the field).
   Baseline: the longest stall of the same timer with nothing running in the background.

Each figure is printed beside its baseline and target; the last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

SCANS = 500
STALL_TICK_MS = 5
DRAIN = 10_000
CATALOG_ROWS = 100_000


# What the headless (offscreen) platform says about windows it cannot resize or show on a screen:
# true of that platform, not of the station, and hundreds of lines that would bury the figures.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints", "QBackingStore::flush() called for")


def _say_unless_noise(text: str) -> None:
    for line in text.splitlines():
        if not line.startswith(OFFSCREEN_NOISE):
            print(line, file=sys.stderr)


def _qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    _say_unless_noise(message)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def wait_for(condition: Callable[[], bool], timeout_s: float) -> None:
    """Run the Qt event loop until `condition` holds.

    The loop blocks in Qt between checks (a 2 ms timer), so the GUI thread does not hold Python's
    lock while it waits: a busy-polling loop would slow the very threads being measured.
    """
    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(lambda: loop.exit(1))
    poll.start()
    deadline.start(int(timeout_s * 1000))
    failed = loop.exec()
    poll.stop()
    deadline.stop()
    if failed and not condition():
        raise TimeoutError("benchmark condition not reached in time")


class PaintWatch(QObject):
    """The time of the first paint of a table's viewport once its model holds `target` rows."""

    def __init__(self, rows: Callable[[], int]) -> None:
        super().__init__()
        self._rows = rows
        self.target = 0
        self.painted_at: float | None = None

    def expect(self, target: int) -> None:
        self.target = target
        self.painted_at = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None and self._rows() >= self.target:
            self.painted_at = time.perf_counter()
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OutsideSimulators:
    """Central and the label printer in their own processes, as they are in the field: their work
    does not compete with the station's threads for Python's lock."""

    def __init__(self, folder: Path, *, bulk_catalog: int = 0) -> None:
        from resources import ROOT as RESOURCES

        self.central_port, self.printer_port = _free_port(), _free_port()
        central = [
            sys.executable, "-m", "sync.simulators.central", "--port", str(self.central_port),
            "--seed", str(RESOURCES / "reference"), "--enrollment-token", "BENCH", "--log-level", "warning",
            "--db", str(folder / "central.db"), "--bulk-catalog", str(bulk_catalog),
        ]  # fmt: skip
        printer = [sys.executable, "-m", "devices.simulators", "printer", "--port", str(self.printer_port)]
        self.processes = [
            subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) for command in (central, printer)
        ]
        for process in self.processes:
            assert process.stdout is not None
            process.stdout.readline()  # each announces itself once it listens

    @property
    def central_url(self) -> str:
        return f"http://127.0.0.1:{self.central_port}"

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
            process.wait(30)


def _enrolled_station_folder(folder: Path, outside: OutsideSimulators, scanner_port: str) -> None:
    """A station folder with the sample data, settings pointing at the simulators, and enrolled."""
    from app.services.station import open_database
    from app.store.reference import load_sample_set
    from resources import ROOT as RESOURCES
    from sync.client import CentralClient
    from sync.credentials import StationCredentials
    from ui.preferences import Preferences, PreferencesFile

    db = open_database(folder / "station.db")
    load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
    db.dispose()
    preferences = Preferences(
        station_id="BENCH-01",
        central_url=outside.central_url,
        printer_url=f"tcp://127.0.0.1:{outside.printer_port}",
        scanner_port=scanner_port,
    )
    PreferencesFile.in_folder(folder).save(preferences)
    with CentralClient(outside.central_url, StationCredentials("BENCH-01")) as client:
        client.enroll("BENCH")


# -- 1. scan to screen ---------------------------------------------------------------------------


def scan_to_screen(app: QApplication) -> dict[str, float]:
    from app.__main__ import start_station
    from app.services.values import Credentials
    from devices.scanning.serial_scanner import SerialScanner, SerialScannerSettings
    from devices.simulators.serial_scanner import ScannerSimulator
    from ui.actions import ActionId
    from ui.profiles import Profile
    from ui.screens.base import ScreenId
    from ui.screens.receive import ReceiveScreen

    with tempfile.TemporaryDirectory() as name, ScannerSimulator() as simulator:
        folder = Path(name)
        # Transport floor: bytes on the pty to the driver's callback, nothing else.
        arrived = threading.Event()
        floor: list[float] = []
        driver = SerialScanner(SerialScannerSettings(simulator.port_path, device_id="floor"), lambda _r: arrived.set())
        driver.open()
        for i in range(100):
            arrived.clear()
            started = time.perf_counter()
            simulator.send_scan(f"RMA-{200000 + i}")
            arrived.wait(5)
            floor.append((time.perf_counter() - started) * 1000)
        driver.close()

        outside = OutsideSimulators(folder)
        try:
            _enrolled_station_folder(folder, outside, simulator.port_path)
            running = start_station(app, folder, profile=Profile.DESKTOP)
            try:
                ui = running.ui
                ui.show()
                ui.session.sign_in(running.station.auth.sign_in(Credentials("ana", "1111")))
                receive = ui.window.screens[ScreenId.RECEIVE]
                assert isinstance(receive, ReceiveScreen)
                wait_for(lambda: all(s.state.value == "ready" for s in running.devices.statuses()), 10)
                watch = PaintWatch(receive.units.rowCount)
                receive.units_view.viewport().installEventFilter(watch)
                timings: list[float] = []
                for i in range(SCANS):
                    if i % 10 == 0:
                        # A new parcel every ten items, as on the floor; its opening is not timed.
                        ui.actions.action(ActionId.BLIND_RECEIPT).trigger()
                        wait_for(lambda: ui.runner.idle and receive.units.rowCount() == 0, 10)
                    watch.expect(receive.units.rowCount() + 1)
                    started = time.perf_counter()
                    simulator.send_scan("]C10100614141010035" + f"21BENCH{i:05d}")
                    wait_for(lambda: watch.painted_at is not None, 10)
                    assert watch.painted_at is not None
                    timings.append((watch.painted_at - started) * 1000)
                receive.units_view.viewport().removeEventFilter(watch)
            finally:
                running.close()
        finally:
            outside.stop()
    return {
        "scan_to_screen_p50_ms": statistics.median(timings),
        "scan_to_screen_p99_ms": percentile(timings, 0.99),
        "scan_transport_p50_ms": statistics.median(floor),
        "scan_transport_p99_ms": percentile(floor, 0.99),
    }


# -- 2. cold start -------------------------------------------------------------------------------

_FIRST_PAINT = r"""
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
{body}
"""

_STATION_BODY = r"""
import gc
from app.__main__ import open_station
from ui.startup import after_first_paint
# As `returns-station` starts its window (app/__main__.py `_run_window`): no cyclic collections
# during start-up, the sign-in screen first, the rest of the station after its first paint.
gc.disable()
app = QApplication([])
running = open_station(app, Path({folder!r}))
after_first_paint(running.ui.window, running.start)
screen = running.ui.window.screens[next(iter(running.ui.window.screens))]
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            app.quit()
        return False
painted = Painted()
screen.installEventFilter(painted)
running.ui.show()
app.exec()
running.close()
"""

_BASELINE_BODY = r"""
from PySide6.QtWidgets import QWidget
app = QApplication([])
window = QWidget()
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            app.quit()
        return False
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


def _time_to_paint(code: str) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    _, errors = process.communicate(timeout=30)
    _say_unless_noise(errors)
    if "painted" not in line:
        raise RuntimeError("the window never painted")
    return elapsed


def cold_start() -> dict[str, float]:
    from app.services.station import open_database
    from app.store.reference import load_sample_set
    from resources import ROOT as RESOURCES
    from ui.preferences import Preferences, PreferencesFile

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "station.db")
        load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
        db.dispose()
        PreferencesFile.in_folder(Path(folder)).save(Preferences(station_id="BENCH-01"))
        station = _FIRST_PAINT.format(root=str(ROOT), body=_STATION_BODY.format(folder=folder))
        baseline = _FIRST_PAINT.format(root=str(ROOT), body=_BASELINE_BODY)
        _time_to_paint(station)  # warm the OS file cache once, as a second start of the day would be
        starts = [_time_to_paint(station) for _ in range(3)]
        bases = [_time_to_paint(baseline) for _ in range(3)]
    return {"cold_start_s": statistics.median(starts), "cold_start_baseline_s": statistics.median(bases)}


# -- 3. GUI stalls under background sync ---------------------------------------------------------


class StallMeter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.longest_ms = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(STALL_TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.longest_ms = 0.0
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        gap = self._clock.restart() - STALL_TICK_MS
        self.longest_ms = max(self.longest_ms, float(gap))


def gui_stalls(app: QApplication) -> dict[str, float]:
    from app.services.station import Station, open_database
    from app.services.values import Credentials
    from app.store.db import sqlite_connection
    from app.store.journal import Change, record
    from app.store.reference import load_sample_set
    from resources import ROOT as RESOURCES
    from sync.client import CentralClient
    from sync.connectivity import ConnectivityMonitor
    from sync.credentials import StationCredentials
    from sync.target import CentralTarget
    from sync.worker import SyncWorker
    from ui.application import StationUi
    from ui.core import StationCore
    from ui.ports import Ports
    from ui.preferences import Preferences, PreferencesFile
    from ui.profiles import Profile
    from ui.sync_link import CentralLink

    sys.setswitchinterval(0.001)  # as start_station() sets it for the station process
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        outside = OutsideSimulators(folder, bulk_catalog=CATALOG_ROWS)
        try:
            db = open_database(folder / "station.db")
            now = datetime.now(UTC).isoformat()
            load_sample_set(db, RESOURCES / "reference", now)
            with db.transaction() as connection:
                for i in range(DRAIN):
                    payload = {"operator_id": "op-ana", "station_id": "BENCH-01", "n": i}
                    change = Change("operator.signed_in", "operator:op-ana", "operator", "op-ana", payload)
                    record(
                        sqlite_connection(connection),
                        change,
                        station_id="BENCH-01",
                        operator_id="op-ana",
                        at=now,
                        app_version="bench",
                    )
            station = Station(db, station_id="BENCH-01", data_dir=folder)
            client = CentralClient(outside.central_url, StationCredentials("BENCH-01"))
            client.enroll("BENCH")
            monitor = ConnectivityMonitor()
            worker = SyncWorker(db.path, CentralTarget(client), feeds=client, connectivity=monitor)
            link = CentralLink(
                worker, client, monitor, db, now=lambda: datetime.now(UTC), on_rules_changed=lambda: None
            )
            prefs = PreferencesFile.in_folder(folder)
            prefs.save(Preferences(station_id="BENCH-01"))
            ui = StationUi.build(
                app, StationCore.of(station), preferences_file=prefs, ports=Ports(sync=link), profile=Profile.DESKTOP
            )
            ui.show()
            ui.session.sign_in(station.auth.sign_in(Credentials("ana", "1111")))
            meter = StallMeter()
            # Baseline: the same window, idle, for two seconds.
            meter.start()
            started = time.perf_counter()
            wait_for(lambda: time.perf_counter() - started > 2.0, 5)
            meter.stop()
            baseline = meter.longest_ms
            meter.start()
            worker.start()
            started = time.perf_counter()
            # Watch for the end from a thread of its own: asking the database from the GUI thread
            # would be the very stall this measures.
            done, stop = threading.Event(), threading.Event()

            def watch() -> None:
                while not stop.wait(0.1):
                    if worker.outbox.snapshot().pending == 0 and _catalog_rows(db) >= CATALOG_ROWS:
                        done.set()
                        return

            watcher = threading.Thread(target=watch, name="bench-watch")
            watcher.start()
            try:
                wait_for(done.is_set, 600)
            finally:
                stop.set()
                watcher.join()
            busy_s = time.perf_counter() - started
            meter.stop()
            worker.stop()
            ui.close()
            client.close()
            db.dispose()
        finally:
            outside.stop()
    return {"max_stall_ms": meter.longest_ms, "max_stall_baseline_ms": baseline, "background_work_s": busy_s}


def _catalog_rows(db: object) -> int:
    from sqlalchemy import func, select

    from app.store.schema import CatalogRow

    with db.read() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(CatalogRow)) or 0)


def main() -> None:
    import keyring

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # the benchmark's stations never touch the real keyring
    qInstallMessageHandler(_qt_message)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    figures: dict[str, float] = {}
    figures |= scan_to_screen(app)
    print(
        f"scan to screen over {SCANS} scans: p50 {figures['scan_to_screen_p50_ms']:.1f} ms, "
        f"p99 {figures['scan_to_screen_p99_ms']:.1f} ms (target p99 <= 50 ms); "
        f"baseline pty -> driver p50 {figures['scan_transport_p50_ms']:.2f} ms, "
        f"p99 {figures['scan_transport_p99_ms']:.2f} ms"
    )
    figures |= cold_start()
    print(
        f"cold start to sign-in screen: {figures['cold_start_s']:.2f} s (target <= 1.5 s); "
        f"baseline bare Qt window {figures['cold_start_baseline_s']:.2f} s"
    )
    figures |= gui_stalls(app)
    print(
        f"longest GUI stall while draining {DRAIN} transactions and pulling {CATALOG_ROWS} catalog rows "
        f"({figures['background_work_s']:.1f} s of work): {figures['max_stall_ms']:.1f} ms (target <= 50 ms); "
        f"baseline idle {figures['max_stall_baseline_ms']:.1f} ms"
    )
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
