"""A fixed LLRP RFID reader on TCP, for tests, demo mode and IT checks without hardware.

It behaves like an Impinj or Zebra reader as far as the station can tell:

- it speaks first: READER_EVENT_NOTIFICATION with ConnectionAttemptEvent status 0; a second client
  while one is connected gets status 2 ("a client connection already exists") and is disconnected;
- every request gets its response with an LLRPStatus; GET_READER_CAPABILITIES answers with
  GeneralDeviceCapabilities, LLRPCapabilities, RegulatoryCapabilities (a transmit power table, a hop
  table and a UHFC1G2RFModeTable) and C1G2LLRPCapabilities; bad requests get real LLRP error codes;
- once a ROSpec is enabled (immediate start) or started, it inventories its tag population and sends
  RO_ACCESS_REPORTs at `reports_per_second`, round-robin over the tags;
- with a periodic KeepaliveSpec it sends KEEPALIVEs and counts the KEEPALIVE_ACKs;
- `silence()` makes it stop sending anything while keeping the socket open (a dead link), and
  `drop_client()` resets the connection (a pulled cable).

Tag population file: one EPC in hex per line, optionally ``,antenna`` and ``,rssi``; ``#`` comments.

Command line: ``python -m devices.simulators llrp --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import logging
import select
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from devices.rfid import llrp
from devices.rfid.llrp import ConnectionStatus, MessageType, ParameterType, StatusCode, tlv
from devices.simulators.console import run_console

log = logging.getLogger(__name__)

SIM_MANUFACTURER = 0  # not a registered vendor number: nobody mistakes the simulator for real hardware
SIM_MODEL = 1
SIM_FIRMWARE = "returns-station-sim 1.0"
POWER_TABLE = tuple((index, 1000 + 25 * (index - 1)) for index in range(1, 82))  # 10.00 .. 30.00 dBm
HOP_TABLE_KHZ = tuple(902_750 + 500 * n for n in range(50))
DEFAULT_TAGS = (
    "3034257BF7194E4000003039",  # urn:epc:tag:sgtin-96:1.0614141.812345.12345
    "3034257BF7194E400000303A",
)


@dataclass(frozen=True, slots=True)
class SimulatedTag:
    epc_hex: str
    antenna: int = 1
    rssi: int = -55


def parse_tag_line(line: str, number: int = 0) -> SimulatedTag | None:
    """One line of a tag population file, or None for a blank or comment line. ValueError if unusable."""
    text = line.split("#", 1)[0].strip()
    if not text:
        return None
    parts = [part.strip() for part in text.split(",")]
    epc = parts[0].upper()
    where = f"line {number}: " if number else ""
    try:
        raw = bytes.fromhex(epc)
    except ValueError:
        raise ValueError(f"{where}{parts[0]!r} is not an EPC in hex") from None
    if not 2 <= len(raw) <= 62:
        raise ValueError(f"{where}an EPC has 2 to 62 bytes, {parts[0]!r} has {len(raw)}")
    try:
        antenna = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        rssi = int(parts[2]) if len(parts) > 2 and parts[2] else -55
    except ValueError:
        raise ValueError(f"{where}antenna and RSSI must be whole numbers: {text!r}") from None
    if not 1 <= antenna <= 0xFFFF or not -128 <= rssi <= 127:
        raise ValueError(f"{where}antenna 1-65535 and RSSI -128..127 dBm expected: {text!r}")
    return SimulatedTag(epc, antenna, rssi)


def load_tags(path: str | Path) -> list[SimulatedTag]:
    tags = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        tag = parse_tag_line(line, number)
        if tag is not None:
            tags.append(tag)
    return tags


def _as_tags(tags: Iterable[SimulatedTag | str]) -> list[SimulatedTag]:
    result = []
    for tag in tags:
        if isinstance(tag, SimulatedTag):
            result.append(tag)
        elif (parsed := parse_tag_line(tag)) is not None:
            result.append(parsed)
    return result


def capabilities_parameters(max_antennas: int) -> bytes:
    """What GET_READER_CAPABILITIES_RESPONSE carries after its LLRPStatus."""
    firmware = SIM_FIRMWARE.encode()
    per_antenna = [
        tlv(ParameterType.PER_ANTENNA_AIR_PROTOCOL, struct.pack(">HHB", antenna, 1, 1))
        for antenna in range(1, max_antennas + 1)
    ]
    general = tlv(
        ParameterType.GENERAL_DEVICE_CAPABILITIES,
        struct.pack(">HHIIH", max_antennas, 0x4000, SIM_MANUFACTURER, SIM_MODEL, len(firmware)) + firmware,
        tlv(ParameterType.RECEIVE_SENSITIVITY_TABLE_ENTRY, struct.pack(">Hh", 1, 0)),
        tlv(ParameterType.GPIO_CAPABILITIES, struct.pack(">HH", 0, 0)),
        *per_antenna,
    )
    # Flags: can report buffer fill warnings, supports event and report holding; 1 ROSpec, 32 specs.
    llrp_caps = tlv(ParameterType.LLRP_CAPABILITIES, struct.pack(">BBHIIIII", 0x48, 1, 0, 1, 32, 1, 0, 0))
    power = [tlv(ParameterType.TRANSMIT_POWER_LEVEL_TABLE_ENTRY, struct.pack(">Hh", i, v)) for i, v in POWER_TABLE]
    hops = tlv(
        ParameterType.FREQUENCY_HOP_TABLE,
        struct.pack(f">BBH{len(HOP_TABLE_KHZ)}I", 1, 0, len(HOP_TABLE_KHZ), *HOP_TABLE_KHZ),
    )
    frequencies = tlv(ParameterType.FREQUENCY_INFORMATION, struct.pack(">B", 0x80), hops)
    # Mode 0: DR 64/3, FM0, PR-ASK, dense-reader mask, 640 kbps, PIE 1.5, Tari 6.25 us.
    mode = tlv(
        ParameterType.UHF_C1G2_RF_MODE_TABLE_ENTRY,
        struct.pack(">IBBBBIIIII", 0, 0x80, 0, 2, 2, 640_000, 1500, 6250, 6250, 0),
    )
    band = tlv(
        ParameterType.UHF_BAND_CAPABILITIES,
        b"",
        *power,
        frequencies,
        tlv(ParameterType.UHF_C1G2_RF_MODE_TABLE, b"", mode),
    )
    regulatory = tlv(ParameterType.REGULATORY_CAPABILITIES, struct.pack(">HH", 840, 1), band)
    c1g2 = tlv(ParameterType.C1G2_LLRP_CAPABILITIES, struct.pack(">BH", 0x40, 2))
    return general + llrp_caps + regulatory + c1g2


@dataclass
class _RoSpecState:
    spec: llrp.RoSpec
    enabled: bool = False
    active: bool = False


@dataclass
class _Session:
    sock: socket.socket
    send_lock: threading.Lock = field(default_factory=threading.Lock)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    keepalive_ms: int | None = None
    rospecs: dict[int, _RoSpecState] = field(default_factory=dict)
    ended: threading.Event = field(default_factory=threading.Event)

    def next_id(self) -> int:
        return next(self.ids)  # both session threads take ids; next() on a count is atomic

    @property
    def inventorying(self) -> llrp.RoSpec | None:
        return next((state.spec for state in self.rospecs.values() if state.active), None)


class LlrpReaderSimulator:
    """An LLRP reader on 127.0.0.1. Thread-safe; every wait takes a timeout."""

    def __init__(
        self,
        port: int = llrp.DEFAULT_PORT,
        *,
        host: str = "127.0.0.1",
        tags: Iterable[SimulatedTag | str] = DEFAULT_TAGS,
        reports_per_second: float = 4.0,
        tags_per_report: int = 1,
        max_antennas: int = 4,
    ) -> None:
        self.host = host
        self._requested_port = port
        self.max_antennas = max_antennas
        self.tags_per_report = max(1, tags_per_report)
        self._tags = _as_tags(tags)
        self._rate = max(0.0, reports_per_second)
        self._cursor = 0
        self._cond = threading.Condition()
        self._session: _Session | None = None
        self._silent = False
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self.port = 0
        # What tests and the demo look at:
        self.received: list[MessageType | int] = []  # every client message type, in order
        self.rospecs_added: list[llrp.RoSpec] = []
        self.connections = 0
        self.refused_connections = 0
        self.reports_sent = 0  # TagReportData sent
        self.keepalives_sent = 0
        self.keepalive_acks = 0

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Self:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self._requested_port))
            listener.listen(4)
        except OSError:
            listener.close()
            raise
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._wake_r, self._wake_w = socket.socketpair()
        self._spawn(self._accept_loop, "llrp-sim-accept")
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._wake_w is not None:
            with contextlib.suppress(OSError):
                self._wake_w.send(b"x")
        self.drop_client()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        for closable in (self._listener, self._wake_r, self._wake_w):
            if closable is not None:
                closable.close()
        self._listener = self._wake_r = self._wake_w = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        thread = threading.Thread(target=target, name=name, args=args, daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    # -- knobs ---------------------------------------------------------------------------------

    def set_tags(self, tags: Iterable[SimulatedTag | str]) -> None:
        """Replace the tag population (what is "in the field" of the antennas)."""
        with self._cond:
            self._tags = _as_tags(tags)
            self._cursor = 0

    @property
    def tags(self) -> list[SimulatedTag]:
        with self._cond:
            return list(self._tags)

    def set_rate(self, reports_per_second: float) -> None:
        with self._cond:
            self._rate = max(0.0, reports_per_second)
            self._cond.notify_all()

    def silence(self, silent: bool = True) -> None:
        """Stop (or resume) sending anything at all, keeping the connection open: a dead link."""
        with self._cond:
            self._silent = silent
            self._cond.notify_all()

    def drop_client(self) -> None:
        """Reset the current client's connection, as a pulled network cable or a reader reboot would."""
        with self._cond:
            session = self._session
        if session is not None:
            with contextlib.suppress(OSError):
                session.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                session.sock.shutdown(socket.SHUT_RDWR)

    def inject(self, data: bytes) -> bool:
        """Send raw bytes to the client: a damaged message, noise, anything a faulty reader might send."""
        with self._cond:
            session = self._session
        if session is None:
            return False
        with session.send_lock:
            try:
                session.sock.sendall(data)
            except OSError:
                return False
        return True

    def send_report(self, tags: Sequence[SimulatedTag | str] | None = None) -> bool:
        """Send one RO_ACCESS_REPORT now (the next tags of the population, or these); False if not inventorying."""
        with self._cond:
            session = self._session
            spec = session.inventorying if session is not None else None
            chosen = _as_tags(tags) if tags is not None else self._next_tags()
        if session is None or spec is None or not chosen:
            return False
        return self._send_tags(session, chosen)

    @property
    def client_connected(self) -> bool:
        with self._cond:
            return self._session is not None

    @property
    def inventorying(self) -> bool:
        with self._cond:
            return self._session is not None and self._session.inventorying is not None

    def wait_for(self, predicate: Callable[[LlrpReaderSimulator], bool], timeout: float) -> bool:
        """Wait until `predicate(simulator)` holds; it is checked whenever something changes."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self), timeout)

    # -- connections ---------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._listener is not None
        assert self._wake_r is not None
        while not self._stop.is_set():
            readable, _, _ = select.select([self._listener, self._wake_r], [], [])
            if self._wake_r in readable:
                return
            try:
                client, _ = self._listener.accept()
            except OSError:
                continue
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._cond:
                busy = self._session is not None
                if busy:
                    self.refused_connections += 1
                    current = self._session
                else:
                    self.connections += 1
                    self._session = _Session(client)
                    current = self._session
                self._cond.notify_all()
            if busy:
                self._refuse(client, current)
            else:
                assert current is not None
                self._spawn(self._serve, "llrp-sim-session", current)
                self._spawn(self._transmit, "llrp-sim-transmit", current)

    def _refuse(self, client: socket.socket, current: _Session | None) -> None:
        with contextlib.suppress(OSError):
            event = llrp.reader_event(1, _utc_us(), connection=ConnectionStatus.CLIENT_CONNECTION_EXISTS)
            client.sendall(event.encode())
            client.shutdown(socket.SHUT_WR)
        client.close()
        if current is not None:
            self._send(
                current, llrp.reader_event(current.next_id(), _utc_us(), connection=ConnectionStatus.ANOTHER_ATTEMPTED)
            )

    def _serve(self, session: _Session) -> None:
        decoder = llrp.FrameDecoder()
        try:
            self._send(session, llrp.reader_event(session.next_id(), _utc_us(), connection=ConnectionStatus.SUCCESS))
            while not self._stop.is_set() and not session.ended.is_set():
                try:
                    chunk = session.sock.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                try:
                    frames = decoder.feed(chunk)
                except llrp.FrameError as exc:
                    log.info("LLRP simulator: dropping a client that sent %s", exc)
                    for frame in exc.frames:
                        self._answer(session, frame)
                    break
                for frame in frames:
                    if not self._answer(session, frame):
                        session.ended.set()
                        break
        finally:
            session.ended.set()
            with self._cond:
                if self._session is session:
                    self._session = None
                self._cond.notify_all()
            session.sock.close()

    def _send(self, session: _Session, frame: llrp.Frame) -> bool:
        with self._cond:
            silent = self._silent
        if silent:
            return False  # swallowed, as by a dead switch port
        with session.send_lock:
            try:
                session.sock.sendall(frame.encode())
            except OSError:
                session.ended.set()
                return False
        return True

    def _answer(self, session: _Session, frame: llrp.Frame) -> bool:
        """Handle one client message; False once the connection should end."""
        try:
            kind: MessageType | int = MessageType(frame.message_type)
        except ValueError:
            kind = frame.message_type
        with self._cond:
            self.received.append(kind)
            if kind == MessageType.KEEPALIVE_ACK:
                self.keepalive_acks += 1
            self._cond.notify_all()
        if kind in (MessageType.KEEPALIVE_ACK, MessageType.ENABLE_EVENTS_AND_REPORTS):
            return True
        if not isinstance(kind, MessageType) or kind not in llrp.RESPONSE_TO:
            error = llrp.error_message(
                frame.message_id, StatusCode.M_UNSUPPORTED_MESSAGE, f"{frame.name} is not supported"
            )
            self._send(session, error)
            return True
        try:
            code, description, extra = self._execute(session, kind, frame)
        except llrp.MessageError as exc:
            code, description, extra = StatusCode.M_PARAMETER_ERROR, str(exc), b""
        self._send(session, llrp.response(llrp.RESPONSE_TO[kind], frame.message_id, code, description, extra))
        with self._cond:
            self._cond.notify_all()
        return kind != MessageType.CLOSE_CONNECTION

    def _execute(self, session: _Session, kind: MessageType, frame: llrp.Frame) -> tuple[int, str, bytes]:
        ok = (StatusCode.SUCCESS, "", b"")
        if kind is MessageType.GET_READER_CAPABILITIES:
            return StatusCode.SUCCESS, "", capabilities_parameters(self.max_antennas)
        if kind is MessageType.GET_READER_CONFIG:
            return StatusCode.SUCCESS, "", self._config_parameters(session)
        if kind is MessageType.SET_READER_CONFIG:
            with self._cond:
                session.keepalive_ms = llrp.keepalive_interval_ms(frame.body)
                self._cond.notify_all()
            return ok
        if kind is MessageType.CLOSE_CONNECTION:
            return ok
        if kind is MessageType.ADD_ROSPEC:
            return self._add_rospec(session, llrp.decode_rospec(frame.body))
        number = llrp.rospec_id_of(frame)
        if kind is MessageType.DELETE_ACCESSSPEC:
            return ok if number == 0 else (StatusCode.A_INVALID, f"no AccessSpec {number}", b"")
        with self._cond:
            if kind is MessageType.DELETE_ROSPEC and number == 0:
                session.rospecs.clear()
                return ok
            state = session.rospecs.get(number)
            if state is None:
                return StatusCode.A_INVALID, f"no ROSpec {number}", b""
            if kind is MessageType.DELETE_ROSPEC:
                del session.rospecs[number]
            elif kind is MessageType.ENABLE_ROSPEC:
                state.enabled = True
                state.active = state.spec.start is llrp.StartTrigger.IMMEDIATE
            elif kind is MessageType.START_ROSPEC:
                if not state.enabled:
                    return StatusCode.A_INVALID, f"ROSpec {number} is not enabled", b""
                state.active = True
            elif kind is MessageType.STOP_ROSPEC:
                state.active = False
            elif kind is MessageType.DISABLE_ROSPEC:
                state.enabled = state.active = False
            self._cond.notify_all()
        return ok

    def _add_rospec(self, session: _Session, spec: llrp.RoSpec) -> tuple[int, str, bytes]:
        if spec.rospec_id == 0:
            return StatusCode.A_INVALID, "ROSpecID 0 is reserved", b""
        if any(antenna > self.max_antennas for antenna in spec.antennas):
            return StatusCode.A_OUT_OF_RANGE, f"this reader has antennas 1-{self.max_antennas}", b""
        if spec.power_index is not None and not 1 <= spec.power_index <= len(POWER_TABLE):
            return StatusCode.A_OUT_OF_RANGE, f"transmit power index {spec.power_index} is not in the table", b""
        with self._cond:
            if spec.rospec_id in session.rospecs:
                return StatusCode.A_INVALID, f"ROSpec {spec.rospec_id} already exists", b""
            if session.rospecs:
                return StatusCode.P_OVERFLOW_PARAMETER, "this reader holds one ROSpec", b""
            session.rospecs[spec.rospec_id] = _RoSpecState(spec)
            self.rospecs_added.append(spec)
        return StatusCode.SUCCESS, "", b""

    def _config_parameters(self, session: _Session) -> bytes:
        reader_id = b"\x00\x16\x25\x00\x00\x01"
        identification = tlv(ParameterType.IDENTIFICATION, struct.pack(">BH", 0, len(reader_id)) + reader_id)
        antennas = [
            tlv(ParameterType.ANTENNA_PROPERTIES, struct.pack(">BHh", 0x80, antenna, 0))
            for antenna in range(1, self.max_antennas + 1)
        ]
        interval = session.keepalive_ms or 0
        keepalive = tlv(ParameterType.KEEPALIVE_SPEC, struct.pack(">BI", 1 if interval else 0, interval))
        return identification + b"".join(antennas) + keepalive

    # -- what the reader sends unasked ----------------------------------------------------------

    def _next_tags(self) -> list[SimulatedTag]:
        """The next tags of the population, round-robin; call with the lock held."""
        if not self._tags:
            return []
        chosen = []
        for _ in range(min(self.tags_per_report, len(self._tags))):
            chosen.append(self._tags[self._cursor % len(self._tags)])
            self._cursor = (self._cursor + 1) % len(self._tags)
        return chosen

    def _send_tags(self, session: _Session, tags: list[SimulatedTag]) -> bool:
        now = _utc_us()
        reports = [
            llrp.TagReport(
                epc_hex=tag.epc_hex,
                antenna=tag.antenna,
                peak_rssi=tag.rssi,
                seen_count=1,
                first_seen_us=now,
                last_seen_us=now,
            )
            for tag in tags
        ]
        sent = self._send(session, llrp.ro_access_report(session.next_id(), reports))
        if sent:
            with self._cond:
                self.reports_sent += len(reports)
                self._cond.notify_all()
        return sent

    def _transmit(self, session: _Session) -> None:
        """Keepalives and paced tag reports for one session, until it ends."""
        next_keepalive: float | None = None
        paced_since: float | None = None
        paced_sent = 0
        while not self._stop.is_set() and not session.ended.is_set():
            now = time.monotonic()
            with self._cond:
                interval = session.keepalive_ms
                spec = session.inventorying
                rate = self._rate if spec is not None and self._tags and not self._silent else 0.0
            if interval and next_keepalive is None:
                next_keepalive = now + interval / 1000
            if not interval:
                next_keepalive = None
            if next_keepalive is not None and now >= next_keepalive:
                if self._send(session, llrp.keepalive(session.next_id())):
                    with self._cond:
                        self.keepalives_sent += 1
                next_keepalive = now + (interval or 0) / 1000
            if rate <= 0:
                paced_since, paced_sent = None, 0
            else:
                if paced_since is None:
                    paced_since, paced_sent = now, 0
                # Catch up to the rate in bursts rather than sleeping per report: sleeps are coarse.
                due = int((now - paced_since) * rate) - paced_sent
                for _ in range(min(due, 5000)):
                    with self._cond:
                        chosen = self._next_tags()
                    if not chosen or not self._send_tags(session, chosen):
                        break
                    paced_sent += 1
            waits = [0.05]
            if next_keepalive is not None:
                waits.append(max(0.0, next_keepalive - time.monotonic()))
            if rate > 0:
                waits.append(min(0.005, 1 / rate))
            session.ended.wait(min(waits))


def _utc_us() -> int:
    return time.time_ns() // 1000


# -- command line ------------------------------------------------------------------------------


_COMMANDS_HELP = """commands on standard input:
  tags FILE          replace the tag population from a file (EPC hex[,antenna[,rssi]] per line)
  tag EPC[,ANT[,RSSI]]  replace the population with this one tag
  clear              no tags in the field
  rate N             tag reports per second (0: only on 'report')
  report             send one tag report now
  silence on|off     stop/resume sending anything (a dead link)
  drop               reset the client's connection
  status             show what the reader is doing
  quit"""


def _describe(sim: LlrpReaderSimulator) -> str:
    return (
        f"client={'yes' if sim.client_connected else 'no'} inventorying={'yes' if sim.inventorying else 'no'} "
        f"tags={len(sim.tags)} reports_sent={sim.reports_sent} keepalives={sim.keepalives_sent} "
        f"acks={sim.keepalive_acks} refused={sim.refused_connections}"
    )


def population_command(set_tags: Callable[[list[SimulatedTag]], None], verb: str, rest: list[str]) -> bool:
    """The tag-population commands both RFID simulators take: ``tags FILE``, ``tag EPC``, ``clear``."""
    if verb == "tags" and len(rest) == 1:
        set_tags(load_tags(rest[0]))
    elif verb == "tag" and len(rest) == 1:
        set_tags(_as_tags(rest))
    elif verb == "clear":
        set_tags([])
    else:
        return False
    return True


def _command(sim: LlrpReaderSimulator, line: str) -> str | None:
    """Apply one stdin command; returns the reply, or None to quit."""
    words = line.strip().split()
    if not words:
        return ""
    verb, rest = words[0].lower(), words[1:]
    try:
        if verb in ("quit", "exit"):
            return None
        if population_command(sim.set_tags, verb, rest):
            pass
        elif verb == "rate" and len(rest) == 1:
            sim.set_rate(float(rest[0]))
        elif verb == "report":
            return "sent" if sim.send_report() else "not sent: no client is inventorying, or no tags"
        elif verb == "silence" and rest in (["on"], ["off"]):
            sim.silence(rest == ["on"])
        elif verb == "drop":
            sim.drop_client()
        elif verb != "status":
            return f"unknown command {line.strip()!r}\n{_COMMANDS_HELP}"
    except (OSError, ValueError) as exc:
        return f"error: {exc}"
    return _describe(sim)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devices.simulators llrp",
        description="Simulated LLRP fixed RFID reader (Impinj/Zebra style) on TCP.",
        epilog=_COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port", type=int, default=llrp.DEFAULT_PORT, help="TCP port; 0 picks a free one (default 5084)"
    )
    parser.add_argument("--tags", type=Path, help="tag population file: EPC hex[,antenna[,rssi]] per line")
    parser.add_argument("--rate", type=float, default=4.0, help="tag reports per second while inventorying")
    parser.add_argument("--tags-per-report", type=int, default=1, help="TagReportData per RO_ACCESS_REPORT")
    parser.add_argument("--antennas", type=int, default=4, help="number of antennas the reader claims")
    parser.add_argument("--no-stdin", action="store_true", help="ignore standard input; run until SIGTERM/Ctrl-C")
    args = parser.parse_args(argv)
    try:
        tags: Iterable[SimulatedTag | str] = load_tags(args.tags) if args.tags else DEFAULT_TAGS
    except (OSError, ValueError) as exc:
        print(f"cannot read the tag file: {exc}", file=sys.stderr)
        return 2
    sim = LlrpReaderSimulator(
        args.port,
        host=args.host,
        tags=tags,
        reports_per_second=args.rate,
        tags_per_report=args.tags_per_report,
        max_antennas=args.antennas,
    )
    try:
        sim.start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    try:
        run_console(
            lambda line: _command(sim, line),
            read_stdin=not args.no_stdin,
            announce=[f"LLRP reader simulator listening on {sim.host}:{sim.port}", _describe(sim)],
        )
    finally:
        sim.stop()
    return 0
