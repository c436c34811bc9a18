"""A serial desktop UHF RFID reader ("UHFReader18" family) on a pseudo-terminal.

The station opens the slave side (its path is printed) exactly as it would open /dev/ttyUSB0. The
simulator answers Inventory (0x01) from its tag population: no tag -> status 0xFB; otherwise the tags
split over as many frames as needed, status 0x03 on every frame but the last, 0x01 on the last. Other
commands get status 0xFE (illegal command); frames with a bad CRC, or for another address, are ignored
as a real reader does. For tests it can inject noise, damage the CRC of its next answers, or go mute.

Tag population file: the same as the LLRP simulator's (one EPC in hex per line; antenna and RSSI, if
given, are ignored: these readers report neither).

Command line: ``python -m devices.simulators uhf --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import select
import sys
import threading
import tty
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Self

from devices.rfid.uhf_serial import (
    BROADCAST,
    CMD_INVENTORY,
    MIN_COMMAND_LENGTH,
    STATUS_ILLEGAL_COMMAND,
    InventoryStatus,
    UhfDeframer,
    UhfFrame,
    inventory_response,
)
from devices.simulators.console import run_console
from devices.simulators.llrp_reader import (
    DEFAULT_TAGS,
    SimulatedTag,
    load_tags,
    parse_tag_line,
    population_command,
)

log = logging.getLogger(__name__)

MAX_FRAME_DATA = 240  # stay well inside the one-byte length field


def _epcs(tags: Iterable[SimulatedTag | str]) -> list[bytes]:
    result = []
    for tag in tags:
        parsed = tag if isinstance(tag, SimulatedTag) else parse_tag_line(tag)
        if parsed is not None:
            result.append(bytes.fromhex(parsed.epc_hex))
    return result


def inventory_answer(address: int, epcs: list[bytes]) -> list[bytes]:
    """The frames a reader sends for one Inventory with these tags in its field."""
    if not epcs:
        return [inventory_response(address, InventoryStatus.NO_TAG)]
    groups: list[list[bytes]] = [[]]
    size = 1
    for epc in epcs:
        if groups[-1] and size + 1 + len(epc) > MAX_FRAME_DATA:
            groups.append([])
            size = 1
        groups[-1].append(epc)
        size += 1 + len(epc)
    last = len(groups) - 1
    return [
        inventory_response(address, InventoryStatus.DONE if n == last else InventoryStatus.MORE, group)
        for n, group in enumerate(groups)
    ]


class UhfReaderSimulator:
    """One simulated UHF reader. `start()` opens the pseudo-terminal; `stop()` closes it and its thread."""

    def __init__(self, *, address: int = 0x00, tags: Iterable[SimulatedTag | str] = DEFAULT_TAGS) -> None:
        self.address = address
        self._epcs = _epcs(tags)
        self._cond = threading.Condition()
        self._mute = False
        self._corrupt_next = 0
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_path = ""
        self._wake_r, self._wake_w = -1, -1
        self._thread: threading.Thread | None = None
        self.inventories = 0  # Inventory commands answered
        self.bad_commands = 0  # frames ignored for a bad CRC, or noise

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Self:
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no line editing: a serial line carries bytes as they are
        self._master, self._slave = master, slave
        self._slave_path = os.ttyname(slave)
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, args=(master, self._wake_r), name="uhf-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the pseudo-terminal: for the station this is the cable being pulled."""
        if self._master is None:
            return
        os.write(self._wake_w, b"x")
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        for fd in (self._master, self._slave, self._wake_r, self._wake_w):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def port_path(self) -> str:
        return self._slave_path

    # -- knobs ---------------------------------------------------------------------------------

    def set_tags(self, tags: Iterable[SimulatedTag | str]) -> None:
        epcs = _epcs(tags)
        with self._cond:
            self._epcs = epcs

    def mute(self, mute: bool = True) -> None:
        """Stop (or resume) answering, as a reader with its power off but the USB cable in."""
        with self._cond:
            self._mute = mute

    def corrupt_next_answers(self, count: int = 1) -> None:
        """Damage the CRC of the next `count` answer frames."""
        with self._cond:
            self._corrupt_next = count

    def inject_noise(self, data: bytes) -> None:
        """Write bytes that are no frame: line noise, a wrong-baud burst."""
        if self._master is None:
            raise OSError("the simulated reader is stopped")
        os.write(self._master, data)

    def wait_for_inventories(self, count: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.inventories >= count, timeout)

    # -- internals -----------------------------------------------------------------------------

    def _serve(self, master: int, wake: int) -> None:
        deframer = UhfDeframer(MIN_COMMAND_LENGTH)
        while True:
            ready, _, _ = select.select([master, wake], [], [])
            if wake in ready:
                return
            try:
                data = os.read(master, 4096)
            except OSError:
                return  # the slave side hung up
            for item in deframer.feed(data):
                if not isinstance(item, UhfFrame):
                    with self._cond:
                        self.bad_commands += 1
                    continue
                if item.address not in (self.address, BROADCAST):
                    continue
                self._answer(master, item)

    def _answer(self, master: int, command: UhfFrame) -> None:
        with self._cond:
            if self._mute:
                return
            epcs = list(self._epcs)
        if command.command == CMD_INVENTORY:
            frames = inventory_answer(self.address, epcs)
            with self._cond:  # counted before it is sent: whoever reads the answer sees the count
                self.inventories += 1
                self._cond.notify_all()
        else:
            frames = [UhfFrame(self.address, command.command, bytes((STATUS_ILLEGAL_COMMAND,))).encode()]
        for frame in frames:
            with self._cond:
                corrupt = self._corrupt_next > 0
                self._corrupt_next = max(0, self._corrupt_next - 1)
            wire = frame[:-1] + bytes(((frame[-1] + 1) & 0xFF,)) if corrupt else frame
            try:
                os.write(master, wire)
            except OSError:
                return


# -- command line ------------------------------------------------------------------------------

_COMMANDS_HELP = """commands on standard input:
  tags FILE        replace the tag population from a file (one EPC hex per line)
  tag EPC          only this tag is on the reader
  clear            no tag on the reader
  mute on|off      stop/resume answering
  noise HEX        write these bytes to the line
  corrupt N        damage the CRC of the next N answer frames
  status           show what the reader is doing
  quit"""


def _command(sim: UhfReaderSimulator, line: str) -> str | None:
    words = line.strip().split()
    if not words:
        return ""
    verb, rest = words[0].lower(), words[1:]
    try:
        if verb in ("quit", "exit"):
            return None
        if population_command(sim.set_tags, verb, rest):
            pass
        elif verb == "mute" and rest in (["on"], ["off"]):
            sim.mute(rest == ["on"])
        elif verb == "noise" and rest:
            sim.inject_noise(bytes.fromhex("".join(rest)))
        elif verb == "corrupt" and len(rest) == 1:
            sim.corrupt_next_answers(int(rest[0]))
        elif verb != "status":
            return f"unknown command {line.strip()!r}\n{_COMMANDS_HELP}"
    except (OSError, ValueError) as exc:
        return f"error: {exc}"
    return f"inventories={sim.inventories} ignored_frames={sim.bad_commands}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devices.simulators uhf",
        description="Simulated serial UHF RFID reader (UHFReader18 family) on a pseudo-terminal.",
        epilog=_COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--tags", type=Path, help="tag population file: one EPC hex per line")
    parser.add_argument("--address", type=lambda text: int(text, 0), default=0, help="reader address (default 0)")
    parser.add_argument("--no-stdin", action="store_true", help="ignore standard input; run until SIGTERM/Ctrl-C")
    args = parser.parse_args(argv)
    try:
        tags: Iterable[SimulatedTag | str] = load_tags(args.tags) if args.tags else DEFAULT_TAGS
    except (OSError, ValueError) as exc:
        print(f"cannot read the tag file: {exc}", file=sys.stderr)
        return 2
    sim = UhfReaderSimulator(address=args.address, tags=tags).start()
    try:
        run_console(
            lambda line: _command(sim, line),
            read_stdin=not args.no_stdin,
            announce=[f"UHF reader simulator ready: open {sim.port_path} (57600 8N1, address {sim.address})"],
        )
    finally:
        sim.stop()
    return 0
