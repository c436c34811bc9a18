"""The ZPL renderer: structure, escaping, and round trips through the simulator's own parser.

The simulator's parser is written apart from the renderer, so a value that goes through one and
comes back out of the other unchanged proves the escaping, not just that it is consistent.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.printing.label import Box, Code128, DataMatrix, Gs1_128, Gs1Data, Label, Line, QrCode, Text
from devices.printing.zpl import code128_field, datamatrix_value, hex_field, render_zpl
from devices.simulators.zpl_printer import FieldKind, PrintedField, parse_zpl

PRINTABLE_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
# GS1 AI encodable character set 82, less the parentheses that would make the (AI) form ambiguous.
GS1_CHARS = "!\"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def single_label(*elements: object) -> bytes:
    return render_zpl(Label(812, 1218, tuple(elements)))  # type: ignore[arg-type]


def the_fields(zpl: bytes) -> list[PrintedField]:
    labels = parse_zpl(zpl)
    assert len(labels) == 1
    assert labels[0].problems == ()
    return list(labels[0].fields)


def assert_one_clean_format(zpl: bytes, field_count: int) -> None:
    assert zpl.count(b"^XA") == 1
    assert zpl.count(b"^XZ") == 1
    assert zpl.count(b"^FS") == field_count
    assert b"~" not in zpl, "a tilde reaching the printer is a command"


def test_a_label_has_the_format_frame_utf8_size_and_quantity() -> None:
    zpl = render_zpl(Label(812, 1218, (Text(10, 20, "Hello", height=40),)), copies=3).decode()

    assert zpl.startswith("^XA\n^CI28\n^PW812\n^LL1218\n")
    assert "^FO10,20^A0N,40,32^FH_^FDHello^FS" in zpl
    assert zpl.rstrip().endswith("^PQ3\n^XZ")
    assert parse_zpl(zpl.encode())[0].copies == 3


def test_carets_and_tildes_in_text_become_hex_escapes() -> None:
    assert hex_field("A^XZ~JA_b") == "A_5EXZ_7EJA_5Fb"
    assert hex_field("é\n") == "_C3_A9_0A"


def test_code128_special_characters_use_invocation_codes() -> None:
    assert code128_field("A>B^C~D") == "A>0B><C>=D"


def test_datamatrix_escapes() -> None:
    assert datamatrix_value("a_b^c~d\x1de") == "a__b_d094c_d126d_d029e"


def test_gs1_128_uses_mode_d_with_fnc1_only_after_variable_fields() -> None:
    data = Gs1Data((("21", "SN1"), ("01", "09501101530003"), ("10", "LOT7")))
    zpl = single_label(Gs1_128(10, 10, data)).decode()

    assert "^BCN,100,Y,N,N,D^FD(21)SN1>8(01)09501101530003(10)LOT7^FS" in zpl
    assert the_fields(zpl.encode()) == [PrintedField(FieldKind.GS1_128, data.hri, 10, 10)]


def test_gs1_128_with_a_character_mode_d_would_misread_falls_back_to_explicit_fnc1() -> None:
    data = Gs1Data((("01", "09501101530003"), ("21", "A>B")))
    zpl = single_label(Gs1_128(10, 10, data))

    assert b"^FD>:>80109501101530003" in zpl
    fields = the_fields(zpl)
    assert fields[0] == PrintedField(FieldKind.GS1_128, "(01)09501101530003(21)A>B", 10, 10)
    assert [f.data for f in fields if f.kind is FieldKind.TEXT] == ["(01)09501101530003(21)A>B"]


def test_gs1_datamatrix_starts_with_fnc1_and_separates_variable_fields() -> None:
    data = Gs1Data((("21", "S_1"), ("01", "09501101530003")))
    zpl = single_label(DataMatrix(5, 6, data)).decode()

    assert "^BXN,6,200,,,,_^FD_121S__1_10109501101530003^FS" in zpl
    assert the_fields(zpl.encode()) == [PrintedField(FieldKind.GS1_DATAMATRIX, data.hri, 5, 6)]


def test_lines_and_boxes_are_graphic_boxes() -> None:
    zpl = single_label(Line(10, 20, 300), Line(10, 20, 300, thickness=4, vertical=True), Box(1, 2, 30, 40, 5)).decode()

    assert "^FO10,20^GB300,3,3^FS" in zpl
    assert "^FO10,20^GB4,300,4^FS" in zpl
    assert "^FO1,2^GB30,40,5^FS" in zpl


@PROPERTY
@given(st.text(max_size=80))
def test_any_text_cannot_break_the_label_and_comes_back_unchanged(text: str) -> None:
    zpl = single_label(Text(10, 10, text), Code128(10, 200, "LPN-1"))

    assert_one_clean_format(zpl, 2)
    assert zpl.isascii()
    assert [f.data for f in the_fields(zpl)] == [text, "LPN-1"]


@PROPERTY
@given(st.text(alphabet=PRINTABLE_ASCII, min_size=1, max_size=40))
def test_any_code128_value_comes_back_unchanged(value: str) -> None:
    zpl = single_label(Code128(10, 10, value))

    assert_one_clean_format(zpl, 1)
    assert the_fields(zpl) == [PrintedField(FieldKind.CODE128, value, 10, 10)]


@PROPERTY
@given(st.text(min_size=1, max_size=60))
def test_any_qr_value_comes_back_unchanged(value: str) -> None:
    zpl = single_label(QrCode(10, 10, value))

    assert_one_clean_format(zpl, 1)
    assert the_fields(zpl) == [PrintedField(FieldKind.QR, value, 10, 10)]


@PROPERTY
@given(st.text(min_size=1, max_size=60))
def test_any_datamatrix_value_comes_back_unchanged(value: str) -> None:
    zpl = single_label(DataMatrix(10, 10, value))

    assert_one_clean_format(zpl, 1)
    assert the_fields(zpl) == [PrintedField(FieldKind.DATAMATRIX, value, 10, 10)]


@PROPERTY
@given(
    serial=st.text(alphabet=GS1_CHARS, min_size=1, max_size=20),
    lot=st.one_of(st.none(), st.text(alphabet=GS1_CHARS, min_size=1, max_size=20)),
)
def test_any_gs1_content_comes_back_in_ai_form(serial: str, lot: str | None) -> None:
    elements = [("01", "09501101530003"), ("21", serial)] + ([("10", lot)] if lot else [])
    data = Gs1Data(tuple(elements))
    zpl = single_label(Gs1_128(10, 10, data, human_readable=False), DataMatrix(10, 300, data))

    assert_one_clean_format(zpl, 2)
    assert the_fields(zpl) == [
        PrintedField(FieldKind.GS1_128, data.hri, 10, 10),
        PrintedField(FieldKind.GS1_DATAMATRIX, data.hri, 10, 300),
    ]


def test_every_command_in_a_label_is_one_the_printer_knows() -> None:
    zpl = single_label(
        Text(1, 1, "t"), Code128(1, 1, "c"), QrCode(1, 1, "q"), DataMatrix(1, 1, "d"), Line(1, 1, 5), Box(1, 1, 5, 5)
    ).decode()
    commands = set(re.findall(r"\^([A-Z][A-Z0-9])", zpl))

    assert commands <= {
        "XA",
        "XZ",
        "CI",
        "PW",
        "LL",
        "LH",
        "FO",
        "A0",
        "FH",
        "FD",
        "FS",
        "BY",
        "BC",
        "BQ",
        "BX",
        "GB",
        "PQ",
    }
