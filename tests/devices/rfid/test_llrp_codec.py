"""The LLRP codec against real Impinj captures, against itself, and against random bytes."""

from __future__ import annotations

import contextlib
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.rfid import llrp
from devices.rfid.llrp import MessageType, ParameterType, StatusCode
from tests.devices.rfid.helpers import capture

# -- real captures --------------------------------------------------------------------------------


def test_capabilities_capture_decodes_to_what_the_impinj_reader_reported() -> None:
    frame = llrp.Frame(
        MessageType.GET_READER_CAPABILITIES_RESPONSE, 3, capture("GetReaderCapabilitiesResponse-000.bytes")
    )

    response = llrp.decode_reader_message(frame)

    assert isinstance(response, llrp.Response)
    assert response.status.ok
    assert response.message_id == 3
    caps = llrp.decode_capabilities(response)
    assert caps.max_antennas == 4
    assert caps.manufacturer == 25882
    assert caps.model == 2001002
    assert caps.firmware == "5.14.0.240"
    assert caps.has_utc_clock
    assert caps.country_code == 840
    assert len(caps.transmit_power) == 81
    assert caps.transmit_power[0] == (1, 10.0)
    assert caps.transmit_power[-1] == (81, 30.0)
    assert [mode.mode_id for mode in caps.rf_modes] == [0, 1, 2, 3, 4, 1000, 1002, 1003, 1004, 1005]
    assert caps.rf_modes[2].backscatter_bps == 274000
    types = [p.type for p in response.parameters]
    assert types == [
        ParameterType.GENERAL_DEVICE_CAPABILITIES,
        ParameterType.LLRP_CAPABILITIES,
        ParameterType.REGULATORY_CAPABILITIES,
        ParameterType.C1G2_LLRP_CAPABILITIES,
    ]


def test_power_index_picks_the_strongest_level_not_above_the_request() -> None:
    frame = llrp.Frame(
        MessageType.GET_READER_CAPABILITIES_RESPONSE, 3, capture("GetReaderCapabilitiesResponse-000.bytes")
    )
    caps = llrp.decode_capabilities(llrp.decode_reader_message(frame))  # type: ignore[arg-type]

    assert caps.power_index(30.0) == 81
    assert caps.power_index(25.1) == 61  # 25.00 dBm
    assert caps.power_index(5.0) == 1  # below the table: the weakest level


def test_config_capture_decodes_with_success_status() -> None:
    frame = llrp.Frame(MessageType.GET_READER_CONFIG_RESPONSE, 4, capture("GetReaderConfigResponse-000.bytes"))

    response = llrp.decode_reader_message(frame)

    assert isinstance(response, llrp.Response)
    assert response.status == llrp.LlrpStatus(0)
    assert response.parameters[0].type == ParameterType.IDENTIFICATION
    assert sum(p.type == ParameterType.ANTENNA_CONFIGURATION for p in response.parameters) == 4


def test_reader_event_capture_is_a_connection_close_event_with_its_timestamp() -> None:
    frame = llrp.Frame(MessageType.READER_EVENT_NOTIFICATION, 0, capture("ReaderEventNotification-000.bytes"))

    event = llrp.decode_reader_message(frame)

    assert event == llrp.ReaderEvent(0, timestamp_us=1596721689842138, connection=None, connection_closed=True)


def test_access_report_capture_gives_the_tag_antenna_rssi_and_first_seen() -> None:
    frame = llrp.Frame(MessageType.RO_ACCESS_REPORT, 9, capture("ROAccessReport-001.bytes"))

    report = llrp.decode_reader_message(frame)

    assert report == llrp.AccessReport(
        9,
        (
            llrp.TagReport(
                epc_hex="3000ABCDEF00000000000003",
                antenna=1,
                peak_rssi=-48,
                first_seen_us=1594174805140192,
            ),
        ),
    )


def test_captures_survive_framing_byte_by_byte() -> None:
    bodies = [
        (MessageType.READER_EVENT_NOTIFICATION, "ReaderEventNotification-000.bytes"),
        (MessageType.GET_READER_CAPABILITIES_RESPONSE, "GetReaderCapabilitiesResponse-000.bytes"),
        (MessageType.RO_ACCESS_REPORT, "ROAccessReport-001.bytes"),
    ]
    stream = b"".join(llrp.Frame(kind, n, capture(name)).encode() for n, (kind, name) in enumerate(bodies))
    decoder = llrp.FrameDecoder()

    frames = [frame for byte in stream for frame in decoder.feed(bytes((byte,)))]

    assert [(f.message_type, f.message_id, f.body) for f in frames] == [
        (kind, n, capture(name)) for n, (kind, name) in enumerate(bodies)
    ]
    assert decoder.buffered == 0


# -- framing --------------------------------------------------------------------------------------


def test_header_packs_version_one_type_and_length() -> None:
    wire = llrp.keepalive_ack(0x01020304).encode()

    assert wire == bytes.fromhex("0448 0000000a 01020304")
    assert wire[0] == 0x04  # version 1


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (struct.pack(">HII", (3 << 10) | 62, 10, 1), "version 3"),
        (struct.pack(">HII", (1 << 10) | 62, 9, 1), "shorter than its header"),
        (struct.pack(">HII", (1 << 10) | 61, 0xFFFFFFF0, 1), "more than"),
    ],
)
def test_impossible_headers_break_the_stream_with_a_frame_error(header: bytes, words: str) -> None:
    good = llrp.keepalive(5).encode()
    decoder = llrp.FrameDecoder()

    with pytest.raises(llrp.FrameError, match=words) as raised:
        decoder.feed(good + header)

    assert [f.message_id for f in raised.value.frames] == [5]  # what came before is kept
    with pytest.raises(llrp.FrameError):
        decoder.feed(good)  # a broken stream stays broken: the connection must be reopened


def test_oversized_limit_is_configurable() -> None:
    decoder = llrp.FrameDecoder(max_message_bytes=100)
    with pytest.raises(llrp.FrameError):
        decoder.feed(llrp.Frame(MessageType.RO_ACCESS_REPORT, 1, bytes(200)).encode())


@pytest.mark.parametrize(
    "body",
    [
        bytes.fromhex("00f0 0020 8d30"),  # TagReportData longer than the message
        bytes.fromhex("00f0 0008 8d30 00ab"),  # EPC-96 cut short inside its parameter
        bytes.fromhex("00f0 0006 8100 01"),  # no EPC at all
        bytes.fromhex("00f0 0002"),  # a length below the header size
        bytes.fromhex("ff"),  # TV type 127 is unknown, so its size is too
    ],
)
def test_malformed_report_bodies_are_message_errors(body: bytes) -> None:
    with pytest.raises(llrp.MessageError):
        llrp.decode_reader_message(llrp.Frame(MessageType.RO_ACCESS_REPORT, 1, body))


def test_tlv_parameters_numbered_like_tv_ones_are_not_read_as_tag_fields() -> None:
    # Found by the damaged-report fuzz below: a TLV "PeakRSSI" (type 6) with an empty value.
    body = llrp.tlv(ParameterType.TAG_REPORT_DATA, b"", llrp.tv(ParameterType.EPC_96, bytes(12)), llrp.tlv(6, b""))

    report = llrp.decode_reader_message(llrp.Frame(MessageType.RO_ACCESS_REPORT, 1, body))

    assert report == llrp.AccessReport(1, (llrp.TagReport("00" * 12),))


def test_a_response_without_llrp_status_is_a_message_error() -> None:
    with pytest.raises(llrp.MessageError, match="LLRPStatus"):
        llrp.decode_reader_message(llrp.Frame(MessageType.ADD_ROSPEC_RESPONSE, 1, b""))


def test_status_with_description_and_field_error_reads_for_it() -> None:
    field_error = llrp.tlv(ParameterType.FIELD_ERROR, struct.pack(">HH", 2, 301))
    text = b"antenna 9 does not exist"
    status = llrp.tlv(ParameterType.LLRP_STATUS, struct.pack(">HH", 301, len(text)) + text, field_error)

    response = llrp.decode_reader_message(llrp.Frame(MessageType.ADD_ROSPEC_RESPONSE, 1, status))

    assert isinstance(response, llrp.Response)
    assert not response.status.ok
    assert response.status.describe() == "A_OUT_OF_RANGE: antenna 9 does not exist: field 2 (error 301)"


def test_unknown_and_custom_messages_are_passed_over() -> None:
    custom = llrp.Frame(MessageType.CUSTOM_MESSAGE, 1, b"\x00\x00\x65\x1a\x15")
    unknown = llrp.Frame(900, 2, b"\xff\xff")

    assert llrp.decode_reader_message(custom) == llrp.OtherMessage(custom)
    assert llrp.decode_reader_message(unknown) == llrp.OtherMessage(unknown)


# -- what the station sends, as the reader reads it ------------------------------------------------


def test_client_requests_have_the_documented_bodies() -> None:
    assert llrp.get_reader_capabilities(1).encode() == bytes.fromhex("0401 0000000b 00000001 00")
    assert llrp.get_reader_config(2).body == bytes(7)
    assert llrp.enable_events_and_reports(3).encode() == bytes.fromhex("0440 0000000a 00000003")
    assert llrp.rospec_command(MessageType.DELETE_ROSPEC, 4, 0).encode() == bytes.fromhex(
        "0415 0000000e 00000004 00000000"
    )
    assert llrp.rospec_command(MessageType.DELETE_ACCESSSPEC, 5, 0).message_type == 41
    assert llrp.close_connection(6).encode() == bytes.fromhex("040e 0000000a 00000006")


def test_set_reader_config_asks_for_periodic_keepalives() -> None:
    frame = llrp.set_reader_config(7, keepalive_ms=3000)

    assert frame.body[0] == 0  # do not reset to factory defaults
    assert llrp.keepalive_interval_ms(frame.body) == 3000
    assert llrp.keepalive_interval_ms(llrp.set_reader_config(8, keepalive_ms=None).body) is None


@given(
    rospec_id=st.integers(1, 0xFFFFFFFF),
    start=st.sampled_from(list(llrp.StartTrigger)),
    antennas=st.lists(st.integers(1, 64), max_size=4, unique=True).map(tuple),
    every=st.integers(0, 0xFFFF),
    power=st.none() | st.integers(1, 200),
)
def test_rospec_round_trips(
    rospec_id: int, start: llrp.StartTrigger, antennas: tuple[int, ...], every: int, power: int | None
) -> None:
    spec = llrp.RoSpec(rospec_id, start, antennas, every, power)

    assert llrp.decode_rospec(llrp.add_rospec(1, spec).body) == spec


_tags = st.builds(
    llrp.TagReport,
    epc_hex=st.binary(min_size=2, max_size=62).map(lambda b: b.hex().upper()),
    antenna=st.none() | st.integers(0, 0xFFFF),
    peak_rssi=st.none() | st.integers(-128, 127),
    seen_count=st.none() | st.integers(0, 0xFFFF),
    first_seen_us=st.none() | st.integers(0, 2**64 - 1),
    last_seen_us=st.none() | st.integers(0, 2**64 - 1),
    channel_index=st.none() | st.integers(0, 0xFFFF),
    rospec_id=st.none() | st.integers(0, 0xFFFFFFFF),
)


@given(message_id=st.integers(0, 0xFFFFFFFF), tags=st.lists(_tags, max_size=5))
def test_tag_reports_round_trip(message_id: int, tags: list[llrp.TagReport]) -> None:
    wire = llrp.ro_access_report(message_id, tags).encode()

    (frame,) = llrp.FrameDecoder().feed(wire)

    assert llrp.decode_reader_message(frame) == llrp.AccessReport(message_id, tuple(tags))


@given(status=st.sampled_from(list(llrp.ConnectionStatus)), closing=st.booleans(), stamp=st.integers(0, 2**64 - 1))
def test_reader_events_round_trip(status: llrp.ConnectionStatus, closing: bool, stamp: int) -> None:
    event = llrp.decode_reader_message(llrp.reader_event(1, stamp, connection=status, closing=closing))

    assert event == llrp.ReaderEvent(1, stamp, status, closing)


def test_error_message_and_responses_carry_their_status() -> None:
    error = llrp.decode_reader_message(llrp.error_message(4, StatusCode.M_UNSUPPORTED_MESSAGE, "nope"))
    answer = llrp.decode_reader_message(llrp.response(MessageType.ENABLE_ROSPEC_RESPONSE, 5))

    assert error == llrp.ErrorMessage(4, llrp.LlrpStatus(109, "nope"))
    assert answer == llrp.Response(MessageType.ENABLE_ROSPEC_RESPONSE, 5, llrp.LlrpStatus(0))


# -- fuzz ---------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(chunks=st.lists(st.binary(max_size=64), max_size=8))
def test_random_bytes_into_the_frame_decoder_raise_only_frame_errors(chunks: list[bytes]) -> None:
    decoder = llrp.FrameDecoder(max_message_bytes=4096)
    messages = []
    for chunk in chunks:
        try:
            frames = decoder.feed(chunk)
        except llrp.FrameError as exc:
            messages.append(str(exc))
            frames = list(exc.frames)
        for frame in frames:
            assert 0 <= frame.message_type < 1024
    assert all(messages)


@settings(max_examples=500)
@given(kind=st.sampled_from([*MessageType, 900]), body=st.binary(max_size=80))
def test_random_bodies_decode_or_raise_only_message_errors(kind: int, body: bytes) -> None:
    message = "decoded"
    try:
        llrp.decode_reader_message(llrp.Frame(kind, 1, body))
    except llrp.MessageError as exc:
        message = str(exc)
    assert message


@settings(max_examples=300)
@given(body=st.binary(max_size=120))
def test_random_capability_and_rospec_bodies_raise_only_message_errors(body: bytes) -> None:
    status = llrp.status_parameter()
    for decode in (
        lambda: llrp.decode_capabilities(
            llrp.Response(
                MessageType.GET_READER_CAPABILITIES_RESPONSE, 1, llrp.LlrpStatus(0), tuple(llrp.iter_parameters(body))
            )
        ),
        lambda: llrp.decode_rospec(body),
        lambda: llrp.decode_reader_message(llrp.Frame(MessageType.ADD_ROSPEC_RESPONSE, 1, status + body)),
    ):
        with contextlib.suppress(llrp.MessageError):
            decode()


@settings(max_examples=200)
@given(tags=st.lists(_tags, min_size=1, max_size=3), cut=st.integers(0, 200), flip=st.integers(0, 255))
def test_damaged_real_reports_never_raise_anything_but_llrp_errors(
    tags: list[llrp.TagReport], cut: int, flip: int
) -> None:
    body = bytearray(llrp.ro_access_report(1, tags).body)
    if body:
        body[cut % len(body)] ^= flip
    with contextlib.suppress(llrp.MessageError):
        llrp.decode_reader_message(llrp.Frame(MessageType.RO_ACCESS_REPORT, 1, bytes(body)))
