"""The device manager: states, callbacks, reconnection with backoff, test actions; and a real pty replug."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from devices.events import Scan
from devices.manager import (
    Backoff,
    Device,
    DeviceCheck,
    DeviceKind,
    DeviceReports,
    DeviceState,
    DeviceStatus,
    DeviceUnavailable,
    StationDevices,
    ThreadScheduler,
)
from devices.scanning.serial_scanner import SerialScanner, SerialScannerSettings, TriggerCommands
from devices.simulators.serial_scanner import ScannerSimulator
from tests.devices.scanning.reads import Reads, assert_no_new_threads

S = DeviceState


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert_no_new_threads(before)


@dataclass(eq=False)
class _Call:
    due: float
    action: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualScheduler:
    """Runs scheduled actions only when the test advances time."""

    def __init__(self) -> None:
        self.now = 0.0
        self._calls: list[_Call] = []
        self._lock = threading.Lock()

    def call_later(self, delay: float, action: Callable[[], None]) -> _Call:
        call = _Call(self.now + delay, action)
        with self._lock:
            self._calls.append(call)
        return call

    def pending(self) -> list[float]:
        """Delays from now of the calls still to run."""
        with self._lock:
            return sorted(round(c.due - self.now, 6) for c in self._calls if not c.cancelled)

    def advance(self, seconds: float = 0.0) -> None:
        self.now += seconds
        while True:
            with self._lock:
                due = sorted((c for c in self._calls if not c.cancelled and c.due <= self.now), key=lambda c: c.due)
                if not due:
                    return
                call = due[0]
                self._calls.remove(call)
            call.action()


@dataclass
class RecordingDevice:
    """A device below the manager's boundary: scripted open failures, recorded calls."""

    device_id: str = "printer-1"
    kind: DeviceKind = DeviceKind.PRINTER
    failures: list[BaseException] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    reports: DeviceReports | None = None
    report_while_opening: tuple[DeviceState, str] | None = None
    during_test: Callable[[], None] | None = None

    def open(self, reports: DeviceReports) -> None:
        self.calls.append("open")
        if self.failures:
            raise self.failures.pop(0)
        self.reports = reports
        if self.report_while_opening is not None:
            reports.report(*self.report_while_opening)

    def close(self) -> None:
        self.calls.append("close")

    def test(self, timeout: float) -> DeviceCheck:
        self.calls.append("test")
        if self.during_test is not None:
            self.during_test()
        return DeviceCheck(True, "Test label printed.")


class StateLog:
    def __init__(self) -> None:
        self.statuses: list[DeviceStatus] = []
        self.changed = threading.Condition()

    def __call__(self, status: DeviceStatus) -> None:
        with self.changed:
            self.statuses.append(status)
            self.changed.notify_all()

    def states(self) -> list[DeviceState]:
        return [s.state for s in self.statuses]

    def wait_for(self, state: DeviceState, timeout: float = 3.0) -> DeviceStatus:
        with self.changed:
            assert self.changed.wait_for(lambda: bool(self.statuses) and self.statuses[-1].state is state, timeout), (
                self.statuses
            )
            return self.statuses[-1]


def station(*devices: Device) -> tuple[StationDevices, ManualScheduler, StateLog]:
    scheduler = ManualScheduler()
    manager = StationDevices(scheduler, backoff=Backoff(first=0.5, factor=2.0, limit=4.0, jitter=0.0))
    log = StateLog()
    manager.subscribe(log)
    for device in devices:
        manager.add(device)
    return manager, scheduler, log


def test_recording_device_satisfies_the_protocol() -> None:
    assert isinstance(RecordingDevice(), Device)


def test_start_connects_in_the_background() -> None:
    device = RecordingDevice()
    manager, scheduler, log = station(device)
    manager.start()
    assert manager.status("printer-1").state is S.DISCONNECTED  # nothing happens until the scheduler runs
    scheduler.advance()
    assert log.states() == [S.CONNECTING, S.READY]
    assert manager.status("printer-1") == DeviceStatus("printer-1", DeviceKind.PRINTER, S.READY, "Connected")
    assert device.calls == ["close", "open"]


def test_failed_opens_back_off_exponentially_up_to_the_limit() -> None:
    device = RecordingDevice(failures=[DeviceUnavailable("no answer on 10.0.0.9:9100")] * 5)
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    status = manager.status("printer-1")
    assert status.state is S.DISCONNECTED
    assert status.message == "Printer not connected: no answer on 10.0.0.9:9100 (retrying in 0.5 s)"
    assert status.retry_in == 0.5
    delays = []
    for _ in range(4):
        (delay,) = scheduler.pending()
        delays.append(delay)
        scheduler.advance(delay)
    assert delays == [0.5, 1.0, 2.0, 4.0]
    (delay,) = scheduler.pending()
    assert delay == 4.0  # capped
    scheduler.advance(delay)
    assert manager.status("printer-1").state is S.READY
    assert scheduler.pending() == []


def test_os_errors_count_as_unavailable() -> None:
    device = RecordingDevice(failures=[PermissionError("permission denied: /dev/ttyACM0")])
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    assert manager.status("printer-1").state is S.DISCONNECTED
    assert "permission denied" in manager.status("printer-1").message


def test_an_unexpected_error_while_opening_is_a_fault_and_still_retried(caplog: pytest.LogCaptureFixture) -> None:
    device = RecordingDevice(failures=[RuntimeError("driver bug")])
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    status = manager.status("printer-1")
    assert status.state is S.FAULT
    assert status.message.startswith("Printer could not start: driver bug")
    assert "Opening device printer-1 failed unexpectedly" in caplog.text
    scheduler.advance(0.5)
    assert manager.status("printer-1").state is S.READY


def test_a_lost_device_is_closed_and_reopened_after_the_backoff() -> None:
    device = RecordingDevice()
    manager, scheduler, log = station(device)
    manager.start()
    scheduler.advance()
    assert device.reports is not None
    device.reports.lost(OSError("device reports readiness to read but returned no data"))
    assert log.statuses[-1].state is S.DISCONNECTED
    assert log.statuses[-1].message == "Printer disconnected: check its cable and power (retrying in 0.5 s)"
    assert scheduler.pending() == [0.5]
    device.calls.clear()
    scheduler.advance(0.5)
    assert device.calls == ["close", "open"]
    assert manager.status("printer-1").state is S.READY


def test_reports_from_an_old_connection_are_ignored() -> None:
    device = RecordingDevice()
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    old_reports = device.reports
    assert old_reports is not None
    old_reports.lost(None)
    scheduler.advance(0.5)
    assert device.reports is not old_reports
    old_reports.lost(None)
    old_reports.report(S.FAULT, "stale")
    assert manager.status("printer-1").state is S.READY
    assert scheduler.pending() == []


def test_device_reported_fault_and_recovery() -> None:
    device = RecordingDevice()
    manager, scheduler, log = station(device)
    manager.start()
    scheduler.advance()
    assert device.reports is not None
    device.reports.report(S.FAULT, "Printer is out of labels: load a new roll.")
    assert manager.status("printer-1").message == "Printer is out of labels: load a new roll."
    device.reports.report(S.READY, "Ready")
    assert log.states()[-2:] == [S.FAULT, S.READY]


def test_a_fault_reported_while_opening_is_kept() -> None:
    device = RecordingDevice(report_while_opening=(S.FAULT, "Printer head is open: close it."))
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    assert manager.status("printer-1").state is S.FAULT


def test_test_action_makes_the_device_busy_meanwhile() -> None:
    device = RecordingDevice()
    manager, scheduler, log = station(device)
    seen: list[DeviceState] = []
    device.during_test = lambda: seen.append(manager.status("printer-1").state)
    manager.start()
    scheduler.advance()
    check = manager.test("printer-1", timeout=1)
    assert check == DeviceCheck(True, "Test label printed.")
    assert seen == [S.BUSY]
    assert log.states()[-2:] == [S.BUSY, S.READY]


def test_test_action_on_a_device_that_is_not_ready() -> None:
    device = RecordingDevice(failures=[DeviceUnavailable("cable")])
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    check = manager.test("printer-1")
    assert not check.ok
    assert check.message.startswith("Printer is not ready (disconnected): Printer not connected: cable")
    assert "test" not in device.calls


def test_a_device_lost_during_its_test_stays_disconnected() -> None:
    device = RecordingDevice()
    manager, scheduler, _ = station(device)
    device.during_test = lambda: device.reports.lost(OSError("gone")) if device.reports else None
    manager.start()
    scheduler.advance()
    manager.test("printer-1")
    assert manager.status("printer-1").state is S.DISCONNECTED


def test_stop_closes_everything_and_plans_nothing_more() -> None:
    device = RecordingDevice(failures=[DeviceUnavailable("x")])
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    manager.stop()
    scheduler.advance(100)
    assert manager.status("printer-1") == DeviceStatus("printer-1", DeviceKind.PRINTER, S.DISCONNECTED, "Stopped")
    assert device.calls[-1] == "close"
    assert device.calls.count("open") == 1


def test_reconnect_now_resets_the_backoff() -> None:
    device = RecordingDevice(failures=[DeviceUnavailable("x")] * 3)
    manager, scheduler, _ = station(device)
    manager.start()
    scheduler.advance()
    scheduler.advance(0.5)
    scheduler.advance(1.0)
    manager.reconnect("printer-1")
    assert scheduler.pending() == [0.0]
    scheduler.advance()
    assert manager.status("printer-1").state is S.READY


def test_a_removed_device_is_closed_and_a_replacement_under_its_id_connects() -> None:
    old = RecordingDevice(failures=[DeviceUnavailable("x")])
    manager, scheduler, log = station(old)
    manager.start()
    scheduler.advance()  # the first open fails: a retry is planned
    manager.remove("printer-1")
    assert old.calls[-1] == "close"
    assert log.statuses[-1] == DeviceStatus("printer-1", DeviceKind.PRINTER, S.DISCONNECTED, "Removed")
    assert manager.statuses() == []
    scheduler.advance(100)
    assert old.calls.count("open") == 1  # the planned retry of the removed device never ran
    new = RecordingDevice()
    manager.add(new)
    manager.reconnect("printer-1")
    scheduler.advance()
    assert manager.status("printer-1").state is S.READY
    assert old.reports is None  # the old one never connected; the new one did
    assert new.reports is not None
    new.reports.report(S.FAULT, "Out of labels")
    assert manager.status("printer-1").state is S.FAULT


def test_reports_from_a_removed_device_reach_nobody() -> None:
    old = RecordingDevice()
    manager, scheduler, _ = station(old)
    manager.start()
    scheduler.advance()
    assert old.reports is not None
    manager.remove("printer-1")
    new = RecordingDevice()
    manager.add(new)
    manager.reconnect("printer-1")
    scheduler.advance()
    old.reports.report(S.FAULT, "from the old printer")
    old.reports.lost(OSError("old cable"))
    assert manager.status("printer-1").state is S.READY
    assert scheduler.pending() == []


def test_a_device_removed_while_it_opens_ends_up_closed() -> None:
    device = RecordingDevice()
    manager, scheduler, _ = station(device)

    def remove_as_it_starts_connecting(status: DeviceStatus) -> None:
        if status.state is S.CONNECTING:
            manager.remove(status.device_id)  # as another thread could, between "connecting" and open()

    manager.subscribe(remove_as_it_starts_connecting)
    manager.start()
    scheduler.advance()
    assert device.calls[-2:] == ["open", "close"]  # opened after its removal: closed at once
    assert manager.statuses() == []


def test_configuration_errors() -> None:
    manager, _, _ = station(RecordingDevice())
    with pytest.raises(ValueError, match="configured twice"):
        manager.add(RecordingDevice())
    with pytest.raises(KeyError, match="no device 'nope'"):
        manager.status("nope")
    assert [s.device_id for s in manager.statuses()] == ["printer-1"]
    assert isinstance(manager.device("printer-1"), RecordingDevice)


def test_backoff_jitter_stays_within_its_fraction() -> None:
    backoff = Backoff(first=1.0, factor=2.0, limit=30.0, jitter=0.1)
    rng = random.Random(3)
    for attempt in range(10):
        base = min(30.0, 2.0**attempt)
        assert base * 0.9 <= backoff.delay(attempt, rng) <= base * 1.1
    assert Backoff(jitter=0).delay(1000) == 30.0


def test_thread_scheduler_runs_in_order_and_honours_cancel() -> None:
    scheduler = ThreadScheduler().start()
    ran: list[str] = []
    done = threading.Event()

    def run(name: str) -> Callable[[], None]:
        def action() -> None:
            ran.append(name)
            if name == "second":
                done.set()

        return action

    try:
        cancelled = scheduler.call_later(0, run("cancelled"))
        cancelled.cancel()
        scheduler.call_later(0, run("first"))
        scheduler.call_later(0, run("second"))
        scheduler.call_later(3600, run("much later"))
        assert done.wait(3)
    finally:
        scheduler.stop()
    assert ran == ["first", "second"]


def test_thread_scheduler_survives_a_failing_action(caplog: pytest.LogCaptureFixture) -> None:
    scheduler = ThreadScheduler().start()
    done = threading.Event()
    try:

        def broken() -> None:
            raise ZeroDivisionError("an action with a bug")

        scheduler.call_later(0, broken)
        scheduler.call_later(0, done.set)
        assert done.wait(3)
    finally:
        scheduler.stop()
    assert "scheduler keeps running" in caplog.text


# -- a real unplug and replug over a pseudo-terminal ----------------------------------------------------


def test_scanner_unplug_and_replug_over_a_real_pty(tmp_path: Path) -> None:
    link = tmp_path / "ttyScanner"  # stable like /dev/serial/by-id/..., moved to the new pty on replug
    sim = ScannerSimulator(link=link, aimed_at="RMA-0000042").start()
    reads = Reads()
    scanner = SerialScanner(
        SerialScannerSettings(str(link), device_id="scanner-1", trigger=TriggerCommands.HONEYWELL), reads
    )
    manager, scheduler, log = station(scanner)
    try:
        manager.start()
        scheduler.advance()
        assert manager.status("scanner-1").state is S.READY
        sim.send_scan("RMA-123456")
        reads.wait_for(1)

        sim.disconnect()
        lost = log.wait_for(S.DISCONNECTED)
        assert lost.message.startswith("Scanner disconnected:")
        scheduler.advance(0.5)  # the cable is still out: the port is missing
        status = manager.status("scanner-1")
        assert status.state is S.DISCONNECTED
        assert "is it plugged in?" in status.message
        assert scheduler.pending() == [1.0]

        sim.reconnect()
        scheduler.advance(1.0)
        assert manager.status("scanner-1").state is S.READY
        sim.send_scan("LPN-ABCD1234")
        scans = reads.wait_for(2)
        assert isinstance(scans[1], Scan)
        assert scans[1].text == "LPN-ABCD1234"

        check = manager.test("scanner-1", timeout=3)
        assert check.ok, check.message
        assert "RMA-0000042" in check.message
        assert log.states()[-2:] == [S.BUSY, S.READY]
    finally:
        manager.stop()
        sim.stop()
    assert log.states()[-1] is S.DISCONNECTED
