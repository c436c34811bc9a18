"""Zebra SSI (Simple Serial Interface) packets: encoding, checksums and an incremental deframer.

A packet is ``Len Opcode Src Status Data... CkHi CkLo``; Len counts Len..Data (not the checksum) and the
checksum is the two's complement of the byte sum, high byte first (shared/reference/devices.md). Both the
station's driver and the scanner simulator use this module, one from each end of the wire.

The deframer never raises: bytes that do not form a valid packet are collected into one `FrameDamage` per
damaged run, reported when the run ends (a valid packet follows, or the line goes quiet).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

HEADER_SIZE = 4  # Len, Opcode, Src, Status
CHECKSUM_SIZE = 2
MAX_DAMAGE_KEPT = 512  # a damage report keeps this many bytes: enough to diagnose, bounded in memory

WAKEUP = b"\x00"


class SsiOpcode(enum.IntEnum):
    CMD_ACK = 0xD0
    CMD_NAK = 0xD1
    DECODE_DATA = 0xF3
    START_DECODE = 0xE4
    STOP_DECODE = 0xE5
    BEEP = 0xE6
    LED_ON = 0xE7
    LED_OFF = 0xE8
    SCAN_ENABLE = 0xE9
    SCAN_DISABLE = 0xEA
    SLEEP = 0xEB
    PARAM_SEND = 0xC6
    PARAM_REQUEST = 0xC7
    REQUEST_REVISION = 0xA3
    REPLY_REVISION = 0xA4


class SsiSource(enum.IntEnum):
    DECODER = 0x00
    HOST = 0x04


class SsiNakCause(enum.IntEnum):
    """The data byte of a CMD_NAK (values from the Zebra SSI guide, unverified)."""

    RESEND = 0x01
    BAD_CONTEXT = 0x02
    DENIED = 0x06


class SsiStatus(enum.IntFlag):
    NONE = 0
    RETRANSMIT = 0x01
    CONTINUATION = 0x02
    PERMANENT = 0x08


_KNOWN_OPCODES = frozenset(int(op) for op in SsiOpcode)


def checksum(body: bytes) -> int:
    """The SSI checksum of Len..Data: (0x10000 - byte sum) & 0xFFFF."""
    return (0x10000 - sum(body)) & 0xFFFF


@dataclass(frozen=True, slots=True)
class SsiPacket:
    opcode: SsiOpcode
    source: SsiSource
    status: SsiStatus = SsiStatus.NONE
    data: bytes = b""

    @property
    def retransmitted(self) -> bool:
        return bool(self.status & SsiStatus.RETRANSMIT)

    def encode(self) -> bytes:
        length = HEADER_SIZE + len(self.data)
        if length > 0xFF:
            raise ValueError(f"SSI packet data too long: {len(self.data)} bytes")
        body = bytes((length, self.opcode, self.source, self.status)) + self.data
        return body + checksum(body).to_bytes(2, "big")

    def as_retransmit(self) -> SsiPacket:
        return SsiPacket(self.opcode, self.source, self.status | SsiStatus.RETRANSMIT, self.data)


def ack(source: SsiSource) -> SsiPacket:
    return SsiPacket(SsiOpcode.CMD_ACK, source)


def nak(source: SsiSource, cause: SsiNakCause = SsiNakCause.RESEND) -> SsiPacket:
    return SsiPacket(SsiOpcode.CMD_NAK, source, data=bytes((cause,)))


def decode_data_packets(barcode_type: int, payload: bytes) -> list[SsiPacket]:
    """DECODE_DATA packets for one read, split with the continuation bit when it does not fit one packet."""
    room = 0xFF - HEADER_SIZE - 1  # one byte of each packet's data is the barcode type
    chunks = [payload[i : i + room] for i in range(0, len(payload), room)] or [b""]
    return [
        SsiPacket(
            SsiOpcode.DECODE_DATA,
            SsiSource.DECODER,
            SsiStatus.CONTINUATION if index < len(chunks) - 1 else SsiStatus.NONE,
            bytes((barcode_type,)) + chunk,
        )
        for index, chunk in enumerate(chunks)
    ]


@dataclass(frozen=True, slots=True)
class FrameDamage:
    """A run of bytes on the wire that did not form a valid packet."""

    data: bytes
    size: int  # the whole run, even where `data` keeps only its start


class SsiDeframer:
    """Turns a byte stream into `SsiPacket`s and `FrameDamage`, resynchronising after noise.

    `source` is the end we listen to: the host deframes decoder packets and vice versa. A candidate
    packet must have a known opcode, the expected source byte and a correct checksum; anything else
    slides by one byte into the current damage run. `quiet_after` is how long a half-received packet may
    wait for the rest before the line counts as idle and the remainder as damage.
    """

    def __init__(self, source: SsiSource, *, quiet_after: float = 0.05, max_buffer: int = 4096) -> None:
        self._source = source
        self._quiet_after = quiet_after
        self._max_buffer = max_buffer
        self._buffer = bytearray()
        self._damage = bytearray()
        self._damage_size = 0
        self._last_byte_at = 0.0

    def feed(self, data: bytes, now: float) -> list[SsiPacket | FrameDamage]:
        self._buffer += data
        self._last_byte_at = now
        out: list[SsiPacket | FrameDamage] = []
        self._drain(out)
        # A sender never has more than one packet in flight; a buffer this full is noise.
        while len(self._buffer) > self._max_buffer:
            self._slide()
            self._drain(out)
        return out

    def idle(self, now: float) -> list[SsiPacket | FrameDamage]:
        """Called when no bytes arrived for a while: an unfinished packet will not be finished."""
        out: list[SsiPacket | FrameDamage] = []
        if (self._buffer or self._damage_size) and now - self._last_byte_at >= self._quiet_after:
            while self._buffer:
                self._slide()
                self._drain(out)
            self._flush_damage(out)
        return out

    def _drain(self, out: list[SsiPacket | FrameDamage]) -> None:
        while self._buffer:
            length = self._buffer[0]
            if length < HEADER_SIZE or not self._plausible_header():
                self._slide()
                continue
            total = length + CHECKSUM_SIZE
            if len(self._buffer) < total:
                return  # wait for the rest
            body = bytes(self._buffer[:length])
            if checksum(body) != int.from_bytes(self._buffer[length:total], "big"):
                self._slide()
                continue
            self._flush_damage(out)
            out.append(SsiPacket(SsiOpcode(body[1]), SsiSource(body[2]), SsiStatus(body[3]), body[HEADER_SIZE:]))
            del self._buffer[:total]

    def _plausible_header(self) -> bool:
        # Checked on the bytes present so far, so that noise is rejected before waiting for a full length.
        buf = self._buffer
        if len(buf) > 1 and buf[1] not in _KNOWN_OPCODES:
            return False
        return not (len(buf) > 2 and buf[2] != self._source)

    def _slide(self) -> None:
        if len(self._damage) < MAX_DAMAGE_KEPT:
            self._damage.append(self._buffer[0])
        self._damage_size += 1
        del self._buffer[:1]

    def _flush_damage(self, out: list[SsiPacket | FrameDamage]) -> None:
        if self._damage_size:
            out.append(FrameDamage(bytes(self._damage), self._damage_size))
            self._damage.clear()
            self._damage_size = 0
