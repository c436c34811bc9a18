"""The ZPL printer simulator over real TCP: answers, job storage, label counting, faults, its CLI."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.simulators.zpl_printer import Fault, FieldKind, PrinterSimulator, parse_zpl

ROOT = Path(__file__).resolve().parents[3]
LABEL = b"^XA^CI28^PW812^LL1218^FO10,10^A0N,30,24^FH_^FDHello _5E world^FS^FO10,60^BCN,100,Y,N,N^FDLPN-1^FS^PQ3^XZ"


@pytest.fixture
def printer() -> Iterator[PrinterSimulator]:
    simulator = PrinterSimulator(port=0).start()
    try:
        yield simulator
    finally:
        simulator.stop()


def ask(port: int, command: bytes, until: bytes, timeout: float = 5.0) -> bytes:
    """Send `command` and read until `until` has arrived."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(command)
        answer = b""
        while until not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


def send(port: int, data: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(data)


def test_host_status_is_three_framed_lines(printer: PrinterSimulator) -> None:
    answer = ask(printer.port, b"~HS", b"1234,0\x03\r\n")

    assert answer == (
        b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02000,0,0,0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n"
    )


def test_host_status_shows_the_fault_and_held_labels(printer: PrinterSimulator) -> None:
    printer.set_fault(Fault.PAPER_OUT)
    send(printer.port, LABEL)
    assert printer.wait_for_jobs(1, timeout=5)

    lines = ask(printer.port, b"~HS", b"1234,0\x03\r\n").split(b"\x03\r\n")

    assert lines[0] == b"\x02030,1,0,1218,001,0,0,0,000,0,0,0"
    assert lines[1] == b"\x02000,0,0,0,0,2,6,0,00000003,1,000"


@pytest.mark.parametrize(
    ("fault", "bits"), [(Fault.PAPER_OUT, b"00000001"), (Fault.RIBBON_OUT, b"00000002"), (Fault.HEAD_OPEN, b"00000004")]
)
def test_extended_status_error_bits(printer: PrinterSimulator, fault: Fault, bits: bytes) -> None:
    printer.set_fault(fault)

    answer = ask(printer.port, b"~HQES", b"\x03\r\n")

    assert b"ERRORS:         1 00000000 " + bits in answer
    assert b"WARNINGS:       0 00000000 00000000" in answer


def test_silent_on_error_leaves_host_status_unanswered_but_answers_extended(printer: PrinterSimulator) -> None:
    printer.set_fault(Fault.HEAD_OPEN)
    printer.silent_on_error = True

    # Both questions on one connection: only the second gets an answer.
    answer = ask(printer.port, b"~HS~HQES", b"WARNINGS")

    assert b"1234,0" not in answer
    assert answer.startswith(b"\x02\r\n PRINTER STATUS")


def test_identification_and_sgd(printer: PrinterSimulator) -> None:
    assert ask(printer.port, b"~HI", b"\x03") == b"\x02ZD421-203dpi,V84.20.18Z,8,8192KB\x03\r\n"
    assert ask(printer.port, b'! U1 getvar "device.languages"\r\n', b'"zpl"') == b'"zpl"'
    printer.set_fault(Fault.RIBBON_OUT)
    status = ask(printer.port, b'! U1 getvar "zpl.system_status"\r\n', b'000"')
    assert status == b'"0,1,00000000,00000002,0,00000000,00000000"'
    assert ask(printer.port, b'! U1 getvar "no.such.var"\n', b'"?"') == b'"?"'


def test_jobs_are_stored_parsed_and_counted(printer: PrinterSimulator, tmp_path: Path) -> None:
    printer.store_dir = tmp_path / "jobs"
    send(printer.port, LABEL)
    assert printer.wait_for_labels(3, timeout=5)

    (job,) = printer.jobs
    (label,) = job.labels
    assert label.copies == 3
    assert label.texts == ["Hello ^ world"]
    assert [(f.kind, f.data) for f in label.barcodes] == [(FieldKind.CODE128, "LPN-1")]
    assert (label.width, label.length) == (812, 1218)
    assert (tmp_path / "jobs" / "job-00001.zpl").read_bytes() == LABEL + b"\n"


def test_a_job_split_across_packets_is_one_job(printer: PrinterSimulator) -> None:
    with socket.create_connection(("127.0.0.1", printer.port), timeout=5) as sock:
        for start in range(0, len(LABEL), 7):
            sock.sendall(LABEL[start : start + 7])
        sock.sendall(b"~HS")
        assert printer.wait_for_jobs(1, timeout=5)

    assert printer.jobs[0].labels[0].texts == ["Hello ^ world"]


def test_labels_held_in_a_fault_print_when_it_clears(printer: PrinterSimulator) -> None:
    printer.set_fault(Fault.PAUSED)
    send(printer.port, LABEL)
    assert printer.wait_for_jobs(1, timeout=5)
    assert printer.labels_printed == 0
    assert printer.held_jobs == 1

    printer.clear_fault()

    assert printer.labels_printed == 3
    assert printer.held_jobs == 0


def test_drop_mid_job_keeps_nothing(printer: PrinterSimulator) -> None:
    printer.drop_mid_job = True
    with socket.create_connection(("127.0.0.1", printer.port), timeout=5) as sock:
        sock.sendall(LABEL)
        assert printer.wait_for_drops(1, timeout=5)
        try:
            sock.sendall(b"~HS")
            answer = sock.recv(100)
        except ConnectionError:
            answer = b""

    assert answer == b"", "the printer hung up instead of answering"

    assert printer.jobs == []


def test_slow_printer_answers_late(printer: PrinterSimulator) -> None:
    printer.slow_seconds = 0.3
    with socket.create_connection(("127.0.0.1", printer.port), timeout=5) as sock:
        sock.sendall(b"~HI")
        sock.settimeout(0.1)
        with pytest.raises(TimeoutError):
            sock.recv(100)
        sock.settimeout(5)
        assert sock.recv(100).startswith(b"\x02ZD421")


def test_stop_ends_every_thread_even_with_a_client_connected() -> None:
    before = set(threading.enumerate())
    simulator = PrinterSimulator(port=0).start()
    simulator.serve_pty()
    with socket.create_connection(("127.0.0.1", simulator.port), timeout=5):
        simulator.stop()

    assert set(threading.enumerate()) <= before


def test_parse_reports_a_tilde_inside_field_data() -> None:
    (label,) = parse_zpl(b"^XA^FO1,1^FDa~JAb^FS^XZ")

    assert label.problems


def test_cli_serves_and_obeys_stdin_commands(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "devices.simulators",
            "printer",
            "--port",
            "0",
            "--store",
            str(tmp_path),
            "--fault",
            "paper_out",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        first = process.stdout.readline()
        assert first.startswith("ZPL printer simulator listening on 127.0.0.1:")
        port = int(first.rsplit(":", 1)[1])
        assert "state=paper_out" in process.stdout.readline()
        assert b"ERRORS:         1 00000000 00000001" in ask(port, b"~HQES", b"WARNINGS")

        send(port, LABEL)
        process.stdin.write("status\n")
        process.stdin.flush()
        reply = process.stdout.readline()
        while "jobs=1" not in reply:  # the job may land just after the first answer
            process.stdin.write("status\n")
            process.stdin.flush()
            reply = process.stdout.readline()
        assert "labels_printed=0" in reply

        process.stdin.write("clear\n")
        process.stdin.flush()
        assert "labels_printed=3" in process.stdout.readline()
        process.stdin.write("jobs\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "job 1 x3: text=Hello ^ world; code128=LPN-1"
        process.stdin.write("quit\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdin.close()
        process.stdout.close()
        assert process.stderr is not None
        process.stderr.close()
    assert (tmp_path / "job-00001.zpl").exists()


def test_cli_help_lists_the_fault_switches() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "devices.simulators", "printer", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    for switch in ("--fault", "--silent-on-error", "--slow", "--drop-mid-job", "--pty", "paper-out"):
        assert switch in done.stdout


ZPL_PIECES = st.sampled_from(
    [
        b"^XA",
        b"^XZ",
        b"^FD",
        b"^FS",
        b"^FH_",
        b"^BCN,100,Y,N,N,D",
        b"^BCN",
        b"^BQN,2,4",
        b"^BXN,6,200,,,,_",
        b"^PQ",
        b"^FO1,2",
        b"_5E",
        b"_1",
        b">8",
        b">;",
        b"(01)",
        b"12",
        b"~HS",
        b"~HQES",
        b"!",
        b"\r\n",
        b"\x00",
        b"\xff",
        b"MA,",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ZPL_PIECES, st.binary(max_size=8)), max_size=40).map(b"".join))
def test_the_parser_takes_any_bytes(data: bytes) -> None:
    for label in parse_zpl(b"^XA" + data + b"^XZ"):
        assert all(isinstance(f.data, str) for f in label.fields)


@settings(max_examples=25, deadline=None)
@given(st.binary(min_size=1, max_size=200))
def test_garbage_on_the_wire_never_stops_the_printer(data: bytes) -> None:
    with PrinterSimulator(port=0) as simulator:
        send(simulator.port, data + b"^XA^FO1,1^FDafter^FS^XZ")
        answer = ask(simulator.port, b"~HS", b"1234,0\x03\r\n")

        assert answer.endswith(b"\x021234,0\x03\r\n")
        assert simulator.wait_for_jobs(1, timeout=5)


def test_cli_in_the_background_stops_cleanly_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "devices.simulators", "printer", "--port", "0"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline().startswith("ZPL printer simulator listening on")
        assert "state=ready" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()


def test_a_sender_that_hangs_up_before_the_answer_still_gets_its_labels_printed(printer: PrinterSimulator) -> None:
    send(printer.port, b"~HS" * 50 + LABEL)

    assert printer.wait_for_labels(3, timeout=5)
