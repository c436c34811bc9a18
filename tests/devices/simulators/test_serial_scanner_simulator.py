"""The scanner simulator: as a library (tests, demo mode) and from the command line (IT)."""

from __future__ import annotations

import io
import os
import queue
import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.events import RejectReason, Scan, ScanKind, ScanRejected
from devices.manager import DeviceState
from devices.scanning.serial_scanner import ScannerMode, SerialScanner, SerialScannerSettings
from devices.simulators.serial_scanner import ScannerSimulator, play_line, script_line_text
from tests.devices.scanning.reads import Reads, assert_no_new_threads

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert_no_new_threads(before)


class _Lost:
    def __init__(self) -> None:
        self.event = threading.Event()

    def lost(self, error: BaseException | None) -> None:
        self.event.set()

    def report(self, state: DeviceState, message: str = "") -> None:
        pass


def test_port_path_is_a_pty_or_the_stable_link(tmp_path: Path) -> None:
    with ScannerSimulator() as sim:
        assert sim.port_path == sim.slave_path
        assert sim.port_path.startswith("/dev/pts/")
    link = tmp_path / "scanner"
    with ScannerSimulator(link=link) as sim:
        first = sim.slave_path
        assert os.readlink(link) == first
        sim.disconnect()
        assert not link.exists()
        assert not sim.connected
        with pytest.raises(OSError, match="disconnected"):
            sim.send_scan("RMA-123456")
        sim.reconnect()
        assert os.readlink(link) == sim.slave_path
    assert not link.exists()


def test_play_lines_sends_scans_noise_and_cable_pulls(tmp_path: Path) -> None:
    reads = Reads()
    out = io.StringIO()
    rng = random.Random(1)
    with ScannerSimulator(link=tmp_path / "scanner") as sim:
        scanner = SerialScanner(SerialScannerSettings(sim.port_path), reads)
        lost = _Lost()
        scanner.open(lost)
        try:
            for line in ["# a comment", "", "RMA-123456", r"]d2010950110153000310ABC<GS>17250101", "!noise 07ff0d"]:
                assert play_line(sim, line, rng, 0.0, out)
            scan_1, scan_2, noise = reads.wait_for(3)
            assert isinstance(scan_1, Scan)
            assert scan_1.kind is ScanKind.RMA
            assert isinstance(scan_2, Scan)
            assert (scan_2.kind, scan_2.lot) == (ScanKind.GS1, "ABC")
            assert isinstance(noise, ScanRejected)
            assert noise.reason is RejectReason.GARBAGE
            assert play_line(sim, "!disconnect", rng, 0.0, out)
            assert lost.event.wait(3)
            assert play_line(sim, "RMA-999999", rng, 0.0, out)  # not sent: the cable is out
            assert play_line(sim, "!reconnect", rng, 0.0, out)
            assert play_line(sim, "!bogus", rng, 0.0, out)
            assert not play_line(sim, "!quit", rng, 0.0, out)
        finally:
            scanner.close()
    text = out.getvalue()
    assert "sent 'RMA-123456'" in text
    assert "not sent: the scanner is disconnected" in text
    assert f"reconnected: open {tmp_path / 'scanner'}" in text
    assert "unknown command !bogus" in text


def test_script_escapes() -> None:
    assert script_line_text(r"01095011015300031 0ABC<GS>17\x1d") == "01095011015300031 0ABC\x1d17\x1d"


def test_noise_rate_in_ssi_mode_gives_damage_reports_and_every_scan(tmp_path: Path) -> None:
    reads = Reads()
    with ScannerSimulator(ScannerMode.SSI) as sim:
        scanner = SerialScanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
        scanner.open()
        try:
            for number in range(5):
                play_line(sim, f"RMA-00000{number}", random.Random(number), 1.0, io.StringIO())
            assert reads.wait_until(lambda items: len([i for i in items if isinstance(i, Scan)]) == 5)
        finally:
            scanner.close()
    assert [s.text for s in reads.scans()] == [f"RMA-00000{n}" for n in range(5)]
    assert all(r.reason is RejectReason.BAD_FRAME for r in reads.rejections())


def test_command_line_simulator_with_typed_lines(tmp_path: Path) -> None:
    link = tmp_path / "scanner"
    process = subprocess.Popen(
        [sys.executable, "-m", "devices.simulators", "scanner", "--mode", "ssi", "--aim", "--link", str(link)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()

    def pump_lines() -> None:
        for line in process.stdout or []:
            lines.put(line)

    pump = threading.Thread(target=pump_lines, daemon=True)
    pump.start()
    reads = Reads()
    scanner = None
    try:
        assert lines.get(timeout=10).strip() == f"scanner simulator (ssi mode) ready: open {link}"
        assert lines.get(timeout=5).startswith("pseudo-terminal: /dev/pts/")
        scanner = SerialScanner(SerialScannerSettings(str(link), mode=ScannerMode.SSI), reads)
        scanner.open()
        process.stdin.write("]C10109501101530003211234\nLPN-ABCD1234\n")
        process.stdin.flush()
        first, second = reads.wait_for(2, timeout=5)
        assert isinstance(first, Scan)
        assert (first.symbology, first.serial) == ("]C1", "1234")
        assert isinstance(second, Scan)
        assert second.kind is ScanKind.LPN
        assert scanner.request_revision() == "SIM-SSI 1.0"
        process.stdin.write("!quit\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0
    finally:
        if scanner is not None:
            scanner.close()
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdin.close()
        pump.join(5)
        process.stdout.close()
    assert not link.exists()


def test_command_line_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devices.simulators", "scanner", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "!disconnect" in result.stdout
    assert "--noise-rate" in result.stdout
