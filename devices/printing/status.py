"""Ask a ZPL printer how it is, and say it in words an inspector can act on.

`~HS` (host status) answers three STX...ETX lines with paper out, paused, head open, ribbon out and
labels remaining. Current firmware stays silent on `~HS` while media or ribbon is out or the head
is open, exactly when the answer matters, so after a timeout we ask `~HQES` (extended status:
error bits 1 media out, 2 ribbon out, 4 head open). No answer to either means the printer is
offline. `~HI` tells model and firmware for the "test print" action.

Parsers take whatever bytes arrived and return a typed value or raise `StatusUnreadable`; they never
raise anything else, whatever the bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from devices.events import PrinterState, PrinterStatus
from devices.phrases import QT_TRANSLATE_NOOP

STX = 0x02
ETX = 0x03

HOST_STATUS = b"~HS"
EXTENDED_STATUS = b"~HQES"
HOST_IDENTIFICATION = b"~HI"

MESSAGES: dict[PrinterState, str] = {
    PrinterState.READY: QT_TRANSLATE_NOOP("Devices", "The printer is ready."),
    PrinterState.PAPER_OUT: QT_TRANSLATE_NOOP(
        "Devices", "The printer is out of labels: load a new roll and close the lid."
    ),
    PrinterState.RIBBON_OUT: QT_TRANSLATE_NOOP(
        "Devices", "The printer is out of ribbon: load a new ribbon and close the lid."
    ),
    PrinterState.HEAD_OPEN: QT_TRANSLATE_NOOP("Devices", "The printer lid is open: close it firmly until it clicks."),
    PrinterState.PAUSED: QT_TRANSLATE_NOOP(
        "Devices", "The printer is paused: press the pause button on the printer to resume."
    ),
    PrinterState.OFFLINE: QT_TRANSLATE_NOOP(
        "Devices", "The printer does not answer: check that it is switched on and its cable is plugged in."
    ),
}

# ~HQES error flags, lowest group. Paused (bit 16) is reported by Link-OS firmware; it is not in
# our reference (unverified), so it is only ever read, never required.
MEDIA_OUT = 0x1
RIBBON_OUT = 0x2
HEAD_OPEN = 0x4
CUTTER_FAULT = 0x8
PAUSED_FLAG = 0x10000


class StatusUnreadable(ValueError):
    """The printer's answer could not be understood; `str(error)` says so in plain words."""


@dataclass(frozen=True, slots=True)
class HostStatus:
    """What `~HS` reports."""

    paper_out: bool
    paused: bool
    label_length: int
    formats_in_buffer: int
    buffer_full: bool
    under_temperature: bool
    over_temperature: bool
    head_open: bool
    ribbon_out: bool
    labels_remaining: int


@dataclass(frozen=True, slots=True)
class ExtendedStatus:
    """What `~HQES` reports: the error and warning flags as two 64-bit numbers."""

    errors: int
    warnings: int

    @property
    def has_errors(self) -> bool:
        return self.errors != 0


@dataclass(frozen=True, slots=True)
class PrinterIdentity:
    """What `~HI` reports."""

    model: str
    firmware: str
    dots_per_mm: int | None
    memory: str


def stx_etx_lines(data: bytes) -> list[bytes]:
    """Every complete STX...ETX frame in `data`, without the framing bytes."""
    frames: list[bytes] = []
    start = data.find(STX)
    while start != -1:
        end = data.find(ETX, start + 1)
        if end == -1:
            break
        frames.append(data[start + 1 : end])
        start = data.find(STX, end + 1)
    return frames


def _ascii(frame: bytes, what: str) -> str:
    try:
        return frame.decode("ascii")
    except UnicodeDecodeError as error:
        raise StatusUnreadable(f"The printer's {what} answer is garbled.") from error


def _fields(frame: bytes, count: int, what: str) -> list[str]:
    fields = [f.strip() for f in _ascii(frame, what).split(",")]
    if len(fields) < count:
        raise StatusUnreadable(f"The printer's {what} answer is incomplete.")
    return fields


def _flag(value: str, what: str) -> bool:
    if value not in ("0", "1"):
        raise StatusUnreadable(f"The printer's {what} answer has an unexpected value {value!r}.")
    return value == "1"


def _number(value: str, what: str) -> int:
    if not value.isdigit() or not value.isascii():
        raise StatusUnreadable(f"The printer's {what} answer has an unexpected value {value!r}.")
    return int(value)


def host_status_complete(data: bytes) -> bool:
    return len(stx_etx_lines(data)) >= 3


def parse_host_status(data: bytes) -> HostStatus:
    """Read the three `~HS` lines: `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l` / `mmm,n,o,p,q,r,s,t,u..u,v,www` / `xxxx,y`."""
    frames = stx_etx_lines(data)
    if len(frames) < 3:
        raise StatusUnreadable("The printer's status answer is incomplete.")
    what = "status"
    first = _fields(frames[0], 12, what)
    second = _fields(frames[1], 11, what)
    _fields(frames[2], 2, what)
    return HostStatus(
        paper_out=_flag(first[1], what),
        paused=_flag(first[2], what),
        label_length=_number(first[3], what),
        formats_in_buffer=_number(first[4], what),
        buffer_full=_flag(first[5], what),
        under_temperature=_flag(first[10], what),
        over_temperature=_flag(first[11], what),
        head_open=_flag(second[2], what),
        ribbon_out=_flag(second[3], what),
        labels_remaining=_number(second[8], what),
    )


_HQES_LINE = re.compile(r"^\s*(ERRORS|WARNINGS):\s*([01])\s+([0-9A-Fa-f]{8})\s+([0-9A-Fa-f]{8})\s*$")


def extended_status_complete(data: bytes) -> bool:
    return b"WARNINGS" in data and data.rfind(ETX) > data.find(b"WARNINGS")


def parse_extended_status(data: bytes) -> ExtendedStatus:
    """Read `~HQES`: `PRINTER STATUS`, `ERRORS: f gggggggg gggggggg`, `WARNINGS: f gggggggg gggggggg`."""
    frames = stx_etx_lines(data)
    body = frames[0] if frames else data
    groups: dict[str, int] = {}
    for line in _ascii(body, "extended status").splitlines():
        match = _HQES_LINE.match(line)
        if match:
            groups[match.group(1)] = (int(match.group(3), 16) << 32) | int(match.group(4), 16)
    if set(groups) != {"ERRORS", "WARNINGS"}:
        raise StatusUnreadable("The printer's extended status answer is incomplete.")
    return ExtendedStatus(errors=groups["ERRORS"], warnings=groups["WARNINGS"])


def identification_complete(data: bytes) -> bool:
    return len(stx_etx_lines(data)) >= 1


def parse_identification(data: bytes) -> PrinterIdentity:
    """Read `~HI`: `model,firmware,dots-per-mm,memory[,options]`."""
    frames = stx_etx_lines(data)
    if not frames:
        raise StatusUnreadable("The printer did not say which model it is.")
    fields = _fields(frames[0], 2, "identification")
    if not fields[0]:
        raise StatusUnreadable("The printer did not say which model it is.")
    dots = int(fields[2]) if len(fields) > 2 and fields[2].isdigit() and fields[2].isascii() else None
    memory = fields[3] if len(fields) > 3 else ""
    return PrinterIdentity(model=fields[0], firmware=fields[1], dots_per_mm=dots, memory=memory)


def state_of_host_status(status: HostStatus) -> PrinterState:
    # The order is what the inspector must fix first: an open lid hides whether paper is in.
    if status.head_open:
        return PrinterState.HEAD_OPEN
    if status.paper_out:
        return PrinterState.PAPER_OUT
    if status.ribbon_out:
        return PrinterState.RIBBON_OUT
    if status.paused:
        return PrinterState.PAUSED
    return PrinterState.READY


def state_of_extended_status(status: ExtendedStatus) -> PrinterState:
    if status.errors & HEAD_OPEN:
        return PrinterState.HEAD_OPEN
    if status.errors & MEDIA_OUT:
        return PrinterState.PAPER_OUT
    if status.errors & RIBBON_OUT:
        return PrinterState.RIBBON_OUT
    if status.errors & PAUSED_FLAG:
        return PrinterState.PAUSED
    return PrinterState.READY


def printer_status(state: PrinterState, *, device_id: str = "", labels_remaining: int | None = None) -> PrinterStatus:
    return PrinterStatus(state=state, message=MESSAGES[state], device_id=device_id, labels_remaining=labels_remaining)


# A query sends a command and collects the answer until `complete(answer)` or the timeout; it
# returns whatever arrived (maybe nothing) and raises OSError when the line itself failed.
Query = Callable[[bytes, Callable[[bytes], bool], float], bytes]


def read_status(query: Query, *, timeout: float = 2.0, device_id: str = "") -> PrinterStatus:
    """Ask `~HS`; when it stays silent or garbled ask `~HQES`; no usable answer means OFFLINE.

    A failure of the line itself (refused, reset) is OFFLINE too: status reading never raises.
    """
    try:
        answer = query(HOST_STATUS, host_status_complete, timeout)
        try:
            host = parse_host_status(answer)
        except StatusUnreadable:
            pass
        else:
            return printer_status(
                state_of_host_status(host), device_id=device_id, labels_remaining=host.labels_remaining
            )
        answer = query(EXTENDED_STATUS, extended_status_complete, timeout)
        try:
            extended = parse_extended_status(answer)
        except StatusUnreadable:
            return printer_status(PrinterState.OFFLINE, device_id=device_id)
        return printer_status(state_of_extended_status(extended), device_id=device_id)
    except OSError:
        return printer_status(PrinterState.OFFLINE, device_id=device_id)


def read_identity(query: Query, *, timeout: float = 2.0) -> PrinterIdentity:
    """Model and firmware from `~HI`; raises StatusUnreadable when the printer does not say."""
    try:
        answer = query(HOST_IDENTIFICATION, identification_complete, timeout)
    except OSError as error:
        raise StatusUnreadable(MESSAGES[PrinterState.OFFLINE]) from error
    return parse_identification(answer)
