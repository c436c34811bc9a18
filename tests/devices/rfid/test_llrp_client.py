"""The LLRP client against the LLRP reader simulator, over real TCP on 127.0.0.1."""

from __future__ import annotations

import socket
import struct
from collections.abc import Callable, Iterator

import pytest

from devices.events import TagRead
from devices.manager import Backoff, DeviceState, DeviceStatus, DeviceUnavailable, StationDevices
from devices.rfid import llrp
from devices.rfid.llrp import MessageType
from devices.rfid.llrp_client import (
    MSG_IN_USE,
    LinkTimeout,
    LlrpReader,
    LlrpReaderSettings,
    ReaderClosedConnection,
    ReaderCommandError,
    ReaderInUse,
)
from devices.simulators.llrp_reader import LlrpReaderSimulator
from tests.devices.rfid.helpers import SGTIN_EXAMPLE, SGTIN_OTHER, FakeClock, ManualScheduler, Recorder

SLLURP_SEQUENCE = [
    MessageType.GET_READER_CAPABILITIES,
    MessageType.GET_READER_CONFIG,
    MessageType.ENABLE_EVENTS_AND_REPORTS,
    MessageType.SET_READER_CONFIG,
    MessageType.DELETE_ACCESSSPEC,
    MessageType.DELETE_ROSPEC,
    MessageType.ADD_ROSPEC,
    MessageType.ENABLE_ROSPEC,
]

MakeReader = Callable[..., LlrpReader]


@pytest.fixture
def make_reader(llrp_sim: LlrpReaderSimulator, recorder: Recorder, clock: FakeClock) -> Iterator[MakeReader]:
    readers: list[LlrpReader] = []

    def make(**overrides: object) -> LlrpReader:
        options: dict[str, object] = {"device_id": "dock-1", "response_timeout": 3.0, "poll_interval": 0.02}
        options.update(overrides)
        settings = LlrpReaderSettings("127.0.0.1", llrp_sim.port, **options)  # type: ignore[arg-type]
        reader = LlrpReader(settings, recorder.on_tag, on_state=recorder.on_state, clock=clock)
        readers.append(reader)
        return reader

    yield make
    for reader in readers:
        reader.close()


def delivered(recorder: Recorder, sim: LlrpReaderSimulator, marker: str) -> None:
    """Send a marker tag and wait for it: TCP keeps order, so everything sent before has been handled."""
    assert sim.send_report([marker])
    assert recorder.wait(lambda r: marker in r.epcs())


def test_open_runs_the_sllurp_sequence_then_tags_arrive(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()

    reader.open(recorder)

    assert llrp_sim.received == SLLURP_SEQUENCE
    assert llrp_sim.inventorying
    assert reader.capabilities is not None
    assert reader.capabilities.firmware == "returns-station-sim 1.0"
    assert recorder.states[-1] == (DeviceState.READY, "Reading tags")
    assert llrp_sim.send_report([f"{SGTIN_EXAMPLE},2,-61"])
    assert recorder.wait(lambda r: len(r.tags) == 1)
    assert recorder.tags == [TagRead(SGTIN_EXAMPLE, antenna=2, rssi=-61, seen_count=1, device_id="dock-1")]


def test_reports_flow_by_themselves_after_enable_and_repeats_collapse(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)

    llrp_sim.set_rate(500)  # the two default tags, round-robin
    assert llrp_sim.wait_for(lambda sim: sim.reports_sent >= 40, 5)
    llrp_sim.set_rate(0)
    delivered(recorder, llrp_sim, "E2000000000000000000FFFF")

    assert reader.sightings >= 41
    assert recorder.epcs() == [SGTIN_EXAMPLE, SGTIN_OTHER, "E2000000000000000000FFFF"]


def test_a_tag_counts_again_only_after_leaving_the_field_for_the_window(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder, clock: FakeClock
) -> None:
    make_reader(repeat_window=2.0).open(recorder)

    for _ in range(3):
        llrp_sim.send_report([SGTIN_EXAMPLE])
    delivered(recorder, llrp_sim, "E20000000000000000000001")
    clock.advance(1.5)
    llrp_sim.send_report([SGTIN_EXAMPLE])  # still on the pad: the window slides
    delivered(recorder, llrp_sim, "E20000000000000000000002")
    clock.advance(1.9)
    llrp_sim.send_report([SGTIN_EXAMPLE])
    delivered(recorder, llrp_sim, "E20000000000000000000003")
    assert recorder.epcs().count(SGTIN_EXAMPLE) == 1
    clock.advance(2.0)
    llrp_sim.send_report([SGTIN_EXAMPLE])  # away for the whole window: a new read
    delivered(recorder, llrp_sim, "E20000000000000000000004")

    assert recorder.epcs().count(SGTIN_EXAMPLE) == 2


def test_a_rospec_without_immediate_start_is_started_explicitly(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    make_reader(start=llrp.StartTrigger.NULL).open(recorder)

    assert llrp_sim.received == [*SLLURP_SEQUENCE, MessageType.START_ROSPEC]
    assert llrp_sim.rospecs_added[-1].start is llrp.StartTrigger.NULL
    assert llrp_sim.inventorying


def test_transmit_power_is_chosen_from_the_readers_power_table(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    make_reader(transmit_power_dbm=20.0, antennas=(1, 3)).open(recorder)

    spec = llrp_sim.rospecs_added[-1]
    assert spec.power_index == 41  # 10.00 dBm + 40 steps of 0.25 dBm
    assert spec.antennas == (1, 3)


def test_a_second_station_is_refused_with_a_clear_fault(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    first = make_reader()
    first.open(recorder)
    second = make_reader(device_id="dock-2")

    with pytest.raises(ReaderInUse, match=MSG_IN_USE):
        second.open(Recorder())

    assert (DeviceState.FAULT, MSG_IN_USE) in recorder.states
    assert llrp_sim.refused_connections == 1
    delivered(recorder, llrp_sim, SGTIN_EXAMPLE)  # the first station keeps reading
    assert first.is_open


def test_the_reader_refusing_our_settings_is_a_readable_fault(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader(antennas=(9,))

    with pytest.raises(ReaderCommandError) as raised:
        reader.open(recorder)

    assert str(raised.value) == (
        "The RFID reader refused to take our inventory settings: A_OUT_OF_RANGE: this reader has antennas 1-4"
    )
    assert recorder.states[-1][0] is DeviceState.FAULT
    assert llrp_sim.wait_for(lambda sim: not sim.client_connected, 5)  # the socket was closed


def test_keepalives_are_acknowledged(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    make_reader(keepalive_interval=0.05).open(recorder)

    assert llrp_sim.wait_for(lambda sim: sim.keepalive_acks >= 2, 5)
    assert recorder.losses == []


def test_a_silent_reader_is_declared_lost_once_by_the_keepalive_deadline(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder, clock: FakeClock
) -> None:
    reader = make_reader(keepalive_interval=5.0, missed_keepalives=3)
    reader.open(recorder)
    llrp_sim.silence()

    clock.advance(14.0)
    delivered_before = recorder.wait(lambda r: bool(r.losses), 0.3)
    clock.advance(1.5)
    assert recorder.wait(lambda r: bool(r.losses))

    assert not delivered_before  # 14 s of silence is inside 3 x 5 s
    (loss,) = recorder.losses
    assert isinstance(loss, LinkTimeout)
    assert "stopped answering" in str(loss)
    assert recorder.states[-1] == (DeviceState.DISCONNECTED, str(loss))
    reader.close()
    assert len(recorder.losses) == 1


def test_the_reader_dropping_the_connection_is_reported_once(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)

    llrp_sim.drop_client()

    assert recorder.wait(lambda r: bool(r.losses))
    assert isinstance(recorder.losses[0], ConnectionError | ReaderClosedConnection)
    assert not reader.is_open
    reader.close()
    assert len(recorder.losses) == 1


def test_close_deletes_the_rospec_and_closes_the_connection_politely(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)

    reader.close()

    assert llrp_sim.wait_for(lambda sim: not sim.client_connected, 5)
    assert llrp_sim.received[-2:] == [MessageType.DELETE_ROSPEC, MessageType.CLOSE_CONNECTION]
    assert recorder.losses == []
    assert recorder.states[-1] == (DeviceState.DISCONNECTED, "Closed")
    reader.close()  # twice is harmless


def test_station_devices_reconnect_with_backoff_after_a_drop(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator
) -> None:
    scheduler = ManualScheduler()
    devices = StationDevices(scheduler, backoff=Backoff(first=0.5, jitter=0))
    statuses: list[DeviceStatus] = []
    devices.subscribe(statuses.append)
    devices.add(make_reader())
    try:
        devices.start()
        scheduler.run_next()
        assert devices.status("dock-1").state is DeviceState.READY

        llrp_sim.drop_client()
        assert llrp_sim.wait_for(lambda sim: not sim.client_connected, 5)
        call = scheduler.wait_pending()
        assert call is not None
        assert devices.status("dock-1").state is DeviceState.DISCONNECTED
        assert scheduler.run_next() == 0.5

        assert devices.status("dock-1").state is DeviceState.READY
        assert llrp_sim.connections == 2
        assert llrp_sim.received.count(MessageType.ADD_ROSPEC) == 2
    finally:
        devices.stop()


def test_a_malformed_message_is_skipped_and_reading_goes_on(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)

    assert llrp_sim.inject(llrp.Frame(MessageType.RO_ACCESS_REPORT, 99, bytes.fromhex("00f0 0006 8100 01")).encode())
    delivered(recorder, llrp_sim, SGTIN_EXAMPLE)

    assert recorder.losses == []
    assert reader.is_open


def test_a_broken_stream_drops_the_link_once(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)

    llrp_sim.inject(struct.pack(">HII", (5 << 10) | 61, 10, 1))  # version 5: not LLRP

    assert recorder.wait(lambda r: bool(r.losses))
    assert isinstance(recorder.losses[0], llrp.FrameError)
    assert "not LLRP" in str(recorder.losses[0])


def test_a_failing_tag_callback_does_not_stop_the_reader(llrp_sim: LlrpReaderSimulator, clock: FakeClock) -> None:
    recorder = Recorder()

    def fussy(read: TagRead) -> None:
        if read.epc_hex == SGTIN_EXAMPLE:
            raise RuntimeError("a bug upstairs")
        recorder.on_tag(read)

    reader = LlrpReader(LlrpReaderSettings("127.0.0.1", llrp_sim.port), fussy, clock=clock)
    try:
        reader.open(recorder)
        llrp_sim.send_report([SGTIN_EXAMPLE])
        delivered(recorder, llrp_sim, SGTIN_OTHER)
        assert reader.is_open
    finally:
        reader.close()


def test_test_read_reports_the_next_tag(
    make_reader: MakeReader, llrp_sim: LlrpReaderSimulator, recorder: Recorder
) -> None:
    reader = make_reader()
    reader.open(recorder)
    llrp_sim.set_rate(50)

    check = reader.test(timeout=5)

    assert check.ok
    assert check.message.startswith("Test read OK: tag 3034257BF7194E40000030")
    assert "antenna 1" in check.message


def test_no_reader_listening_is_device_unavailable(recorder: Recorder) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    reader = LlrpReader(LlrpReaderSettings("127.0.0.1", free_port), recorder.on_tag)

    with pytest.raises(DeviceUnavailable, match="no RFID reader answers at 127.0.0.1"):
        reader.open(recorder)


def test_a_device_that_never_greets_is_not_taken_for_a_reader(recorder: Recorder) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        settings = LlrpReaderSettings("127.0.0.1", listener.getsockname()[1], response_timeout=0.2)
        reader = LlrpReader(settings, recorder.on_tag)

        with pytest.raises(DeviceUnavailable, match="did not greet us as an LLRP reader"):
            reader.open(recorder)
        accepted, _ = listener.accept()
        accepted.close()
