"""Every template, on every stock, rendered to PNG and read back with zxing-cpp.

What the scanner reads must be exactly what was meant: the LPN, the RTV reference, and for resale
labels the GS1 content (01)GTIN(21)serial, as GS1-128 (`]C1`) and GS1 DataMatrix (`]d2`).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import zxingcpp
from PIL import Image

from devices.phrases import Phrase, said
from devices.printing.label import Gs1Data, LabelDataError, LabelStock, Text
from devices.printing.preview import preview_png
from devices.printing.templates import (
    TEMPLATES,
    LpnLabelData,
    PrinterCheckData,
    QuarantineLabelData,
    ResaleBarcodes,
    ResaleLabelData,
    RtvLabelData,
    build_label,
    data_from_fields,
    fields_from_json,
    fields_to_json,
    template_for,
)

DAY = dt.date(2026, 11, 23)
LPN = LpnLabelData(
    "LPN-00012345", "RMA-2026-1001", "DRL-18V-KIT", "Cordless drill 18V with two batteries, charger and case", DAY
)
RESALE = ResaleLabelData("09501101530003", "SN20261123A", "B", Decimal("49.9"), description="Cordless drill 18V")
RTV = RtvLabelData("ACME Tools Ltd", "RTV-2026-0042", "LPN-00012345", "Defective on arrival: motor does not start", DAY)
QUARANTINE = QuarantineLabelData("LPN-00012346", "Leaking battery: possible hazard", DAY)
CHECK = PrinterCheckData("STATION-01", "ZD421-203dpi V84.20.18Z", dt.datetime(2026, 11, 23, 9, 30))
GS1_HRI = "(01)09501101530003(21)SN20261123A"


def read_back(png: bytes) -> list[tuple[str, str]]:
    image = Image.open(io.BytesIO(png))
    return sorted((r.text, r.symbology_identifier) for r in zxingcpp.read_barcodes(image))


# What each template must scan as, on the big stock and on the small ones.
EXPECTED = {
    ("lpn", False): [("LPN-00012345", "]C0")],
    ("lpn", True): [("LPN-00012345", "]C0")],
    ("resale", False): [(GS1_HRI, "]C1"), (GS1_HRI, "]d2")],
    ("resale", True): [(GS1_HRI, "]d2")],
    ("rtv", False): [("LPN-00012345", "]C0"), ("RTV-2026-0042", "]C0")],
    ("rtv", True): [("RTV-2026-0042", "]C0")],
    ("quarantine", False): [("LPN-00012346", "]C0")],
    ("quarantine", True): [("LPN-00012346", "]C0")],
    ("test_print", False): sorted(
        [("TEST-0123456789", "]C0"), ("(01)09501101530003(21)TEST1", "]C1"), ("(01)09501101530003(21)TEST1", "]d2")]
    ),
    ("test_print", True): [("TEST-123", "]C0")],
}


@pytest.mark.parametrize("stock", list(LabelStock), ids=lambda s: s.name)
@pytest.mark.parametrize("data", [LPN, RESALE, RTV, QUARANTINE, CHECK], ids=lambda d: type(d).__name__)
def test_every_template_scans_back_as_printed(data: object, stock: LabelStock) -> None:
    template = template_for(data)
    label = build_label(template.name, data, stock)

    assert (label.width, label.height) == stock.dots()
    assert read_back(preview_png(label)) == EXPECTED[(template.name, stock.is_small)]


@pytest.mark.parametrize(
    ("barcodes", "expected"),
    [
        (ResaleBarcodes.GS1_128, [(GS1_HRI, "]C1")]),
        (ResaleBarcodes.DATAMATRIX, [(GS1_HRI, "]d2")]),
    ],
)
def test_resale_label_carries_the_symbols_asked_for(barcodes: ResaleBarcodes, expected: list[tuple[str, str]]) -> None:
    data = ResaleLabelData("09501101530003", "SN20261123A", "B", Decimal("49.90"), barcodes=barcodes)

    assert read_back(preview_png(build_label("resale", data))) == expected


def test_resale_gs1_datamatrix_keeps_the_separator_after_a_variable_field() -> None:
    # (21) is variable length: a GS must end it when another AI follows, and a scanner must see it.
    from devices.printing.label import DataMatrix, Label

    data = Gs1Data((("21", "SN1"), ("01", "09501101530003")))
    label = Label(400, 400, (DataMatrix(20, 20, data, module=8),))
    image = Image.open(io.BytesIO(preview_png(label)))

    plain = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    assert [r.text for r in plain] == ["21SN1\x1d0109501101530003"]


def test_resale_label_shows_grade_and_price() -> None:
    label = build_label("resale", RESALE)
    texts = [e.text for e in label.elements if isinstance(e, Text)]

    assert "B" in texts
    assert "USD 49.90" in texts


def test_a_gtin_with_a_wrong_check_digit_is_refused_with_a_reason() -> None:
    with pytest.raises(LabelDataError, match="check digit"):
        build_label("resale", ResaleLabelData("09501101530004", "SN1", "A", Decimal("1")))


def test_a_short_gtin_is_padded_to_fourteen_digits() -> None:
    data = ResaleLabelData("9501101530003", "SN1", "A", Decimal("1"), barcodes=ResaleBarcodes.DATAMATRIX)

    assert read_back(preview_png(build_label("resale", data))) == [("(01)09501101530003(21)SN1", "]d2")]


@pytest.mark.parametrize("gtin", ["12345", "ABCDEFGHIJKLM", ""])
def test_something_that_is_not_a_gtin_is_refused(gtin: str) -> None:
    with pytest.raises(LabelDataError, match="not a GTIN"):
        build_label("resale", ResaleLabelData(gtin, "SN1", "A", Decimal("1")))


def test_a_negative_price_is_refused() -> None:
    with pytest.raises(LabelDataError, match="negative"):
        build_label("resale", ResaleLabelData("09501101530003", "SN1", "A", Decimal("-1")))


def test_something_that_is_not_a_price_is_refused_in_the_operators_words() -> None:
    refused: list[tuple[LabelDataError, str]] = []
    for price in ("NaN", "Infinity"):
        with pytest.raises(LabelDataError) as built:
            build_label("resale", ResaleLabelData("09501101530003", "SN1", "A", Decimal(price)))
        refused.append((built.value, f"{price} is not a price."))
    with pytest.raises(LabelDataError) as typed:
        data_from_fields("resale", {"gtin": "09501101530003", "price": "12,50"}, DAY)
    refused.append((typed.value, "12,50 is not a price."))
    for error, english in refused:
        message = said(error)
        assert message == english
        assert isinstance(message, Phrase)
        assert (message.context, message.template) == ("Devices", "{price} is not a price.")


def test_an_lpn_too_long_for_the_small_label_is_refused_not_squashed() -> None:
    data = LpnLabelData("LPN-" + "9" * 60, "RMA-1", "SKU", "x", DAY)

    with pytest.raises(LabelDataError, match="too long"):
        build_label("lpn", data, LabelStock.TWO_BY_ONE)


def test_long_text_is_wrapped_and_shortened_to_the_label() -> None:
    data = LpnLabelData("LPN-1", "RMA-1", "SKU", "word " * 200, DAY)
    label = build_label("lpn", data)
    lines = [e for e in label.elements if isinstance(e, Text) and e.text.startswith("word")]

    assert len(lines) == 3
    assert lines[-1].text.endswith("...")


@pytest.mark.parametrize("data", [LPN, RESALE, RTV, QUARANTINE, CHECK], ids=lambda d: type(d).__name__)
def test_fields_survive_the_journal_json(data: object) -> None:
    name = template_for(data).name

    assert fields_from_json(name, fields_to_json(data)) == data


def test_every_template_is_registered_by_name() -> None:
    assert set(TEMPLATES) == {"lpn", "resale", "rtv", "quarantine", "test_print"}


@pytest.mark.parametrize("text", ["not json", "{}", '{"lpn": "x"}', '{"printed_on": "yesterday"}'])
def test_unreadable_stored_fields_are_a_label_error(text: str) -> None:
    with pytest.raises(LabelDataError):
        fields_from_json("lpn", text)


def test_the_wrong_data_for_a_template_is_refused() -> None:
    with pytest.raises(LabelDataError, match="needs LpnLabelData"):
        build_label("lpn", QUARANTINE)


def test_resale_label_of_a_non_serialized_item_carries_the_gtin_alone() -> None:
    # A restocked charger or T-shirt has no serial: its resale label must still print and scan.
    data = ResaleLabelData("09501101530003", "", "A", Decimal("19.00"))

    assert read_back(preview_png(build_label("resale", data))) == [
        ("(01)09501101530003", "]C1"),
        ("(01)09501101530003", "]d2"),
    ]
