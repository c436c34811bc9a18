"""Scan interpretation: what each kind of barcode content means, and what is rejected with which reason."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource, TrackingCandidate
from devices.scanning.interpret import MAX_SCAN_BYTES, ScanPatterns, interpret, tracking_candidates
from devices.scanning.symbology import carries_gs1_element_string, split_aim_prefix, symbology_name


def scan(raw: bytes, source: ScanSource = ScanSource.SERIAL, **kwargs: object) -> Scan:
    result = interpret(raw, source, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, Scan), result
    return result


def rejected(raw: bytes, source: ScanSource = ScanSource.SERIAL, **kwargs: object) -> ScanRejected:
    result = interpret(raw, source, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, ScanRejected), result
    return result


def test_gs1_datamatrix_example_from_the_reference() -> None:
    raw = b"]d2010950110153000310ABC\x1d17250101"
    result = scan(raw, device_id="bench-1")
    assert result.kind is ScanKind.GS1
    assert result.raw == raw
    assert result.symbology == "]d2"
    assert result.text == "010950110153000310ABC\x1d17250101"
    assert (result.gtin, result.lot, result.expiry) == ("09501101530003", "ABC", "2025-01-01")
    assert result.fields == (("01", "09501101530003"), ("10", "ABC"), ("17", "250101"))
    assert result.device_id == "bench-1"


def test_gs1_with_serial_and_gs_separator_without_aim_prefix() -> None:
    result = scan(b"010950110153000321SER-77\x1d10L1")
    assert result.kind is ScanKind.GS1
    assert (result.gtin, result.serial, result.lot) == ("09501101530003", "SER-77", "L1")


def test_gs1_symbology_passed_out_of_band_is_honoured() -> None:
    result = scan(b"0109501101530003211234", symbology="]C1")
    assert result.kind is ScanKind.GS1
    assert result.symbology == "]C1"
    assert result.serial == "1234"


def test_gs1_written_as_hri_by_a_person() -> None:
    result = scan(b"(01)09501101530003(21)12345", ScanSource.MANUAL)
    assert (result.kind, result.gtin, result.serial) == (ScanKind.GS1, "09501101530003", "12345")


def test_gs1_sscc_alone_is_an_sscc() -> None:
    result = scan(b"]C100106141411234567897")
    assert (result.kind, result.sscc) == (ScanKind.SSCC, "106141411234567897")


def test_gs1_gtin_alone_is_a_gtin() -> None:
    result = scan(b"]C10109501101530003")
    assert (result.kind, result.gtin) == (ScanKind.GTIN, "09501101530003")


@pytest.mark.parametrize(
    ("raw", "gtin"),
    [
        (b"9501101530003", "09501101530003"),  # EAN-13
        (b"614141000036", "00614141000036"),  # UPC-A
        (b"96385074", "00000096385074"),  # EAN-8
        (b"10614141000002", "10614141000002"),  # ITF-14
        (b"]E09501101530003", "09501101530003"),
    ],
)
def test_plain_digits_of_gtin_length_with_valid_check_digit_are_a_gtin(raw: bytes, gtin: str) -> None:
    result = scan(raw)
    assert (result.kind, result.gtin) == (ScanKind.GTIN, gtin)


def test_bare_sscc() -> None:
    result = scan(b"106141411234567897")
    assert (result.kind, result.sscc) == (ScanKind.SSCC, "106141411234567897")


@pytest.mark.parametrize(
    "raw",
    [b"9501101530004", b"614141000037", b"96385075", b"10614141000003", b"]E09501101530004", b"106141411234567898"],
)
def test_wrong_check_digit_with_no_other_meaning_is_rejected(raw: bytes) -> None:
    result = rejected(raw)
    assert result.reason is RejectReason.BAD_CHECK_DIGIT
    assert result.message.startswith("Unreadable barcode: check digit is wrong")


def test_gs1_element_string_with_wrong_gtin_check_digit_is_rejected() -> None:
    assert rejected(b"]d20109501101530004\x1d10ABC").reason is RejectReason.BAD_CHECK_DIGIT


@pytest.mark.parametrize("raw", [b"]C1RMA-123", b"]d20109501101530003\x1d17251399", b"ABC\x1dDEF"])
def test_gs1_marked_data_that_breaks_gs1_rules_is_malformed(raw: bytes) -> None:
    result = rejected(raw)
    assert result.reason is RejectReason.MALFORMED_GS1
    assert "GS1" in result.message


def test_usps_420_zip_prefix_is_stripped_with_gs() -> None:
    result = scan(b"]C142012345\x1d9400111899223344556677")
    assert result.kind is ScanKind.TRACKING
    assert result.tracking == (TrackingCandidate("USPS", "USPS 91", "9400111899223344556677"),)


@pytest.mark.parametrize("raw", [b"420123459400111899223344556677", b"420123456789" + b"9400111899223344556677"])
def test_usps_420_zip_prefix_is_stripped_without_gs(raw: bytes) -> None:
    result = scan(raw)
    assert result.kind is ScanKind.TRACKING
    assert [c.number for c in result.tracking] == ["9400111899223344556677"]


def test_ambiguous_tracking_number_keeps_every_candidate() -> None:
    result = scan(b"92129589862801600039")
    assert result.kind is ScanKind.TRACKING
    assert {c.carrier for c in result.tracking} == {"USPS", "FedEx"}
    assert all(c.number == "92129589862801600039" for c in result.tracking)


@pytest.mark.parametrize(
    ("raw", "carrier"),
    [(b"1Z5R89390357567127", "UPS"), (b"RB123456785GB", "UPU S10"), (b"1z5r8939 0357567127", "UPS")],
)
def test_carrier_tracking_numbers(raw: bytes, carrier: str) -> None:
    result = scan(raw)
    assert result.kind is ScanKind.TRACKING
    assert [c.carrier for c in result.tracking] == [carrier]


def test_twelve_digits_that_are_a_upc_and_a_fedex_number_are_a_gtin_with_the_carrier_kept() -> None:
    result = scan(b"123456789012")
    assert result.kind is ScanKind.GTIN
    assert [c.carrier for c in result.tracking] == ["FedEx"]


def test_tracking_candidates_of_nonsense_is_empty() -> None:
    assert tracking_candidates("HELLO") == ()


def test_ups_shaped_number_with_a_letter_as_check_character_is_just_text() -> None:
    # Found by hypothesis: tracking-numbers itself raises ValueError on this one.
    assert scan(b"1Z5R8939035756712A").kind is ScanKind.UNKNOWN


def test_sgtin96_epc_from_the_reference() -> None:
    result = scan(b"3034257BF7194E4000003039", ScanSource.RFID)
    assert result.kind is ScanKind.EPC
    assert (result.gtin, result.serial) == ("80614141123458", "12345")
    assert result.value == "urn:epc:id:sgtin:0614141.812345.12345"


def test_sgtin96_epc_in_lower_case_from_a_barcode() -> None:
    result = scan(b"3034257bf7194e4000003039")
    assert (result.kind, result.gtin) == (ScanKind.EPC, "80614141123458")


@pytest.mark.parametrize("raw", [b"E2801160600002054CC2096F", b"3134257BF7194E4000003039", b"not-an-epc"])
def test_rfid_reads_that_are_not_product_tags_are_unsupported(raw: bytes) -> None:
    result = rejected(raw, ScanSource.RFID)
    assert result.reason is RejectReason.UNSUPPORTED
    assert "not a product tag" in result.message


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"RMA-123456", ScanKind.RMA),
        (b"RMA-1234567890", ScanKind.RMA),
        (b"SO-12345", ScanKind.ORDER),
        (b"ORD-123456789012", ScanKind.ORDER),
        (b"LPN-ABCD1234", ScanKind.LPN),
        (b"BADGE-1234", ScanKind.BADGE),
        (b"]C0LPN-00000000Z9", ScanKind.LPN),
    ],
)
def test_our_own_identifiers_by_default_pattern(raw: bytes, kind: ScanKind) -> None:
    result = scan(raw)
    assert result.kind is kind
    assert result.value == result.text


@pytest.mark.parametrize("raw", [b"RMA-12345", b"rma-123456", b"LPN-abcd1234", b"BADGE-12"])
def test_near_misses_of_our_patterns_are_unknown_text(raw: bytes) -> None:
    assert scan(raw).kind is ScanKind.UNKNOWN


def test_patterns_are_configurable() -> None:
    patterns = ScanPatterns(rma=r"R\d{8}", lpn=r"PLT\d{6}")
    assert scan(b"R12345678", patterns=patterns).kind is ScanKind.RMA
    assert scan(b"PLT000123", patterns=patterns).kind is ScanKind.LPN
    assert scan(b"RMA-123456", patterns=patterns).kind is ScanKind.UNKNOWN


def test_a_broken_pattern_fails_when_configured_not_on_the_first_scan() -> None:
    with pytest.raises(re.error):
        ScanPatterns(rma="RMA-(")


def test_overlong_input_is_rejected() -> None:
    result = rejected(b"A" * (MAX_SCAN_BYTES + 1))
    assert result.reason is RejectReason.TOO_LONG
    assert "longer than any barcode" in result.message
    assert scan(b"A" * MAX_SCAN_BYTES).kind is ScanKind.UNKNOWN


@pytest.mark.parametrize("raw", [b"\xff\xfe\xfa", b"\x80abc", b"ok\xc3"])
def test_binary_garbage_is_rejected_as_not_text(raw: bytes) -> None:
    result = rejected(raw)
    assert result.reason is RejectReason.GARBAGE
    assert "not text" in result.message


@pytest.mark.parametrize("raw", [b"abc\x07def", b"\x00\x01\x02", b"RMA-123456\x1b"])
def test_control_characters_are_rejected(raw: bytes) -> None:
    result = rejected(raw)
    assert result.reason is RejectReason.GARBAGE
    assert "control characters" in result.message


@pytest.mark.parametrize("raw", [b"", b"   ", b"\r\n", b"]C1"])
def test_nothing_read(raw: bytes) -> None:
    result = rejected(raw)
    assert result.reason is RejectReason.GARBAGE
    assert result.message == "Nothing was read. Scan again."


def test_terminators_and_padding_are_not_content() -> None:
    assert scan(b" RMA-123456\r\n").text == "RMA-123456"


def test_unicode_text_is_unknown_not_garbage() -> None:
    result = scan("Größe 42 – Rücksendung".encode())
    assert result.kind is ScanKind.UNKNOWN


def test_rejection_carries_source_and_device() -> None:
    result = rejected(b"\xff", ScanSource.CAMERA, device_id="cam-2")
    assert (result.source, result.device_id, result.raw) == (ScanSource.CAMERA, "cam-2", b"\xff")


def test_aim_prefix_helpers() -> None:
    assert split_aim_prefix("]C1010950") == ("]C1", "010950")
    assert split_aim_prefix("]]C1") == (None, "]]C1")
    assert split_aim_prefix("RMA") == (None, "RMA")
    assert carries_gs1_element_string("]d2")
    assert carries_gs1_element_string("]Q3")
    assert not carries_gs1_element_string("]E0")
    assert not carries_gs1_element_string("]d1")
    assert not carries_gs1_element_string("]J1")
    assert not carries_gs1_element_string(None)
    assert symbology_name("]d2") == "GS1 DataMatrix"
    assert symbology_name(None) == "unknown symbology"


@settings(max_examples=400, deadline=None)
@given(raw=st.binary(max_size=600), source=st.sampled_from(ScanSource))
def test_any_bytes_give_a_scan_or_a_typed_rejection(raw: bytes, source: ScanSource) -> None:
    result = interpret(raw, source)
    assert isinstance(result, Scan | ScanRejected)
    if isinstance(result, ScanRejected):
        assert result.message
        assert result.raw == raw


# Text shaped like the things we interpret, to reach deep into biip, tracking-numbers and epcpy.
_shaped_text = st.one_of(
    st.from_regex(r"\A(\][A-Za-z][0-9])?[0-9]{6,40}\Z"),
    st.from_regex(r"\A(\]C1|\]d2)?(0[0-2]|1[0-7]|21|10|420|00)[0-9A-Z]{0,30}(\x1d[0-9]{2,4}[0-9A-Za-z]{0,20})*\Z"),
    st.from_regex(r"\A30[0-9A-F]{22}\Z"),
    st.from_regex(r"\A\([0-9]{2,4}\)[0-9A-Z()]{0,40}\Z"),
    st.from_regex(r"\A(1Z|RB|C|TBA)?[0-9A-Z ]{8,30}\Z"),
)


@settings(max_examples=400, deadline=None)
@given(text=_shaped_text, source=st.sampled_from(ScanSource))
def test_barcode_shaped_text_gives_a_scan_or_a_typed_rejection(text: str, source: ScanSource) -> None:
    result = interpret(text.encode(), source)
    assert isinstance(result, Scan | ScanRejected)
