"""Keyboard-wedge detection, driven with exact timestamps (no clock is read)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource
from devices.scanning.wedge import PassThrough, WedgeDetector, WedgeOutput, WedgeScan, WedgeSettings


def type_keys(detector: WedgeDetector, text: str, *, start: float = 0.0, gap: float = 0.01) -> list[WedgeOutput]:
    out: list[WedgeOutput] = []
    for index, char in enumerate(text):
        out += detector.key(char, start + index * gap)
    return out


def only_scan(out: list[WedgeOutput]) -> Scan:
    assert len(out) == 1, out
    (item,) = out
    assert isinstance(item, WedgeScan)
    assert isinstance(item.result, Scan)
    return item.result


def passed_text(out: list[WedgeOutput]) -> str:
    assert all(isinstance(item, PassThrough) for item in out), out
    return "".join(item.text for item in out if isinstance(item, PassThrough))


def test_fast_burst_ending_in_enter_is_a_scan() -> None:
    detector = WedgeDetector()
    result = only_scan(type_keys(detector, "RMA-123456\r"))
    assert (result.kind, result.source, result.device_id) == (ScanKind.RMA, ScanSource.WEDGE, "wedge")
    assert not detector.holding


def test_tab_terminates_too() -> None:
    assert only_scan(type_keys(WedgeDetector(), "LPN-ABCD1234\t")).kind is ScanKind.LPN


def test_a_person_typing_gets_every_key_back_in_order() -> None:
    detector = WedgeDetector()
    out = type_keys(detector, "hello\r", gap=0.15)
    assert passed_text(out) == "hello\r"


def test_a_lone_key_is_released_by_the_tick() -> None:
    detector = WedgeDetector()
    assert detector.key("a", 1.0) == []
    assert detector.holding
    assert detector.tick(1.03) == []
    assert detector.tick(1.06) == [PassThrough("a")]
    assert not detector.holding


def test_short_fast_bursts_are_a_person_not_a_scanner() -> None:
    # Two keys hit together, then Enter: too short for a scan.
    assert passed_text(type_keys(WedgeDetector(), "ok\r")) == "ok\r"


def test_a_slow_start_then_a_scanner_burst() -> None:
    detector = WedgeDetector()
    out = detector.key("x", 0.0)
    out += type_keys(detector, "RMA-123456\r", start=0.5)
    assert isinstance(out[0], PassThrough)
    assert out[0].text == "x"
    assert isinstance(out[1], WedgeScan)


def test_burst_without_terminator_is_released_unless_terminators_are_optional() -> None:
    strict = WedgeDetector()
    type_keys(strict, "RMA-123456")
    assert passed_text(strict.tick(1.0)) == "RMA-123456"
    relaxed = WedgeDetector(WedgeSettings(require_terminator=False))
    type_keys(relaxed, "RMA-123456")
    out = relaxed.tick(1.0)
    assert isinstance(out[0], WedgeScan)


def test_prefix_and_suffix_sentinels_allow_any_speed_and_swallow_the_following_enter() -> None:
    detector = WedgeDetector(WedgeSettings(prefix="§", suffix="¤"))
    out = type_keys(detector, "§RMA-123456¤", gap=0.07)  # slower than a burst, e.g. a busy Bluetooth link
    assert only_scan(out).text == "RMA-123456"
    assert detector.key("\r", 0.78) == []  # the scanner's Enter right after its suffix
    assert detector.key("\r", 5.0) == [PassThrough("\r")]  # a person's Enter later is theirs


def test_prefix_without_suffix_gives_up_after_its_timeout() -> None:
    detector = WedgeDetector(WedgeSettings(prefix="§", sentinel_timeout=1.0))
    type_keys(detector, "§ab", gap=0.1)
    assert detector.tick(0.5) == []
    assert passed_text(detector.tick(1.5)) == "§ab"


def test_prefix_sentinel_ends_with_enter_when_no_suffix_is_set() -> None:
    detector = WedgeDetector(WedgeSettings(prefix="§"))
    assert only_scan(type_keys(detector, "§LPN-ABCD1234\r", gap=0.06)).kind is ScanKind.LPN


def test_gs_substitute_restores_gs1_separators() -> None:
    detector = WedgeDetector(WedgeSettings(gs_substitute="~"))
    result = only_scan(type_keys(detector, "010950110153000310ABC~17250101\r"))
    assert result.text == "010950110153000310ABC\x1d17250101"
    assert (result.kind, result.lot, result.expiry) == (ScanKind.GS1, "ABC", "2025-01-01")


def test_ctrl_bracket_gs_arrives_as_itself() -> None:
    result = only_scan(type_keys(WedgeDetector(), "010950110153000310ABC\x1d17250101\r"))
    assert result.lot == "ABC"


def test_a_scanner_burst_of_nonsense_is_a_typed_rejection() -> None:
    (item,) = type_keys(WedgeDetector(), "9501101530004\r")
    assert isinstance(item, WedgeScan)
    assert isinstance(item.result, ScanRejected)
    assert item.result.reason is RejectReason.BAD_CHECK_DIGIT


keys = st.lists(
    st.tuples(st.sampled_from(list("abcRMA-0123456789\r\t§¤~\x1d")), st.floats(min_value=0.0, max_value=0.3)),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(presses=keys, prefix=st.sampled_from(["", "§"]), suffix=st.sampled_from(["", "¤"]))
def test_every_key_is_either_passed_through_or_part_of_a_scan(
    presses: list[tuple[str, float]], prefix: str, suffix: str
) -> None:
    detector = WedgeDetector(WedgeSettings(prefix=prefix, suffix=suffix, gs_substitute="~"))
    now = 0.0
    out: list[WedgeOutput] = []
    for char, gap in presses:
        now += gap
        out += detector.key(char, now)
    out += detector.tick(now + 10.0)
    assert not detector.holding
    assert all(isinstance(item, PassThrough | WedgeScan) for item in out)
    passed = "".join(item.text for item in out if isinstance(item, PassThrough))
    scanned = sum(len(item.result.raw) for item in out if isinstance(item, WedgeScan))
    # Nothing is invented: what comes out is at most what went in (terminators/sentinels are swallowed).
    assert len(passed) + scanned <= sum(len(char.encode()) for char, _ in presses) + 1
