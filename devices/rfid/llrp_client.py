"""LLRP fixed RFID readers (Impinj Speedway/R700, Zebra FX) as a station `Device`.

`LlrpReader.open()` connects over TCP (port 5084), waits for the reader's connection event and runs
the same set-up sequence as the sllurp client: GET_READER_CAPABILITIES, GET_READER_CONFIG,
ENABLE_EVENTS_AND_REPORTS, SET_READER_CONFIG (keepalives), DELETE_ACCESSSPEC(0), DELETE_ROSPEC(0),
ADD_ROSPEC, ENABLE_ROSPEC and, when the ROSpec has no immediate start trigger, START_ROSPEC. From then
on a reader thread answers KEEPALIVEs, turns tag reports into `TagRead`s (repeats collapsed by a
`RepeatWindow`) and hands them to `on_tag`.

The link is declared dead when the reader falls silent for `missed_keepalives` keepalive intervals,
measured with the injected clock. A lost link is reported once, through `DeviceReports.lost()`;
reconnecting with backoff is the job of `devices.manager.StationDevices`, which calls `open()` again.
`close()` is polite when it can be: DELETE_ROSPEC and CLOSE_CONNECTION, then the socket.

Callbacks (`on_tag`, `on_state`) run on the reader thread (or on the caller of `open()`/`close()` for
state changes); they must be quick.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from devices.events import TagRead
from devices.manager import DeviceCheck, DeviceKind, DeviceReports, DeviceState, DeviceUnavailable
from devices.phrases import QT_TRANSLATE_NOOP, Phrase, said
from devices.rfid import llrp
from devices.rfid.sightings import Sighting, TagFeed

log = logging.getLogger(__name__)

TagCallback = Callable[[TagRead], None]
StateCallback = Callable[[DeviceState, str], None]

MSG_IN_USE = QT_TRANSLATE_NOOP("Devices", "Reader is in use by another station")
READING_TAGS = QT_TRANSLATE_NOOP("Devices", "Reading tags")
CLOSED = QT_TRANSLATE_NOOP("Devices", "Closed")
START_READING = QT_TRANSLATE_NOOP("Devices", "start reading")


class ReaderInUse(DeviceUnavailable):
    """Another client (another station, or a vendor tool) holds the reader's only LLRP connection."""


class ReaderCommandError(Exception):
    """The reader refused part of the set-up (e.g. an antenna it does not have). The message says what."""


class LinkTimeout(ConnectionError):
    """The reader stopped sending keepalives: cable, switch or reader power."""


class ReaderClosedConnection(ConnectionError):
    """The reader closed the TCP connection."""


@dataclass(frozen=True, slots=True)
class LlrpReaderSettings:
    host: str
    port: int = llrp.DEFAULT_PORT
    device_id: str = "rfid"
    antennas: tuple[int, ...] = ()  # empty: all antennas
    transmit_power_dbm: float | None = None  # None keeps the reader's own setting
    start: llrp.StartTrigger = llrp.StartTrigger.IMMEDIATE  # NULL: send START_ROSPEC after enabling
    rospec_id: int = 1
    report_every_n_tags: int = 1
    keepalive_interval: float | None = 5.0  # seconds between the reader's KEEPALIVEs; None: none asked for
    missed_keepalives: int = 3  # silence of this many intervals means the link is dead
    repeat_window: float = 2.0  # seconds a tag must be out of the field before it counts again
    connect_timeout: float = 5.0
    response_timeout: float = 5.0
    poll_interval: float = 0.1  # how often a quiet reader thread looks at the keepalive deadline

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


class _Waiter:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: llrp.Response | llrp.ErrorMessage | None = None


class _Link:
    """One TCP connection to the reader and the thread that reads it; reports its end once."""

    def __init__(
        self,
        sock: socket.socket,
        settings: LlrpReaderSettings,
        *,
        clock: Callable[[], float],
        on_report: Callable[[llrp.AccessReport], None],
        on_end: Callable[[_Link, BaseException | None], None],
    ) -> None:
        self.sock = sock
        self.settings = settings
        self._clock = clock
        self._on_report = on_report
        self._on_end = on_end
        self._ids = itertools.count(1)
        self._send_lock = threading.Lock()
        self._waiters: dict[int, _Waiter] = {}
        self._waiters_lock = threading.Lock()
        self.connection_status: int | None = None
        self.connected = threading.Event()  # the connection event arrived (or the link ended)
        self.ended = threading.Event()
        self.end_error: BaseException | None = None
        self.expect_end = False  # we are closing it: its end is no loss
        self.loss_reported = False
        self._stopping = False
        self.last_heard = clock()
        self.deadline: float | None = None  # seconds of silence tolerated, once keepalives are on
        self.damaged_messages = 0
        self._thread = threading.Thread(target=self._run, name=f"llrp-{settings.device_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    # -- sending -------------------------------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def send(self, frame: llrp.Frame) -> None:
        with self._send_lock:
            self.sock.sendall(frame.encode())

    def request(self, frame: llrp.Frame, timeout: float) -> llrp.Response | llrp.ErrorMessage | None:
        waiter = _Waiter()
        with self._waiters_lock:
            self._waiters[frame.message_id] = waiter
        try:
            self.send(frame)
            waiter.done.wait(timeout)
        finally:
            with self._waiters_lock:
                self._waiters.pop(frame.message_id, None)
        return waiter.answer

    # -- reading -------------------------------------------------------------------------------

    def _run(self) -> None:
        decoder = llrp.FrameDecoder()
        error: BaseException | None = None
        self.sock.settimeout(self.settings.poll_interval)
        while not self._stopping:
            try:
                data: bytes | None = self.sock.recv(65536)
            except TimeoutError:
                data = None
            except OSError as exc:
                error = exc
                break
            now = self._clock()
            if data == b"":
                closed = QT_TRANSLATE_NOOP("Devices", "The RFID reader at {address} closed the connection.")
                error = ReaderClosedConnection(Phrase(closed, address=self.settings.address))
                break
            if data:
                self.last_heard = now
                try:
                    frames = decoder.feed(data)
                except llrp.FrameError as exc:
                    self._handle_all(exc.frames)
                    error = exc
                    break
                self._handle_all(frames)
            elif self.deadline is not None and now - self.last_heard > self.deadline:
                silent = QT_TRANSLATE_NOOP(
                    "Devices", "The RFID reader at {address} stopped answering (nothing heard for {seconds:.0f} s)."
                )
                error = LinkTimeout(Phrase(silent, address=self.settings.address, seconds=now - self.last_heard))
                break
        self.end_error = None if self._stopping else error
        with self._waiters_lock:
            waiters = list(self._waiters.values())
        for waiter in waiters:
            waiter.done.set()
        self.connected.set()
        self.ended.set()
        self._on_end(self, self.end_error)

    def _handle_all(self, frames: tuple[llrp.Frame, ...] | list[llrp.Frame]) -> None:
        for frame in frames:
            try:
                self._handle(frame)
            except llrp.MessageError as exc:
                # One malformed message is skipped; the stream is still in step.
                self.damaged_messages += 1
                log.warning("RFID reader %s sent a malformed %s: %s", self.settings.device_id, frame.name, exc)
            except OSError as exc:
                log.info("RFID reader %s: could not answer: %s", self.settings.device_id, exc)
            except Exception:
                # A bug of ours must not silence the reader: log it loudly and keep reading.
                log.exception("RFID reader %s: handling %s failed", self.settings.device_id, frame.name)

    def _handle(self, frame: llrp.Frame) -> None:
        message = llrp.decode_reader_message(frame)
        if isinstance(message, llrp.AccessReport):
            self._on_report(message)
        elif isinstance(message, llrp.Keepalive):
            self.send(llrp.keepalive_ack(message.message_id))
        elif isinstance(message, llrp.Response | llrp.ErrorMessage):
            with self._waiters_lock:
                waiter = self._waiters.get(message.message_id)
            if waiter is not None:
                waiter.answer = message
                waiter.done.set()
            elif isinstance(message, llrp.ErrorMessage):
                log.warning("RFID reader %s reports: %s", self.settings.device_id, message.status.describe())
        elif isinstance(message, llrp.ReaderEvent):
            self._event(message)

    def _event(self, event: llrp.ReaderEvent) -> None:
        if event.connection is not None:
            if self.connection_status is None:
                self.connection_status = event.connection
                self.connected.set()
            elif event.connection == llrp.ConnectionStatus.ANOTHER_ATTEMPTED:
                log.info("RFID reader %s: another client tried to connect and was refused", self.settings.device_id)
        if event.connection_closed:
            log.info("RFID reader %s announced it is closing the connection", self.settings.device_id)

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop reading and close the socket, without reporting a loss."""
        self.expect_end = True
        self._stopping = True
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self.sock.close()


class LlrpReader:
    """One LLRP reader as a station `Device`: open (connect and start inventory), close, test."""

    kind = DeviceKind.RFID_READER

    def __init__(
        self,
        settings: LlrpReaderSettings,
        on_tag: TagCallback,
        *,
        on_state: StateCallback | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._feed = TagFeed(
            settings.repeat_window, on_tag, on_state=on_state, device_id=settings.device_id, clock=clock
        )
        self._lock = threading.Lock()
        self._link: _Link | None = None
        self._reports: DeviceReports | None = None
        self.capabilities: llrp.ReaderCapabilities | None = None

    @property
    def device_id(self) -> str:
        return self.settings.device_id

    @property
    def sightings(self) -> int:
        """Tag reports received (before collapsing), for monitoring and benchmarks."""
        return self._feed.sightings

    @property
    def is_open(self) -> bool:
        link = self._link
        return link is not None and not link.ended.is_set()

    # -- Device protocol -----------------------------------------------------------------------

    def open(self, reports: DeviceReports | None = None) -> None:
        if self._link is not None:
            self.close()  # one connection per reader: an earlier one would hold the reader's only slot
        settings = self.settings
        self._state(
            DeviceState.CONNECTING,
            Phrase(QT_TRANSLATE_NOOP("Devices", "Connecting to {address}"), address=settings.address),
        )
        try:
            sock = socket.create_connection((settings.host, settings.port), timeout=settings.connect_timeout)
        except OSError as exc:
            silent = QT_TRANSLATE_NOOP("Devices", "no RFID reader answers at {address} (is it switched on?): {problem}")
            raise DeviceUnavailable(Phrase(silent, address=settings.address, problem=exc)) from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        link = _Link(sock, settings, clock=self._clock, on_report=self._report, on_end=self._link_ended)
        link.start()
        try:
            self._set_up(link)
        except BaseException as exc:
            link.shutdown()
            state = DeviceState.FAULT if isinstance(exc, ReaderInUse | ReaderCommandError) else DeviceState.DISCONNECTED
            self._state(state, said(exc))
            raise
        with self._lock:
            self._link = link
            self._reports = reports
        if link.ended.is_set():  # lost between the last answer and now: report it like any loss
            self._link_ended(link, link.end_error)
            return
        self._state(DeviceState.READY, READING_TAGS)

    def close(self) -> None:
        with self._lock:
            link, self._link = self._link, None
        if link is None:
            return
        link.expect_end = True
        if not link.ended.is_set():
            timeout = min(1.0, self.settings.response_timeout)
            for frame in (
                llrp.rospec_command(llrp.MessageType.DELETE_ROSPEC, link.next_id(), 0),
                llrp.close_connection(link.next_id()),
            ):
                try:
                    link.request(frame, timeout)
                except OSError:
                    break
        link.shutdown()
        self._state(DeviceState.DISCONNECTED, CLOSED)

    def test(self, timeout: float = 10.0) -> DeviceCheck:
        """Test read: wait for the next tag the reader reports (repeats count: a tag on the pad will do)."""
        if not self.is_open:
            return DeviceCheck(False, QT_TRANSLATE_NOOP("Devices", "The RFID reader is not connected."))
        return self._feed.test_read(timeout, hint=QT_TRANSLATE_NOOP("Devices", "Hold a tagged item near the antenna."))

    # -- set-up --------------------------------------------------------------------------------

    def _set_up(self, link: _Link) -> None:
        settings = self.settings
        self._feed.forget()  # a new connection: tags still in the field count again
        if not link.connected.wait(settings.response_timeout) or link.connection_status is None:
            if link.end_error:
                no_greeting = QT_TRANSLATE_NOOP(
                    "Devices", "the device at {address} did not greet us as an LLRP reader: {problem}"
                )
            else:
                no_greeting = QT_TRANSLATE_NOOP("Devices", "the device at {address} did not greet us as an LLRP reader")
            raise DeviceUnavailable(Phrase(no_greeting, address=settings.address, problem=link.end_error))
        status = link.connection_status
        if status in (llrp.ConnectionStatus.CLIENT_CONNECTION_EXISTS, llrp.ConnectionStatus.READER_CONNECTION_EXISTS):
            raise ReaderInUse(MSG_IN_USE)
        if status != llrp.ConnectionStatus.SUCCESS:
            refused = QT_TRANSLATE_NOOP(
                "Devices", "the RFID reader at {address} refused the connection (status {status})"
            )
            raise DeviceUnavailable(Phrase(refused, address=settings.address, status=status))
        caps = self._command(
            link, llrp.get_reader_capabilities(link.next_id()), QT_TRANSLATE_NOOP("Devices", "report its capabilities")
        )
        try:
            self.capabilities = llrp.decode_capabilities(caps)
        except llrp.LlrpError as exc:
            unreadable = QT_TRANSLATE_NOOP("Devices", "The RFID reader's capabilities could not be read: {problem}")
            raise ReaderCommandError(Phrase(unreadable, problem=exc)) from exc
        self._command(
            link, llrp.get_reader_config(link.next_id()), QT_TRANSLATE_NOOP("Devices", "report its configuration")
        )
        link.send(llrp.enable_events_and_reports(link.next_id()))
        keepalive_ms = round(settings.keepalive_interval * 1000) if settings.keepalive_interval else None
        self._command(
            link,
            llrp.set_reader_config(link.next_id(), keepalive_ms=keepalive_ms),
            QT_TRANSLATE_NOOP("Devices", "accept our settings"),
        )
        self._command(
            link,
            llrp.rospec_command(llrp.MessageType.DELETE_ACCESSSPEC, link.next_id(), 0),
            QT_TRANSLATE_NOOP("Devices", "clear old access specs"),
        )
        self._command(
            link,
            llrp.rospec_command(llrp.MessageType.DELETE_ROSPEC, link.next_id(), 0),
            QT_TRANSLATE_NOOP("Devices", "clear old inventories"),
        )
        spec = llrp.RoSpec(
            rospec_id=settings.rospec_id,
            start=settings.start,
            antennas=settings.antennas,
            report_every_n_tags=settings.report_every_n_tags,
            power_index=self._power_index(),
        )
        self._command(
            link, llrp.add_rospec(link.next_id(), spec), QT_TRANSLATE_NOOP("Devices", "take our inventory settings")
        )
        enable = llrp.rospec_command(llrp.MessageType.ENABLE_ROSPEC, link.next_id(), spec.rospec_id)
        self._command(link, enable, START_READING)
        if settings.start is llrp.StartTrigger.NULL:
            start = llrp.rospec_command(llrp.MessageType.START_ROSPEC, link.next_id(), spec.rospec_id)
            self._command(link, start, START_READING)
        if settings.keepalive_interval:
            link.last_heard = self._clock()
            link.deadline = settings.keepalive_interval * max(1, settings.missed_keepalives)

    def _power_index(self) -> int | None:
        if self.settings.transmit_power_dbm is None or self.capabilities is None:
            return None
        try:
            return self.capabilities.power_index(self.settings.transmit_power_dbm)
        except llrp.LlrpError as exc:
            raise ReaderCommandError(str(exc)) from exc

    def _command(self, link: _Link, frame: llrp.Frame, what: str) -> llrp.Response:
        try:
            answer = link.request(frame, self.settings.response_timeout)
        except OSError as exc:
            gone = QT_TRANSLATE_NOOP("Devices", "the RFID reader at {address} went away: {problem}")
            raise DeviceUnavailable(Phrase(gone, address=self.settings.address, problem=exc)) from exc
        if answer is None:
            if link.ended.is_set() and link.end_error:
                gone = QT_TRANSLATE_NOOP("Devices", "the RFID reader went away while asked to {what}: {problem}")
                raise DeviceUnavailable(Phrase(gone, what=what, problem=link.end_error))
            if link.ended.is_set():
                gone = QT_TRANSLATE_NOOP("Devices", "the RFID reader went away while asked to {what}")
                raise DeviceUnavailable(Phrase(gone, what=what))
            silent = QT_TRANSLATE_NOOP(
                "Devices", "the RFID reader did not answer within {seconds:g} s when asked to {what}"
            )
            raise DeviceUnavailable(Phrase(silent, seconds=self.settings.response_timeout, what=what))
        if isinstance(answer, llrp.ErrorMessage) or not answer.status.ok:
            refused = QT_TRANSLATE_NOOP("Devices", "The RFID reader refused to {what}: {problem}")
            raise ReaderCommandError(Phrase(refused, what=what, problem=answer.status.describe()))
        return answer

    # -- reader thread -------------------------------------------------------------------------

    def _report(self, report: llrp.AccessReport) -> None:
        for tag in report.tags:
            self._feed.seen(Sighting(tag.epc_hex, tag.antenna, tag.peak_rssi, tag.seen_count or 1))

    def _link_ended(self, link: _Link, error: BaseException | None) -> None:
        """Called once per link, on its reader thread, when it stops (error None: we closed it)."""
        with self._lock:
            if self._link is not link or link.expect_end or link.loss_reported:
                return
            link.loss_reported = True
            reports = self._reports
        message = (
            said(error) if error is not None else QT_TRANSLATE_NOOP("Devices", "The RFID reader connection ended.")
        )
        log.warning("RFID reader %s lost: %s", self.device_id, message)
        self._state(DeviceState.DISCONNECTED, message)
        if reports is not None:
            reports.lost(error)

    def _state(self, state: DeviceState, message: str) -> None:
        self._feed.state(state, message)
