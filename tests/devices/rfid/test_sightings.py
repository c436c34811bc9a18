"""Collapsing repeated reads of one tag inside the window."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.events import TagRead
from devices.rfid.sightings import RepeatWindow, Sighting
from tests.devices.rfid.helpers import SGTIN_EXAMPLE, SGTIN_OTHER, FakeClock


def test_first_sighting_is_delivered_at_once_with_what_the_reader_said(clock: FakeClock) -> None:
    window = RepeatWindow(2.0, device_id="dock-1", clock=clock)

    read = window.offer(Sighting(SGTIN_EXAMPLE.lower(), antenna=3, rssi=-50, count=4))

    assert read == TagRead(SGTIN_EXAMPLE, antenna=3, rssi=-50, seen_count=4, device_id="dock-1")


def test_repeats_collapse_while_the_tag_stays_and_count_again_after_it_left(clock: FakeClock) -> None:
    window = RepeatWindow(2.0, clock=clock)

    assert window.offer(Sighting(SGTIN_EXAMPLE)) is not None
    for _ in range(10):
        clock.advance(1.0)  # seen every second for ten seconds: still one item on the pad
        assert window.offer(Sighting(SGTIN_EXAMPLE)) is None
    assert window.offer(Sighting(SGTIN_OTHER)) is not None  # another tag is its own item
    clock.advance(2.0)

    assert window.offer(Sighting(SGTIN_EXAMPLE)) is not None


def test_forget_reports_tags_still_in_the_field_again(clock: FakeClock) -> None:
    window = RepeatWindow(2.0, clock=clock)
    window.offer(Sighting(SGTIN_EXAMPLE))

    window.forget()

    assert window.offer(Sighting(SGTIN_EXAMPLE)) is not None


def test_old_tags_are_forgotten_so_memory_stays_bounded(clock: FakeClock) -> None:
    window = RepeatWindow(1.0, clock=clock)
    for n in range(1000):
        window.offer(Sighting(f"{n:024X}"))
        clock.advance(0.01)

    assert window.tracked <= 300


def test_a_zero_window_delivers_every_sighting_and_a_negative_one_is_refused(clock: FakeClock) -> None:
    window = RepeatWindow(0.0, clock=clock)
    assert all(window.offer(Sighting(SGTIN_EXAMPLE)) is not None for _ in range(3))
    with pytest.raises(ValueError, match="negative"):
        RepeatWindow(-1.0, clock=clock)


@given(gaps=st.lists(st.floats(0, 5, allow_nan=False), max_size=30))
def test_a_tag_is_delivered_exactly_when_it_was_unseen_for_the_window(gaps: list[float]) -> None:
    clock = FakeClock()
    window = RepeatWindow(2.0, clock=clock)
    delivered = [window.offer(Sighting(SGTIN_EXAMPLE)) is not None]
    for gap in gaps:
        clock.advance(gap)
        delivered.append(window.offer(Sighting(SGTIN_EXAMPLE)) is not None)

    assert delivered == [True] + [gap >= 2.0 for gap in gaps]
