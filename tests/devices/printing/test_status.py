"""Printer status: parsing ~HS, ~HQES and ~HI, every state over TCP to the simulator, fuzzing."""

from __future__ import annotations

import contextlib
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.events import PrinterState
from devices.printing.status import (
    MESSAGES,
    HostStatus,
    StatusUnreadable,
    parse_extended_status,
    parse_host_status,
    parse_identification,
    read_identity,
    read_status,
    state_of_extended_status,
    state_of_host_status,
)
from devices.printing.transport import TcpPrinter
from devices.simulators.zpl_printer import Fault, PrinterSimulator

READY_HS = b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02000,0,0,0,0,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n"


def host_status(
    *, paper_out: int = 0, paused: int = 0, head_open: int = 0, ribbon_out: int = 0, remaining: int = 0
) -> bytes:
    return (
        f"\x02030,{paper_out},{paused},1218,000,0,0,0,000,0,0,0\x03\r\n"
        f"\x02000,0,{head_open},{ribbon_out},0,2,6,0,{remaining:08d},1,000\x03\r\n"
        "\x021234,0\x03\r\n"
    ).encode()


def extended_status(errors: int) -> bytes:
    return (
        f"\x02\r\n PRINTER STATUS\r\n   ERRORS:         {int(errors != 0)} 00000000 {errors:08X}\r\n"
        "   WARNINGS:       0 00000000 00000000\r\n\x03\r\n"
    ).encode()


def test_a_ready_printer() -> None:
    status = parse_host_status(READY_HS)

    assert status == HostStatus(
        paper_out=False,
        paused=False,
        label_length=1218,
        formats_in_buffer=0,
        buffer_full=False,
        under_temperature=False,
        over_temperature=False,
        head_open=False,
        ribbon_out=False,
        labels_remaining=0,
    )
    assert state_of_host_status(status) is PrinterState.READY


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        (host_status(), PrinterState.READY),
        (host_status(paper_out=1), PrinterState.PAPER_OUT),
        (host_status(paused=1), PrinterState.PAUSED),
        (host_status(head_open=1), PrinterState.HEAD_OPEN),
        (host_status(ribbon_out=1), PrinterState.RIBBON_OUT),
        # An open lid hides everything else, and a fault outranks a pause.
        (host_status(head_open=1, paper_out=1, paused=1), PrinterState.HEAD_OPEN),
        (host_status(paper_out=1, paused=1), PrinterState.PAPER_OUT),
    ],
)
def test_host_status_states(answer: bytes, state: PrinterState) -> None:
    assert state_of_host_status(parse_host_status(answer)) is state


def test_labels_remaining_is_read() -> None:
    assert parse_host_status(host_status(remaining=42)).labels_remaining == 42


@pytest.mark.parametrize(
    ("errors", "state"),
    [
        (0x0, PrinterState.READY),
        (0x1, PrinterState.PAPER_OUT),
        (0x2, PrinterState.RIBBON_OUT),
        (0x4, PrinterState.HEAD_OPEN),
        (0x5, PrinterState.HEAD_OPEN),
        (0x10000, PrinterState.PAUSED),
    ],
)
def test_extended_status_states(errors: int, state: PrinterState) -> None:
    assert state_of_extended_status(parse_extended_status(extended_status(errors))) is state


def test_identification() -> None:
    identity = parse_identification(b"\x02ZD421-203dpi,V84.20.18Z,8,8192KB\x03\r\n")

    assert (identity.model, identity.firmware, identity.dots_per_mm, identity.memory) == (
        "ZD421-203dpi",
        "V84.20.18Z",
        8,
        "8192KB",
    )


@pytest.mark.parametrize(
    "answer",
    [
        b"",
        b"\x02030,0,0\x03",  # one short line
        READY_HS[:-20],  # cut before the third line ends
        READY_HS.replace(b"030,0,0", b"030,X,0"),  # not a flag
        READY_HS.replace(b"00000000", b"0000000\xff"),
    ],
)
def test_broken_host_status_is_a_typed_error(answer: bytes) -> None:
    with pytest.raises(StatusUnreadable):
        parse_host_status(answer)


def test_every_state_has_words_for_the_inspector() -> None:
    assert set(MESSAGES) == set(PrinterState)
    assert MESSAGES[PrinterState.PAPER_OUT] == "The printer is out of labels: load a new roll and close the lid."


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_into_the_parsers_only_ever_give_typed_errors(data: bytes) -> None:
    for parse in (parse_host_status, parse_extended_status, parse_identification):
        with contextlib.suppress(StatusUnreadable):
            parse(data)


FRAME_PARTS = st.sampled_from(
    [b"\x02", b"\x03", b"\r\n", b",", b"0", b"1", b"9", b"ERRORS:", b"WARNINGS:", b" ", b"F" * 8]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAME_PARTS, max_size=60).map(b"".join))
def test_near_miss_answers_only_ever_give_typed_errors(data: bytes) -> None:
    # Random bytes rarely look like a status; these are built from its own pieces.
    for parse in (parse_host_status, parse_extended_status, parse_identification):
        with contextlib.suppress(StatusUnreadable):
            parse(data)


# --- over TCP to the simulator -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "state"),
    [
        (None, PrinterState.READY),
        (Fault.PAPER_OUT, PrinterState.PAPER_OUT),
        (Fault.HEAD_OPEN, PrinterState.HEAD_OPEN),
        (Fault.RIBBON_OUT, PrinterState.RIBBON_OUT),
        (Fault.PAUSED, PrinterState.PAUSED),
    ],
)
@pytest.mark.parametrize("silent", [False, True], ids=["answers", "silent-on-error"])
def test_every_state_read_from_the_simulator(
    printer_sim: PrinterSimulator, fault: Fault | None, state: PrinterState, silent: bool
) -> None:
    printer_sim.set_fault(fault)
    printer_sim.silent_on_error = silent

    with TcpPrinter("127.0.0.1", printer_sim.port).connect() as link:
        status = read_status(link.query, timeout=0.3, device_id="printer-1")

    assert status.state is state
    assert status.message == MESSAGES[state]
    assert status.device_id == "printer-1"


def test_silent_printer_is_asked_the_extended_status(printer_sim: PrinterSimulator) -> None:
    printer_sim.set_fault(Fault.PAPER_OUT)
    printer_sim.silent_on_error = True
    asked: list[bytes] = []

    with TcpPrinter("127.0.0.1", printer_sim.port).connect() as link:

        def recording_query(command: bytes, complete: object, timeout: float) -> bytes:
            asked.append(command)
            return link.query(command, complete, timeout)  # type: ignore[arg-type]

        status = read_status(recording_query, timeout=0.3)

    assert asked == [b"~HS", b"~HQES"]
    assert status.state is PrinterState.PAPER_OUT
    assert status.labels_remaining is None


def test_a_printer_that_answers_nothing_is_offline() -> None:
    with socket.create_server(("127.0.0.1", 0)) as mute:
        port = mute.getsockname()[1]
        with TcpPrinter("127.0.0.1", port).connect() as link:
            accepted, _ = mute.accept()
            with accepted:
                status = read_status(link.query, timeout=0.2)

    assert status.state is PrinterState.OFFLINE
    assert "switched on" in status.message


def test_identity_from_the_simulator(printer_sim: PrinterSimulator) -> None:
    with TcpPrinter("127.0.0.1", printer_sim.port).connect() as link:
        identity = read_identity(link.query, timeout=1.0)

    assert identity.model == "ZD421-203dpi"
    assert identity.firmware == "V84.20.18Z"
    assert identity.dots_per_mm == 8
