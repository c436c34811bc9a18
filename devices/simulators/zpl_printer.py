"""A Zebra ZPL label printer on TCP (port 9100) or a pseudo-terminal, for tests, the demo and IT.

It stores every job (in memory, optionally as files), counts labels (`^PQ`), answers `~HS`,
`~HQES`, `~HI` and SGD `! U1 getvar "..."`, and can be switched into paper out, head open, ribbon
out or paused, made silent on `~HS` while in a fault (as current firmware is), slow, or made to
drop the connection in the middle of a job. Labels that arrive while in a fault are held and print
when it clears, like a real printer's buffer.

It parses what it received enough to tell what each label carries: every `^FD` field's data
with `^FH` hex escapes, Code 128 invocation codes and DataMatrix escapes undone, GS1 barcodes in
their (AI) form. This parser is written apart from the renderer on purpose: a test that prints
through one and reads through the other checks both.

Library: `PrinterSimulator(port=0).start()`, `.port`, `.jobs`, `.labels_printed`, `.set_fault(...)`,
`.stop()`. Command line: `python -m devices.simulators printer --port 9100` (see docs/devices-printing.md).
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import itertools
import os
import re
import selectors
import socket
import struct
import sys
import threading
import tty
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from biip.gs1_messages import GS1Message

from devices.simulators.console import run_console

GS = "\x1d"
FNC1 = "\x00FNC1\x00"  # a marker no field data can contain, turned into GS1 structure below


class Fault(enum.Enum):
    PAPER_OUT = "paper_out"
    HEAD_OPEN = "head_open"
    RIBBON_OUT = "ribbon_out"
    PAUSED = "paused"


# ~HQES error bits per fault (paused: bit 16, as Link-OS firmware reports it).
_ERROR_BITS = {Fault.PAPER_OUT: 0x1, Fault.RIBBON_OUT: 0x2, Fault.HEAD_OPEN: 0x4, Fault.PAUSED: 0x10000}


class FieldKind(enum.Enum):
    TEXT = "text"
    CODE128 = "code128"
    GS1_128 = "gs1_128"
    QR = "qr"
    DATAMATRIX = "datamatrix"
    GS1_DATAMATRIX = "gs1_datamatrix"


@dataclass(frozen=True, slots=True)
class PrintedField:
    """One `^FD` field as the printer would print it; GS1 data in its (AI) form."""

    kind: FieldKind
    data: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class ParsedLabel:
    fields: tuple[PrintedField, ...]
    copies: int = 1
    width: int | None = None
    length: int | None = None
    problems: tuple[str, ...] = ()  # what a real printer would have choked on or misprinted

    @property
    def texts(self) -> list[str]:
        return [f.data for f in self.fields if f.kind is FieldKind.TEXT]

    @property
    def barcodes(self) -> list[PrintedField]:
        return [f for f in self.fields if f.kind is not FieldKind.TEXT]


@dataclass(frozen=True, slots=True)
class ReceivedJob:
    number: int
    raw: bytes
    labels: tuple[ParsedLabel, ...]

    @property
    def label_count(self) -> int:
        return sum(label.copies for label in self.labels)


# --- ZPL parsing --------------------------------------------------------------------------


def _hex_decode(data: bytes, indicator: int) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        if data[i] == indicator and re.fullmatch(rb"[0-9A-Fa-f]{2}", data[i + 1 : i + 3]):
            out.append(int(data[i + 1 : i + 3], 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return bytes(out)


def _gs1_hri(element_string: str) -> str:
    """(AI) form of a GS1 element string whose separators are GS; raises ValueError if it is not GS1."""
    try:
        return str(GS1Message.parse(element_string).as_hri())
    except Exception as error:  # biip's ParseError family: the symbol is not valid GS1
        raise ValueError(f"not GS1: {element_string!r}") from error


def _code128_decode(data: str) -> str:
    """Undo ZPL Code 128 invocation codes; FNC1 comes back as the FNC1 marker."""
    out: list[str] = []
    subset = "B"
    i = 0
    while i < len(data):
        char = data[i]
        if char == ">" and i + 1 < len(data):
            code = data[i + 1]
            i += 2
            if code == "<":
                out.append("^")
            elif code == "0":
                out.append(">")
            elif code == "=":
                out.append("~")
            elif code == "8":
                out.append(FNC1)
            elif code in "9:;567":
                subset = {"9": "A", ":": "B", ";": "C", "5": "C", "6": "B", "7": "A"}[code]
            continue
        if subset == "C":
            pair = data[i : i + 2]
            if len(pair) == 2 and pair.isdigit():
                out.append(pair)
            i += 2  # non-digit pairs and a lone digit are dropped, as the printer does
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _datamatrix_decode(data: str, escape: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(data):
        char = data[i]
        if char != escape or i + 1 >= len(data):
            out.append(char)
            i += 1
            continue
        code = data[i + 1]
        if code == escape:
            out.append(escape)
            i += 2
        elif code == "1":
            out.append(FNC1)
            i += 2
        elif code == "d" and data[i + 2 : i + 5].isdigit() and len(data[i + 2 : i + 5]) == 3:
            out.append(chr(int(data[i + 2 : i + 5])))
            i += 5
        elif code == "X" and i + 2 < len(data):
            out.append(chr(ord(data[i + 2]) - 64 & 0x7F))
            i += 3
        elif code == "5" and data[i + 2 : i + 5].isdigit():
            i += 5  # code page switch: nothing to print
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _gs1_field(decoded: str) -> str:
    """An FNC1-led decoded barcode as (AI) text; separators are the FNC1s after the first."""
    body = decoded.removeprefix(FNC1).replace(FNC1, GS)
    return _gs1_hri(body)


@dataclass
class _FieldState:
    x: int = 0
    y: int = 0
    hex_indicator: int | None = None
    barcode: str | None = None  # "BC", "BQ", "BX"
    params: list[str] = field(default_factory=list)


def _split_commands(format_bytes: bytes) -> list[tuple[str, bytes]]:
    """(name, argument bytes) for each ^ or ~ command, arguments running to the next prefix.

    Field data ends at the next caret as on a printer; a tilde inside it splits it, because a
    real printer would act on it as a command (and `parse_label` reports it as a problem).
    """
    positions = [m.start() for m in re.finditer(rb"[\^~]", format_bytes)] + [len(format_bytes)]
    commands: list[tuple[str, bytes]] = []
    for start, end in itertools.pairwise(positions):
        prefix = chr(format_bytes[start])
        name = format_bytes[start + 1 : start + 3].decode("latin-1").upper()
        commands.append((prefix + name, format_bytes[start + 3 : end]))
    return commands


def parse_label(format_bytes: bytes) -> ParsedLabel:
    """Parse one `^XA` ... `^XZ` format."""
    fields: list[PrintedField] = []
    problems: list[str] = []
    state = _FieldState()
    data: bytes | None = None
    copies = 1
    width: int | None = None
    length: int | None = None
    for name, argument in _split_commands(format_bytes):
        text = argument.decode("latin-1").strip()
        if name.startswith("~"):
            problems.append(f"control command {name} inside a label")
            continue
        params = text.split(",")
        match name:
            case "^FO" | "^FT":
                with contextlib.suppress(ValueError):
                    state.x = int(params[0] or 0)
                    state.y = int(params[1] or 0) if len(params) > 1 else 0
            case "^FH":
                state.hex_indicator = ord(text[0]) if text else ord("_")
            case "^BC" | "^BQ" | "^BX":
                state.barcode = name[1:]
                state.params = [p.strip() for p in params]
            case "^FD":
                data = argument
            case "^FS":
                if data is not None:
                    try:
                        fields.append(_field(state, data))
                    except ValueError as error:
                        problems.append(str(error))
                state = _FieldState(x=state.x, y=state.y)
                data = None
            case "^PQ":
                with contextlib.suppress(ValueError):
                    copies = max(1, int(params[0]))
            case "^PW":
                with contextlib.suppress(ValueError):
                    width = int(params[0])
            case "^LL":
                with contextlib.suppress(ValueError):
                    length = int(params[0])
            case "^XZ" | "^XA":
                if data is not None:
                    problems.append("field data without ^FS")
                    data = None
            case _:
                pass
    return ParsedLabel(tuple(fields), copies=copies, width=width, length=length, problems=tuple(problems))


def _field(state: _FieldState, raw: bytes) -> PrintedField:
    if state.hex_indicator is not None:
        raw = _hex_decode(raw, state.hex_indicator)
    data = raw.decode("utf-8", errors="replace")
    x, y = state.x, state.y
    if state.barcode == "BC":
        mode = state.params[5].upper() if len(state.params) > 5 and state.params[5] else "N"
        if mode == "D":
            # The printer strips parentheses and spaces and starts with FNC1.
            body = data.replace(">8", FNC1)
            body = re.sub(r"\((\d{2,4})\)", r"\1", body).replace(" ", "")
            return PrintedField(FieldKind.GS1_128, _gs1_field(FNC1 + body.removeprefix(FNC1)), x, y)
        decoded = _code128_decode(data)
        if decoded.startswith(FNC1):
            return PrintedField(FieldKind.GS1_128, _gs1_field(decoded), x, y)
        return PrintedField(FieldKind.CODE128, decoded.replace(FNC1, ""), x, y)
    if state.barcode == "BQ":
        if len(data) < 3 or data[2] != ",":
            raise ValueError(f"QR field data without its error-correction prefix: {data!r}")
        return PrintedField(FieldKind.QR, data[3:], x, y)
    if state.barcode == "BX":
        escape = state.params[6] if len(state.params) > 6 and state.params[6] else "_"
        decoded = _datamatrix_decode(data, escape[0])
        if decoded.startswith(FNC1):
            return PrintedField(FieldKind.GS1_DATAMATRIX, _gs1_field(decoded), x, y)
        return PrintedField(FieldKind.DATAMATRIX, decoded, x, y)
    return PrintedField(FieldKind.TEXT, data, x, y)


def parse_zpl(data: bytes) -> list[ParsedLabel]:
    """Every complete format in `data`."""
    labels: list[ParsedLabel] = []
    for match in re.finditer(rb"\^XA(.*?)\^XZ", data, flags=re.DOTALL | re.IGNORECASE):
        labels.append(parse_label(match.group(0)))
    return labels


# --- the printer ----------------------------------------------------------------------------


class PrinterSimulator:
    """A ZPL printer on 127.0.0.1. Thread-safe; every wait takes a timeout."""

    def __init__(
        self,
        port: int = 9100,
        *,
        host: str = "127.0.0.1",
        store_dir: Path | str | None = None,
        model: str = "ZD421-203dpi",
        firmware: str = "V84.20.18Z",
        label_length: int = 1218,
    ) -> None:
        self.host = host
        self._requested_port = port
        self.store_dir = Path(store_dir) if store_dir is not None else None
        self.model = model
        self.firmware = firmware
        self.label_length = label_length
        self._cond = threading.Condition()
        self._jobs: list[ReceivedJob] = []
        self._held: list[ReceivedJob] = []
        self._labels_printed = 0
        self._fault: Fault | None = None
        self.silent_on_error = False
        self.slow_seconds = 0.0
        self.drop_mid_job = False
        self.dropped_connections = 0
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._selector: selectors.DefaultSelector | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._pty_fds: list[int] = []
        self.port = 0
        self.pty_path: str | None = None

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> Self:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self._requested_port))
            listener.listen(8)
        except OSError:
            listener.close()
            raise
        listener.setblocking(False)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._wake_r, self._wake_w = socket.socketpair()
        self._selector = selectors.DefaultSelector()
        self._selector.register(listener, selectors.EVENT_READ)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._spawn(self._accept_loop, "zpl-printer-accept")
        return self

    def serve_pty(self) -> str:
        """Also answer on a pseudo-terminal (a serial printer); returns the path to open."""
        if self._wake_r is None:
            raise RuntimeError("start() the simulator before serve_pty()")
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no line editing: a serial line carries bytes as they are
        self._pty_fds += [master, slave]
        self.pty_path = os.ttyname(slave)
        self._spawn(self._serve_pty, "zpl-printer-pty", master)
        return self.pty_path

    def stop(self) -> None:
        self._stop.set()
        if self._wake_w is not None:
            with contextlib.suppress(OSError):
                self._wake_w.send(b"x")
        with self._cond:
            clients = list(self._clients)
            self._cond.notify_all()
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()
        for closable in (self._listener, self._wake_r, self._wake_w, self._selector):
            if closable is not None:
                closable.close()
        self._listener = self._wake_r = self._wake_w = None
        self._selector = None
        for fd in self._pty_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._pty_fds.clear()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def _spawn(self, target: Callable[..., None], name: str, *args: object) -> None:
        thread = threading.Thread(target=target, name=name, args=args, daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    # --- what tests and the demo look at and switch ---------------------------------------

    @property
    def jobs(self) -> list[ReceivedJob]:
        with self._cond:
            return list(self._jobs)

    @property
    def labels_printed(self) -> int:
        with self._cond:
            return self._labels_printed

    @property
    def fault(self) -> Fault | None:
        with self._cond:
            return self._fault

    @property
    def held_jobs(self) -> int:
        with self._cond:
            return len(self._held)

    def set_fault(self, fault: Fault | None) -> None:
        """Switch into a fault, or out of it with None; held labels print when it clears."""
        with self._cond:
            self._fault = fault
            if fault is None:
                for job in self._held:
                    self._labels_printed += job.label_count
                self._held.clear()
            self._cond.notify_all()

    def clear_fault(self) -> None:
        self.set_fault(None)

    def wait_for_jobs(self, count: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: len(self._jobs) >= count, timeout)

    def wait_for_labels(self, count: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._labels_printed >= count, timeout)

    def wait_for_drops(self, count: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.dropped_connections >= count, timeout)

    # --- answers ----------------------------------------------------------------------------

    def _error_bits(self) -> int:
        return _ERROR_BITS[self._fault] if self._fault is not None else 0

    def host_status(self) -> bytes | None:
        with self._cond:
            fault = self._fault
            if fault is not None and fault is not Fault.PAUSED and self.silent_on_error:
                return None
            remaining = sum(job.label_count for job in self._held)
            line1 = (
                f"030,{int(fault is Fault.PAPER_OUT)},{int(fault is Fault.PAUSED)},{self.label_length:04d},"
                f"{len(self._held):03d},0,0,0,000,0,0,0"
            )
            line2 = (
                f"000,0,{int(fault is Fault.HEAD_OPEN)},{int(fault is Fault.RIBBON_OUT)},0,2,6,0,{remaining:08d},1,000"
            )
        return b"".join(b"\x02" + line.encode() + b"\x03\r\n" for line in (line1, line2, "1234,0"))

    def extended_status(self) -> bytes:
        with self._cond:
            bits = self._error_bits()
        return (
            b"\x02\r\n PRINTER STATUS\r\n"
            + f"   ERRORS:         {int(bits != 0)} 00000000 {bits:08X}\r\n".encode()
            + b"   WARNINGS:       0 00000000 00000000\r\n\x03\r\n"
        )

    def identification(self) -> bytes:
        return f"\x02{self.model},{self.firmware},8,8192KB\x03\r\n".encode()

    def getvar(self, name: str) -> bytes:
        with self._cond:
            bits = self._error_bits()
            paused = int(self._fault is Fault.PAUSED)
        values = {
            "zpl.system_status": f"{paused},{int(bits != 0)},00000000,{bits:08X},0,00000000,00000000",
            "device.languages": "zpl",
            "device.product_name": self.model,
            "appl.name": self.firmware,
        }
        return f'"{values.get(name, "?")}"'.encode()

    def _finish_job(self, raw: bytes) -> None:
        labels = tuple(parse_zpl(raw))
        with self._cond:
            job = ReceivedJob(number=len(self._jobs) + 1, raw=raw, labels=labels)
            if self.store_dir is not None:
                # Written before the job is announced, so whoever waits for it finds the file too.
                self.store_dir.mkdir(parents=True, exist_ok=True)
                (self.store_dir / f"job-{job.number:05d}.zpl").write_bytes(raw)
            self._jobs.append(job)
            if self._fault is None:
                self._labels_printed += job.label_count
            else:
                self._held.append(job)
            self._cond.notify_all()

    def _pause_if_slow(self) -> None:
        if self.slow_seconds > 0:
            self._stop.wait(self.slow_seconds)

    # --- connections ------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._selector is not None
        assert self._listener is not None
        while not self._stop.is_set():
            for key, _ in self._selector.select():
                if key.fileobj is not self._listener:
                    return  # woken to stop
                try:
                    client, _ = self._listener.accept()
                except BlockingIOError:
                    continue
                client.setblocking(True)
                with self._cond:
                    self._clients.add(client)
                self._spawn(self._serve_client, "zpl-printer-client", client)

    def _serve_client(self, client: socket.socket) -> None:
        session = _Session(self, client.sendall)
        try:
            while not self._stop.is_set():
                try:
                    chunk = client.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                if self.drop_mid_job and b"^XA" in chunk.upper():
                    # As if the cable was pulled half-way: nothing of this job is kept.
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    with self._cond:
                        self.dropped_connections += 1
                        self._cond.notify_all()
                    break
                session.feed(chunk)
            session.close()
        finally:
            with self._cond:
                self._clients.discard(client)
            client.close()

    def _serve_pty(self, master: int) -> None:
        def send(data: bytes) -> None:
            view = memoryview(data)
            while view:
                view = view[os.write(master, view) :]

        session = _Session(self, send, finish_when_idle=True)
        with selectors.DefaultSelector() as selector:
            selector.register(master, selectors.EVENT_READ)
            assert self._wake_r is not None
            selector.register(self._wake_r, selectors.EVENT_READ)
            while not self._stop.is_set():
                ready = [key.fileobj for key, _ in selector.select()]
                if master not in ready:
                    return
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                session.feed(chunk)


_SGD = re.compile(rb'!\s*U1\s+getvar\s+"([^"]*)"[^\r\n]*[\r\n]+', re.IGNORECASE)
_TILDE_COMMANDS = (b"~HQES", b"~HS", b"~HI")


class _Session:
    """The byte stream of one connection: formats become jobs, queries get answers."""

    def __init__(
        self, printer: PrinterSimulator, send: Callable[[bytes], None], *, finish_when_idle: bool = False
    ) -> None:
        self._printer = printer
        self._send = send
        self._buffer = bytearray()
        self._formats = bytearray()
        self._finish_when_idle = finish_when_idle

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk
        while self._step():
            pass
        if self._finish_when_idle and not self._buffer:
            self._flush()

    def close(self) -> None:
        self._flush()

    def _reply(self, data: bytes) -> None:
        # A sender that hung up before its answer came loses the answer, not the labels it sent.
        with contextlib.suppress(OSError):
            self._send(data)

    def _flush(self) -> None:
        if self._formats:
            raw, self._formats = bytes(self._formats), bytearray()
            self._printer._finish_job(raw)

    def _answer(self, command: bytes) -> None:
        self._flush()  # what was sent before the question is in the printer's hands by now
        self._printer._pause_if_slow()
        printer = self._printer
        reply: bytes | None
        if command == b"~HS":
            reply = printer.host_status()
        elif command == b"~HQES":
            reply = printer.extended_status()
        else:
            reply = printer.identification()
        if reply is not None:
            self._reply(reply)

    def _step(self) -> bool:
        """Act on the first complete thing in the buffer; False when more bytes are needed."""
        buffer = self._buffer
        upper = bytes(buffer).upper()
        start = upper.find(b"^XA")
        end = upper.find(b"^XZ", start + 3) if start != -1 else -1
        tilde = upper.find(b"~")
        bang = upper.find(b"!")
        if start != -1 and bang > start:
            bang = -1  # a "!" inside a format is text, not an SGD command
        # Tilde commands act at once, even in the middle of a format.
        if tilde != -1 and (start == -1 or tilde < start or end == -1 or tilde < end) and (bang == -1 or tilde < bang):
            for command in _TILDE_COMMANDS:
                if upper.startswith(command, tilde):
                    del buffer[tilde : tilde + len(command)]
                    self._answer(command)
                    return True
            if len(buffer) - tilde < len(b"~HQES"):
                return False  # maybe the rest of the command is still on its way
            # A command we do not simulate is skipped; a stray tilde alone.
            name = bytes(buffer[tilde + 1 : tilde + 3])
            del buffer[tilde : tilde + (3 if name.isalnum() else 1)]
            return True
        if bang != -1:
            match = _SGD.match(bytes(buffer), bang)
            if match is None:
                line_end = re.search(rb"[\r\n]", upper[bang:])
                if line_end is not None:
                    del buffer[: bang + line_end.end()]  # not a getvar we know: the line is ignored
                    return True
                if start != -1:
                    del buffer[:start]  # a format follows an unfinished line: the line was noise
                    return True
                return False
            del buffer[: match.end()]
            self._flush()
            self._printer._pause_if_slow()
            self._reply(self._printer.getvar(match.group(1).decode("latin-1")))
            return True
        if start == -1:
            # Nothing to act on; keep only a tail that may be the start of "^XA".
            keep = next((n for n in (2, 1) if upper.endswith(b"^XA"[:n])), 0)
            del buffer[: len(buffer) - keep]
            return False
        if end == -1:
            del buffer[:start]
            return False
        self._formats += buffer[start : end + 3] + b"\n"
        del buffer[: end + 3]
        return True


# --- command line -----------------------------------------------------------------------------

_COMMANDS_HELP = """commands on stdin:
  paper-out | head-open | ribbon-out | pause   switch into that fault
  clear                                        back to ready (held labels print)
  silent on|off                                ~HS unanswered while in a fault
  slow SECONDS                                 delay every answer
  drop on|off                                  drop the connection in the middle of each job
  status | jobs                                show state / what was printed
  quit"""


def _describe(printer: PrinterSimulator) -> str:
    fault = printer.fault.value if printer.fault else "ready"
    return (
        f"state={fault} silent_on_error={printer.silent_on_error} slow={printer.slow_seconds}s "
        f"drop_mid_job={printer.drop_mid_job} jobs={len(printer.jobs)} labels_printed={printer.labels_printed} "
        f"held_jobs={printer.held_jobs}"
    )


def _command(printer: PrinterSimulator, line: str) -> str | None:
    """Apply one stdin command; returns the reply, or None to quit."""
    words = line.strip().lower().split()
    if not words:
        return ""
    faults = {
        "paper-out": Fault.PAPER_OUT,
        "head-open": Fault.HEAD_OPEN,
        "ribbon-out": Fault.RIBBON_OUT,
        "pause": Fault.PAUSED,
    }
    verb, rest = words[0], words[1:]
    if verb in ("quit", "exit"):
        return None
    if verb in faults:
        printer.set_fault(faults[verb])
    elif verb in ("clear", "ready", "ok"):
        printer.clear_fault()
    elif verb == "silent" and rest in (["on"], ["off"]):
        printer.silent_on_error = rest == ["on"]
    elif verb == "drop" and rest in (["on"], ["off"]):
        printer.drop_mid_job = rest == ["on"]
    elif verb == "slow" and len(rest) == 1:
        try:
            printer.slow_seconds = max(0.0, float(rest[0]))
        except ValueError:
            return f"not a number of seconds: {rest[0]}"
    elif verb == "jobs":
        lines = []
        for job in printer.jobs:
            for label in job.labels:
                shown = "; ".join(f"{f.kind.value}={f.data}" for f in label.fields)
                lines.append(f"job {job.number} x{label.copies}: {shown}")
        return "\n".join(lines) or "no jobs yet"
    elif verb != "status":
        return f"unknown command {line.strip()!r}\n{_COMMANDS_HELP}"
    return _describe(printer)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devices.simulators printer",
        description="Simulated Zebra ZPL label printer on TCP (and optionally a pseudo-terminal).",
        epilog=_COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100, help="TCP port; 0 picks a free one (default 9100)")
    parser.add_argument("--store", type=Path, help="also write every job to this folder as job-NNNNN.zpl")
    parser.add_argument("--model", default="ZD421-203dpi")
    parser.add_argument("--fault", choices=[f.value for f in Fault], help="start in this fault")
    parser.add_argument("--silent-on-error", action="store_true", help="leave ~HS unanswered while in a fault")
    parser.add_argument("--slow", type=float, default=0.0, metavar="SECONDS", help="delay every answer")
    parser.add_argument("--drop-mid-job", action="store_true", help="drop the connection in the middle of each job")
    parser.add_argument("--pty", action="store_true", help="also answer on a pseudo-terminal (serial printer)")
    args = parser.parse_args(argv)

    printer = PrinterSimulator(port=args.port, host=args.host, store_dir=args.store, model=args.model)
    printer.silent_on_error = args.silent_on_error
    printer.slow_seconds = max(0.0, args.slow)
    printer.drop_mid_job = args.drop_mid_job
    if args.fault:
        printer.set_fault(Fault(args.fault))
    try:
        printer.start()
    except OSError as error:
        print(f"cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    announce = [f"ZPL printer simulator listening on {printer.host}:{printer.port}"]
    try:
        if args.pty:
            announce.append(f"serial printer on {printer.serve_pty()}")
        announce.append(_describe(printer))
        # With stdin closed (started in the background) it serves until SIGTERM or Ctrl-C.
        run_console(lambda line: _command(printer, line), announce=announce, serve_after_input=True)
        return 0
    finally:
        printer.stop()
