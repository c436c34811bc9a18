"""A serial barcode scanner on a pseudo-terminal pair, for tests, demo mode and IT checks without hardware.

The station opens the slave side (its path is printed, or kept stable through a symlink) exactly as it
would open /dev/ttyACM0; the simulator writes to the master side what a real scanner would send:

- plain mode: data, optional AIM prefix, optional STX/ETX, and a CR / LF / CRLF / no suffix;
- Zebra SSI mode: DECODE_DATA packets with checksums, waiting for the host's ACK and retransmitting
  (status bit 0) on NAK or silence, acknowledging host commands, answering REQUEST_REVISION.

A trigger from the host (SSI START_DECODE or Honeywell SYN T CR) reads the barcode the simulator is
"aimed at". Noise can be injected, and the cable can be pulled (`disconnect`) and plugged back
(`reconnect`: a new pseudo-terminal, the symlink moved to it, like /dev/serial/by-id after a replug).

Command line: ``python -m devices.simulators scanner --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import os
import queue
import random
import re
import select
import sys
import threading
import time
import tty
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from devices.scanning.serial_scanner import HONEYWELL_TRIGGER, ScannerMode
from devices.scanning.ssi import (
    SsiDeframer,
    SsiNakCause,
    SsiOpcode,
    SsiPacket,
    SsiSource,
    ack,
    decode_data_packets,
)
from devices.scanning.symbology import AIM_TO_SSI_TYPE, split_aim_prefix

log = logging.getLogger(__name__)

SUFFIXES = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "none": b""}
STX = b"\x02"
ETX = b"\x03"
CODE_128 = 0x03
REVISION = b"SIM-SSI 1.0"


class ScannerSimulator:
    """One simulated scanner. `start()` opens the pseudo-terminal; `stop()` closes it and every thread."""

    def __init__(
        self,
        mode: ScannerMode = ScannerMode.PLAIN,
        *,
        suffix: bytes = b"\r",
        stx_etx: bool = False,
        aim_prefix: bool = False,
        ack_nak: bool = True,
        ack_timeout: float = 0.25,
        link: str | os.PathLike[str] | None = None,
        aimed_at: str = "RMA-0000001",
        aimed_symbology: str = "]C0",
    ) -> None:
        self.mode = mode
        self.suffix = suffix
        self.stx_etx = stx_etx
        self.aim_prefix = aim_prefix
        self.ack_nak = ack_nak
        self.ack_timeout = ack_timeout
        self.link = Path(link) if link is not None else None
        self.aimed_at = aimed_at
        self.aimed_symbology = aimed_symbology
        self.commands: list[SsiOpcode] = []  # SSI commands the host sent, in order
        self.host_bytes = bytearray()  # plain mode: everything the host sent
        self.command_seen = threading.Condition()
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_path = ""
        self._wake_r, self._wake_w = -1, -1
        self._reader: threading.Thread | None = None
        self._worker: threading.Thread | None = None
        self._jobs: queue.Queue[Callable[[], object] | None] = queue.Queue()
        self._send_lock = threading.Lock()  # one decoder transmission (and its ACK wait) at a time
        self._answers = threading.Condition()
        self._answer: SsiPacket | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> ScannerSimulator:
        self._worker = threading.Thread(target=self._work, name="scanner-sim-worker", daemon=True)
        self._worker.start()
        self._plug_in()
        return self

    def stop(self) -> None:
        self._unplug()
        if self._worker is not None:
            self._jobs.put(None)
            self._worker.join(5)
            self._worker = None

    def __enter__(self) -> ScannerSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port_path(self) -> str:
        """The path the station opens: the stable link when one was asked for, else the slave pty."""
        return str(self.link) if self.link is not None else self._slave_path

    @property
    def slave_path(self) -> str:
        return self._slave_path

    @property
    def connected(self) -> bool:
        return self._master is not None

    def disconnect(self) -> None:
        """Pull the cable: the station's reads fail, and the port path disappears."""
        self._unplug()

    def reconnect(self) -> None:
        """Plug the cable back in: a fresh pseudo-terminal; the link (if any) points to it."""
        self._unplug()
        self._plug_in()

    # -- what a scanner sends ------------------------------------------------------------------

    def send_scan(
        self,
        text: str | bytes,
        symbology: str | None = None,
        *,
        retransmits: int = 0,
        corrupt_first: bool = False,
    ) -> bool:
        """Send one read as the scanner would. Returns False when an SSI host never acknowledged it.

        `text` may begin with an AIM identifier (``]C1...``) instead of passing `symbology`.
        SSI only: `corrupt_first` damages the first transmission's checksum (the host must NAK it);
        `retransmits` resends an acknowledged packet that many times, as if the ACK had been lost.
        """
        data = text.encode("utf-8") if isinstance(text, str) else text
        aim, rest = split_aim_prefix(data.decode("utf-8", errors="surrogateescape"))
        if aim is not None:
            symbology, data = aim, rest.encode("utf-8", errors="surrogateescape")
        if self.mode is ScannerMode.SSI:
            return self._send_ssi(data, symbology, retransmits=retransmits, corrupt_first=corrupt_first)
        self._write(self._plain_frame(data, symbology))
        return True

    def inject_noise(self, data: bytes) -> None:
        """Write bytes that are not a read: line noise, a half-sent packet, a wrong-baud burst."""
        self._write(data)

    def wait_for_command(self, command: SsiOpcode | bytes, timeout: float = 2.0) -> bool:
        """Wait until the host has sent this SSI command (or, in plain mode, these bytes)."""

        def seen() -> bool:
            if isinstance(command, SsiOpcode):
                return command in self.commands
            return command in self.host_bytes

        with self.command_seen:
            return self.command_seen.wait_for(seen, timeout)

    # -- internals: the pseudo-terminal --------------------------------------------------------

    def _plug_in(self) -> None:
        master, slave = os.openpty()
        # Raw from the start: no echo and no CR->LF translation, even before the station opens it.
        tty.setraw(slave)
        self._master, self._slave = master, slave
        self._slave_path = os.ttyname(slave)
        if self.link is not None:
            staging = self.link.with_name(self.link.name + ".new")
            with contextlib.suppress(FileNotFoundError):
                staging.unlink()
            staging.symlink_to(self._slave_path)
            staging.replace(self.link)
        self._wake_r, self._wake_w = os.pipe()
        self._reader = threading.Thread(
            target=self._read_host, args=(master, self._wake_r), name="scanner-sim-reader", daemon=True
        )
        self._reader.start()

    def _unplug(self) -> None:
        if self._master is None:
            return
        os.write(self._wake_w, b"x")
        if self._reader is not None:
            self._reader.join(5)
            self._reader = None
        if self.link is not None:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        master, slave = self._master, self._slave
        self._master = self._slave = None
        for fd in (master, slave, self._wake_r, self._wake_w):
            if fd is not None:
                os.close(fd)
        with self._answers:
            self._answers.notify_all()

    def _write(self, data: bytes) -> None:
        master = self._master
        if master is None:
            raise OSError("the simulated scanner is disconnected")
        view = memoryview(data)
        while view:
            written = os.write(master, view)
            view = view[written:]

    def _read_host(self, master: int, wake: int) -> None:
        deframer = SsiDeframer(SsiSource.HOST)
        pending = b""
        while True:
            ready, _, _ = select.select([master, wake], [], [], 0.05)
            if wake in ready:
                return
            now = time.monotonic()
            if master not in ready:
                self._on_host_items(deframer.idle(now))
                continue
            try:
                data = os.read(master, 4096)
            except OSError:
                return  # the slave side hung up: nothing more to read until it reopens
            if self.mode is ScannerMode.SSI:
                self._on_host_items(deframer.feed(data, now))
            else:
                pending = self._on_plain_bytes(pending, data)

    def _on_plain_bytes(self, pending: bytes, data: bytes) -> bytes:
        """`pending` is the tail of the previous chunk, where a trigger may have begun; returns the new tail."""
        with self.command_seen:
            self.host_bytes += data
            self.command_seen.notify_all()
        window = pending + data
        for _ in range(window.count(HONEYWELL_TRIGGER)):
            self._jobs.put(self._read_aimed_barcode)
        # Two bytes cannot hold a whole trigger, so nothing is counted twice.
        return window[-2:]

    def _on_host_items(self, items: Iterable[object]) -> None:
        for item in items:
            if not isinstance(item, SsiPacket):
                continue  # noise or a WAKEUP byte: a real decoder ignores it
            if item.opcode in (SsiOpcode.CMD_ACK, SsiOpcode.CMD_NAK):
                with self._answers:
                    self._answer = item
                    self._answers.notify_all()
                continue
            with self.command_seen:
                self.commands.append(item.opcode)
                self.command_seen.notify_all()
            if item.opcode is SsiOpcode.REQUEST_REVISION:
                reply = SsiPacket(SsiOpcode.REPLY_REVISION, SsiSource.DECODER, data=REVISION)
                self._jobs.put(functools.partial(self._transmit, [reply]))
                continue
            if self.ack_nak:
                self._write_quietly(ack(SsiSource.DECODER).encode())
            if item.opcode is SsiOpcode.START_DECODE:
                self._jobs.put(self._read_aimed_barcode)

    def _write_quietly(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            self._write(data)

    def _work(self) -> None:
        # Decoder-initiated sends wait for ACKs, which the reader thread collects: never on the reader.
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except OSError as exc:
                log.info("Simulated scanner could not send: %s", exc)

    def _read_aimed_barcode(self) -> None:
        if self.aimed_at:  # empty: aimed at nothing, the trigger reads nothing
            self.send_scan(self.aimed_at, self.aimed_symbology)

    # -- internals: framing --------------------------------------------------------------------

    def _plain_frame(self, data: bytes, symbology: str | None) -> bytes:
        if self.aim_prefix and symbology:
            data = symbology.encode("ascii") + data
        if self.stx_etx:
            data = STX + data + ETX
        return data + self.suffix

    def _send_ssi(self, data: bytes, symbology: str | None, *, retransmits: int, corrupt_first: bool) -> bool:
        if self.aim_prefix and symbology:
            data = symbology.encode("ascii") + data
        barcode_type = AIM_TO_SSI_TYPE.get(symbology or "", CODE_128)
        return self._transmit(
            decode_data_packets(barcode_type, data), retransmits=retransmits, corrupt_first=corrupt_first
        )

    def _transmit(self, packets: list[SsiPacket], *, retransmits: int = 0, corrupt_first: bool = False) -> bool:
        with self._send_lock:
            for packet in packets:
                if not self._transmit_one(packet, corrupt_first=corrupt_first):
                    return False
                for _ in range(retransmits):
                    if not self._transmit_one(packet.as_retransmit(), corrupt_first=False):
                        return False
                corrupt_first = False
        return True

    def _await_answer(self) -> SsiPacket | None:
        with self._answers:
            self._answers.wait_for(lambda: self._answer is not None or self._master is None, self.ack_timeout)
            return self._answer

    def _transmit_one(self, packet: SsiPacket, *, corrupt_first: bool) -> bool:
        # The first send and up to two retransmissions, as a Zebra decoder does.
        for attempt in range(3):
            wire = (packet.as_retransmit() if attempt else packet).encode()
            if corrupt_first and attempt == 0:
                wire = wire[:-1] + bytes(((wire[-1] + 1) & 0xFF,))
            with self._answers:
                self._answer = None
            self._write(wire)
            if not self.ack_nak:
                return True
            answer = self._await_answer()
            if answer is not None and answer.opcode is SsiOpcode.CMD_ACK:
                return True
            if answer is not None and answer.data[:1] not in (b"", bytes((SsiNakCause.RESEND,))):
                return False  # NAK DENIED / BAD_CONTEXT: resending would not help
        return False


# -- command line ------------------------------------------------------------------------------

_ESCAPES = re.compile(r"<GS>|\\x1[dD]")


def script_line_text(line: str) -> str:
    """A scripted scan line with its escapes resolved: ``<GS>`` or ``\\x1d`` stand for the GS separator."""
    return _ESCAPES.sub("\x1d", line)


def play_line(sim: ScannerSimulator, line: str, rng: random.Random, noise_rate: float, out: TextIO) -> bool:
    """Execute one scripted or typed line; False means quit.

    A line is a barcode to send (it may start with an AIM identifier; ``<GS>`` is the GS separator),
    a ``#`` comment, or a command: ``!noise HEX``, ``!garbage N``, ``!disconnect``, ``!reconnect``,
    ``!wait SECONDS``, ``!quit``. With `noise_rate`, random bytes precede a scan that often (in plain
    mode they corrupt that read, as line noise does).
    """
    line = line.rstrip("\r\n")
    if not line.strip() or line.lstrip().startswith("#"):
        return True
    if line.startswith("!"):
        command, _, argument = line[1:].partition(" ")
        if command == "quit":
            return False
        if command == "disconnect":
            sim.disconnect()
            print("disconnected", file=out, flush=True)
        elif command == "reconnect":
            sim.reconnect()
            print(f"reconnected: open {sim.port_path}", file=out, flush=True)
        elif command == "noise":
            sim.inject_noise(bytes.fromhex(argument))
        elif command == "garbage":
            sim.inject_noise(rng.randbytes(int(argument or "16")))
        elif command == "wait":
            time.sleep(float(argument))
        else:
            print(f"unknown command !{command}", file=out, flush=True)
        return True
    if rng.random() < noise_rate:
        sim.inject_noise(rng.randbytes(rng.randint(1, 12)))
    if not sim.connected:
        print("not sent: the scanner is disconnected (type !reconnect)", file=out, flush=True)
        return True
    acknowledged = sim.send_scan(script_line_text(line))
    print(f"sent {line!r}" + ("" if acknowledged else " (host did not acknowledge)"), file=out, flush=True)
    return True


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devices.simulators scanner",
        description="Simulated serial barcode scanner on a pseudo-terminal. Type one barcode per line; "
        "a line may start with an AIM identifier (]C1, ]d2 ...); <GS> stands for the GS separator. "
        "Commands: !noise HEX, !garbage N, !disconnect, !reconnect, !wait SECONDS, !quit.",
    )
    parser.add_argument("--mode", choices=[m.value for m in ScannerMode], default=ScannerMode.PLAIN.value)
    parser.add_argument("--suffix", choices=sorted(SUFFIXES), default="cr", help="plain mode terminator")
    parser.add_argument("--stx-etx", action="store_true", help="plain mode: wrap each read in STX ... ETX")
    parser.add_argument("--aim", action="store_true", help="transmit the AIM symbology identifier")
    parser.add_argument("--no-ack", action="store_true", help="SSI: do not wait for the host's ACK")
    parser.add_argument("--link", help="keep a symlink at this path pointing to the current pseudo-terminal")
    parser.add_argument("--script", type=Path, help="file of lines to play before reading standard input")
    parser.add_argument("--interval", type=float, default=0.0, help="seconds between scripted lines")
    parser.add_argument("--noise-rate", type=float, default=0.0, help="chance of random noise before a scan")
    parser.add_argument("--seed", type=int, default=None, help="random seed for noise")
    parser.add_argument("--aimed-at", default="RMA-0000001", help="what a host trigger reads")
    parser.add_argument("--no-stdin", action="store_true", help="quit after the script instead of reading input")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    sim = ScannerSimulator(
        ScannerMode(args.mode),
        suffix=SUFFIXES[args.suffix],
        stx_etx=args.stx_etx,
        aim_prefix=args.aim,
        ack_nak=not args.no_ack,
        link=args.link,
        aimed_at=args.aimed_at,
    )
    rng = random.Random(args.seed)
    out = sys.stdout
    with sim:
        print(f"scanner simulator ({args.mode} mode) ready: open {sim.port_path}", file=out, flush=True)
        if args.link:
            print(f"pseudo-terminal: {sim.slave_path}", file=out, flush=True)
        try:
            if args.script is not None:
                for line in args.script.read_text(encoding="utf-8").splitlines():
                    if not play_line(sim, line, rng, args.noise_rate, out):
                        return 0
                    if args.interval:
                        time.sleep(args.interval)
            if not args.no_stdin:
                for line in sys.stdin:
                    if not play_line(sim, line, rng, args.noise_rate, out):
                        break
        except KeyboardInterrupt:
            pass
    return 0
