"""TagRead -> Scan: SGTIN EPCs decode to GTIN + serial; everything else is a readable rejection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource, TagRead
from devices.rfid.to_scan import tag_read_to_scan
from tests.devices.rfid.helpers import SGTIN_EXAMPLE


def test_the_sgtin_example_decodes_to_gtin_and_serial() -> None:
    scan = tag_read_to_scan(TagRead(SGTIN_EXAMPLE, antenna=1, rssi=-48, device_id="dock-1"))

    assert scan == Scan(
        raw=SGTIN_EXAMPLE.encode(),
        text=SGTIN_EXAMPLE,
        kind=ScanKind.EPC,
        source=ScanSource.RFID,
        device_id="dock-1",
        gtin="80614141123458",
        serial="12345",
        value="urn:epc:id:sgtin:0614141.812345.12345",
        fields=(("01", "80614141123458"), ("21", "12345")),
    )


def test_lower_case_hex_and_other_filter_values_decode_too() -> None:
    scan = tag_read_to_scan(TagRead("3074257bf7194e4000003039"))

    assert isinstance(scan, Scan)
    assert scan.value == "urn:epc:id:sgtin:0614141.812345.12345"  # the filter value is not identity
    assert (scan.gtin, scan.serial) == ("80614141123458", "12345")


def test_the_capture_tag_is_an_sgtin_with_partition_zero() -> None:
    scan = tag_read_to_scan(TagRead("3000ABCDEF00000000000003"))

    assert isinstance(scan, Scan)
    assert scan.value == "urn:epc:id:sgtin:184473600000.0.3"
    assert scan.serial == "3"


@pytest.mark.parametrize(
    ("epc", "reason", "words"),
    [
        ("31140614141000000000000A", RejectReason.UNSUPPORTED, "shipping container (SSCC)"),
        ("E2801160600002054CC2096F", RejectReason.UNSUPPORTED, "its EPC header is E2"),
        ("000000000000000000000000", RejectReason.UNSUPPORTED, "not a product tag"),
        ("30FC257BF7194E4000003039", RejectReason.GARBAGE, "damaged"),  # partition 7 does not exist
        ("3034257BF7194E4", RejectReason.GARBAGE, "damaged"),
        ("not hex at all", RejectReason.GARBAGE, "damaged"),
        ("", RejectReason.GARBAGE, "damaged"),
    ],
)
def test_other_tags_are_rejected_with_a_reason(epc: str, reason: RejectReason, words: str) -> None:
    rejected = tag_read_to_scan(TagRead(epc, device_id="dock-1"))

    assert isinstance(rejected, ScanRejected)
    assert rejected.reason is reason
    assert words in rejected.message
    assert rejected.source is ScanSource.RFID
    assert rejected.device_id == "dock-1"


_SGTIN_LIKE = st.sampled_from(["30", "36"]).flatmap(
    lambda header: st.binary(min_size=11, max_size=31).map(lambda rest: header + rest.hex())
)


@given(epc=st.binary(max_size=40).map(lambda b: b.hex()) | st.text(max_size=30) | _SGTIN_LIKE)
def test_anything_becomes_a_scan_or_a_rejection(epc: str) -> None:
    result = tag_read_to_scan(TagRead(epc))

    assert isinstance(result, Scan | ScanRejected)
    if isinstance(result, Scan):
        assert result.gtin is not None
        assert len(result.gtin) == 14
        assert result.value is not None
        assert result.value.startswith("urn:epc:id:sgtin:")
