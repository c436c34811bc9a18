"""Scan interpretation: what a read means, as far as the code itself can tell.

Every source (serial scanner, keyboard wedge, camera, RFID) hands its bytes to `interpret()`, which answers
with a typed `Scan` or a `ScanRejected` carrying a message an inspector understands. The heavy lifting is
done by libraries: `biip` for GS1 element strings, GTIN and SSCC; `tracking-numbers` for carrier tracking
numbers; `epcpy` for SGTIN-96 EPCs (offline: the partition in the EPC gives the company-prefix length).
Our own identifiers (RMA, order, licence plate, badge) are matched by configurable patterns. The
libraries take a tenth of a second to import, so each is imported where it is used: a badge scan
never needs them, and the station loads them (`load_parsers`) once its window is up.

Order of the checks matters and is deliberate:
  1. bytes that cannot be a scan at all (too long, not UTF-8, control characters) are rejected;
  2. our own identifiers match by pattern first, because they have distinctive prefixes;
  3. EPC hex, then USPS ``420`` + ZIP + tracking number, then explicit GS1 element strings;
  4. bare digits of GTIN/SSCC length with a valid check digit, then unmarked GS1 element strings;
  5. carrier tracking numbers (all matching carriers are kept);
  6. digits of GTIN/SSCC length with a wrong check digit are rejected; anything else is UNKNOWN text.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource, TrackingCandidate
from devices.phrases import QT_TRANSLATE_NOOP, Phrase
from devices.scanning.symbology import carries_gs1_element_string, split_aim_prefix

if TYPE_CHECKING:
    from biip import ParseConfig
    from biip.gs1_messages import GS1Message
    from epcpy.epc_schemes.sgtin import SGTIN

MAX_SCAN_BYTES = 512
GS = "\x1d"

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_EPC_HEX = re.compile(r"[0-9A-Fa-f]{24}")
_SGTIN96_HEADER = "30"
_GTIN_LENGTHS = frozenset({8, 12, 13, 14})
_SSCC_LENGTH = 18
# USPS: GS1-128 "(420) ship-to ZIP" then the tracking number, with or without the GS between them.
_USPS_WITH_GS = re.compile(r"420([0-9]{5}|[0-9]{9})\x1d(.+)", re.ASCII | re.DOTALL)
_USPS_WITHOUT_GS = re.compile(r"420([0-9]{5})([0-9]{4})?([0-9]{20,34})", re.ASCII)
# An unmarked GS1 element string must open with a key AI (SSCC or GTIN) to be taken for one.
_GS1_KEY_START = re.compile(r"(00[0-9]{18}|0[12][0-9]{14})", re.ASCII)
_GS1_HRI_START = re.compile(r"\([0-9]{2,4}\)", re.ASCII)  # "(01)..." typed or pasted by a person
_EAN_UPC_AIMS = frozenset({"]E0", "]E1", "]E2", "]E3", "]E4", "]I1"})

_CARRIER_NAMES = {
    "ups": "UPS",
    "fedex": "FedEx",
    "usps": "USPS",
    "dhl": "DHL",
    "s10": "UPU S10",
    "amazon": "Amazon",
    "ontrac": "OnTrac",
    "cdl": "CDL",
}

MSG_TOO_LONG = QT_TRANSLATE_NOOP(
    "Devices", "Unreadable scan: it is longer than any barcode we use (more than {limit} characters). Scan again."
)
MSG_NOT_TEXT = QT_TRANSLATE_NOOP("Devices", "Unreadable scan: the scanner sent data that is not text. Scan again.")
MSG_CONTROL = QT_TRANSLATE_NOOP(
    "Devices",
    "Unreadable scan: the data contains control characters. Scan again; if it keeps happening, "
    "check the scanner's settings.",
)
MSG_EMPTY = QT_TRANSLATE_NOOP("Devices", "Nothing was read. Scan again.")
MSG_CHECK_DIGIT = QT_TRANSLATE_NOOP(
    "Devices", "Unreadable barcode: check digit is wrong. Scan again or type the number from the label."
)
MSG_GS1 = QT_TRANSLATE_NOOP(
    "Devices",
    "Unreadable GS1 barcode: the data does not follow the GS1 rules. Scan again or type the number from the label.",
)
MSG_NOT_PRODUCT_TAG = QT_TRANSLATE_NOOP(
    "Devices", "This RFID tag is not a product tag (SGTIN-96); it cannot be matched to an item."
)


def load_parsers() -> None:
    """Import the GS1, EPC and tracking-number libraries now rather than at the first scan that needs them."""
    import biip.gs1_messages  # noqa: F401 - imported for its cost, not its names
    import epcpy.utils.parsers  # noqa: F401
    import tracking_numbers  # noqa: F401


@functools.cache
def _gs1_config() -> ParseConfig:
    from biip import ParseConfig

    return ParseConfig(separator_chars=(GS,))


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class ScanPatterns:
    """Regular expressions for the warehouse's own identifiers; each must match the whole scan."""

    rma: str = r"RMA-\d{6,10}"
    order: str = r"(SO|ORD)-\d{5,12}"
    lpn: str = r"LPN-[0-9A-Z]{8,12}"
    badge: str = r"BADGE-\d{4,8}"

    def __post_init__(self) -> None:
        # A typo in station configuration should fail when it is loaded, not on the first scan.
        for spec in fields(self):
            _compiled(getattr(self, spec.name))

    def match(self, text: str) -> ScanKind | None:
        for kind, pattern in (
            (ScanKind.RMA, self.rma),
            (ScanKind.ORDER, self.order),
            (ScanKind.LPN, self.lpn),
            (ScanKind.BADGE, self.badge),
        ):
            if _compiled(pattern).fullmatch(text):
                return kind
        return None


DEFAULT_PATTERNS = ScanPatterns()


class _Rejection(Exception):
    """Raised inside the interpreter to end with a typed rejection."""

    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class _Read:
    """The facts common to every outcome of one interpretation."""

    raw: bytes
    text: str
    source: ScanSource
    symbology: str | None
    device_id: str

    def scan(self, kind: ScanKind, **facts: Any) -> Scan:
        return Scan(
            raw=self.raw,
            text=self.text,
            kind=kind,
            source=self.source,
            symbology=self.symbology,
            device_id=self.device_id,
            **facts,
        )


def interpret(
    raw: bytes,
    source: ScanSource,
    symbology: str | None = None,
    device_id: str = "",
    patterns: ScanPatterns = DEFAULT_PATTERNS,
) -> Scan | ScanRejected:
    """Turn one read into a typed `Scan`, or a `ScanRejected` saying why it cannot be used.

    `symbology` is the AIM identifier when the source knows it out of band (SSI barcode type, zxing);
    an AIM prefix inside the data takes precedence. Never raises for any input bytes.
    """
    try:
        text = _readable_text(raw)
        aim, body = split_aim_prefix(text)
        if not body:
            raise _Rejection(RejectReason.GARBAGE, MSG_EMPTY)
        read = _Read(raw=raw, text=body, source=source, symbology=aim or symbology, device_id=device_id)
        return _meaning(read, patterns)
    except _Rejection as rejection:
        return ScanRejected(
            raw=raw, reason=rejection.reason, message=rejection.message, source=source, device_id=device_id
        )


def _readable_text(raw: bytes) -> str:
    if len(raw) > MAX_SCAN_BYTES:
        raise _Rejection(RejectReason.TOO_LONG, Phrase(MSG_TOO_LONG, limit=MAX_SCAN_BYTES))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Rejection(RejectReason.GARBAGE, MSG_NOT_TEXT) from None
    # Terminators and padding around the data are transport, not content.
    text = text.strip(" \t\r\n")
    if not text:
        raise _Rejection(RejectReason.GARBAGE, MSG_EMPTY)
    if any(not ch.isprintable() and ch != GS for ch in text):
        raise _Rejection(RejectReason.GARBAGE, MSG_CONTROL)
    return text


def _meaning(read: _Read, patterns: ScanPatterns) -> Scan:
    text = read.text
    own_kind = patterns.match(text)
    if own_kind is not None:
        return read.scan(own_kind, value=text)

    epc = _epc(read)
    if epc is not None:
        return epc

    usps = _usps_tracking(read)
    if usps is not None:
        return usps

    if carries_gs1_element_string(read.symbology) or GS in text or _GS1_HRI_START.match(text):
        return _gs1_scan(read, _gs1_message(text))

    from biip import ParseError
    from biip.gtin import Gtin
    from biip.sscc import Sscc

    digits = _DIGITS.fullmatch(text) is not None
    if digits and len(text) in _GTIN_LENGTHS and _check_digit_ok(text):
        with contextlib.suppress(ParseError):
            gtin = Gtin.parse(text).as_gtin_14()
            return read.scan(ScanKind.GTIN, gtin=gtin, tracking=tracking_candidates(text))
    if digits and len(text) == _SSCC_LENGTH and _check_digit_ok(text):
        with contextlib.suppress(ParseError):
            sscc = Sscc.parse(text).value
            return read.scan(ScanKind.SSCC, sscc=sscc, tracking=tracking_candidates(text))

    if _GS1_KEY_START.match(text):
        # Unmarked (scanner without AIM prefixes): only a clean parse counts as GS1.
        try:
            return _gs1_scan(read, _gs1_message(text))
        except _Rejection:
            pass

    candidates = tracking_candidates(text)
    if candidates:
        return read.scan(ScanKind.TRACKING, tracking=candidates)

    if digits and (len(text) in _GTIN_LENGTHS or len(text) == _SSCC_LENGTH or read.symbology in _EAN_UPC_AIMS):
        raise _Rejection(RejectReason.BAD_CHECK_DIGIT, MSG_CHECK_DIGIT)
    return read.scan(ScanKind.UNKNOWN)


def _check_digit_ok(digits: str) -> bool:
    from biip.checksums import gs1_standard_check_digit

    return gs1_standard_check_digit(digits[:-1]) == int(digits[-1])


def tracking_candidates(number: str) -> tuple[TrackingCandidate, ...]:
    """Every carrier whose numbering scheme (check digit included) accepts this number."""
    from tracking_numbers import DEFINITIONS

    compact = re.sub(r"\s+", "", number).upper()
    found: list[TrackingCandidate] = []
    for definition in DEFINITIONS:
        try:
            tracking = definition.test(compact)
        except ValueError:
            # tracking-numbers 0.1.8 raises on a UPS-shaped number whose check character is a letter.
            continue
        if tracking is not None and tracking.valid:
            carrier = _CARRIER_NAMES.get(tracking.courier.code, tracking.courier.name)
            found.append(TrackingCandidate(carrier=carrier, service=tracking.product.name, number=compact))
    return tuple(found)


def _usps_tracking(read: _Read) -> Scan | None:
    text = read.text
    with_gs = _USPS_WITH_GS.fullmatch(text)
    if with_gs is not None:
        number = with_gs.group(2)
        candidates = tracking_candidates(number)
        return read.scan(ScanKind.TRACKING, tracking=candidates) if candidates else None
    without_gs = _USPS_WITHOUT_GS.fullmatch(text)
    if without_gs is None:
        return None
    # Without the GS the ZIP may be 5 or 9 digits: take whichever split leaves a valid tracking number.
    zip_plus4, tail = without_gs.group(2), without_gs.group(3)
    for number in ((zip_plus4 or "") + tail, tail):
        candidates = tracking_candidates(number)
        if candidates:
            return read.scan(ScanKind.TRACKING, tracking=candidates)
    return None


def _epc(read: _Read) -> Scan | None:
    tag = _sgtin96(read.text)
    if tag is None:
        if read.source is ScanSource.RFID:
            raise _Rejection(RejectReason.UNSUPPORTED, MSG_NOT_PRODUCT_TAG)
        return None
    from biip.gs1_messages import GS1Message

    message = GS1Message.parse_hri(tag.gs1_element_string())
    facts = _gs1_facts(message)
    return read.scan(
        ScanKind.EPC,
        gtin=facts.get("01"),
        serial=facts.get("21"),
        value=tag.epc_uri,
        fields=tuple(facts.items()),
    )


def _sgtin96(text: str) -> SGTIN | None:
    if _EPC_HEX.fullmatch(text) is None or not text.startswith(_SGTIN96_HEADER):
        return None
    from epcpy.epc_schemes.sgtin import SGTIN
    from epcpy.utils.common import ConvertException
    from epcpy.utils.parsers import hex_to_tag_encodable

    try:
        tag = hex_to_tag_encodable(text)
        if not isinstance(tag, SGTIN):
            return None
        # epcpy derives the GS1 element string (GTIN-14 + serial) from the partition-sized prefix.
        tag.gs1_element_string()
    except (ConvertException, ValueError, KeyError):
        return None
    return tag


def _gs1_message(text: str) -> GS1Message:
    from biip import ParseError
    from biip.gs1_messages import GS1Message

    try:
        if _GS1_HRI_START.match(text):
            message = GS1Message.parse_hri(text)
        else:
            message = GS1Message.parse(text, config=_gs1_config())
    except ParseError:
        raise _Rejection(RejectReason.MALFORMED_GS1, MSG_GS1) from None
    for element in message.element_strings:
        if element.gtin_error is not None or element.sscc_error is not None:
            bad_check = element.value.isdigit() and not _check_digit_ok(element.value)
            raise _Rejection(
                RejectReason.BAD_CHECK_DIGIT if bad_check else RejectReason.MALFORMED_GS1,
                MSG_CHECK_DIGIT if bad_check else MSG_GS1,
            )
    return message


def _gs1_scan(read: _Read, message: GS1Message) -> Scan:
    facts = _gs1_facts(message)
    ais = set(facts)
    if ais == {"00"}:
        kind = ScanKind.SSCC
    elif ais == {"01"}:
        kind = ScanKind.GTIN
    else:
        kind = ScanKind.GS1
    expiry_element = next((e for e in message.element_strings if e.ai.ai == "17"), None)
    expiry = expiry_element.date.isoformat() if expiry_element and expiry_element.date else None
    return read.scan(
        kind,
        gtin=facts.get("01") or facts.get("02"),
        serial=facts.get("21"),
        lot=facts.get("10"),
        expiry=expiry,
        sscc=facts.get("00"),
        fields=tuple((e.ai.ai, e.value) for e in message.element_strings),
    )


def _gs1_facts(message: GS1Message) -> dict[str, str]:
    # The first occurrence of an AI is its value; repeats are kept only in Scan.fields.
    facts: dict[str, str] = {}
    for element in message.element_strings:
        facts.setdefault(element.ai.ai, element.value)
    return facts
