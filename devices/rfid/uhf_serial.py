"""Serial desktop UHF RFID readers of the "UHFReader18" family (many USB/RS-232 pads sold for counters).

Frames (both directions): ``Len Adr Cmd Data CRC-LSB CRC-MSB``; ``Len`` counts the bytes after itself.
A response carries a status byte before its data: ``Len Adr reCmd Status Data CRC``. The CRC is
CRC-16/MCRF4XX (preset 0xFFFF, reflected polynomial 0x8408, no final xor) over ``Len`` .. ``Data``,
computed with the `crc` package. The station polls: it sends Inventory (0x01) and reads the answers,
status 0x01 (done), 0x02 (time ran out, partial list), 0x03 (more frames follow), 0x04 (the reader's
buffer is full) or 0xFB (no tag in the field). Data of an inventory answer: tag count, then for each
tag the EPC length in bytes and the EPC.

Damaged bytes (bad CRC, line noise, a frame cut short) become a `FrameDamage`, reported as a
`ScanRejected(BAD_FRAME)` to `on_damage`; the deframer resynchronises on the next good frame and the
reader keeps polling. A lost port is reported once through `DeviceReports.lost()`.

Ports are opened with `serial.serial_for_url` (device path, ``loop://``, ``socket://`` ...); modem
control lines are never set or read.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import serial
from crc import Calculator, Configuration

from devices.events import RejectReason, ScanRejected, ScanSource, TagRead
from devices.manager import DeviceCheck, DeviceKind, DeviceReports, DeviceState
from devices.phrases import QT_TRANSLATE_NOOP, Phrase
from devices.rfid.sightings import Sighting, TagFeed
from devices.serial_port import open_device_port

log = logging.getLogger(__name__)

BROADCAST = 0xFF
CMD_INVENTORY = 0x01
STATUS_ILLEGAL_COMMAND = 0xFE
MIN_COMMAND_LENGTH = 4  # Len value of a command without data: Adr Cmd CRC CRC
MIN_RESPONSE_LENGTH = 5  # Len value of a response without data: Adr reCmd Status CRC CRC

_CRC = Calculator(
    Configuration(
        width=16, polynomial=0x1021, init_value=0xFFFF, final_xor_value=0x0000, reverse_input=True, reverse_output=True
    ),
    optimized=True,
)

MSG_DAMAGED = QT_TRANSLATE_NOOP(
    "Devices", "The RFID reader's data arrived damaged. Hold the item on the reader again if nothing appears."
)
MSG_SILENT = QT_TRANSLATE_NOOP("Devices", "The UHF RFID reader does not answer: check its cable, power and baud rate.")
READING_TAGS = QT_TRANSLATE_NOOP("Devices", "Reading tags")
CLOSED = QT_TRANSLATE_NOOP("Devices", "Closed")


def crc16(data: bytes) -> int:
    return int(_CRC.checksum(data))


class InventoryStatus(enum.IntEnum):
    DONE = 0x01
    TIMEOUT = 0x02  # the inventory time ran out; the tags found so far follow
    MORE = 0x03  # more frames of this answer follow
    BUFFER_FULL = 0x04
    NO_TAG = 0xFB


_FINAL_STATUSES = frozenset({InventoryStatus.DONE, InventoryStatus.TIMEOUT, InventoryStatus.BUFFER_FULL})


@dataclass(frozen=True, slots=True)
class UhfFrame:
    """One checked frame. For a response, `payload` begins with the status byte."""

    address: int
    command: int
    payload: bytes = b""

    def encode(self) -> bytes:
        if len(self.payload) > 251:
            raise ValueError("a UHF reader frame holds at most 251 bytes of data")
        body = bytes((len(self.payload) + 4, self.address, self.command)) + self.payload
        return body + crc16(body).to_bytes(2, "little")

    @property
    def status(self) -> int | None:
        return self.payload[0] if self.payload else None


@dataclass(frozen=True, slots=True)
class FrameDamage:
    """Bytes that are not a good frame, and why; a typed error, never an exception."""

    data: bytes
    reason: str


def inventory_command(address: int = 0x00) -> bytes:
    return UhfFrame(address, CMD_INVENTORY).encode()


def inventory_response(address: int, status: int, epcs: list[bytes] | tuple[bytes, ...] = ()) -> bytes:
    """An Inventory answer frame (used by the simulator and tests)."""
    data = b""
    if status != InventoryStatus.NO_TAG:
        data = bytes((len(epcs),)) + b"".join(bytes((len(epc),)) + epc for epc in epcs)
    return UhfFrame(address, CMD_INVENTORY, bytes((status,)) + data).encode()


def parse_inventory(frame: UhfFrame) -> tuple[int, list[str]] | FrameDamage:
    """The status and EPCs (hex) of an Inventory answer, or a `FrameDamage` if the data does not add up."""
    status, data = frame.payload[0], frame.payload[1:]
    if status not in {s.value for s in InventoryStatus}:
        return FrameDamage(frame.encode(), f"inventory status {status:#04x} is unknown")
    if status == InventoryStatus.NO_TAG:
        return status, []
    if not data:
        return FrameDamage(frame.encode(), "an inventory answer without its tag count")
    count, position = data[0], 1
    epcs: list[str] = []
    for _ in range(count):
        if position >= len(data):
            return FrameDamage(frame.encode(), f"the answer announces {count} tags but holds {len(epcs)}")
        length = data[position]
        epc = data[position + 1 : position + 1 + length]
        if length == 0 or len(epc) < length:
            return FrameDamage(frame.encode(), "a tag's EPC is cut short")
        epcs.append(epc.hex().upper())
        position += 1 + length
    if position != len(data):
        return FrameDamage(frame.encode(), "extra bytes after the last tag")
    return status, epcs


class UhfDeframer:
    """Splits a byte stream into checked frames, resynchronising byte by byte after damage."""

    def __init__(self, min_length: int = MIN_RESPONSE_LENGTH) -> None:
        self._min = min_length
        self._buffer = bytearray()
        self._junk = bytearray()

    def feed(self, data: bytes) -> list[UhfFrame | FrameDamage]:
        self._buffer += data
        items: list[UhfFrame | FrameDamage] = []
        while self._buffer:
            length = self._buffer[0]
            if length < self._min:
                self._junk.append(self._buffer.pop(0))
                continue
            if len(self._buffer) < length + 1:
                # Either a frame still arriving, or noise that looks like a long length byte: a good
                # frame further on tells the two apart without waiting for bytes that may never come.
                start = self._next_good_frame()
                if start is None:
                    break
                self._junk += self._buffer[:start]
                del self._buffer[:start]
                continue
            if not self._good_at(0):
                # Not a frame here: skip one byte and look for the next length byte.
                self._junk.append(self._buffer.pop(0))
                continue
            candidate = bytes(self._buffer[: length + 1])
            if self._junk:
                items.append(FrameDamage(bytes(self._junk), "bad checksum or line noise"))
                self._junk.clear()
            del self._buffer[: length + 1]
            items.append(UhfFrame(candidate[1], candidate[2], candidate[3:-2]))
        return items

    def _good_at(self, start: int) -> bool:
        length = self._buffer[start]
        end = start + length + 1
        if length < self._min or end > len(self._buffer):
            return False
        frame = self._buffer[start:end]
        return crc16(bytes(frame[:-2])) == int.from_bytes(frame[-2:], "little")

    def _next_good_frame(self) -> int | None:
        return next((start for start in range(1, len(self._buffer)) if self._good_at(start)), None)

    def flush(self) -> list[FrameDamage]:
        """Whatever is left when no more bytes are coming (end of an answer): damage, if anything."""
        left = bytes(self._junk + self._buffer)
        self._junk.clear()
        self._buffer.clear()
        return [FrameDamage(left, "a frame was cut short")] if left else []


@dataclass(frozen=True, slots=True)
class UhfReaderSettings:
    url: str  # a device path, or loop://, socket://host:port, spy://...
    device_id: str = "uhf"
    address: int = 0x00  # 0xFF reaches a reader whatever its address
    baudrate: int = 57600  # many clones use 115200
    poll_interval: float = 0.1  # pause between inventory rounds
    response_timeout: float = 1.0  # the reader's inventory time plus transfer; it answers within this
    silent_rounds: int = 3  # unanswered rounds before the reader is reported in fault
    repeat_window: float = 2.0
    read_timeout: float = 0.02


class UhfSerialReader:
    """One serial UHF reader as a station `Device`; a thread polls it with Inventory commands."""

    kind = DeviceKind.RFID_READER

    def __init__(
        self,
        settings: UhfReaderSettings,
        on_tag: Callable[[TagRead], None],
        *,
        on_damage: Callable[[ScanRejected], None] | None = None,
        on_state: Callable[[DeviceState, str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._on_damage = on_damage
        self._feed = TagFeed(
            settings.repeat_window, on_tag, on_state=on_state, device_id=settings.device_id, clock=clock
        )
        self._lock = threading.Lock()
        self._port: serial.SerialBase | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._reports: DeviceReports | None = None
        self._silent_rounds = 0
        self.rounds = 0  # answered inventory rounds
        self.damaged_frames = 0

    @property
    def device_id(self) -> str:
        return self.settings.device_id

    @property
    def sightings(self) -> int:
        return self._feed.sightings

    @property
    def is_open(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def open(self, reports: DeviceReports | None = None) -> None:
        if self._thread is not None:
            self.close()
        settings = self.settings
        port = open_device_port(
            settings.url,
            baudrate=settings.baudrate,
            timeout=settings.read_timeout,
            write_timeout=max(1.0, settings.response_timeout),
            what=QT_TRANSLATE_NOOP("Devices", "UHF RFID reader"),
        )
        with self._lock:
            self._port = port
            self._reports = reports
            self._stop = threading.Event()
            self._silent_rounds = 0
            self._feed.forget()
            self._thread = threading.Thread(
                target=self._run, args=(port, self._stop), name=f"uhf-{settings.device_id}", daemon=True
            )
            self._thread.start()
        self._state(DeviceState.READY, READING_TAGS)

    def close(self) -> None:
        with self._lock:
            thread, port, stop = self._thread, self._port, self._stop
            self._thread = None
            self._port = None
        stop.set()
        if port is not None:
            cancel = getattr(port, "cancel_read", None)
            if cancel is not None:
                with contextlib.suppress(serial.SerialException, OSError):
                    cancel()
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()
        self._state(DeviceState.DISCONNECTED, CLOSED)

    def test(self, timeout: float = 10.0) -> DeviceCheck:
        """Test read: wait for the next tag seen (a tag already on the pad counts)."""
        if not self.is_open:
            return DeviceCheck(False, QT_TRANSLATE_NOOP("Devices", "The UHF RFID reader is not connected."))
        return self._feed.test_read(timeout, hint=QT_TRANSLATE_NOOP("Devices", "Put a tagged item on the reader."))

    # -- the polling thread --------------------------------------------------------------------

    def _run(self, port: serial.SerialBase, stop: threading.Event) -> None:
        deframer = UhfDeframer(MIN_RESPONSE_LENGTH)
        error: BaseException | None = None
        while not stop.is_set():
            try:
                answered = self._inventory_round(port, deframer, stop)
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                # pyserial raises TypeError/AttributeError when the port is closed under a pending read.
                error = None if stop.is_set() else exc
                break
            except Exception:
                log.exception("UHF reader %s: an inventory round failed; polling goes on", self.device_id)
                answered = False
            self._note_answer(answered)
            stop.wait(self.settings.poll_interval)
        if error is not None or not stop.is_set():
            self._lost(error)

    def _inventory_round(self, port: serial.SerialBase, deframer: UhfDeframer, stop: threading.Event) -> bool:
        """One Inventory command and its answer frames; True when the reader answered completely."""
        port.write(inventory_command(self.settings.address))
        deadline = time.monotonic() + self.settings.response_timeout
        while not stop.is_set() and time.monotonic() < deadline:
            data = port.read(getattr(port, "in_waiting", 0) or 1)
            if not data:
                continue
            for item in deframer.feed(data):
                if isinstance(item, FrameDamage):
                    self._damaged(item)
                    continue
                if item.command != CMD_INVENTORY or not item.payload:
                    continue  # an answer to something else, or for another reader on the bus
                parsed = parse_inventory(item)
                if isinstance(parsed, FrameDamage):
                    self._damaged(parsed)
                    continue
                status, epcs = parsed
                self._tags(epcs)
                if status == InventoryStatus.NO_TAG or status in _FINAL_STATUSES:
                    for damage in deframer.flush():
                        self._damaged(damage)
                    return True
        for damage in deframer.flush():
            self._damaged(damage)
        return False

    def _tags(self, epcs: list[str]) -> None:
        for epc in epcs:
            self._feed.seen(Sighting(epc))

    def _damaged(self, damage: FrameDamage) -> None:
        self.damaged_frames += 1
        log.info("UHF reader %s: %s (%s)", self.device_id, damage.reason, damage.data[:32].hex(" "))
        if self._on_damage is None:
            return
        rejected = ScanRejected(
            raw=damage.data,
            reason=RejectReason.BAD_FRAME,
            message=MSG_DAMAGED,
            source=ScanSource.RFID,
            device_id=self.device_id,
        )
        try:
            self._on_damage(rejected)
        except Exception:
            log.exception("RFID damage callback failed; the reader keeps running")

    def _note_answer(self, answered: bool) -> None:
        if answered:
            self.rounds += 1
            if self._silent_rounds >= self.settings.silent_rounds:
                self._report(DeviceState.READY, READING_TAGS)
            self._silent_rounds = 0
            return
        self._silent_rounds += 1
        if self._silent_rounds == self.settings.silent_rounds:
            self._report(DeviceState.FAULT, MSG_SILENT)

    def _report(self, state: DeviceState, message: str) -> None:
        reports = self._reports
        if reports is not None:
            reports.report(state, message)
        self._state(state, message)

    def _lost(self, error: BaseException | None) -> None:
        with self._lock:
            reports = self._reports
            self._reports = None  # reported once
        log.warning("UHF reader %s lost: %s", self.device_id, error)
        disconnected = QT_TRANSLATE_NOOP("Devices", "The UHF RFID reader was disconnected: {problem}")
        self._state(DeviceState.DISCONNECTED, Phrase(disconnected, problem=error))
        if reports is not None:
            reports.lost(error)

    def _state(self, state: DeviceState, message: str) -> None:
        self._feed.state(state, message)
