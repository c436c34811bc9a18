"""Serial and USB-CDC barcode scanners: plain mode, Zebra SSI packet mode, Honeywell trigger commands.

Ports are opened only with `serial.serial_for_url`, so a device path, ``loop://``, ``socket://host:port``
and ``spy://`` are one code path. Modem-control lines are never set or read: on a pseudo-terminal (and
on many USB-CDC scanners) they do not exist.

Structure (pyserial's threaded `LineReader` pattern): a `PortReader` thread reads bytes and hands them to
a protocol object (`PlainScannerProtocol` or `SsiScannerProtocol`) that splits them into reads; the
`SerialScanner` interprets each read into a `Scan` or `ScanRejected` and calls `on_scan` on the reader
thread. Damaged bytes become `ScanRejected(BAD_FRAME)` and the reader keeps running; a lost port is
reported once through `connection_lost(exc)`.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import serial

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource
from devices.manager import DeviceCheck, DeviceKind, DeviceReports
from devices.phrases import QT_TRANSLATE_NOOP, Phrase, said
from devices.scanning.framing import PlainDeframer
from devices.scanning.interpret import DEFAULT_PATTERNS, ScanPatterns, interpret
from devices.scanning.ssi import (
    WAKEUP,
    FrameDamage,
    SsiDeframer,
    SsiNakCause,
    SsiOpcode,
    SsiPacket,
    SsiSource,
    SsiStatus,
    ack,
    nak,
)
from devices.scanning.symbology import SSI_TYPE_TO_AIM, symbology_name
from devices.serial_port import open_device_port

log = logging.getLogger(__name__)

ScanCallback = Callable[[Scan | ScanRejected], None]

HONEYWELL_TRIGGER = b"\x16T\r"  # SYN T CR
HONEYWELL_UNTRIGGER = b"\x16U\r"  # SYN U CR
SSI_ATTEMPTS = 3  # the first send and up to two retransmissions, as the scanner itself does

MSG_DAMAGED = QT_TRANSLATE_NOOP("Devices", "The scanner's data arrived damaged. Scan again.")
MSG_DAMAGED_ASKED_AGAIN = QT_TRANSLATE_NOOP(
    "Devices", "The scanner's data arrived damaged; it was asked to send it again. Scan again if nothing appears."
)

_KIND_WORDS = {
    ScanKind.GS1: QT_TRANSLATE_NOOP("Devices", "a GS1 product code"),
    ScanKind.GTIN: QT_TRANSLATE_NOOP("Devices", "a product code (GTIN)"),
    ScanKind.SSCC: QT_TRANSLATE_NOOP("Devices", "a shipping container code (SSCC)"),
    ScanKind.TRACKING: QT_TRANSLATE_NOOP("Devices", "a carrier tracking number"),
    ScanKind.RMA: QT_TRANSLATE_NOOP("Devices", "an RMA number"),
    ScanKind.ORDER: QT_TRANSLATE_NOOP("Devices", "an order number"),
    ScanKind.LPN: QT_TRANSLATE_NOOP("Devices", "a licence plate"),
    ScanKind.EPC: QT_TRANSLATE_NOOP("Devices", "an RFID product tag"),
    ScanKind.BADGE: QT_TRANSLATE_NOOP("Devices", "an operator badge"),
    ScanKind.UNKNOWN: QT_TRANSLATE_NOOP("Devices", "text the station does not recognise"),
}


class ScannerMode(enum.Enum):
    PLAIN = "plain"  # data as is, CR/LF/CRLF/STX-ETX or no terminator, optional AIM prefix
    SSI = "ssi"  # Zebra Simple Serial Interface packets


class TriggerCommands(enum.Enum):
    """How a plain-mode scanner is triggered from the station (SSI scanners use START_DECODE)."""

    NONE = "none"
    HONEYWELL = "honeywell"  # SYN T CR / SYN U CR


class ScannerCommandError(Exception):
    """A command to the scanner failed; the message says so in words an inspector or IT understands."""


@dataclass(frozen=True, slots=True)
class SerialScannerSettings:
    url: str  # a device path, or loop://, socket://host:port, spy://...
    mode: ScannerMode = ScannerMode.PLAIN
    device_id: str = "scanner"
    baudrate: int = 9600
    trigger: TriggerCommands = TriggerCommands.NONE
    end_on_quiet: float | None = 0.05  # plain mode: seconds of silence that end a read without a suffix
    ack_nak: bool = True  # SSI: ACK every scanner packet and expect ACKs for our commands
    command_timeout: float = 0.5
    read_timeout: float = 0.02  # how often a quiet reader wakes up to notice idle lines and stop requests
    patterns: ScanPatterns = DEFAULT_PATTERNS


class ScannerProtocol(Protocol):
    def data_received(self, data: bytes, now: float) -> None: ...

    def idle(self, now: float) -> None: ...


ReadHandler = Callable[[bytes, str | None], None]
DamageHandler = Callable[[FrameDamage], None]


class PortReader(threading.Thread):
    """Reads a serial port until stopped or lost, feeding a protocol; reports the end once."""

    def __init__(
        self,
        port: serial.Serial,
        protocol: ScannerProtocol,
        connection_lost: Callable[[BaseException | None], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        name: str = "scanner-reader",
    ) -> None:
        super().__init__(name=name, daemon=True)
        self._port = port
        self._protocol = protocol
        self._connection_lost = connection_lost
        self._clock = clock
        self._alive = True

    def run(self) -> None:
        error: BaseException | None = None
        while self._alive:
            try:
                data = self._port.read(self._port.in_waiting or 1)
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                # pyserial raises TypeError/AttributeError when the port is closed under a pending read.
                error = exc if self._alive else None
                break
            now = self._clock()
            try:
                if data:
                    self._protocol.data_received(data, now)
                else:
                    self._protocol.idle(now)
            except Exception:
                # A bug in framing must not silence the scanner: log it loudly and keep reading.
                log.exception("Scanner protocol failed on %r; the reader keeps running", data[:64])
        self._connection_lost(error)

    def stop(self, timeout: float = 2.0) -> None:
        self._alive = False
        cancel = getattr(self._port, "cancel_read", None)
        if cancel is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                cancel()
        if self is not threading.current_thread():
            self.join(timeout)


class PlainScannerProtocol:
    """Plain mode: every terminated (or quiet-ended) run of bytes is one read."""

    def __init__(self, on_read: ReadHandler, *, end_on_quiet: float | None) -> None:
        self._on_read = on_read
        self._deframer = PlainDeframer(end_on_quiet=end_on_quiet)

    def data_received(self, data: bytes, now: float) -> None:
        for read in self._deframer.feed(data, now):
            self._on_read(read, None)

    def idle(self, now: float) -> None:
        for read in self._deframer.idle(now):
            self._on_read(read, None)


class SsiScannerProtocol:
    """Host side of Zebra SSI: ACK/NAK, retransmission, multi-packet decode data, command answers.

    A retransmitted packet (status bit 0) equal to the last one accepted is acknowledged again but not
    delivered twice: the scanner resends when our ACK got lost, and the read must count once.
    """

    def __init__(
        self,
        on_read: ReadHandler,
        on_damage: DamageHandler,
        write: Callable[[bytes], None],
        *,
        ack_nak: bool,
        quiet_after: float = 0.05,
    ) -> None:
        self._on_read = on_read
        self._on_damage = on_damage
        self._write = write
        self._ack_nak = ack_nak
        self._deframer = SsiDeframer(SsiSource.DECODER, quiet_after=quiet_after)
        self._last_accepted: tuple[int, int, bytes] | None = None
        self._partial = bytearray()
        self._answers = threading.Condition()
        self._answer: SsiPacket | None = None
        self._closed = False

    def data_received(self, data: bytes, now: float) -> None:
        self._handle(self._deframer.feed(data, now))

    def idle(self, now: float) -> None:
        self._handle(self._deframer.idle(now))

    def _handle(self, items: list[SsiPacket | FrameDamage]) -> None:
        for item in items:
            if isinstance(item, FrameDamage):
                if self._ack_nak:
                    self._write(nak(SsiSource.HOST).encode())
                self._on_damage(item)
            elif item.opcode in (SsiOpcode.CMD_ACK, SsiOpcode.CMD_NAK):
                self._answered(item)
            else:
                self._accept(item)

    def _accept(self, packet: SsiPacket) -> None:
        if self._ack_nak:
            self._write(ack(SsiSource.HOST).encode())
        key = (int(packet.opcode), int(packet.status) & ~int(SsiStatus.RETRANSMIT), packet.data)
        if packet.retransmitted and key == self._last_accepted:
            return
        self._last_accepted = key
        if packet.opcode is not SsiOpcode.DECODE_DATA:
            self._answered(packet)
            return
        barcode_type, payload = (packet.data[0], packet.data[1:]) if packet.data else (None, b"")
        self._partial += payload
        if packet.status & SsiStatus.CONTINUATION:
            return
        read = bytes(self._partial)
        self._partial.clear()
        self._on_read(read, SSI_TYPE_TO_AIM.get(barcode_type) if barcode_type is not None else None)

    def _answered(self, packet: SsiPacket) -> None:
        with self._answers:
            self._answer = packet
            self._answers.notify_all()

    def close(self) -> None:
        with self._answers:
            self._closed = True
            self._answers.notify_all()

    def _await_answer(self, timeout: float) -> SsiPacket | None:
        with self._answers:
            self._answers.wait_for(lambda: self._answer is not None or self._closed, timeout)
            return self._answer

    def command(self, packet: SsiPacket, *, answer: SsiOpcode, timeout: float) -> SsiPacket | None:
        """Send a host command, resending on NAK(RESEND) or silence; the decoder's answer, or None.

        The caller serialises commands. Without ACK/NAK only commands with a real reply are awaited.
        """
        if not self._ack_nak and answer is SsiOpcode.CMD_ACK:
            self._write(packet.encode())
            return SsiPacket(SsiOpcode.CMD_ACK, SsiSource.DECODER)
        for attempt in range(SSI_ATTEMPTS):
            with self._answers:
                self._answer = None
            self._write((packet.as_retransmit() if attempt else packet).encode())
            got = self._await_answer(timeout)
            if got is None:
                if self._closed:
                    return None
                continue
            if got.opcode is SsiOpcode.CMD_NAK and got.data[:1] == bytes((SsiNakCause.RESEND,)):
                continue
            if got.opcode in (answer, SsiOpcode.CMD_NAK):
                return got
        return None


class _TestRead:
    """Captures the next read while a "test scan" runs, so it does not also reach the screens."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Scan | ScanRejected | None = None
        self.lost = False

    def port_lost(self) -> None:
        self.lost = True
        self.done.set()

    def offer(self, result: Scan | ScanRejected) -> bool:
        if self.done.is_set():
            return False
        if isinstance(result, ScanRejected) and result.reason is RejectReason.BAD_FRAME:
            return False
        self.result = result
        self.done.set()
        return True


class SerialScanner:
    """One serial scanner as a station `Device`: open/close/test plus the commands its mode supports."""

    kind = DeviceKind.SCANNER

    def __init__(
        self,
        settings: SerialScannerSettings,
        on_scan: ScanCallback,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._on_scan = on_scan
        self._clock = clock
        self._port: serial.Serial | None = None
        self._reader: PortReader | None = None
        self._ssi: SsiScannerProtocol | None = None
        self._reports: DeviceReports | None = None
        self._closing = False
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._command_lock = threading.Lock()
        self._test_read: _TestRead | None = None

    @property
    def device_id(self) -> str:
        return self.settings.device_id

    @property
    def is_open(self) -> bool:
        reader = self._reader
        return reader is not None and reader.is_alive()

    # -- Device protocol -------------------------------------------------------------------------

    def open(self, reports: DeviceReports | None = None) -> None:
        self.close()  # opening twice must not leave a second reader on the port
        settings = self.settings
        port = open_device_port(
            settings.url,
            baudrate=settings.baudrate,
            timeout=settings.read_timeout,
            write_timeout=max(1.0, settings.command_timeout),
            what=QT_TRANSLATE_NOOP("Devices", "scanner"),
        )
        with self._lock:
            self._port = port
            self._reports = reports
            self._closing = False
            protocol: ScannerProtocol
            if settings.mode is ScannerMode.SSI:
                self._ssi = SsiScannerProtocol(
                    self._read, self._damaged, self._write, ack_nak=settings.ack_nak, quiet_after=0.05
                )
                protocol = self._ssi
            else:
                self._ssi = None
                protocol = PlainScannerProtocol(self._read, end_on_quiet=settings.end_on_quiet)
            self._reader = PortReader(
                port, protocol, self._connection_lost, clock=self._clock, name=f"scanner-{settings.device_id}"
            )
            self._reader.start()

    def close(self) -> None:
        with self._lock:
            self._closing = True
            reader, port, ssi = self._reader, self._port, self._ssi
            self._reader = None
            self._port = None
        if ssi is not None:
            ssi.close()
        if reader is not None:
            reader.stop()
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()

    def test(self, timeout: float = 10.0) -> DeviceCheck:
        """ "Test scan": trigger a read where the scanner supports it, and wait for the next read."""
        waiter = _TestRead()
        with self._lock:
            self._test_read = waiter
        try:
            triggered = self._can_trigger()
            if triggered:
                try:
                    self.trigger()
                except ScannerCommandError as exc:
                    return DeviceCheck(False, said(exc))
            waiter.done.wait(timeout)
            if triggered and not waiter.done.is_set():
                with contextlib.suppress(ScannerCommandError):
                    self.untrigger()
        finally:
            with self._lock:
                self._test_read = None
        result = waiter.result
        if result is None and waiter.lost:
            return DeviceCheck(
                False, QT_TRANSLATE_NOOP("Devices", "The scanner was disconnected during the test: check its cable.")
            )
        if result is None:
            if triggered:
                nothing = QT_TRANSLATE_NOOP("Devices", "No barcode was read within {seconds:g} s.")
            else:
                nothing = QT_TRANSLATE_NOOP(
                    "Devices", "No barcode was read within {seconds:g} s. Scan any barcode while the test runs."
                )
            return DeviceCheck(False, Phrase(nothing, seconds=timeout))
        if isinstance(result, ScanRejected):
            unusable = QT_TRANSLATE_NOOP("Devices", "The scanner works but the test read was not usable: {problem}")
            return DeviceCheck(False, Phrase(unusable, problem=result.message))
        read_ok = QT_TRANSLATE_NOOP("Devices", "Test scan OK: read “{text}”, {what} ({symbology}).")
        return DeviceCheck(
            True,
            Phrase(
                read_ok, text=result.text, what=_KIND_WORDS[result.kind], symbology=symbology_name(result.symbology)
            ),
        )

    # -- commands --------------------------------------------------------------------------------

    def trigger(self) -> None:
        """Start a read, like pressing the trigger (SSI START_DECODE or Honeywell SYN T CR)."""
        self._pull_trigger(pressed=True)

    def untrigger(self) -> None:
        self._pull_trigger(pressed=False)

    def _pull_trigger(self, *, pressed: bool) -> None:
        if self.settings.mode is ScannerMode.SSI:
            opcode = SsiOpcode.START_DECODE if pressed else SsiOpcode.STOP_DECODE
            what = (
                QT_TRANSLATE_NOOP("Devices", "start reading")
                if pressed
                else QT_TRANSLATE_NOOP("Devices", "stop reading")
            )
            self._ssi_command(opcode, what=what)
        elif self.settings.trigger is TriggerCommands.HONEYWELL:
            self._write_or_fail(HONEYWELL_TRIGGER if pressed else HONEYWELL_UNTRIGGER)
        else:
            raise ScannerCommandError(
                QT_TRANSLATE_NOOP("Devices", "This scanner cannot be triggered from the station: press its trigger.")
            )

    def enable_scanning(self) -> None:
        self._ssi_command(SsiOpcode.SCAN_ENABLE, what=QT_TRANSLATE_NOOP("Devices", "enable scanning"))

    def disable_scanning(self) -> None:
        self._ssi_command(SsiOpcode.SCAN_DISABLE, what=QT_TRANSLATE_NOOP("Devices", "disable scanning"))

    def beep(self, tone: int = 0x00) -> None:
        self._ssi_command(SsiOpcode.BEEP, bytes((tone,)), what=QT_TRANSLATE_NOOP("Devices", "beep"))

    def led_on(self, led: int = 0x01) -> None:
        self._ssi_command(SsiOpcode.LED_ON, bytes((led,)), what=QT_TRANSLATE_NOOP("Devices", "switch its LED on"))

    def led_off(self, led: int = 0x01) -> None:
        self._ssi_command(SsiOpcode.LED_OFF, bytes((led,)), what=QT_TRANSLATE_NOOP("Devices", "switch its LED off"))

    def send_parameter(self, number: int, value: int, *, permanent: bool = False) -> None:
        """PARAM_SEND one single-byte parameter (e.g. 0x2D = 1: transmit AIM code IDs)."""
        status = SsiStatus.PERMANENT if permanent else SsiStatus.NONE
        # 0xFF as the beep code: change the parameter silently.
        what = QT_TRANSLATE_NOOP("Devices", "change a setting")
        self._ssi_command(SsiOpcode.PARAM_SEND, bytes((0xFF, number, value)), status=status, what=what)

    def request_revision(self) -> str:
        reply = self._ssi_command(
            SsiOpcode.REQUEST_REVISION,
            answer=SsiOpcode.REPLY_REVISION,
            what=QT_TRANSLATE_NOOP("Devices", "report its firmware revision"),
        )
        return reply.data.decode("ascii", errors="replace").strip()

    def wake_up(self) -> None:
        """SSI WAKEUP: a lone NUL; the scanner needs a short pause after it before the next command."""
        self._write_or_fail(WAKEUP)

    # -- internals -------------------------------------------------------------------------------

    def _can_trigger(self) -> bool:
        return self.settings.mode is ScannerMode.SSI or self.settings.trigger is TriggerCommands.HONEYWELL

    def _ssi_command(
        self,
        opcode: SsiOpcode,
        data: bytes = b"",
        *,
        status: SsiStatus = SsiStatus.NONE,
        answer: SsiOpcode = SsiOpcode.CMD_ACK,
        what: str,
    ) -> SsiPacket:
        ssi = self._ssi
        if self.settings.mode is not ScannerMode.SSI:
            raise ScannerCommandError(
                Phrase(
                    QT_TRANSLATE_NOOP("Devices", "This scanner is in plain mode: it cannot be told to {what}."),
                    what=what,
                )
            )
        if ssi is None or not self.is_open:
            raise ScannerCommandError(
                Phrase(QT_TRANSLATE_NOOP("Devices", "The scanner is not connected, so it cannot {what}."), what=what)
            )
        with self._command_lock:
            reply = ssi.command(
                SsiPacket(opcode, SsiSource.HOST, status, data), answer=answer, timeout=self.settings.command_timeout
            )
        if reply is None:
            no_answer = QT_TRANSLATE_NOOP(
                "Devices", "The scanner did not answer when asked to {what}: check the cable."
            )
            raise ScannerCommandError(Phrase(no_answer, what=what))
        if reply.opcode is SsiOpcode.CMD_NAK:
            raise ScannerCommandError(Phrase(QT_TRANSLATE_NOOP("Devices", "The scanner refused to {what}."), what=what))
        return reply

    def _write(self, data: bytes) -> None:
        port = self._port
        if port is None:
            return
        with self._write_lock:
            try:
                port.write(data)
            except (serial.SerialException, OSError) as exc:
                # The reader notices the lost port and reports it; a failed ACK is not an error of its own.
                log.debug("Write to scanner %s failed: %s", self.device_id, exc)

    def _write_or_fail(self, data: bytes) -> None:
        port = self._port
        if port is None or not self.is_open:
            raise ScannerCommandError(QT_TRANSLATE_NOOP("Devices", "The scanner is not connected."))
        with self._write_lock:
            try:
                port.write(data)
            except (serial.SerialException, OSError) as exc:
                unreachable = QT_TRANSLATE_NOOP("Devices", "The scanner could not be reached: {problem}")
                raise ScannerCommandError(Phrase(unreachable, problem=exc)) from exc

    def _read(self, data: bytes, symbology: str | None) -> None:
        settings = self.settings
        self._deliver(
            interpret(data, ScanSource.SERIAL, symbology, device_id=settings.device_id, patterns=settings.patterns)
        )

    def _damaged(self, damage: FrameDamage) -> None:
        message = MSG_DAMAGED_ASKED_AGAIN if self.settings.ack_nak else MSG_DAMAGED
        self._deliver(
            ScanRejected(
                raw=damage.data,
                reason=RejectReason.BAD_FRAME,
                message=message,
                source=ScanSource.SERIAL,
                device_id=self.settings.device_id,
            )
        )

    def _deliver(self, result: Scan | ScanRejected) -> None:
        test_read = self._test_read
        if test_read is not None and test_read.offer(result):
            return
        self._on_scan(result)

    def _connection_lost(self, error: BaseException | None) -> None:
        """Called once by the reader thread when it ends, with the error that ended it (None: closed)."""
        with self._lock:
            closing, reports, ssi, test_read = self._closing, self._reports, self._ssi, self._test_read
        if ssi is not None:
            ssi.close()
        if closing:
            return
        if test_read is not None:
            test_read.port_lost()
        log.warning("Scanner %s lost: %s", self.device_id, error)
        if reports is not None:
            reports.lost(error)
