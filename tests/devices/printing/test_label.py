"""The label model checks its values when they are built, in words an inspector understands."""

from __future__ import annotations

import pytest

from devices.printing.label import Code128, DataMatrix, Gs1Data, Label, LabelDataError, LabelStock, QrCode, Text


def test_stock_sizes_in_dots() -> None:
    assert LabelStock.FOUR_BY_SIX.dots() == (812, 1218)
    assert LabelStock.FOUR_BY_TWO.dots() == (812, 406)
    assert LabelStock.TWO_BY_ONE.dots() == (406, 203)
    assert LabelStock.FOUR_BY_SIX.dots(300) == (1200, 1800)


def test_gs1_data_knows_its_forms() -> None:
    data = Gs1Data((("01", "09501101530003"), ("21", "SN1"), ("10", "LOT")))

    assert data.hri == "(01)09501101530003(21)SN1(10)LOT"
    assert data.element_string() == "0109501101530003" + "21SN1\x1d10LOT"
    assert data.variable_length == (False, True, True)


@pytest.mark.parametrize(
    ("elements", "message"),
    [
        ((), "at least one"),
        ((("01", "09501101530004"),), "check digit"),
        ((("01", "0950110153000"),), "cannot be printed"),
    ],
)
def test_bad_gs1_data_is_refused(elements: tuple[tuple[str, str], ...], message: str) -> None:
    with pytest.raises(LabelDataError, match=message):
        Gs1Data(elements)


def test_code128_refuses_what_it_cannot_carry() -> None:
    with pytest.raises(LabelDataError, match="plain letters and digits"):
        Code128(0, 0, "LPN\x1d1")
    with pytest.raises(LabelDataError, match="needs a value"):
        Code128(0, 0, "")


@pytest.mark.parametrize("element", [lambda: QrCode(0, 0, ""), lambda: DataMatrix(0, 0, "")])
def test_empty_2d_codes_are_refused(element: object) -> None:
    with pytest.raises(LabelDataError, match="needs a value"):
        element()  # type: ignore[operator]


def test_elements_must_be_on_the_label() -> None:
    with pytest.raises(LabelDataError, match="off the label"):
        Text(-1, 0, "x")
    with pytest.raises(LabelDataError, match="off the label"):
        Label(100, 100, (Text(100, 0, "x"),))


def test_tiny_text_is_refused() -> None:
    with pytest.raises(LabelDataError, match="cannot be read"):
        Text(0, 0, "x", height=5)
