"""The journal's canonical JSON is RFC 8785, byte for byte, on its fast path and off it."""

from __future__ import annotations

import enum
from typing import Any

import pytest
import rfc8785
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.store.journal import _plain, canonical_json


class Text(str):
    """Like the reference data's localized texts and the core's phrases: a `str` with more to it."""


class Colour(enum.StrEnum):
    RED = "red"


# Every JSON value, and a few that are not (floats out of range, huge integers, lone surrogates):
# the journal must then fail exactly as the reference implementation does.
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats()
    | st.text()
    | st.text(st.characters(codec="ascii"))
    | st.text(st.characters(exclude_categories=[]), max_size=4)  # lone surrogates included
    | st.text().map(Text)
    | st.just(Colour.RED)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6) | st.text(st.characters(codec="ascii"), max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def _reference(value: object) -> str | type[Exception]:
    try:
        return rfc8785.dumps(value).decode("utf-8")  # type: ignore[arg-type]
    except rfc8785.CanonicalizationError as exc:
        return type(exc)


@given(st.dictionaries(st.text(max_size=8), values, max_size=6))
@example({"del": "\x7f", "controls": "".join(map(chr, range(32))), "quote": '"\\'})
@settings(max_examples=200)
def test_canonical_json_is_the_reference_implementation(payload: dict[str, object]) -> None:
    expected = _reference(payload)
    if isinstance(expected, str):
        assert canonical_json(payload) == expected
    else:
        with pytest.raises(expected):
            canonical_json(payload)


def test_a_typical_payload_takes_the_fast_path() -> None:
    payload: dict[str, Any] = {
        "unit_id": "0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
        "lpn": "LPN-7K2M9Q4X0A",
        "line_no": 2,
        "serial": None,
        "over_receipt": True,
        "answers": {"seal": "yes", "cosmetic": "none"},
        "photos": [],
        "note": 'said "broken"\n\t\x01',
    }
    assert _plain(payload)
    assert canonical_json(payload) == rfc8785.dumps(payload).decode("utf-8")


def test_what_the_fast_path_leaves_to_the_reference() -> None:
    assert not _plain({"grade": 1.5})  # ECMAScript number formatting
    assert not _plain({"n": 2**53})  # beyond an exact double: RFC 8785 refuses it
    assert not _plain({"note": "Kratzer am Gehäuse"})  # non-ASCII: sorting and surrogates
    assert not _plain({"é": 1})
    assert canonical_json({"é": "Gehäuse", "e": 1e21}) == rfc8785.dumps({"é": "Gehäuse", "e": 1e21}).decode("utf-8")
