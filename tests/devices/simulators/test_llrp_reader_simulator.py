"""The LLRP reader simulator seen from a raw TCP client: what it sends, byte for byte, and its command line."""

from __future__ import annotations

import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.rfid import llrp
from devices.rfid.llrp import ConnectionStatus, MessageType, ParameterType, StatusCode
from devices.simulators.llrp_reader import LlrpReaderSimulator, SimulatedTag, load_tags, parse_tag_line
from tests.devices.rfid.helpers import simulator_process


class RawClient:
    """A bare LLRP client: sends frames, reads decoded messages, each read with a timeout."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self._decoder = llrp.FrameDecoder()
        self._pending: list[llrp.Frame] = []

    def close(self) -> None:
        self.sock.close()

    def frame(self) -> llrp.Frame:
        while not self._pending:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("the simulator closed the connection")
            self._pending += self._decoder.feed(data)
        return self._pending.pop(0)

    def message(self) -> llrp.ReaderMessage:
        return llrp.decode_reader_message(self.frame())

    def ask(self, frame: llrp.Frame) -> llrp.ReaderMessage:
        self.sock.sendall(frame.encode())
        while True:
            message = self.message()
            if not isinstance(message, llrp.Keepalive | llrp.AccessReport | llrp.ReaderEvent):
                return message


@pytest.fixture
def sim() -> Iterator[LlrpReaderSimulator]:
    with LlrpReaderSimulator(0, reports_per_second=0) as simulator:
        yield simulator


@pytest.fixture
def client(sim: LlrpReaderSimulator) -> Iterator[RawClient]:
    raw = RawClient(sim.port)
    yield raw
    raw.close()


def test_the_reader_speaks_first_with_a_successful_connection_event(client: RawClient) -> None:
    frame = client.frame()

    assert frame.encode()[0] == 0x04  # LLRP version 1
    event = llrp.decode_reader_message(frame)
    assert isinstance(event, llrp.ReaderEvent)
    assert event.connection == ConnectionStatus.SUCCESS
    assert event.timestamp_us is not None


def test_capabilities_have_antennas_a_power_table_and_an_rf_mode_table(client: RawClient) -> None:
    client.message()

    answer = client.ask(llrp.get_reader_capabilities(7))

    assert isinstance(answer, llrp.Response)
    assert answer.message_type is MessageType.GET_READER_CAPABILITIES_RESPONSE
    assert answer.message_id == 7
    assert answer.status.ok
    caps = llrp.decode_capabilities(answer)
    assert caps.max_antennas == 4
    assert len(caps.transmit_power) == 81
    assert caps.rf_modes
    regulatory = next(p for p in answer.parameters if p.type == ParameterType.REGULATORY_CAPABILITIES)
    (band,) = regulatory.children(4)
    assert {p.type for p in band.children()} >= {
        ParameterType.TRANSMIT_POWER_LEVEL_TABLE_ENTRY,
        ParameterType.FREQUENCY_INFORMATION,
        ParameterType.UHF_C1G2_RF_MODE_TABLE,
    }


def test_config_reports_the_keepalive_that_was_set(client: RawClient) -> None:
    client.message()
    assert client.ask(llrp.set_reader_config(1, keepalive_ms=60_000)) == llrp.Response(
        MessageType.SET_READER_CONFIG_RESPONSE, 1, llrp.LlrpStatus(0)
    )

    answer = client.ask(llrp.get_reader_config(2))

    assert isinstance(answer, llrp.Response)
    keepalive = next(p for p in answer.parameters if p.type == ParameterType.KEEPALIVE_SPEC)
    assert keepalive.value == bytes.fromhex("01 0000ea60")


def test_rospec_commands_answer_with_llrp_status_codes(client: RawClient, sim: LlrpReaderSimulator) -> None:
    client.message()

    def status(frame: llrp.Frame) -> int:
        answer = client.ask(frame)
        assert isinstance(answer, llrp.Response)
        assert answer.message_id == frame.message_id
        return answer.status.code

    def inventorying() -> bool:  # a call, so that mypy does not pin the property's value between steps
        return sim.inventorying

    start_1 = llrp.rospec_command(MessageType.START_ROSPEC, 1, 1)
    assert status(start_1) == StatusCode.A_INVALID  # no such ROSpec yet
    spec = llrp.RoSpec(1, llrp.StartTrigger.NULL)
    assert status(llrp.add_rospec(2, spec)) == StatusCode.SUCCESS
    assert status(llrp.add_rospec(3, spec)) == StatusCode.A_INVALID  # already there
    assert status(llrp.rospec_command(MessageType.START_ROSPEC, 4, 1)) == StatusCode.A_INVALID  # not enabled
    assert status(llrp.rospec_command(MessageType.ENABLE_ROSPEC, 5, 1)) == StatusCode.SUCCESS
    assert not inventorying()  # a null start trigger waits for START_ROSPEC
    assert status(llrp.rospec_command(MessageType.START_ROSPEC, 6, 1)) == StatusCode.SUCCESS
    assert inventorying()
    assert status(llrp.add_rospec(7, llrp.RoSpec(2, antennas=(5,)))) == StatusCode.A_OUT_OF_RANGE
    assert status(llrp.rospec_command(MessageType.STOP_ROSPEC, 8, 1)) == StatusCode.SUCCESS
    assert not inventorying()
    assert status(llrp.rospec_command(MessageType.DELETE_ROSPEC, 9, 0)) == StatusCode.SUCCESS
    assert status(llrp.rospec_command(MessageType.DELETE_ACCESSSPEC, 10, 3)) == StatusCode.A_INVALID
    assert status(llrp.Frame(MessageType.ADD_ROSPEC, 11, b"\x00\xb1")) == StatusCode.M_PARAMETER_ERROR


def test_unsupported_messages_get_an_error_message(client: RawClient) -> None:
    client.message()

    answer = client.ask(llrp.Frame(26, 12))  # GET_ROSPECS: not simulated

    assert answer == llrp.ErrorMessage(
        12, llrp.LlrpStatus(StatusCode.M_UNSUPPORTED_MESSAGE, "message type 26 is not supported")
    )


def test_tag_reports_follow_enable_and_carry_the_population(client: RawClient, sim: LlrpReaderSimulator) -> None:
    client.message()
    sim.set_tags([SimulatedTag("3034257BF7194E4000003039", 3, -42)])
    assert not sim.send_report()  # nothing is inventorying yet
    client.ask(llrp.add_rospec(1, llrp.RoSpec(1)))
    client.ask(llrp.rospec_command(MessageType.ENABLE_ROSPEC, 2, 1))

    assert sim.send_report()
    report = client.message()

    assert isinstance(report, llrp.AccessReport)
    (tag,) = report.tags
    assert (tag.epc_hex, tag.antenna, tag.peak_rssi, tag.seen_count) == ("3034257BF7194E4000003039", 3, -42, 1)
    assert tag.first_seen_us is not None


def test_keepalives_are_sent_at_the_interval_asked_for(client: RawClient, sim: LlrpReaderSimulator) -> None:
    client.message()
    client.ask(llrp.set_reader_config(1, keepalive_ms=20))

    assert isinstance(client.message(), llrp.Keepalive)
    client.sock.sendall(llrp.keepalive_ack(1).encode())
    assert sim.wait_for(lambda s: s.keepalive_acks == 1, 5)


def test_a_second_client_is_refused_with_status_2_and_the_first_is_told(
    client: RawClient, sim: LlrpReaderSimulator
) -> None:
    client.message()
    second = RawClient(sim.port)
    try:
        refusal = second.message()
        with pytest.raises(EOFError):
            second.frame()
    finally:
        second.close()

    assert isinstance(refusal, llrp.ReaderEvent)
    assert refusal.connection == ConnectionStatus.CLIENT_CONNECTION_EXISTS
    notice = client.message()
    assert isinstance(notice, llrp.ReaderEvent)
    assert notice.connection == ConnectionStatus.ANOTHER_ATTEMPTED
    assert sim.refused_connections == 1


def test_close_connection_is_answered_then_the_socket_closes(client: RawClient, sim: LlrpReaderSimulator) -> None:
    client.message()

    answer = client.ask(llrp.close_connection(5))

    assert answer == llrp.Response(MessageType.CLOSE_CONNECTION_RESPONSE, 5, llrp.LlrpStatus(0))
    with pytest.raises(EOFError):
        client.frame()
    assert sim.wait_for(lambda s: not s.client_connected, 5)


def test_a_client_sending_garbage_is_dropped_and_the_next_one_is_welcome(
    client: RawClient, sim: LlrpReaderSimulator
) -> None:
    client.message()
    client.sock.sendall(b"\xff" * 20)

    with pytest.raises((EOFError, ConnectionResetError)):
        client.frame()
    assert sim.wait_for(lambda s: not s.client_connected, 5)
    fresh = RawClient(sim.port)
    try:
        event = fresh.message()
    finally:
        fresh.close()
    assert isinstance(event, llrp.ReaderEvent)
    assert event.connection == ConnectionStatus.SUCCESS


def test_tag_files_take_epc_antenna_and_rssi(tmp_path: Path) -> None:
    path = tmp_path / "tags.txt"
    path.write_text("# dock door 3\n3034257BF7194E4000003039\n\n3034257bf7194e400000303a, 2 ,-61  # on the cart\n")

    assert load_tags(path) == [
        SimulatedTag("3034257BF7194E4000003039"),
        SimulatedTag("3034257BF7194E400000303A", 2, -61),
    ]


@pytest.mark.parametrize(
    ("line", "words"),
    [("XYZ", "not an EPC"), ("30", "2 to 62 bytes"), ("3034,a", "whole numbers"), ("3034,0", "antenna 1-65535")],
)
def test_bad_tag_lines_say_which_line(line: str, words: str) -> None:
    with pytest.raises(ValueError, match=f"line 4: .*{words}"):
        parse_tag_line(line, 4)


def test_command_line_prints_its_port_and_obeys_commands(tmp_path: Path) -> None:
    tags = tmp_path / "tags.txt"
    tags.write_text("3034257BF7194E4000003039,1,-50\n")
    with simulator_process("llrp", "--port", "0", "--tags", str(tags), "--rate", "0") as process:
        assert process.stdin is not None
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("LLRP reader simulator listening on 127.0.0.1:")
        port = int(first.rsplit(":", 1)[1])
        raw = RawClient(port)
        try:
            event = raw.message()
        finally:
            raw.close()
        process.stdout.readline()  # the status line printed at start
        process.stdin.write("status\n")
        process.stdin.flush()
        status = process.stdout.readline()
        process.stdin.write("quit\n")
        process.stdin.flush()
        assert process.wait(timeout=10) == 0
    assert isinstance(event, llrp.ReaderEvent)
    assert event.connection == ConnectionStatus.SUCCESS
    assert "tags=1" in status


def test_command_line_without_stdin_stops_cleanly_on_sigterm() -> None:
    with simulator_process("llrp", "--port", "0", "--no-stdin") as process:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("LLRP reader simulator listening on 127.0.0.1:")
        process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_console_commands_change_the_population_and_rate(sim: LlrpReaderSimulator, tmp_path: Path) -> None:
    from devices.simulators.llrp_reader import _command

    (tmp_path / "dock.txt").write_text("3034257BF7194E4000003039\n3034257BF7194E400000303A,2\n")

    assert "tags=2" in (_command(sim, f"tags {tmp_path / 'dock.txt'}") or "")
    assert "tags=1" in (_command(sim, "tag 3034257BF7194E4000003039,3,-40") or "")
    assert sim.tags == [SimulatedTag("3034257BF7194E4000003039", 3, -40)]
    assert "tags=0" in (_command(sim, "clear") or "")
    assert _command(sim, "rate fast") == "error: could not convert string to float: 'fast'"
    assert (_command(sim, "report") or "").startswith("not sent")
    assert (_command(sim, "jump") or "").startswith("unknown command 'jump'")
    assert _command(sim, "quit") is None
