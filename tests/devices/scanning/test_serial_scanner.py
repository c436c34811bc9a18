"""Serial scanners end to end: the simulator writes real bytes into a pseudo-terminal, the driver reads them."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable

import pytest
import serial
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource
from devices.manager import Device, DeviceCheck, DeviceState, DeviceUnavailable
from devices.scanning.serial_scanner import (
    HONEYWELL_TRIGGER,
    HONEYWELL_UNTRIGGER,
    PortReader,
    ScannerCommandError,
    ScannerMode,
    SerialScanner,
    SerialScannerSettings,
    TriggerCommands,
)
from devices.scanning.ssi import SsiOpcode
from devices.simulators.serial_scanner import ScannerSimulator
from tests.devices.scanning.reads import Reads

Sim = Callable[..., ScannerSimulator]
Open = Callable[..., SerialScanner]

GS1_DATAMATRIX = "010950110153000310ABC\x1d17250101"


class LostRecorder:
    """A `DeviceReports` that records what the scanner reported."""

    def __init__(self) -> None:
        self.lost_errors: list[BaseException | None] = []
        self.event = threading.Event()

    def lost(self, error: BaseException | None) -> None:
        self.lost_errors.append(error)
        self.event.set()

    def report(self, state: DeviceState, message: str = "") -> None:
        raise AssertionError("a scanner has no states of its own to report")


# -- plain mode ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "stx_etx"),
    [(b"\r", False), (b"\n", False), (b"\r\n", False), (b"", True), (b"\r\n", True)],
    ids=["CR", "LF", "CRLF", "STX-ETX", "STX-ETX-CRLF"],
)
def test_plain_mode_framings(simulator: Sim, open_scanner: Open, reads: Reads, suffix: bytes, stx_etx: bool) -> None:
    sim = simulator(ScannerMode.PLAIN, suffix=suffix, stx_etx=stx_etx)
    open_scanner(SerialScannerSettings(sim.port_path, device_id="desk-1"), reads)
    sim.send_scan("RMA-123456")
    sim.send_scan("LPN-ABCD1234")
    first, second = reads.wait_for(2)
    assert isinstance(first, Scan)
    assert isinstance(second, Scan)
    assert (first.kind, first.text, first.source, first.device_id) == (
        ScanKind.RMA,
        "RMA-123456",
        ScanSource.SERIAL,
        "desk-1",
    )
    assert (second.kind, second.value) == (ScanKind.LPN, "LPN-ABCD1234")


def test_plain_mode_without_suffix_ends_a_read_on_a_quiet_line(
    simulator: Sim, open_scanner: Open, reads: Reads
) -> None:
    sim = simulator(ScannerMode.PLAIN, suffix=b"")
    open_scanner(SerialScannerSettings(sim.port_path, end_on_quiet=0.03), reads)
    sim.send_scan("RMA-123456")
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)
    assert result.text == "RMA-123456"


def test_plain_mode_aim_prefix_and_gs_cross_the_pty_unchanged(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN, aim_prefix=True)
    open_scanner(SerialScannerSettings(sim.port_path), reads)
    sim.send_scan(GS1_DATAMATRIX, symbology="]d2")
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)
    assert result.raw == b"]d2" + GS1_DATAMATRIX.encode()
    assert (result.kind, result.symbology, result.gtin, result.lot) == (ScanKind.GS1, "]d2", "09501101530003", "ABC")


def test_plain_mode_garbage_is_rejected_and_the_reader_keeps_running(
    simulator: Sim, open_scanner: Open, reads: Reads
) -> None:
    sim = simulator(ScannerMode.PLAIN)
    scanner = open_scanner(SerialScannerSettings(sim.port_path), reads)
    sim.inject_noise(b"\xff\xfe\x81\x07\r")
    sim.inject_noise(b"614141000037\r")
    sim.send_scan("RMA-123456")
    garbage, bad_check, good = reads.wait_for(3)
    assert isinstance(garbage, ScanRejected)
    assert garbage.reason is RejectReason.GARBAGE
    assert isinstance(bad_check, ScanRejected)
    assert bad_check.reason is RejectReason.BAD_CHECK_DIGIT
    assert isinstance(good, Scan)
    assert scanner.is_open


def test_honeywell_trigger_and_untrigger(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN, aimed_at="LPN-ZZZZ0001")
    scanner = open_scanner(SerialScannerSettings(sim.port_path, trigger=TriggerCommands.HONEYWELL), reads)
    scanner.trigger()
    assert sim.wait_for_command(HONEYWELL_TRIGGER)
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)
    assert result.text == "LPN-ZZZZ0001"
    scanner.untrigger()
    assert sim.wait_for_command(HONEYWELL_UNTRIGGER)


def test_plain_mode_refuses_ssi_commands_in_words(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN)
    scanner = open_scanner(SerialScannerSettings(sim.port_path), reads)
    with pytest.raises(ScannerCommandError, match="plain mode: it cannot be told to beep"):
        scanner.beep()
    with pytest.raises(ScannerCommandError, match="press its trigger"):
        scanner.trigger()


def test_test_scan_on_a_triggerable_scanner(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN, aimed_at="RMA-7654321")
    scanner = open_scanner(SerialScannerSettings(sim.port_path, trigger=TriggerCommands.HONEYWELL), reads)
    check = scanner.test(timeout=3)
    assert check.ok
    assert "RMA-7654321" in check.message
    assert "an RMA number" in check.message
    assert reads.items == []  # the test read does not reach the screens


def test_test_scan_that_reads_nothing_says_what_to_do(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN)
    scanner = open_scanner(SerialScannerSettings(sim.port_path), reads)
    check = scanner.test(timeout=0.05)
    assert not check.ok
    assert check.message == "No barcode was read within 0.05 s. Scan any barcode while the test runs."


# -- SSI mode --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbology", "text", "kind"),
    [
        ("]C0", "RMA-123456", ScanKind.RMA),
        ("]C1", "0109501101530003211234", ScanKind.GS1),
        ("]E0", "9501101530003", ScanKind.GTIN),
        ("]d2", GS1_DATAMATRIX, ScanKind.GS1),
        ("]Q1", "LPN-ABCD1234", ScanKind.LPN),
    ],
)
def test_ssi_decode_data_with_symbology_from_the_barcode_type(
    simulator: Sim, open_scanner: Open, reads: Reads, symbology: str, text: str, kind: ScanKind
) -> None:
    sim = simulator(ScannerMode.SSI)
    open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    assert sim.send_scan(text, symbology=symbology)  # True: the host acknowledged it
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)
    assert (result.kind, result.symbology, result.text) == (kind, symbology, text)


def test_ssi_retransmissions_are_not_delivered_twice(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI)
    open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    assert sim.send_scan("RMA-123456", retransmits=2)  # as if our ACK were lost twice
    assert sim.send_scan("RMA-123456")  # the same barcode scanned again is a new read
    assert sim.send_scan("LPN-ABCD1234")  # wire order: once this arrives, the above were all handled
    results = reads.wait_for(3)
    assert [r.text for r in results if isinstance(r, Scan)] == ["RMA-123456", "RMA-123456", "LPN-ABCD1234"]
    assert len(reads.items) == 3


def test_ssi_bad_checksum_is_naked_and_the_resend_delivered_once(
    simulator: Sim, open_scanner: Open, reads: Reads
) -> None:
    sim = simulator(ScannerMode.SSI)
    open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    assert sim.send_scan("LPN-ABCD1234", corrupt_first=True)
    damage, result = reads.wait_for(2)
    assert isinstance(damage, ScanRejected)
    assert damage.reason is RejectReason.BAD_FRAME
    assert "asked to send it again" in damage.message
    assert isinstance(result, Scan)
    assert result.text == "LPN-ABCD1234"


def test_ssi_long_data_arrives_in_continuation_packets(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI)
    open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    text = "LONG-" + "0123456789" * 45  # 455 characters: two packets
    assert sim.send_scan(text, symbology="]Q1")
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)
    assert result.text == text


def test_ssi_noise_between_packets_is_one_rejection(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI)
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    sim.inject_noise(b"\x13\x88\xffline noise")
    assert sim.send_scan("RMA-123456")
    damage, result = reads.wait_for(2)
    assert isinstance(damage, ScanRejected)
    assert damage.reason is RejectReason.BAD_FRAME
    assert damage.raw == b"\x13\x88\xffline noise"
    assert isinstance(result, Scan)
    assert scanner.is_open


def test_ssi_commands_are_acknowledged(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI)
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    scanner.disable_scanning()
    scanner.enable_scanning()
    scanner.beep(0x01)
    scanner.led_on()
    scanner.led_off()
    scanner.send_parameter(0x2D, 0x01)
    assert scanner.request_revision() == "SIM-SSI 1.0"
    assert sim.commands == [
        SsiOpcode.SCAN_DISABLE,
        SsiOpcode.SCAN_ENABLE,
        SsiOpcode.BEEP,
        SsiOpcode.LED_ON,
        SsiOpcode.LED_OFF,
        SsiOpcode.PARAM_SEND,
        SsiOpcode.REQUEST_REVISION,
    ]


def test_ssi_trigger_reads_what_the_scanner_is_aimed_at(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI, aimed_at="0109501101530003211234", aimed_symbology="]C1")
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    scanner.trigger()
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)
    assert (result.kind, result.symbology, result.serial) == (ScanKind.GS1, "]C1", "1234")
    scanner.untrigger()
    assert sim.commands == [SsiOpcode.START_DECODE, SsiOpcode.STOP_DECODE]


def test_ssi_test_scan(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI)
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI), reads)
    check = scanner.test(timeout=3)
    assert check.ok, check.message
    assert "RMA-0000001" in check.message
    assert "Code 128" in check.message


def test_ssi_scanner_that_never_acknowledges_is_reported(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI, ack_nak=False)
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI, command_timeout=0.05), reads)
    with pytest.raises(ScannerCommandError, match="did not answer when asked to beep: check the cable"):
        scanner.beep()
    # The scanner resent the command twice before giving up, as the SSI rules ask.
    assert sim.commands == [SsiOpcode.BEEP] * 3


def test_ssi_without_ack_nak_on_both_sides(simulator: Sim, open_scanner: Open, reads: Reads) -> None:
    sim = simulator(ScannerMode.SSI, ack_nak=False)
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=ScannerMode.SSI, ack_nak=False), reads)
    assert sim.send_scan("RMA-123456")
    scanner.beep()
    assert sim.wait_for_command(SsiOpcode.BEEP)
    (result,) = reads.wait_for(1)
    assert isinstance(result, Scan)


# -- ports and their loss -----------------------------------------------------------------------------


def test_unplug_is_reported_once_and_the_reader_stops(simulator: Sim, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN)
    scanner = SerialScanner(SerialScannerSettings(sim.port_path), reads)
    recorder = LostRecorder()
    scanner.open(recorder)
    try:
        sim.disconnect()
        assert recorder.event.wait(3)
        assert len(recorder.lost_errors) == 1
        assert isinstance(recorder.lost_errors[0], OSError)  # SerialException, or EIO from in_waiting
        with pytest.raises(ScannerCommandError, match="not connected"):
            scanner.wake_up()
    finally:
        scanner.close()
    assert recorder.lost_errors == [recorder.lost_errors[0]]


def test_unplug_during_a_test_scan_ends_the_test(simulator: Sim, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN, aimed_at="")  # aimed at nothing: a trigger reads nothing
    scanner = SerialScanner(SerialScannerSettings(sim.port_path, trigger=TriggerCommands.HONEYWELL), reads)
    recorder = LostRecorder()
    scanner.open(recorder)
    checks: list[DeviceCheck] = []
    tester = threading.Thread(target=lambda: checks.append(scanner.test(timeout=30)))
    try:
        tester.start()
        assert sim.wait_for_command(HONEYWELL_TRIGGER)  # the test is waiting for its read
        sim.disconnect()
        tester.join(5)
    finally:
        scanner.close()
    assert checks == [DeviceCheck(False, "The scanner was disconnected during the test: check its cable.")]


def test_closing_is_not_reported_as_a_loss(simulator: Sim, reads: Reads) -> None:
    sim = simulator(ScannerMode.PLAIN)
    scanner = SerialScanner(SerialScannerSettings(sim.port_path), reads)
    recorder = LostRecorder()
    scanner.open(recorder)
    scanner.close()
    scanner.close()  # twice is harmless
    assert recorder.lost_errors == []
    assert not scanner.is_open


def test_serial_scanner_is_a_station_device(reads: Reads) -> None:
    assert isinstance(SerialScanner(SerialScannerSettings("loop://"), reads), Device)


def test_missing_port_is_unavailable_with_a_message(tmp_path: object, reads: Reads) -> None:
    scanner = SerialScanner(SerialScannerSettings(f"{tmp_path}/ttyACM9"), reads)
    with pytest.raises(DeviceUnavailable, match=r"no scanner at .*ttyACM9 \(is it plugged in\?\)"):
        scanner.open()


def test_socket_url_is_the_same_code_path(reads: Reads) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        scanner = SerialScanner(SerialScannerSettings(f"socket://127.0.0.1:{port}"), reads)
        scanner.open()
        try:
            connection, _ = server.accept()
            with connection:
                connection.sendall(b"]C1" + b"0109501101530003211234" + b"\r\n")
                (result,) = reads.wait_for(1)
                assert isinstance(result, Scan)
                assert result.serial == "1234"
        finally:
            scanner.close()


class _Exploding:
    def __init__(self) -> None:
        self.calls: list[bytes] = []
        self.first = threading.Event()
        self.second = threading.Event()

    def data_received(self, data: bytes, now: float) -> None:
        self.calls.append(data)
        if len(self.calls) == 1:
            self.first.set()
            raise RuntimeError("framing bug")
        self.second.set()

    def idle(self, now: float) -> None:
        pass


def test_a_bug_in_a_protocol_is_logged_and_the_reader_keeps_reading(caplog: pytest.LogCaptureFixture) -> None:
    port = serial.serial_for_url("loop://", timeout=0.01)
    protocol = _Exploding()
    ended: list[BaseException | None] = []
    reader = PortReader(port, protocol, ended.append)
    with caplog.at_level(logging.ERROR):
        reader.start()
        port.write(b"x")
        assert protocol.first.wait(3)
        port.write(b"y")
        assert protocol.second.wait(3)
    reader.stop()
    port.close()
    assert "the reader keeps running" in caplog.text
    assert ended == [None]


# -- fuzz through the real reader thread -----------------------------------------------------------


@pytest.mark.parametrize("mode", [ScannerMode.PLAIN, ScannerMode.SSI])
def test_random_bytes_on_the_wire_never_stop_the_reader(
    simulator: Sim, open_scanner: Open, reads: Reads, mode: ScannerMode
) -> None:
    sim = simulator(mode, ack_timeout=0.1)
    scanner = open_scanner(SerialScannerSettings(sim.port_path, mode=mode), reads)
    counter = iter(range(10_000))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(noise=st.binary(min_size=1, max_size=300))
    def noise_then_a_scan(noise: bytes) -> None:
        marker = f"RMA-{next(counter):07d}"
        # In plain mode ETX + CR closes whatever the noise left open (an STX frame, a partial read).
        sim.inject_noise(noise + (b"\x03\r" if mode is ScannerMode.PLAIN else b""))
        sim.send_scan(marker)
        arrived = reads.wait_until(lambda items: any(getattr(r, "text", None) == marker for r in items), 3)
        assert arrived, f"{marker} never arrived after noise {noise!r}"
        assert all(isinstance(r, Scan | ScanRejected) for r in reads.items)
        assert scanner.is_open

    noise_then_a_scan()
    assert next(counter) >= 40  # the examples really ran
