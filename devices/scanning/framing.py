"""Plain ("unpacketed") scanner framing: where one read ends in a stream of serial bytes.

Scanners end a read with CR, LF or CRLF, wrap it in STX (0x02) ... ETX (0x03), or (Zebra's RS-232
default) send no suffix at all, so a quiet line also ends a read. The deframer accepts all of these at
once; it never raises, and never holds more than a bounded number of bytes.
"""

from __future__ import annotations

from devices.scanning.interpret import MAX_SCAN_BYTES

STX = 0x02
ETX = 0x03
CR = 0x0D
LF = 0x0A


class PlainDeframer:
    """Incremental splitter of a plain-mode byte stream into reads (bytes, terminators removed).

    `end_on_quiet`: seconds of silence after which buffered bytes count as a complete read, for scanners
    configured without a suffix; None waits for a terminator. A read longer than any barcode is cut at
    one byte past `MAX_SCAN_BYTES` (so interpretation rejects it as too long) and the rest of it, up to
    the next terminator, is dropped.
    """

    def __init__(self, *, end_on_quiet: float | None = 0.05) -> None:
        self._end_on_quiet = end_on_quiet
        self._buffer = bytearray()
        self._inside_stx = False
        self._last_byte_at = 0.0

    def feed(self, data: bytes, now: float) -> list[bytes]:
        self._last_byte_at = now
        reads: list[bytes] = []
        for byte in data:
            if byte == STX:
                # A new STX frame ends whatever came before it, even without a terminator.
                self._finish(reads)
                self._inside_stx = True
            elif byte == ETX or (byte in (CR, LF) and not self._inside_stx):
                self._finish(reads)
            elif len(self._buffer) <= MAX_SCAN_BYTES:
                self._buffer.append(byte)
        return reads

    def idle(self, now: float) -> list[bytes]:
        reads: list[bytes] = []
        if self._end_on_quiet is not None and self._buffer and now - self._last_byte_at >= self._end_on_quiet:
            self._finish(reads)
        return reads

    def _finish(self, reads: list[bytes]) -> None:
        # CRLF and "ETX CR LF" leave empty reads behind: those are terminators, not scans.
        if self._buffer:
            reads.append(bytes(self._buffer))
        self._buffer.clear()
        self._inside_stx = False
