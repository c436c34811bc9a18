"""Zebra SSI packets: the byte examples from the reference, and a deframer that survives any noise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.scanning.ssi import (
    FrameDamage,
    SsiDeframer,
    SsiNakCause,
    SsiOpcode,
    SsiPacket,
    SsiSource,
    SsiStatus,
    ack,
    checksum,
    decode_data_packets,
    nak,
)

START_DECODE = bytes.fromhex("04E40400FF14")
HOST_ACK = bytes.fromhex("04D00400FF28")
DECODE_ABC = bytes.fromhex("08F30000034142 43FE3C".replace(" ", ""))


def test_reference_examples_encode_byte_for_byte() -> None:
    assert SsiPacket(SsiOpcode.START_DECODE, SsiSource.HOST).encode() == START_DECODE
    assert ack(SsiSource.HOST).encode() == HOST_ACK
    assert decode_data_packets(0x03, b"ABC")[0].encode() == DECODE_ABC


def test_checksum_is_twos_complement_of_the_sum() -> None:
    assert checksum(bytes.fromhex("04E40400")) == 0xFF14
    assert checksum(b"") == 0


def test_nak_carries_its_cause() -> None:
    assert nak(SsiSource.HOST).data == bytes((SsiNakCause.RESEND,))
    assert nak(SsiSource.DECODER, SsiNakCause.DENIED).encode()[4] == 0x06


def test_retransmit_sets_status_bit_zero() -> None:
    packet = decode_data_packets(0x03, b"ABC")[0].as_retransmit()
    assert packet.retransmitted
    assert packet.encode()[3] == 0x01


def test_long_decode_data_is_split_with_the_continuation_bit() -> None:
    packets = decode_data_packets(0x1B, bytes(range(256)) * 2)
    assert len(packets) == 3
    assert [bool(p.status & SsiStatus.CONTINUATION) for p in packets] == [True, True, False]
    assert b"".join(p.data[1:] for p in packets) == bytes(range(256)) * 2
    assert all(len(p.encode()) <= 257 for p in packets)


def test_oversized_packet_cannot_be_encoded() -> None:
    with pytest.raises(ValueError, match="too long"):
        SsiPacket(SsiOpcode.DECODE_DATA, SsiSource.DECODER, data=bytes(252)).encode()


def test_deframer_reads_the_reference_decode_packet() -> None:
    deframer = SsiDeframer(SsiSource.DECODER)
    (packet,) = deframer.feed(DECODE_ABC, now=0.0)
    assert packet == SsiPacket(SsiOpcode.DECODE_DATA, SsiSource.DECODER, SsiStatus.NONE, b"\x03ABC")


def test_deframer_waits_for_a_split_packet() -> None:
    deframer = SsiDeframer(SsiSource.DECODER)
    assert deframer.feed(DECODE_ABC[:3], now=0.0) == []
    assert deframer.feed(DECODE_ABC[3:7], now=0.001) == []
    assert len(deframer.feed(DECODE_ABC[7:], now=0.002)) == 1


def test_deframer_ignores_the_other_side() -> None:
    deframer = SsiDeframer(SsiSource.DECODER)
    (damage,) = deframer.feed(HOST_ACK + DECODE_ABC, now=0.0)[:1]
    assert isinstance(damage, FrameDamage)
    assert damage.data == HOST_ACK


def test_noise_before_a_packet_is_one_damage_report_then_the_packet() -> None:
    deframer = SsiDeframer(SsiSource.DECODER)
    items = deframer.feed(b"\xffnoise\x13" + DECODE_ABC, now=0.0)
    assert items == [FrameDamage(b"\xffnoise\x13", 7), decode_data_packets(0x03, b"ABC")[0]]


def test_bad_checksum_is_reported_when_the_line_goes_quiet() -> None:
    corrupted = DECODE_ABC[:-1] + b"\x00"
    deframer = SsiDeframer(SsiSource.DECODER, quiet_after=0.05)
    assert deframer.feed(corrupted, now=1.0) == []
    assert deframer.idle(now=1.01) == []  # not quiet long enough yet
    assert deframer.idle(now=1.06) == [FrameDamage(corrupted, len(corrupted))]
    assert deframer.idle(now=2.0) == []


def test_a_false_length_byte_does_not_swallow_the_next_packet() -> None:
    # 0xF0 looks like the length of a big packet; the real packet behind it must still come out.
    deframer = SsiDeframer(SsiSource.DECODER)
    items = deframer.feed(b"\xf0\xf3\x00" + DECODE_ABC, now=0.0) + deframer.idle(now=1.0)
    assert decode_data_packets(0x03, b"ABC")[0] in items


def test_damage_report_keeps_a_bounded_sample() -> None:
    deframer = SsiDeframer(SsiSource.DECODER, max_buffer=4096)
    items = deframer.feed(b"\x01" * 10_000, now=0.0) + deframer.idle(now=1.0)
    damage = [item for item in items if isinstance(item, FrameDamage)]
    assert sum(d.size for d in damage) == 10_000
    assert all(len(d.data) <= 512 for d in damage)


packets = st.builds(
    SsiPacket,
    st.sampled_from(SsiOpcode),
    st.just(SsiSource.DECODER),
    st.sampled_from([SsiStatus.NONE, SsiStatus.RETRANSMIT, SsiStatus.CONTINUATION]),
    st.binary(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(chunks=st.lists(st.binary(max_size=80), max_size=20))
def test_random_bytes_only_ever_give_packets_or_damage(chunks: list[bytes]) -> None:
    deframer = SsiDeframer(SsiSource.DECODER)
    total = 0
    out: list[SsiPacket | FrameDamage] = []
    for index, chunk in enumerate(chunks):
        total += len(chunk)
        out += deframer.feed(chunk, now=index * 0.001)
    out += deframer.idle(now=10.0)
    assert all(isinstance(item, SsiPacket | FrameDamage) for item in out)
    accounted = sum(item.size if isinstance(item, FrameDamage) else len(item.encode()) for item in out)
    assert accounted == total  # every byte is either in a packet or reported as damage


@settings(max_examples=200, deadline=None)
@given(sent=st.lists(packets, min_size=1, max_size=6), noise=st.lists(st.binary(max_size=12), min_size=1, max_size=6))
def test_valid_packets_survive_noise_between_them(sent: list[SsiPacket], noise: list[bytes]) -> None:
    deframer = SsiDeframer(SsiSource.DECODER)
    stream = b""
    for index, packet in enumerate(sent):
        stream += noise[index % len(noise)] + packet.encode()
    received = deframer.feed(stream, now=0.0) + deframer.idle(now=10.0)
    got = [item for item in received if isinstance(item, SsiPacket)]
    # Noise can by chance contain a valid packet, so at least every sent one must be there, in order.
    iterator = iter(got)
    assert all(any(packet == candidate for candidate in iterator) for packet in sent)
