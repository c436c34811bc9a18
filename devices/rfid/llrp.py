"""LLRP 1.0.1 binary codec: the frames and parameters a fixed RFID reader (Impinj, Zebra) speaks on TCP 5084.

Only what the station uses is modelled. The client side encodes the messages we send (capabilities and
configuration requests, the inventory ROSpec, keepalive acknowledgements, close) and decodes what a
reader sends (connection events, responses with their LLRPStatus, tag reports, keepalives, errors).
The simulator uses the opposite halves, so both directions are tested against each other and against
real Impinj captures.

Wire format (LLRP 1.0.1, section 16):

- message header: u16 ``reserved(3) | version(3) | type(10)``, u32 total length, u32 message id;
- TLV parameter: u16 ``reserved(6) | type(10)``, u16 total length, value (types 128-2047);
- TV parameter: one byte ``0x80 | type`` and a value whose size is fixed by the type (types 1-127).

Errors are typed. `FrameError` means the byte stream itself is broken (a header that cannot be LLRP, a
length that is too short or absurdly long): nothing after it can be trusted and the connection must be
dropped. `MessageError` means one well-framed message has a malformed body: it is skipped and the
stream carries on.
"""

from __future__ import annotations

import enum
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

PROTOCOL_VERSION = 1
DEFAULT_PORT = 5084
HEADER = struct.Struct(">HII")
HEADER_SIZE = HEADER.size
# A tag report of a few thousand tags is tens of kilobytes; a header claiming more than this is noise.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
_SUPPORTED_VERSIONS = frozenset({1, 2})  # 2 is LLRP 1.1, whose framing is the same


class MessageType(enum.IntEnum):
    GET_READER_CAPABILITIES = 1
    GET_READER_CONFIG = 2
    SET_READER_CONFIG = 3
    CLOSE_CONNECTION_RESPONSE = 4
    GET_READER_CAPABILITIES_RESPONSE = 11
    GET_READER_CONFIG_RESPONSE = 12
    SET_READER_CONFIG_RESPONSE = 13
    CLOSE_CONNECTION = 14
    ADD_ROSPEC = 20
    DELETE_ROSPEC = 21
    START_ROSPEC = 22
    STOP_ROSPEC = 23
    ENABLE_ROSPEC = 24
    DISABLE_ROSPEC = 25
    ADD_ROSPEC_RESPONSE = 30
    DELETE_ROSPEC_RESPONSE = 31
    START_ROSPEC_RESPONSE = 32
    STOP_ROSPEC_RESPONSE = 33
    ENABLE_ROSPEC_RESPONSE = 34
    DISABLE_ROSPEC_RESPONSE = 35
    DELETE_ACCESSSPEC = 41
    DELETE_ACCESSSPEC_RESPONSE = 51
    RO_ACCESS_REPORT = 61
    KEEPALIVE = 62
    READER_EVENT_NOTIFICATION = 63
    ENABLE_EVENTS_AND_REPORTS = 64
    KEEPALIVE_ACK = 72
    ERROR_MESSAGE = 100
    CUSTOM_MESSAGE = 1023


RESPONSE_TO: dict[MessageType, MessageType] = {
    MessageType.GET_READER_CAPABILITIES: MessageType.GET_READER_CAPABILITIES_RESPONSE,
    MessageType.GET_READER_CONFIG: MessageType.GET_READER_CONFIG_RESPONSE,
    MessageType.SET_READER_CONFIG: MessageType.SET_READER_CONFIG_RESPONSE,
    MessageType.CLOSE_CONNECTION: MessageType.CLOSE_CONNECTION_RESPONSE,
    MessageType.ADD_ROSPEC: MessageType.ADD_ROSPEC_RESPONSE,
    MessageType.DELETE_ROSPEC: MessageType.DELETE_ROSPEC_RESPONSE,
    MessageType.START_ROSPEC: MessageType.START_ROSPEC_RESPONSE,
    MessageType.STOP_ROSPEC: MessageType.STOP_ROSPEC_RESPONSE,
    MessageType.ENABLE_ROSPEC: MessageType.ENABLE_ROSPEC_RESPONSE,
    MessageType.DISABLE_ROSPEC: MessageType.DISABLE_ROSPEC_RESPONSE,
    MessageType.DELETE_ACCESSSPEC: MessageType.DELETE_ACCESSSPEC_RESPONSE,
}
_RESPONSES = frozenset(RESPONSE_TO.values())


class ParameterType(enum.IntEnum):
    # TV parameters (fixed size, see TV_SIZES)
    ANTENNA_ID = 1
    FIRST_SEEN_UTC = 2
    FIRST_SEEN_UPTIME = 3
    LAST_SEEN_UTC = 4
    LAST_SEEN_UPTIME = 5
    PEAK_RSSI = 6
    CHANNEL_INDEX = 7
    TAG_SEEN_COUNT = 8
    ROSPEC_ID = 9
    INVENTORY_PARAMETER_SPEC_ID = 10
    C1G2_CRC = 11
    C1G2_PC = 12
    EPC_96 = 13
    SPEC_INDEX = 14
    CLIENT_REQUEST_OPSPEC_RESULT = 15
    ACCESS_SPEC_ID = 16
    OPSPEC_ID = 17
    C1G2_SINGULATION_DETAILS = 18
    C1G2_XPCW1 = 19
    C1G2_XPCW2 = 20
    # TLV parameters
    UTC_TIMESTAMP = 128
    UPTIME = 129
    GENERAL_DEVICE_CAPABILITIES = 137
    RECEIVE_SENSITIVITY_TABLE_ENTRY = 139
    PER_ANTENNA_AIR_PROTOCOL = 140
    GPIO_CAPABILITIES = 141
    LLRP_CAPABILITIES = 142
    REGULATORY_CAPABILITIES = 143
    UHF_BAND_CAPABILITIES = 144
    TRANSMIT_POWER_LEVEL_TABLE_ENTRY = 145
    FREQUENCY_INFORMATION = 146
    FREQUENCY_HOP_TABLE = 147
    ROSPEC = 177
    RO_BOUNDARY_SPEC = 178
    ROSPEC_START_TRIGGER = 179
    ROSPEC_STOP_TRIGGER = 182
    AISPEC = 183
    AISPEC_STOP_TRIGGER = 184
    INVENTORY_PARAMETER_SPEC = 186
    IDENTIFICATION = 218
    KEEPALIVE_SPEC = 220
    ANTENNA_PROPERTIES = 221
    ANTENNA_CONFIGURATION = 222
    RF_TRANSMITTER = 224
    EVENTS_AND_REPORTS = 226
    RO_REPORT_SPEC = 237
    TAG_REPORT_CONTENT_SELECTOR = 238
    TAG_REPORT_DATA = 240
    EPC_DATA = 241
    READER_EVENT_NOTIFICATION_DATA = 246
    CONNECTION_ATTEMPT_EVENT = 256
    CONNECTION_CLOSE_EVENT = 257
    LLRP_STATUS = 287
    FIELD_ERROR = 288
    PARAMETER_ERROR = 289
    C1G2_LLRP_CAPABILITIES = 327
    UHF_C1G2_RF_MODE_TABLE = 328
    UHF_C1G2_RF_MODE_TABLE_ENTRY = 329
    CUSTOM = 1023


# Value sizes of the TV parameters (LLRP 1.0.1 16.2.7.3 and 16.3.1.5; 19/20 are LLRP 1.1 XPC words).
TV_SIZES: dict[int, int] = {
    1: 2,
    2: 8,
    3: 8,
    4: 8,
    5: 8,
    6: 1,
    7: 2,
    8: 2,
    9: 4,
    10: 2,
    11: 2,
    12: 2,
    13: 12,
    14: 2,
    15: 2,
    16: 4,
    17: 2,
    18: 4,
    19: 2,
    20: 2,
}


class StatusCode(enum.IntEnum):
    """LLRPStatus codes (LLRP 1.0.1 14.2.1); M_ message, P_ parameter, A_ field, R_ reader."""

    SUCCESS = 0
    M_PARAMETER_ERROR = 100
    M_FIELD_ERROR = 101
    M_UNEXPECTED_PARAMETER = 102
    M_MISSING_PARAMETER = 103
    M_DUPLICATE_PARAMETER = 104
    M_OVERFLOW_PARAMETER = 105
    M_OVERFLOW_FIELD = 106
    M_UNKNOWN_PARAMETER = 107
    M_UNKNOWN_FIELD = 108
    M_UNSUPPORTED_MESSAGE = 109
    M_UNSUPPORTED_VERSION = 110
    M_UNSUPPORTED_PARAMETER = 111
    P_PARAMETER_ERROR = 200
    P_FIELD_ERROR = 201
    P_UNEXPECTED_PARAMETER = 202
    P_MISSING_PARAMETER = 203
    P_DUPLICATE_PARAMETER = 204
    P_OVERFLOW_PARAMETER = 205
    P_OVERFLOW_FIELD = 206
    P_UNKNOWN_PARAMETER = 207
    P_UNKNOWN_FIELD = 208
    P_UNSUPPORTED_PARAMETER = 209
    A_INVALID = 300
    A_OUT_OF_RANGE = 301
    R_DEVICE_ERROR = 401


class ConnectionStatus(enum.IntEnum):
    """ConnectionAttemptEvent status (LLRP 1.0.1 13.2.6.11)."""

    SUCCESS = 0
    READER_CONNECTION_EXISTS = 1  # the reader itself already connected out to a client
    CLIENT_CONNECTION_EXISTS = 2  # another client (another station) is connected
    FAILED = 3
    ANOTHER_ATTEMPTED = 4  # sent to the connected client when someone else tried


class StartTrigger(enum.IntEnum):
    """ROSpecStartTriggerType: when an enabled ROSpec begins inventorying."""

    NULL = 0  # only on START_ROSPEC
    IMMEDIATE = 1


# TagReportContentSelector bits (LLRP 1.0.1 16.2.7.1.1), most significant first.
_ENABLE_ROSPEC_ID = 0x8000
_ENABLE_ANTENNA_ID = 0x1000
_ENABLE_CHANNEL_INDEX = 0x0800
_ENABLE_PEAK_RSSI = 0x0400
_ENABLE_FIRST_SEEN = 0x0200
_ENABLE_LAST_SEEN = 0x0100
_ENABLE_TAG_SEEN_COUNT = 0x0080
_REPORT_CONTENT = (
    _ENABLE_ANTENNA_ID | _ENABLE_PEAK_RSSI | _ENABLE_FIRST_SEEN | _ENABLE_LAST_SEEN | _ENABLE_TAG_SEEN_COUNT
)
_UPON_N_TAGS_OR_END_OF_AISPEC = 1
_PERIODIC_KEEPALIVE = 1
_EPC_GLOBAL_C1G2 = 1


# -- errors ---------------------------------------------------------------------------------------


class LlrpError(Exception):
    """Bytes from the reader that do not follow LLRP. The message is for IT, not a traceback."""


class FrameError(LlrpError):
    """The byte stream is broken; the connection has to be dropped and opened again.

    `frames` holds the complete messages decoded from the same chunk before the damage.
    """

    def __init__(self, message: str, frames: tuple[Frame, ...] = ()) -> None:
        super().__init__(message)
        self.frames = frames


class MessageError(LlrpError):
    """One framed message has a body that cannot be decoded; the stream itself is intact."""


# -- framing --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Frame:
    """One LLRP message: its type, its id (which pairs a response with its request) and its body."""

    message_type: int
    message_id: int
    body: bytes = b""
    version: int = PROTOCOL_VERSION

    def encode(self) -> bytes:
        if not 0 <= self.message_type < 1024:
            raise ValueError(f"LLRP message type {self.message_type} does not fit in 10 bits")
        first = ((self.version & 0x7) << 10) | self.message_type
        return HEADER.pack(first, HEADER_SIZE + len(self.body), self.message_id & 0xFFFFFFFF) + self.body

    @property
    def name(self) -> str:
        try:
            return MessageType(self.message_type).name
        except ValueError:
            return f"message type {self.message_type}"


class FrameDecoder:
    """Splits a TCP byte stream into `Frame`s. After a `FrameError` it refuses further input."""

    def __init__(self, max_message_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self._buffer = bytearray()
        self._max = max_message_bytes
        self._broken: str | None = None

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> list[Frame]:
        if self._broken is not None:
            raise FrameError(self._broken)
        self._buffer += data
        frames: list[Frame] = []
        while len(self._buffer) >= HEADER_SIZE:
            first, length, message_id = HEADER.unpack_from(self._buffer)
            problem = self._check_header(first, length)
            if problem is not None:
                self._broken = problem
                self._buffer.clear()
                raise FrameError(problem, tuple(frames))
            if len(self._buffer) < length:
                break
            body = bytes(self._buffer[HEADER_SIZE:length])
            del self._buffer[:length]
            frames.append(Frame(first & 0x3FF, message_id, body, (first >> 10) & 0x7))
        return frames

    def _check_header(self, first: int, length: int) -> str | None:
        version = (first >> 10) & 0x7
        if version not in _SUPPORTED_VERSIONS:
            return f"The RFID reader sent data that is not LLRP (protocol version {version})."
        if length < HEADER_SIZE:
            return f"The RFID reader sent a damaged LLRP message (length {length} is shorter than its header)."
        if length > self._max:
            return f"The RFID reader sent an LLRP message of {length} bytes, more than the {self._max} accepted."
        return None


# -- parameters -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parameter:
    """One decoded parameter: its type and its value bytes (after the TLV header, or the TV type byte)."""

    type: int
    value: bytes
    tv: bool = False

    def children(self, offset: int = 0) -> list[Parameter]:
        """The sub-parameters that follow `offset` bytes of fixed fields."""
        return list(iter_parameters(self.value[offset:]))


def iter_parameters(data: bytes) -> Iterator[Parameter]:
    """Walk a run of TLV and TV parameters; `MessageError` if one is truncated or of unknown TV type."""
    view = memoryview(data)
    position = 0
    while position < len(view):
        first = view[position]
        if first & 0x80:
            ptype = first & 0x7F
            size = TV_SIZES.get(ptype)
            if size is None:
                raise MessageError(f"unknown TV parameter type {ptype} at byte {position}")
            end = position + 1 + size
            if end > len(view):
                raise MessageError(f"TV parameter {ptype} is cut short at byte {position}")
            yield Parameter(ptype, bytes(view[position + 1 : end]), tv=True)
            position = end
            continue
        if position + 4 > len(view):
            raise MessageError(f"a parameter header is cut short at byte {position}")
        ptype_field, length = struct.unpack_from(">HH", view, position)
        ptype = ptype_field & 0x3FF
        if length < 4 or position + length > len(view):
            raise MessageError(f"parameter {ptype} at byte {position} claims {length} bytes")
        yield Parameter(ptype, bytes(view[position + 4 : position + length]))
        position += length


def tlv(ptype: int, value: bytes = b"", *children: bytes) -> bytes:
    """Encode one TLV parameter with its fixed fields and already-encoded sub-parameters."""
    body = value + b"".join(children)
    if len(body) + 4 > 0xFFFF:
        raise ValueError(f"LLRP parameter {ptype} would be {len(body) + 4} bytes; at most 65535 fit")
    return struct.pack(">HH", ptype & 0x3FF, len(body) + 4) + body


def tv(ptype: int, value: bytes) -> bytes:
    if TV_SIZES.get(ptype) != len(value):
        raise ValueError(f"TV parameter {ptype} takes {TV_SIZES.get(ptype)} bytes, not {len(value)}")
    return bytes((0x80 | ptype,)) + value


def _unpack(fmt: str, data: bytes, what: str, offset: int = 0) -> tuple[int, ...]:
    try:
        return struct.unpack_from(fmt, data, offset)
    except struct.error:
        raise MessageError(f"{what} is too short") from None


def _utf8(data: bytes, offset: int, what: str) -> tuple[str, int]:
    """A u16 byte count followed by UTF-8 text; returns the text and the offset after it."""
    (count,) = _unpack(">H", data, what, offset)
    text = data[offset + 2 : offset + 2 + count]
    if len(text) < count:
        raise MessageError(f"{what} text is cut short")
    return text.decode("utf-8", errors="replace"), offset + 2 + count


# -- what a reader sends --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LlrpStatus:
    code: int
    description: str = ""
    detail: str = ""  # what a FieldError/ParameterError points at, for IT

    @property
    def ok(self) -> bool:
        return self.code == StatusCode.SUCCESS

    def describe(self) -> str:
        try:
            name = StatusCode(self.code).name
        except ValueError:
            name = f"status {self.code}"
        parts = [name]
        if self.description:
            parts.append(self.description)
        if self.detail:
            parts.append(self.detail)
        return ": ".join(parts)


@dataclass(frozen=True, slots=True)
class TagReport:
    """One TagReportData: a tag the reader saw, with what the report content selector asked for."""

    epc_hex: str
    antenna: int | None = None
    peak_rssi: int | None = None
    seen_count: int | None = None
    first_seen_us: int | None = None
    last_seen_us: int | None = None
    channel_index: int | None = None
    rospec_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReaderEvent:
    """READER_EVENT_NOTIFICATION: the connection events the client acts on, other events by type."""

    message_id: int
    timestamp_us: int | None = None
    connection: int | None = None  # a ConnectionStatus value when a ConnectionAttemptEvent is present
    connection_closed: bool = False  # the reader is about to close the connection on its own
    other_events: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Response:
    """Any *_RESPONSE: its LLRPStatus and the parameters after it."""

    message_type: MessageType
    message_id: int
    status: LlrpStatus
    parameters: tuple[Parameter, ...] = ()


@dataclass(frozen=True, slots=True)
class AccessReport:
    message_id: int
    tags: tuple[TagReport, ...] = ()


@dataclass(frozen=True, slots=True)
class Keepalive:
    message_id: int


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    """ERROR_MESSAGE: the reader could not handle a message (often: unsupported version or type)."""

    message_id: int
    status: LlrpStatus


@dataclass(frozen=True, slots=True)
class OtherMessage:
    """A message the station does not use (custom vendor messages and the like): ignored."""

    frame: Frame


ReaderMessage = ReaderEvent | Response | AccessReport | Keepalive | ErrorMessage | OtherMessage


def decode_status(parameter: Parameter) -> LlrpStatus:
    data = parameter.value
    (code,) = _unpack(">H", data, "LLRPStatus")
    description, offset = _utf8(data, 2, "LLRPStatus error description")
    details = []
    for child in iter_parameters(data[offset:]):
        if child.type == ParameterType.FIELD_ERROR:
            number, error = _unpack(">HH", child.value, "FieldError")
            details.append(f"field {number} (error {error})")
        elif child.type == ParameterType.PARAMETER_ERROR:
            ptype, error = _unpack(">HH", child.value, "ParameterError")
            details.append(f"parameter {ptype} (error {error})")
    return LlrpStatus(code, description, ", ".join(details))


def _status_first(parameters: list[Parameter], what: str) -> tuple[LlrpStatus, tuple[Parameter, ...]]:
    if not parameters or parameters[0].type != ParameterType.LLRP_STATUS:
        raise MessageError(f"{what} carries no LLRPStatus")
    return decode_status(parameters[0]), tuple(parameters[1:])


def decode_tag_report(parameter: Parameter) -> TagReport:
    epc: str | None = None
    found: dict[int, int] = {}
    for child in parameter.children():
        if child.tv and child.type == ParameterType.EPC_96:
            epc = child.value.hex().upper()
        elif not child.tv and child.type == ParameterType.EPC_DATA:
            (bits,) = _unpack(">H", child.value, "EPCData")
            epc_bytes = child.value[2 : 2 + (bits + 7) // 8]
            if len(epc_bytes) * 8 < bits:
                raise MessageError("EPCData is shorter than its bit count")
            epc = epc_bytes.hex().upper()
        elif child.tv and child.type == ParameterType.PEAK_RSSI:
            found[child.type] = struct.unpack(">b", child.value)[0]
        elif child.tv:  # TV values have the size their type fixes: iter_parameters checked it
            found[child.type] = int.from_bytes(child.value, "big")
    if epc is None:
        raise MessageError("a TagReportData has no EPC")
    return TagReport(
        epc_hex=epc,
        antenna=found.get(ParameterType.ANTENNA_ID),
        peak_rssi=found.get(ParameterType.PEAK_RSSI),
        seen_count=found.get(ParameterType.TAG_SEEN_COUNT),
        first_seen_us=found.get(ParameterType.FIRST_SEEN_UTC, found.get(ParameterType.FIRST_SEEN_UPTIME)),
        last_seen_us=found.get(ParameterType.LAST_SEEN_UTC, found.get(ParameterType.LAST_SEEN_UPTIME)),
        channel_index=found.get(ParameterType.CHANNEL_INDEX),
        rospec_id=found.get(ParameterType.ROSPEC_ID),
    )


def decode_reader_event(message_id: int, parameters: Iterable[Parameter]) -> ReaderEvent:
    timestamp: int | None = None
    connection: int | None = None
    closed = False
    others: list[int] = []
    for data in parameters:
        if data.type != ParameterType.READER_EVENT_NOTIFICATION_DATA:
            continue
        for event in data.children():
            if event.type in (ParameterType.UTC_TIMESTAMP, ParameterType.UPTIME):
                (timestamp,) = _unpack(">Q", event.value, "event timestamp")
            elif event.type == ParameterType.CONNECTION_ATTEMPT_EVENT:
                (connection,) = _unpack(">H", event.value, "ConnectionAttemptEvent")
            elif event.type == ParameterType.CONNECTION_CLOSE_EVENT:
                closed = True
            else:
                others.append(event.type)
    return ReaderEvent(message_id, timestamp, connection, closed, tuple(others))


def decode_reader_message(frame: Frame) -> ReaderMessage:
    """Decode one message a reader sends. `MessageError` when the body is malformed."""
    try:
        kind = MessageType(frame.message_type)
    except ValueError:
        return OtherMessage(frame)
    if kind is MessageType.KEEPALIVE:
        return Keepalive(frame.message_id)
    if kind not in _RESPONSES and kind not in (
        MessageType.RO_ACCESS_REPORT,
        MessageType.READER_EVENT_NOTIFICATION,
        MessageType.ERROR_MESSAGE,
    ):
        return OtherMessage(frame)
    parameters = list(iter_parameters(frame.body))
    if kind is MessageType.RO_ACCESS_REPORT:
        tags = tuple(decode_tag_report(p) for p in parameters if p.type == ParameterType.TAG_REPORT_DATA)
        return AccessReport(frame.message_id, tags)
    if kind is MessageType.READER_EVENT_NOTIFICATION:
        return decode_reader_event(frame.message_id, parameters)
    status, rest = _status_first(parameters, kind.name)
    if kind is MessageType.ERROR_MESSAGE:
        return ErrorMessage(frame.message_id, status)
    return Response(kind, frame.message_id, status, rest)


# -- reader capabilities --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RfMode:
    mode_id: int
    backscatter_bps: int
    min_tari_ns: int


@dataclass(frozen=True, slots=True)
class ReaderCapabilities:
    """What GET_READER_CAPABILITIES_RESPONSE says about the reader, as far as the station uses it."""

    max_antennas: int
    manufacturer: int
    model: int
    firmware: str
    has_utc_clock: bool
    country_code: int | None = None
    transmit_power: tuple[tuple[int, float], ...] = ()  # (index, dBm) from the regulatory power table
    rf_modes: tuple[RfMode, ...] = ()

    def power_index(self, dbm: float) -> int:
        """The table index of the strongest power not above `dbm` (the weakest if all are above)."""
        if not self.transmit_power:
            raise LlrpError("The RFID reader reported no transmit power table.")
        usable = [entry for entry in self.transmit_power if entry[1] <= dbm + 1e-9]
        if not usable:
            return min(self.transmit_power, key=lambda entry: entry[1])[0]
        return max(usable, key=lambda entry: entry[1])[0]


def decode_capabilities(response: Response) -> ReaderCapabilities:
    general: Parameter | None = None
    regulatory: Parameter | None = None
    for parameter in response.parameters:
        if parameter.type == ParameterType.GENERAL_DEVICE_CAPABILITIES:
            general = parameter
        elif parameter.type == ParameterType.REGULATORY_CAPABILITIES:
            regulatory = parameter
    if general is None:
        raise MessageError("the capabilities response has no GeneralDeviceCapabilities")
    antennas, flags, manufacturer, model = _unpack(">HHII", general.value, "GeneralDeviceCapabilities")
    firmware, _ = _utf8(general.value, 12, "firmware version")
    country: int | None = None
    power: list[tuple[int, float]] = []
    modes: list[RfMode] = []
    if regulatory is not None:
        country, _standard = _unpack(">HH", regulatory.value, "RegulatoryCapabilities")
        for band in regulatory.children(4):
            if band.type != ParameterType.UHF_BAND_CAPABILITIES:
                continue
            for entry in band.children():
                if entry.type == ParameterType.TRANSMIT_POWER_LEVEL_TABLE_ENTRY:
                    index, centi_dbm = _unpack(">Hh", entry.value, "TransmitPowerLevelTableEntry")
                    power.append((index, centi_dbm / 100))
                elif entry.type == ParameterType.UHF_C1G2_RF_MODE_TABLE:
                    for mode in entry.children():
                        if mode.type == ParameterType.UHF_C1G2_RF_MODE_TABLE_ENTRY:
                            mode_id, _f, bdr, _pie, tari = _unpack(">I4sIII", mode.value, "RF mode")
                            modes.append(RfMode(mode_id, bdr, tari))
    return ReaderCapabilities(
        max_antennas=antennas,
        manufacturer=manufacturer,
        model=model,
        firmware=firmware,
        has_utc_clock=bool(flags & 0x4000),
        country_code=country,
        transmit_power=tuple(power),
        rf_modes=tuple(modes),
    )


# -- what the station sends -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoSpec:
    """The one inventory the station runs: all (or the listed) antennas, report every N tags."""

    rospec_id: int = 1
    start: StartTrigger = StartTrigger.IMMEDIATE
    antennas: tuple[int, ...] = ()  # empty: every antenna (antenna id 0)
    report_every_n_tags: int = 1
    power_index: int | None = None  # a transmit power table index; None keeps the reader's setting

    def encode(self) -> bytes:
        boundary = tlv(
            ParameterType.RO_BOUNDARY_SPEC,
            b"",
            tlv(ParameterType.ROSPEC_START_TRIGGER, struct.pack(">B", self.start)),
            tlv(ParameterType.ROSPEC_STOP_TRIGGER, struct.pack(">BI", 0, 0)),
        )
        antennas = self.antennas or (0,)
        inventory_children = []
        if self.power_index is not None:
            for antenna in antennas:
                transmitter = tlv(ParameterType.RF_TRANSMITTER, struct.pack(">HHH", 1, 1, self.power_index))
                inventory_children.append(
                    tlv(ParameterType.ANTENNA_CONFIGURATION, struct.pack(">H", antenna), transmitter)
                )
        aispec = tlv(
            ParameterType.AISPEC,
            struct.pack(f">H{len(antennas)}H", len(antennas), *antennas),
            tlv(ParameterType.AISPEC_STOP_TRIGGER, struct.pack(">BI", 0, 0)),
            tlv(ParameterType.INVENTORY_PARAMETER_SPEC, struct.pack(">HB", 1, _EPC_GLOBAL_C1G2), *inventory_children),
        )
        report = tlv(
            ParameterType.RO_REPORT_SPEC,
            struct.pack(">BH", _UPON_N_TAGS_OR_END_OF_AISPEC, self.report_every_n_tags),
            tlv(ParameterType.TAG_REPORT_CONTENT_SELECTOR, struct.pack(">H", _REPORT_CONTENT)),
        )
        # Priority 0, current state 0 (disabled): ENABLE_ROSPEC arms it.
        return tlv(ParameterType.ROSPEC, struct.pack(">IBB", self.rospec_id, 0, 0), boundary, aispec, report)


def decode_rospec(body: bytes) -> RoSpec:
    """The ROSpec in an ADD_ROSPEC body (used by the simulator, and to test `RoSpec.encode`)."""
    spec = next((p for p in iter_parameters(body) if p.type == ParameterType.ROSPEC), None)
    if spec is None:
        raise MessageError("ADD_ROSPEC carries no ROSpec")
    rospec_id, _priority, _state = _unpack(">IBB", spec.value, "ROSpec")
    start = StartTrigger.NULL
    antennas: tuple[int, ...] = ()
    every_n = 0
    power: int | None = None
    for child in spec.children(6):
        if child.type == ParameterType.RO_BOUNDARY_SPEC:
            for trigger in child.children():
                if trigger.type == ParameterType.ROSPEC_START_TRIGGER:
                    (kind,) = _unpack(">B", trigger.value, "ROSpecStartTrigger")
                    start = StartTrigger.IMMEDIATE if kind == StartTrigger.IMMEDIATE else StartTrigger.NULL
        elif child.type == ParameterType.AISPEC:
            (count,) = _unpack(">H", child.value, "AISpec")
            listed = _unpack(f">{count}H", child.value, "AISpec antenna list", 2)
            antennas = () if listed == (0,) else listed
            power = _power_index(child.children(2 + 2 * count), power)
        elif child.type == ParameterType.RO_REPORT_SPEC:
            _trigger, every_n = _unpack(">BH", child.value, "ROReportSpec")
    return RoSpec(rospec_id, start, antennas, every_n, power)


def _power_index(children: list[Parameter], power: int | None) -> int | None:
    for inventory in children:
        if inventory.type != ParameterType.INVENTORY_PARAMETER_SPEC:
            continue
        for config in inventory.children(3):
            if config.type != ParameterType.ANTENNA_CONFIGURATION:
                continue
            for transmitter in config.children(2):
                if transmitter.type == ParameterType.RF_TRANSMITTER:
                    power = _unpack(">HHH", transmitter.value, "RFTransmitter")[2]
    return power


def rospec_id_of(frame: Frame) -> int:
    """The u32 ROSpecID / AccessSpecID that START/STOP/ENABLE/DISABLE/DELETE messages carry."""
    return _unpack(">I", frame.body, frame.name)[0]


def keepalive_interval_ms(body: bytes) -> int | None:
    """The periodic keepalive interval a SET_READER_CONFIG asks for; None when it asks for none."""
    for parameter in iter_parameters(body[1:]):
        if parameter.type == ParameterType.KEEPALIVE_SPEC:
            kind, interval = _unpack(">BI", parameter.value, "KeepaliveSpec")
            return interval if kind == _PERIODIC_KEEPALIVE and interval > 0 else None
    return None


def get_reader_capabilities(message_id: int) -> Frame:
    return Frame(MessageType.GET_READER_CAPABILITIES, message_id, struct.pack(">B", 0))  # 0: all


def get_reader_config(message_id: int) -> Frame:
    # Antenna 0 (all), requested data 0 (all), GPI and GPO port 0 (all).
    return Frame(MessageType.GET_READER_CONFIG, message_id, struct.pack(">HBHH", 0, 0, 0, 0))


def enable_events_and_reports(message_id: int) -> Frame:
    return Frame(MessageType.ENABLE_EVENTS_AND_REPORTS, message_id)


def set_reader_config(message_id: int, *, keepalive_ms: int | None) -> Frame:
    kind, interval = (_PERIODIC_KEEPALIVE, keepalive_ms) if keepalive_ms else (0, 0)
    keepalive = tlv(ParameterType.KEEPALIVE_SPEC, struct.pack(">BI", kind, interval))
    # Do not hold events across reconnects: a reconnecting station wants a fresh start.
    events = tlv(ParameterType.EVENTS_AND_REPORTS, struct.pack(">B", 0))
    return Frame(MessageType.SET_READER_CONFIG, message_id, struct.pack(">B", 0) + keepalive + events)


def add_rospec(message_id: int, spec: RoSpec) -> Frame:
    return Frame(MessageType.ADD_ROSPEC, message_id, spec.encode())


def rospec_command(kind: MessageType, message_id: int, rospec_id: int) -> Frame:
    """START/STOP/ENABLE/DISABLE/DELETE_ROSPEC or DELETE_ACCESSSPEC for one id (0: all)."""
    return Frame(kind, message_id, struct.pack(">I", rospec_id))


def keepalive_ack(message_id: int) -> Frame:
    return Frame(MessageType.KEEPALIVE_ACK, message_id)


def close_connection(message_id: int) -> Frame:
    return Frame(MessageType.CLOSE_CONNECTION, message_id)


# -- what a reader sends (for the simulator and tests) --------------------------------------------


def status_parameter(code: int = StatusCode.SUCCESS, description: str = "") -> bytes:
    text = description.encode("utf-8")
    return tlv(ParameterType.LLRP_STATUS, struct.pack(">HH", code, len(text)) + text)


def response(
    kind: MessageType, message_id: int, code: int = StatusCode.SUCCESS, description: str = "", *extra: bytes
) -> Frame:
    return Frame(kind, message_id, status_parameter(code, description) + b"".join(extra))


def error_message(message_id: int, code: int, description: str) -> Frame:
    return Frame(MessageType.ERROR_MESSAGE, message_id, status_parameter(code, description))


def reader_event(
    message_id: int, timestamp_us: int, *, connection: ConnectionStatus | None = None, closing: bool = False
) -> Frame:
    events = [tlv(ParameterType.UTC_TIMESTAMP, struct.pack(">Q", timestamp_us))]
    if connection is not None:
        events.append(tlv(ParameterType.CONNECTION_ATTEMPT_EVENT, struct.pack(">H", connection)))
    if closing:
        events.append(tlv(ParameterType.CONNECTION_CLOSE_EVENT))
    data = tlv(ParameterType.READER_EVENT_NOTIFICATION_DATA, b"", *events)
    return Frame(MessageType.READER_EVENT_NOTIFICATION, message_id, data)


def encode_tag_report(tag: TagReport) -> bytes:
    epc = bytes.fromhex(tag.epc_hex)
    if len(epc) == 12:
        parts = [tv(ParameterType.EPC_96, epc)]
    else:
        parts = [tlv(ParameterType.EPC_DATA, struct.pack(">H", len(epc) * 8) + epc)]
    optional: list[tuple[ParameterType, int | None, str]] = [
        (ParameterType.ROSPEC_ID, tag.rospec_id, ">I"),
        (ParameterType.ANTENNA_ID, tag.antenna, ">H"),
        (ParameterType.PEAK_RSSI, tag.peak_rssi, ">b"),
        (ParameterType.CHANNEL_INDEX, tag.channel_index, ">H"),
        (ParameterType.FIRST_SEEN_UTC, tag.first_seen_us, ">Q"),
        (ParameterType.LAST_SEEN_UTC, tag.last_seen_us, ">Q"),
        (ParameterType.TAG_SEEN_COUNT, tag.seen_count, ">H"),
    ]
    parts += [tv(ptype, struct.pack(fmt, value)) for ptype, value, fmt in optional if value is not None]
    return tlv(ParameterType.TAG_REPORT_DATA, b"", *parts)


def ro_access_report(message_id: int, tags: Iterable[TagReport]) -> Frame:
    return Frame(MessageType.RO_ACCESS_REPORT, message_id, b"".join(encode_tag_report(t) for t in tags))


def keepalive(message_id: int) -> Frame:
    return Frame(MessageType.KEEPALIVE, message_id)
