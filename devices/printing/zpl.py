"""Render a `Label` to ZPL II for Zebra (and ZPL-compatible) printers.

Nothing taken from data may ever reach the printer as a command. The printer acts on `^` and `~`
anywhere in the stream (a `~JA` inside a product name would cancel every queued label), so every
field is escaped for the way its command reads data:

- text and QR fields go through `^FH_` hex escapes: anything but printable ASCII other than
  `^`, `~` and `_` becomes `_XX` per UTF-8 byte, which keeps the stream 7-bit clean under `^CI28`;
- Code 128 uses its own invocation codes (`>0` for `>`, `><` for `^`, `>=` for `~`);
- DataMatrix (ECC 200) uses its escape character, set explicitly to `_` (firmware defaults
  differ): `__` for `_`, `_dNNN` for `^`, `~` and control characters, `_1` for FNC1.

GS1-128 uses `^BC` mode D (the printer adds the leading FNC1 and prints the parentheses in the
interpretation line only); `>8` marks the FNC1 after a variable-length AI that is not last.
A value with a character mode D would misread (parentheses, spaces, `>`) falls back to mode N with
an explicit FNC1 and a text line of its own for the human-readable form.
"""

from __future__ import annotations

from devices.printing.label import Box, Code128, DataMatrix, Element, Gs1_128, Gs1Data, Label, Line, QrCode, Text

# Characters that pass through every field unescaped: printable ASCII except the two command
# prefixes and the escape characters we use.
_PLAIN = frozenset(chr(c) for c in range(0x20, 0x7F)) - {"^", "~", "_"}
_MODE_D_UNSAFE = frozenset("() >^~")


def hex_field(text: str) -> str:
    """Field data for a `^FH_` field: safe characters as they are, the rest as `_XX` UTF-8 bytes."""
    parts: list[str] = []
    for char in text:
        if char in _PLAIN:
            parts.append(char)
        else:
            parts.extend(f"_{byte:02X}" for byte in char.encode("utf-8", errors="replace"))
    return "".join(parts)


_CODE128_ESCAPES = {">": ">0", "^": "><", "~": ">="}


def code128_field(data: str) -> str:
    """Code 128 field data with `>`, `^` and `~` written as ZPL invocation codes."""
    return "".join(_CODE128_ESCAPES.get(char, char) for char in data)


def datamatrix_value(text: str) -> str:
    """One value for `^BX` ECC 200 field data with `_` as the escape character."""
    parts: list[str] = []
    for char in text:
        code = ord(char)
        if char == "_":
            parts.append("__")
        elif char in "^~" or code < 0x20 or code == 0x7F:
            parts.append(f"_d{code:03d}")
        else:
            parts.append(char)  # non-ASCII goes as UTF-8 under ^CI28; it cannot start a command
    return "".join(parts)


def datamatrix_gs1_field(data: Gs1Data) -> str:
    """FNC1 first (it makes the symbol GS1), then AIs, with FNC1 after each non-final variable AI."""
    return "_1" + data.joined(lambda ai, value: ai + datamatrix_value(value), "_1")


def _gs1_fits_mode_d(data: Gs1Data) -> bool:
    return not any(_MODE_D_UNSAFE.intersection(value) for _, value in data.elements)


def _mode_d_field(data: Gs1Data) -> str:
    return data.joined(lambda ai, value: f"({ai}){value}", ">8")


def _mode_n_gs1_field(data: Gs1Data) -> str:
    # Start in subset B, then FNC1: that makes the symbol GS1-128.
    return ">:>8" + data.joined(lambda ai, value: ai + code128_field(value), ">8")


def _font(height: int, bold: bool) -> str:
    # Font 0 is already a bold condensed face; "bold" widens it so it stands out from normal text.
    width = height if bold else round(height * 0.8)
    return f"^A0N,{height},{width}"


def _element(element: Element) -> str:
    match element:
        case Text(x=x, y=y, text=text, height=height, bold=bold):
            return f"^FO{x},{y}{_font(height, bold)}^FH_^FD{hex_field(text)}^FS"
        case Code128(x=x, y=y, data=data, height=height, module=module, human_readable=hr):
            flag = "Y" if hr else "N"
            return f"^FO{x},{y}^BY{module},3,{height}^BCN,{height},{flag},N,N^FD{code128_field(data)}^FS"
        case Gs1_128(x=x, y=y, data=data, height=height, module=module, human_readable=hr):
            flag = "Y" if hr else "N"
            if _gs1_fits_mode_d(data):
                return f"^FO{x},{y}^BY{module},3,{height}^BCN,{height},{flag},N,N,D^FD{_mode_d_field(data)}^FS"
            barcode = f"^FO{x},{y}^BY{module},3,{height}^BCN,{height},N,N,N^FD{_mode_n_gs1_field(data)}^FS"
            if not hr:
                return barcode
            size = max(20, module * 10)
            return barcode + f"\n^FO{x},{y + height + 6}{_font(size, False)}^FH_^FD{hex_field(data.hri)}^FS"
        case QrCode(x=x, y=y, data=data, magnification=magnification):
            return f"^FO{x},{y}^BQN,2,{magnification}^FH_^FDMA,{hex_field(data)}^FS"
        case DataMatrix(x=x, y=y, data=data, module=module):
            field = datamatrix_gs1_field(data) if isinstance(data, Gs1Data) else datamatrix_value(data)
            return f"^FO{x},{y}^BXN,{module},200,,,,_^FD{field}^FS"
        case Line(x=x, y=y, length=length, thickness=thickness, vertical=vertical):
            width, height = (thickness, length) if vertical else (length, thickness)
            return f"^FO{x},{y}^GB{width},{height},{thickness}^FS"
        case Box(x=x, y=y, width=width, height=height, thickness=thickness):
            return f"^FO{x},{y}^GB{width},{height},{thickness}^FS"
    raise TypeError(f"no ZPL for {element!r}")  # a new element type without a renderer is our bug


def render_zpl(label: Label, copies: int = 1) -> bytes:
    """One ZPL format (`^XA` ... `^XZ`) printing `copies` labels, as UTF-8 bytes for `^CI28`.

    The bytes are ASCII unless a plain DataMatrix carries non-ASCII text.
    """
    if copies < 1:
        raise ValueError("copies must be at least 1")
    lines = ["^XA", "^CI28", f"^PW{label.width}", f"^LL{label.height}", "^LH0,0"]
    lines.extend(_element(element) for element in label.elements)
    lines.append(f"^PQ{copies}")
    lines.append("^XZ")
    return ("\n".join(lines) + "\n").encode("utf-8")
