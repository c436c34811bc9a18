"""Plain-mode framing: every terminator a scanner may use, and bounded behaviour on noise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.scanning.framing import PlainDeframer
from devices.scanning.interpret import MAX_SCAN_BYTES


@pytest.mark.parametrize(
    "stream",
    [
        b"RMA-123456\rLPN-ABCD1234\r",
        b"RMA-123456\nLPN-ABCD1234\n",
        b"RMA-123456\r\nLPN-ABCD1234\r\n",
        b"\x02RMA-123456\x03\x02LPN-ABCD1234\x03",
        b"\x02RMA-123456\x03\r\n\x02LPN-ABCD1234\x03\r\n",
    ],
)
def test_terminators(stream: bytes) -> None:
    assert PlainDeframer().feed(stream, now=0.0) == [b"RMA-123456", b"LPN-ABCD1234"]


def test_byte_by_byte_arrival() -> None:
    deframer = PlainDeframer()
    reads = []
    for index, byte in enumerate(b"]C1RMA-123456\r\n"):
        reads += deframer.feed(bytes((byte,)), now=index * 0.001)
    assert reads == [b"]C1RMA-123456"]


def test_cr_inside_stx_frame_is_data() -> None:
    assert PlainDeframer().feed(b"\x02A\rB\x03", now=0.0) == [b"A\rB"]


def test_gs_passes_through() -> None:
    assert PlainDeframer().feed(b"]d20109501101530003\x1d10ABC\r", now=0.0) == [b"]d20109501101530003\x1d10ABC"]


def test_a_new_stx_ends_an_unterminated_read() -> None:
    assert PlainDeframer().feed(b"half\x02whole\x03", now=0.0) == [b"half", b"whole"]


def test_no_suffix_read_ends_when_the_line_goes_quiet() -> None:
    deframer = PlainDeframer(end_on_quiet=0.05)
    assert deframer.feed(b"RMA-123456", now=1.0) == []
    assert deframer.idle(now=1.02) == []
    assert deframer.idle(now=1.06) == [b"RMA-123456"]
    assert deframer.idle(now=2.0) == []


def test_without_quiet_ending_a_read_waits_for_its_terminator() -> None:
    deframer = PlainDeframer(end_on_quiet=None)
    deframer.feed(b"RMA-123456", now=1.0)
    assert deframer.idle(now=100.0) == []
    assert deframer.feed(b"\r", now=100.0) == [b"RMA-123456"]


def test_overlong_read_is_cut_just_past_the_limit_and_the_rest_dropped() -> None:
    (read,) = PlainDeframer().feed(b"A" * 5000 + b"\r", now=0.0)
    assert len(read) == MAX_SCAN_BYTES + 1
    assert PlainDeframer().feed(b"A" * 5000 + b"\rOK\r", now=0.0)[1] == b"OK"


@settings(max_examples=300, deadline=None)
@given(chunks=st.lists(st.binary(max_size=700), max_size=12), quiet=st.sampled_from([None, 0.05]))
def test_random_bytes_give_bounded_reads_only(chunks: list[bytes], quiet: float | None) -> None:
    deframer = PlainDeframer(end_on_quiet=quiet)
    reads: list[bytes] = []
    for index, chunk in enumerate(chunks):
        reads += deframer.feed(chunk, now=index * 0.001)
    reads += deframer.idle(now=10.0)
    assert all(isinstance(read, bytes) and 0 < len(read) <= MAX_SCAN_BYTES + 1 for read in reads)
    # STX and ETX always delimit, so they never end up inside a read (CR/LF may, between STX and ETX).
    assert all(b"\x02" not in read and b"\x03" not in read for read in reads)
