"""The serial UHF reader simulator seen from the station's end of a real pseudo-terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from devices.rfid.uhf_serial import InventoryStatus, UhfDeframer, UhfFrame, inventory_command, parse_inventory
from devices.simulators.uhf_reader import UhfReaderSimulator, inventory_answer
from tests.devices.rfid.helpers import simulator_process

ONE_TAG = bytes.fromhex("13 00 01 01 01 0C 30 34 25 7B F7 19 4E 40 00 00 30 39 32 EE")
NO_TAG = bytes.fromhex("05 00 01 FB F2 3D")


@pytest.fixture
def sim() -> Iterator[UhfReaderSimulator]:
    with UhfReaderSimulator(tags=["3034257BF7194E4000003039"]) as simulator:
        yield simulator


@pytest.fixture
def port(sim: UhfReaderSimulator) -> Iterator[serial.SerialBase]:
    opened = serial.serial_for_url(sim.port_path, baudrate=57600, timeout=2)
    yield opened
    opened.close()


def test_inventory_is_answered_with_the_documented_bytes(sim: UhfReaderSimulator, port: serial.SerialBase) -> None:
    port.write(inventory_command(0))
    assert port.read(len(ONE_TAG)) == ONE_TAG

    sim.set_tags([])
    port.write(inventory_command(0))
    assert port.read(len(NO_TAG)) == NO_TAG


def test_broadcast_address_is_answered_and_other_addresses_are_not(
    sim: UhfReaderSimulator, port: serial.SerialBase
) -> None:
    port.write(inventory_command(0x05))  # someone else's reader
    port.write(inventory_command(0xFF))

    assert port.read(len(ONE_TAG)) == ONE_TAG
    assert sim.wait_for_inventories(1, 5)
    assert sim.inventories == 1


def test_bad_crc_commands_are_ignored_and_unknown_commands_get_status_fe(
    sim: UhfReaderSimulator, port: serial.SerialBase
) -> None:
    port.write(bytes.fromhex("04 00 01 DB 4C"))  # CRC off by one
    port.write(UhfFrame(0, 0x21).encode())  # Get Reader Information: not simulated

    (answer,) = UhfDeframer().feed(port.read(6))

    assert answer == UhfFrame(0, 0x21, b"\xfe")
    assert sim.bad_commands == 1


def test_many_tags_are_split_over_frames_with_status_3_then_1() -> None:
    epcs = [bytes(12) for _ in range(40)]

    frames = inventory_answer(0, epcs)

    items = [item for frame in frames for item in UhfDeframer().feed(frame)]
    statuses = [parse_inventory(item)[0] for item in items if isinstance(item, UhfFrame)]  # type: ignore[index]
    assert statuses == [InventoryStatus.MORE] * (len(frames) - 1) + [InventoryStatus.DONE]
    assert len(frames) == 3
    assert all(len(frame) <= 256 for frame in frames)


def test_corrupted_answers_fail_their_crc(sim: UhfReaderSimulator, port: serial.SerialBase) -> None:
    sim.corrupt_next_answers(1)
    port.write(inventory_command(0))

    answer = port.read(len(ONE_TAG))

    assert answer[:-1] == ONE_TAG[:-1]
    assert answer != ONE_TAG


def test_command_line_prints_the_port_to_open(tmp_path: Path) -> None:
    tags = tmp_path / "tags.txt"
    tags.write_text("3034257BF7194E4000003039\n")
    with simulator_process("uhf", "--tags", str(tags)) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("UHF reader simulator ready: open /dev/")
        path = first.split("open ", 1)[1].split(" ", 1)[0]
        with serial.serial_for_url(path, baudrate=57600, timeout=5) as station:
            station.write(inventory_command(0))
            answer = station.read(len(ONE_TAG))
        process.stdin.write("status\nquit\n")
        process.stdin.flush()
        status = process.stdout.readline()
        assert process.wait(timeout=10) == 0
    assert answer == ONE_TAG
    assert status.startswith("inventories=1")


def test_console_commands_change_what_the_reader_answers(sim: UhfReaderSimulator, port: serial.SerialBase) -> None:
    from devices.simulators.uhf_reader import _command

    assert (_command(sim, "clear") or "").startswith("inventories=")
    port.write(inventory_command(0))
    assert port.read(len(NO_TAG)) == NO_TAG
    _command(sim, "tag 3034257BF7194E4000003039")
    _command(sim, "corrupt 1")
    port.write(inventory_command(0))
    assert port.read(len(ONE_TAG))[:-1] == ONE_TAG[:-1]
    assert _command(sim, "noise zz") == "error: non-hexadecimal number found in fromhex() arg at position 0"
    assert _command(sim, "quit") is None
