"""Transports over real lines: TCP to the simulator, a pseudo-terminal for serial, CUPS' `lp`."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from devices.events import PrinterState
from devices.printing.label import Label, Text
from devices.printing.status import host_status_complete, read_status
from devices.printing.transport import CupsQueue, PrinterLinkError, SerialPrinter, TcpPrinter, lp_command
from devices.printing.zpl import render_zpl
from devices.simulators.zpl_printer import PrinterSimulator

LABEL = render_zpl(Label(812, 1218, (Text(10, 10, "Hello printer"),)))


def test_tcp_sends_a_label_and_reads_status_on_the_same_connection(printer_sim: PrinterSimulator) -> None:
    with TcpPrinter("127.0.0.1", printer_sim.port).connect() as link:
        link.write(LABEL)
        status = read_status(link.query, timeout=2.0)

    assert status.state is PrinterState.READY
    assert printer_sim.wait_for_jobs(1, timeout=5)
    assert printer_sim.jobs[0].labels[0].texts == ["Hello printer"]
    assert printer_sim.labels_printed == 1


def test_tcp_sends_each_write_at_once(printer_sim: PrinterSimulator) -> None:
    # With Nagle's algorithm on, the status query after a label waits for the printer's delayed
    # ACK (40 ms on Linux) on every job; a timing test would be flaky, so check the option itself.
    with TcpPrinter("127.0.0.1", printer_sim.port).connect() as link:
        assert link._sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_tcp_to_nothing_is_a_link_error_with_words() -> None:
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    # The port was just freed: nothing listens there now.
    with pytest.raises(PrinterLinkError, match="switched on"):
        TcpPrinter("127.0.0.1", port, connect_timeout=1.0).connect()


def test_tcp_hang_up_during_a_query_is_a_link_error(printer_sim: PrinterSimulator) -> None:
    printer_sim.drop_mid_job = True

    with TcpPrinter("127.0.0.1", printer_sim.port).connect() as link:
        link.write(LABEL)
        assert printer_sim.wait_for_drops(1, timeout=5)
        with pytest.raises(PrinterLinkError):
            link.query(b"~HS", host_status_complete, 2.0)

    assert printer_sim.jobs == []


def test_serial_over_a_pseudo_terminal(printer_sim: PrinterSimulator) -> None:
    path = printer_sim.serve_pty()

    with SerialPrinter(path, baudrate=9600).connect() as link:
        link.write(LABEL)
        status = read_status(link.query, timeout=2.0)

    assert status.state is PrinterState.READY
    assert printer_sim.wait_for_jobs(1, timeout=5)
    assert printer_sim.jobs[0].labels[0].texts == ["Hello printer"]


def test_a_serial_port_that_is_not_there_is_a_link_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterLinkError, match="Cannot open the printer port"):
        SerialPrinter(str(tmp_path / "ttyUSB9")).connect()


@pytest.mark.skipif(lp_command() is None, reason="CUPS `lp` is not installed on this machine")
def test_cups_raw_queue_that_does_not_exist_is_refused_with_the_reason() -> None:
    with (
        CupsQueue("returns-station-no-such-queue").connect() as link,
        pytest.raises(PrinterLinkError, match="did not take"),
    ):
        link.write(LABEL)


def fake_lp(folder: Path, *, exit_code: int = 0) -> Path:
    """A stand-in `lp` that keeps its arguments and the job, as a real queue would take them."""
    script = folder / "lp"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{folder}/args"\n'
        f'cat > "{folder}/job"\n'
        f'[ {exit_code} -eq 0 ] || echo "lp: The printer or class does not exist." >&2\n'
        f"exit {exit_code}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_cups_queue_is_given_the_raw_label(tmp_path: Path) -> None:
    queue = CupsQueue("zebra-returns", lp=str(fake_lp(tmp_path)))

    with queue.connect() as link:
        link.write(LABEL)
        assert link.query(b"~HS", host_status_complete, 0.1) == b""

    assert (tmp_path / "args").read_text().split() == ["-d", "zebra-returns", "-o", "raw"]
    assert (tmp_path / "job").read_bytes() == LABEL
    assert queue.supports_status is False


def test_cups_refusal_carries_lp_s_words(tmp_path: Path) -> None:
    queue = CupsQueue("zebra-returns", lp=str(fake_lp(tmp_path, exit_code=1)))

    with queue.connect() as link, pytest.raises(PrinterLinkError, match="does not exist"):
        link.write(LABEL)


def test_cups_missing_is_detected_not_assumed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))

    assert lp_command() is None
    with pytest.raises(PrinterLinkError, match="CUPS is not installed"):
        CupsQueue("zebra-returns").connect()


def test_lp_found_on_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_lp(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))

    assert lp_command() == str(tmp_path / "lp")
