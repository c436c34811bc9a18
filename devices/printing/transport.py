"""Ways to reach a label printer: raw TCP (port 9100), a serial line, or a CUPS raw queue.

Each `Printer...` class is a small description of where the printer is; `connect()` opens a
fresh `PrinterLink` for one job or one status check and the caller closes it. Asking for the
printer each time, instead of holding a connection open, is what makes an unplugged-and-replugged
printer simply work again.

A link writes label data and answers status queries on the same line (ZPL printers answer `~HS`
on the connection it arrived on). A CUPS raw queue is one-way: it takes the job and owns it from
there, so it reports `supports_status = False` and never answers a query.

Every failure of the line is a `PrinterLinkError` (an `OSError`), with a message for the inspector.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

import serial

from devices.phrases import QT_TRANSLATE_NOOP, Phrase

OFFLINE_MESSAGE = QT_TRANSLATE_NOOP(
    "Devices", "The printer does not answer: check that it is switched on and its cable is plugged in."
)


class PrinterLinkError(OSError):
    """The line to the printer failed; `str(error)` is the message for the inspector."""


class PrinterLink(Protocol):
    """One open line to a printer."""

    def write(self, data: bytes) -> None: ...

    def query(self, command: bytes, complete: Callable[[bytes], bool], timeout: float) -> bytes:
        """Send `command`, collect the answer until `complete(answer)` or `timeout` seconds.

        Returns what arrived (maybe nothing: a silent printer is not an error). Raises
        PrinterLinkError when the line itself fails or the printer hangs up.
        """
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class PrinterConnector(Protocol):
    """Where a printer is; `connect()` opens a new line to it."""

    @property
    def description(self) -> str: ...

    @property
    def supports_status(self) -> bool: ...

    def connect(self) -> PrinterLink: ...


def _collect(read: Callable[[float], bytes], complete: Callable[[bytes], bool], timeout: float) -> bytes:
    """Read chunks (each waiting at most the time left) until `complete(answer)` or the timeout."""
    answer = bytearray()
    deadline = time.monotonic() + timeout
    while not complete(bytes(answer)):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        answer += read(remaining)
    return bytes(answer)


class _LinkBase:
    """Shared by the links: a query is a write and then reading until the answer is complete."""

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def _read(self, wait: float) -> bytes:
        """One chunk, waiting at most `wait` seconds; b"" when nothing came."""
        raise NotImplementedError

    def query(self, command: bytes, complete: Callable[[bytes], bool], timeout: float) -> bytes:
        self.write(command)
        return _collect(self._read, complete, timeout)

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


# --- raw TCP 9100 ---------------------------------------------------------------------------


class TcpLink(_LinkBase):
    def __init__(self, sock: socket.socket, description: str, write_timeout: float) -> None:
        self._sock = sock
        self._description = description
        self._write_timeout = write_timeout

    def write(self, data: bytes) -> None:
        try:
            self._sock.settimeout(self._write_timeout)
            self._sock.sendall(data)
        except OSError as error:
            raise PrinterLinkError(
                Phrase(
                    QT_TRANSLATE_NOOP("Devices", "The printer at {printer} stopped taking data: {advice}"),
                    printer=self._description,
                    advice=OFFLINE_MESSAGE,
                )
            ) from error

    def _read(self, wait: float) -> bytes:
        try:
            self._sock.settimeout(wait)
            chunk = self._sock.recv(4096)
        except TimeoutError:
            return b""
        except OSError as error:
            broke = QT_TRANSLATE_NOOP("Devices", "The connection to the printer at {printer} broke.")
            raise PrinterLinkError(Phrase(broke, printer=self._description)) from error
        if not chunk:
            raise PrinterLinkError(
                Phrase(QT_TRANSLATE_NOOP("Devices", "The printer at {printer} hung up."), printer=self._description)
            )
        return chunk

    def close(self) -> None:
        self._sock.close()


class TcpPrinter:
    """A network printer taking raw ZPL on a TCP port (9100 on Zebra printers)."""

    supports_status = True

    def __init__(
        self, host: str, port: int = 9100, *, connect_timeout: float = 3.0, write_timeout: float = 10.0
    ) -> None:
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self.write_timeout = write_timeout

    @property
    def description(self) -> str:
        return f"{self.host}:{self.port}"

    def connect(self) -> TcpLink:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError as error:
            unreachable = QT_TRANSLATE_NOOP("Devices", "Cannot reach the printer at {printer}: {advice}")
            raise PrinterLinkError(Phrase(unreachable, printer=self.description, advice=OFFLINE_MESSAGE)) from error
        # A job is a status query, the label, then another query: with Nagle's algorithm on, that
        # last small write waits for the printer's delayed ACK of the label (40 ms on Linux).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return TcpLink(sock, self.description, self.write_timeout)


# --- serial -----------------------------------------------------------------------------------


class SerialLink(_LinkBase):
    def __init__(self, port: serial.Serial, description: str) -> None:
        self._port = port
        self._description = description

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except (OSError, serial.SerialException) as error:
            raise PrinterLinkError(
                Phrase(
                    QT_TRANSLATE_NOOP("Devices", "The printer on {printer} stopped taking data: {advice}"),
                    printer=self._description,
                    advice=OFFLINE_MESSAGE,
                )
            ) from error

    def _read(self, wait: float) -> bytes:
        try:
            self._port.timeout = wait
            return self._port.read(self._port.in_waiting or 1)
        except (OSError, serial.SerialException) as error:
            broke = QT_TRANSLATE_NOOP("Devices", "The line to the printer on {printer} broke.")
            raise PrinterLinkError(Phrase(broke, printer=self._description)) from error

    def close(self) -> None:
        self._port.close()


class SerialPrinter:
    """A printer on a serial port or anything `serial_for_url` opens (a pty path, `socket://`, `loop://`).

    Only data lines are used: modem-control lines (RTS/DTR/CTS/DSR) are never required, since
    USB adapters and pseudo-terminals may not have them.
    """

    supports_status = True

    def __init__(self, url: str, *, baudrate: int = 9600, write_timeout: float = 10.0) -> None:
        self.url = url
        self.baudrate = baudrate
        self.write_timeout = write_timeout

    @property
    def description(self) -> str:
        return self.url

    def connect(self) -> SerialLink:
        try:
            port = serial.serial_for_url(
                self.url,
                baudrate=self.baudrate,
                timeout=0,
                write_timeout=self.write_timeout,
                rtscts=False,
                dsrdtr=False,
            )
        except (OSError, serial.SerialException, ValueError) as error:
            unreachable = QT_TRANSLATE_NOOP("Devices", "Cannot open the printer port {port}: {advice}")
            raise PrinterLinkError(Phrase(unreachable, port=self.url, advice=OFFLINE_MESSAGE)) from error
        return SerialLink(port, self.description)


# --- CUPS raw queue ---------------------------------------------------------------------------


def lp_command() -> str | None:
    """Path of CUPS' `lp`, or None where CUPS is not installed."""
    return shutil.which("lp")


class CupsLink(_LinkBase):
    def __init__(self, queue: str, lp: str, timeout: float) -> None:
        self._queue = queue
        self._lp = lp
        self._timeout = timeout

    def write(self, data: bytes) -> None:
        # `-o raw` passes the ZPL through untouched; without it CUPS would try to render it as text.
        command = [self._lp, "-d", self._queue, "-o", "raw"]
        try:
            done = subprocess.run(command, input=data, capture_output=True, timeout=self._timeout, check=False)
        except (OSError, subprocess.SubprocessError) as error:
            refused = QT_TRANSLATE_NOOP("Devices", "The print queue {queue} did not take the label: {problem}")
            raise PrinterLinkError(Phrase(refused, queue=self._queue, problem=error)) from error
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", errors="replace").strip() or f"lp exited with {done.returncode}"
            refused = QT_TRANSLATE_NOOP("Devices", "The print queue {queue} did not take the label: {problem}")
            raise PrinterLinkError(Phrase(refused, queue=self._queue, problem=reason))

    def query(self, command: bytes, complete: Callable[[bytes], bool], timeout: float) -> bytes:
        return b""  # a CUPS queue never carries the printer's answers back

    def close(self) -> None:
        pass


class CupsQueue:
    """A CUPS queue set up as raw (`lpadmin -p NAME -v socket://HOST:9100 -E`), printed to with `lp -o raw`."""

    supports_status = False

    def __init__(self, queue: str, *, lp: str | None = None, timeout: float = 30.0) -> None:
        self.queue = queue
        self._lp = lp
        self.timeout = timeout

    @property
    def description(self) -> str:
        return f"CUPS queue {self.queue}"

    def connect(self) -> CupsLink:
        lp = self._lp or lp_command()
        if lp is None:
            raise PrinterLinkError(
                "CUPS is not installed on this station (no `lp` command): ask IT to set up the printer queue."
            )
        return CupsLink(self.queue, lp, self.timeout)
