"""Typed events that devices hand to the rest of the station.

Every driver turns bytes into one of these and passes it to a callback; nothing above `devices/`
ever sees raw protocol bytes. They are plain frozen values so they can cross threads safely.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ScanSource(enum.Enum):
    SERIAL = "serial"
    WEDGE = "wedge"
    CAMERA = "camera"
    RFID = "rfid"
    MANUAL = "manual"


class ScanKind(enum.Enum):
    """What a read means, as far as the code itself can tell without asking the store."""

    GS1 = "gs1"  # a GS1 element string (GTIN with serial/lot/expiry, or several AIs)
    GTIN = "gtin"  # a plain EAN/UPC/GTIN, no serial
    SSCC = "sscc"  # a pallet/parcel serial shipping container code
    TRACKING = "tracking"  # a carrier tracking number (maybe several carrier candidates)
    RMA = "rma"
    ORDER = "order"
    LPN = "lpn"  # one of our own licence plates
    EPC = "epc"  # an RFID tag's EPC, decoded to GTIN + serial where it is an SGTIN
    BADGE = "badge"  # an operator badge
    UNKNOWN = "unknown"  # readable text that matches none of the above


@dataclass(frozen=True, slots=True)
class TrackingCandidate:
    carrier: str  # e.g. "UPS", "FedEx", "USPS", "DHL"
    service: str
    number: str


@dataclass(frozen=True, slots=True)
class Scan:
    """One successful read, with everything the code could tell about it."""

    raw: bytes
    text: str
    kind: ScanKind
    source: ScanSource
    symbology: str | None = None  # AIM identifier such as "]C1", when known
    device_id: str = ""
    gtin: str | None = None
    serial: str | None = None
    lot: str | None = None
    expiry: str | None = None  # ISO date
    sscc: str | None = None
    tracking: tuple[TrackingCandidate, ...] = ()
    value: str | None = None  # the RMA/order/LPN/badge number, or the EPC URI for EPC reads
    fields: tuple[tuple[str, str], ...] = field(default=())  # all GS1 AIs as (ai, value)


class RejectReason(enum.Enum):
    GARBAGE = "garbage"  # not text, control bytes, noise
    BAD_CHECK_DIGIT = "bad_check_digit"
    TOO_LONG = "too_long"
    MALFORMED_GS1 = "malformed_gs1"
    BAD_FRAME = "bad_frame"  # framing/checksum failure at the protocol level
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class ScanRejected:
    """A read that cannot be used, with the reason in words an inspector understands."""

    raw: bytes
    reason: RejectReason
    message: str
    source: ScanSource
    device_id: str = ""


@dataclass(frozen=True, slots=True)
class TagRead:
    """One RFID tag sighting (already collapsed: repeated reads inside the window are one TagRead)."""

    epc_hex: str
    antenna: int | None = None
    rssi: int | None = None
    seen_count: int = 1
    device_id: str = ""


class PrinterState(enum.Enum):
    READY = "ready"
    PAPER_OUT = "paper_out"
    RIBBON_OUT = "ribbon_out"
    HEAD_OPEN = "head_open"
    PAUSED = "paused"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    state: PrinterState
    message: str  # what an inspector should do, e.g. "Printer is out of labels: load a new roll."
    device_id: str = ""
    labels_remaining: int | None = None
