"""The serial UHF reader: frames and CRC against the documented examples, and the reader over a real pty."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.events import RejectReason, ScanSource, TagRead
from devices.manager import DeviceState, DeviceUnavailable
from devices.rfid.uhf_serial import (
    MIN_COMMAND_LENGTH,
    MSG_SILENT,
    FrameDamage,
    InventoryStatus,
    UhfDeframer,
    UhfFrame,
    UhfReaderSettings,
    UhfSerialReader,
    crc16,
    inventory_command,
    inventory_response,
    parse_inventory,
)
from devices.simulators.uhf_reader import UhfReaderSimulator
from tests.devices.rfid.helpers import SGTIN_EXAMPLE, SGTIN_OTHER, FakeClock, Recorder

# The examples in shared/reference/devices.md.
INVENTORY_TO_ADDRESS_0 = bytes.fromhex("04 00 01 DB 4B")
ONE_TAG = bytes.fromhex("13 00 01 01 01 0C 30 34 25 7B F7 19 4E 40 00 00 30 39 32 EE")
NO_TAG = bytes.fromhex("05 00 01 FB F2 3D")


def test_crc_is_crc16_mcrf4xx_lsb_first() -> None:
    assert crc16(b"123456789") == 0x6F91  # the catalogue check value of CRC-16/MCRF4XX
    assert crc16(bytes.fromhex("040001")).to_bytes(2, "little") == bytes.fromhex("DB4B")


def test_the_documented_frames_encode_exactly() -> None:
    assert inventory_command(0) == INVENTORY_TO_ADDRESS_0
    assert inventory_response(0, InventoryStatus.DONE, [bytes.fromhex(SGTIN_EXAMPLE)]) == ONE_TAG
    assert inventory_response(0, InventoryStatus.NO_TAG) == NO_TAG


def test_the_documented_frames_decode() -> None:
    (one,) = UhfDeframer().feed(ONE_TAG)
    (none,) = UhfDeframer().feed(NO_TAG)
    (command,) = UhfDeframer(MIN_COMMAND_LENGTH).feed(INVENTORY_TO_ADDRESS_0)

    assert isinstance(one, UhfFrame)
    assert parse_inventory(one) == (InventoryStatus.DONE, [SGTIN_EXAMPLE])
    assert isinstance(none, UhfFrame)
    assert parse_inventory(none) == (InventoryStatus.NO_TAG, [])
    assert command == UhfFrame(0, 0x01)


def test_noise_and_a_bad_crc_are_reported_and_the_next_frame_still_decodes() -> None:
    damaged = ONE_TAG[:-1] + b"\x00"
    deframer = UhfDeframer()

    items = deframer.feed(b"\xff\x00\x13" + damaged + NO_TAG)

    assert len(items) == 2
    assert isinstance(items[0], FrameDamage)
    assert items[0].data == b"\xff\x00\x13" + damaged
    assert items[1] == UhfFrame(0, 0x01, b"\xfb")


def test_a_frame_cut_short_is_damage_when_flushed() -> None:
    deframer = UhfDeframer()

    assert deframer.feed(ONE_TAG[:9]) == []
    assert deframer.flush() == [FrameDamage(ONE_TAG[:9], "a frame was cut short")]
    assert deframer.feed(NO_TAG) == [UhfFrame(0, 0x01, b"\xfb")]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"\x01", "without its tag count"),
        (b"\x01\x02\x0c" + bytes(12), "announces 2 tags but holds 1"),
        (b"\x01\x01\x0c" + bytes(5), "cut short"),
        (b"\x01\x01\x02\xaa\xbb\xcc", "extra bytes"),
        (b"\x77", "status 0x77"),
    ],
)
def test_inventory_answers_that_do_not_add_up_are_damage(payload: bytes, reason: str) -> None:
    damage = parse_inventory(UhfFrame(0, 0x01, payload))

    assert isinstance(damage, FrameDamage)
    assert reason in damage.reason


@settings(max_examples=300)
@given(chunks=st.lists(st.binary(max_size=48), max_size=6), min_length=st.sampled_from([4, 5]))
def test_random_bytes_only_give_frames_or_damage(chunks: list[bytes], min_length: int) -> None:
    deframer = UhfDeframer(min_length)
    for chunk in [*chunks, NO_TAG]:
        for item in deframer.feed(chunk):
            assert isinstance(item, UhfFrame | FrameDamage)
            if isinstance(item, UhfFrame) and item.payload:
                assert isinstance(parse_inventory(item), tuple | FrameDamage)
    assert all(isinstance(item, FrameDamage) for item in deframer.flush())


@given(epcs=st.lists(st.binary(min_size=1, max_size=31), max_size=6), address=st.integers(0, 255))
def test_inventory_answers_round_trip(epcs: list[bytes], address: int) -> None:
    (frame,) = UhfDeframer().feed(inventory_response(address, InventoryStatus.MORE, epcs))

    assert isinstance(frame, UhfFrame)
    assert frame.address == address
    assert parse_inventory(frame) == (InventoryStatus.MORE, [epc.hex().upper() for epc in epcs])


# -- the reader over a pseudo-terminal ---------------------------------------------------------

MakeReader = Callable[..., UhfSerialReader]


@pytest.fixture
def make_reader(uhf_sim: UhfReaderSimulator, recorder: Recorder, clock: FakeClock) -> Iterator[MakeReader]:
    readers: list[UhfSerialReader] = []

    def make(**overrides: object) -> UhfSerialReader:
        options: dict[str, object] = {"device_id": "counter-1", "poll_interval": 0.005, "response_timeout": 0.3}
        options.update(overrides)
        settings = UhfReaderSettings(uhf_sim.port_path, **options)  # type: ignore[arg-type]
        reader = UhfSerialReader(
            settings, recorder.on_tag, on_damage=recorder.on_damage, on_state=recorder.on_state, clock=clock
        )
        readers.append(reader)
        return reader

    yield make
    for reader in readers:
        reader.close()


def test_tags_on_the_pad_are_read_once_per_window(
    make_reader: MakeReader, uhf_sim: UhfReaderSimulator, recorder: Recorder, clock: FakeClock
) -> None:
    reader = make_reader()
    reader.open(recorder)
    uhf_sim.set_tags([SGTIN_EXAMPLE])
    rounds = uhf_sim.inventories

    assert uhf_sim.wait_for_inventories(rounds + 5, 5)
    assert recorder.wait(lambda r: len(r.tags) == 1)
    assert recorder.tags == [TagRead(SGTIN_EXAMPLE, device_id="counter-1")]
    assert reader.sightings >= 3

    uhf_sim.set_tags([])
    clock.advance(5)
    uhf_sim.set_tags([SGTIN_EXAMPLE, SGTIN_OTHER])
    assert recorder.wait(lambda r: r.epcs() == [SGTIN_EXAMPLE, SGTIN_EXAMPLE, SGTIN_OTHER])


def test_answers_spread_over_several_frames_are_all_read(
    make_reader: MakeReader, uhf_sim: UhfReaderSimulator, recorder: Recorder
) -> None:
    many = [f"3034257BF7194E40{n:08X}" for n in range(40)]  # 40 x 13 bytes: three frames
    uhf_sim.set_tags(many)

    make_reader().open(recorder)

    assert recorder.wait(lambda r: len(r.tags) == 40)
    assert sorted(recorder.epcs()) == many


def test_damaged_answers_are_reported_and_polling_goes_on(
    make_reader: MakeReader, uhf_sim: UhfReaderSimulator, recorder: Recorder
) -> None:
    uhf_sim.set_tags([SGTIN_EXAMPLE])
    uhf_sim.corrupt_next_answers(2)
    uhf_sim.inject_noise(b"\x13\x99garbage")

    make_reader().open(recorder)

    assert recorder.wait(lambda r: len(r.tags) == 1 and len(r.damage) >= 2)
    rejected = recorder.damage[0]
    assert rejected.reason is RejectReason.BAD_FRAME
    assert rejected.source is ScanSource.RFID
    assert rejected.device_id == "counter-1"
    assert "damaged" in rejected.message
    assert recorder.losses == []


def test_a_mute_reader_is_a_fault_until_it_answers_again(
    make_reader: MakeReader, uhf_sim: UhfReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader(response_timeout=0.05, silent_rounds=2)
    reader.open(recorder)
    assert uhf_sim.wait_for_inventories(1, 5)

    uhf_sim.mute()
    assert recorder.wait(lambda r: (DeviceState.FAULT, MSG_SILENT) in r.reports)
    uhf_sim.mute(False)

    assert recorder.wait(lambda r: r.reports[-1] == (DeviceState.READY, "Reading tags"))
    assert recorder.losses == []


def test_pulling_the_cable_is_reported_once(
    make_reader: MakeReader, uhf_sim: UhfReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)
    assert uhf_sim.wait_for_inventories(1, 5)

    uhf_sim.stop()

    assert recorder.wait(lambda r: bool(r.losses))
    reader.close()
    assert len(recorder.losses) == 1
    assert recorder.losses[0] is not None


def test_test_read_waits_for_a_tag(make_reader: MakeReader, uhf_sim: UhfReaderSimulator, recorder: Recorder) -> None:
    reader = make_reader()
    reader.open(recorder)
    uhf_sim.set_tags([SGTIN_EXAMPLE])

    check = reader.test(timeout=5)

    assert check.ok
    assert check.message == f"Test read OK: tag {SGTIN_EXAMPLE}."


def test_a_missing_port_is_device_unavailable(tmp_path: object, recorder: Recorder) -> None:
    reader = UhfSerialReader(UhfReaderSettings("/dev/does-not-exist-rfid"), recorder.on_tag)

    with pytest.raises(DeviceUnavailable, match="no UHF RFID reader at /dev/does-not-exist-rfid"):
        reader.open(recorder)
