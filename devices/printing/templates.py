"""Label templates: typed data in, a `Label` out.

Each template takes one frozen dataclass of its fields (`LpnLabelData`, `ResaleLabelData`, ...),
so the station core can ask for a label by name and fields without knowing anything about dots,
fonts or symbologies. `TEMPLATES` names them for the print journal: a job stores the template
name and its fields as JSON, and a reprint rebuilds the very same label from them.

Layouts are written for the 4x6 in stock (812 x 1218 dots at 203 dpi) and have a compact form
for the small 4x2 and 2x1 in rolls. Text is wrapped and shortened to the stock, never run off it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

import zxingcpp

from devices.phrases import QT_TRANSLATE_NOOP, Phrase
from devices.printing.label import (
    DEFAULT_DPI,
    Box,
    Code128,
    DataMatrix,
    Element,
    Gs1_128,
    Gs1Data,
    Label,
    LabelDataError,
    LabelStock,
    Line,
    Text,
)

MARGIN = 30
# Average advance of one character as a share of its height, for the fonts on both renderers
# (ZPL font 0 is condensed and narrower; the preview's DejaVu Sans is the wider of the two).
CHAR_WIDTH = 0.6


class ResaleBarcodes(enum.Enum):
    """Which GS1 symbols the relabel-for-resale label carries."""

    GS1_128 = "gs1_128"
    DATAMATRIX = "datamatrix"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class LpnLabelData:
    lpn: str
    rma_number: str
    sku: str
    description: str
    printed_on: dt.date


@dataclass(frozen=True, slots=True)
class ResaleLabelData:
    gtin: str
    serial: str  # empty for a non-serialized item
    grade: str
    price: Decimal
    currency: str = "USD"
    description: str = ""
    barcodes: ResaleBarcodes = ResaleBarcodes.BOTH


@dataclass(frozen=True, slots=True)
class RtvLabelData:
    vendor: str
    rtv_reference: str
    lpn: str
    reason: str
    printed_on: dt.date


@dataclass(frozen=True, slots=True)
class QuarantineLabelData:
    lpn: str
    reason: str
    printed_on: dt.date


@dataclass(frozen=True, slots=True)
class PrinterCheckData:
    """The "test print" action's label: proves the printer, the stock and the barcodes work."""

    station: str
    printer: str  # model and firmware as the printer reported them, or what is configured
    printed_at: dt.datetime


# --- layout helpers -------------------------------------------------------------------------


def _wrap(text: str, height: int, width: int, max_lines: int) -> list[str]:
    """Split `text` into at most `max_lines` lines that fit `width` dots at character `height`."""
    per_line = max(1, int(width / (height * CHAR_WIDTH)))
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    current = ""
    for whole_word in words:
        word = whole_word
        while len(word) > per_line:  # a single overlong word is cut, not allowed to overflow
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: per_line - 3] if len(last) > per_line - 3 else last) + "..."
    return lines


def _text_block(
    x: int, y: int, text: str, *, height: int, width: int, max_lines: int, bold: bool = False
) -> list[Text]:
    gap = height // 5
    return [
        Text(x, y + i * (height + gap), line, height=height, bold=bold)
        for i, line in enumerate(_wrap(text, height, width, max_lines))
    ]


def barcode_modules(content: str) -> int:
    """Widest a Code 128 symbol of `content` can be, in modules, quiet zones excluded.

    Counted as if every character needed its own symbol character (subset B) plus start, FNC1 or
    shift, check and stop: printers pick subsets themselves, so a layout that fits this bound fits
    whatever the printer chooses.
    """
    return 11 * (len(content) + 4) + 2


def _module_to_fit(content: str, width: int, *, largest: int = 4) -> int:
    module = min(largest, width // barcode_modules(content))
    if module < 1:
        raise LabelDataError(f"{content} is too long for a barcode on this label size: use a larger label.")
    return module


def datamatrix_modules(data: Gs1Data) -> int:
    """Side of the square GS1 DataMatrix for `data`, in modules (ZPL prints square symbols only)."""
    symbol = zxingcpp.create_barcode(data.hri, zxingcpp.BarcodeFormat.DataMatrix, gs1=True, force_square=True)
    return int(symbol.to_image(scale=1, add_quiet_zones=False).shape[0])


def _code128(x: int, y: int, data: str, *, width: int, height: int, human_readable: bool = True) -> Code128:
    return Code128(x, y, data, height=height, module=_module_to_fit(data, width), human_readable=human_readable)


def _gs1_128(x: int, y: int, data: Gs1Data, *, width: int, height: int) -> Gs1_128:
    return Gs1_128(x, y, data, height=height, module=_module_to_fit(data.element_string(), width, largest=3))


def _stock_label(stock: LabelStock, elements: list[Element], name: str, dpi: int) -> Label:
    return Label.of_stock(stock, tuple(elements), dpi=dpi, name=name)


# --- templates ------------------------------------------------------------------------------


def lpn_label(data: LpnLabelData, stock: LabelStock = LabelStock.FOUR_BY_SIX, dpi: int = DEFAULT_DPI) -> Label:
    """Licence plate for one returned unit: the LPN as Code 128 with its text, RMA, SKU, date."""
    width, height = stock.dots(dpi)
    usable = width - 2 * MARGIN
    elements: list[Element]
    if stock.is_small:
        bar_height = int(height * 0.42)
        text_height = max(18, height // 9)
        elements = [
            _code128(MARGIN // 2, MARGIN // 2, data.lpn, width=width - MARGIN, height=bar_height, human_readable=False)
        ]
        y = MARGIN // 2 + bar_height + text_height // 2
        elements.append(Text(MARGIN // 2, y, data.lpn, height=text_height + 6, bold=True))
        y += text_height + 12
        elements.append(Text(MARGIN // 2, y, f"RMA {data.rma_number}  {data.sku}", height=text_height))
        y += text_height + 6
        if y + text_height < height:
            elements.append(Text(MARGIN // 2, y, data.printed_on.isoformat(), height=text_height))
        return _stock_label(stock, elements, "lpn", dpi)
    elements = [
        Text(MARGIN, 40, "LICENSE PLATE", height=40, bold=True),
        _code128(MARGIN + 30, 110, data.lpn, width=usable - 60, height=220),
        Text(MARGIN, 400, data.lpn, height=70, bold=True),
        Line(MARGIN, 500, usable),
        Text(MARGIN, 530, "RMA", height=28),
        Text(MARGIN, 570, data.rma_number, height=56, bold=True),
        Text(MARGIN, 660, "SKU", height=28),
        Text(MARGIN, 700, data.sku, height=56, bold=True),
        *_text_block(MARGIN, 790, data.description, height=34, width=usable, max_lines=3),
        Line(MARGIN, 1000, usable),
        Text(MARGIN, 1040, f"Received {data.printed_on.isoformat()}", height=32),
    ]
    return _stock_label(stock, elements, "lpn", dpi)


def resale_gs1(data: ResaleLabelData) -> Gs1Data:
    """(01) GTIN and, for a serialized item, (21) serial, as both resale barcodes carry them."""
    gtin = data.gtin.strip()
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        raise LabelDataError(f"{data.gtin!r} is not a GTIN: it must be 8, 12, 13 or 14 digits.")
    serial = data.serial.strip()
    if not serial:  # a non-serialized item (a charger, a T-shirt) is resold by its GTIN alone
        return Gs1Data((("01", gtin.zfill(14)),))
    return Gs1Data((("01", gtin.zfill(14)), ("21", serial)))


NOT_A_PRICE = QT_TRANSLATE_NOOP("Devices", "{price} is not a price.")


def _price(data: ResaleLabelData) -> str:
    try:
        amount = data.price.quantize(Decimal("0.01"))
    except InvalidOperation as error:  # infinity, or too many digits
        raise LabelDataError(Phrase(NOT_A_PRICE, price=str(data.price))) from error
    if amount.is_nan():  # a NaN goes through quantize, and would fail the comparison below
        raise LabelDataError(Phrase(NOT_A_PRICE, price=str(data.price)))
    if amount < 0:
        raise LabelDataError("A resale price cannot be negative.")
    return f"{data.currency} {amount}"


def resale_label(data: ResaleLabelData, stock: LabelStock = LabelStock.FOUR_BY_SIX, dpi: int = DEFAULT_DPI) -> Label:
    """Relabel for resale: GTIN + serial as GS1-128 and/or GS1 DataMatrix, grade and price."""
    gs1 = resale_gs1(data)
    price = _price(data)
    width, height = stock.dots(dpi)
    usable = width - 2 * MARGIN
    want_128 = data.barcodes in (ResaleBarcodes.GS1_128, ResaleBarcodes.BOTH)
    want_matrix = data.barcodes in (ResaleBarcodes.DATAMATRIX, ResaleBarcodes.BOTH)
    elements: list[Element]
    if stock.is_small:
        # Small rolls have room for one symbol: the DataMatrix, unless only GS1-128 was asked for.
        text_height = max(18, height // 8)
        if want_matrix:
            side = datamatrix_modules(gs1)
            module = max(2, min(10, (height - MARGIN) // side))
            elements = [DataMatrix(MARGIN // 2, MARGIN // 2, gs1, module=module)]
            x = MARGIN + module * side
            elements += [
                Text(x, MARGIN // 2, f"Grade {data.grade}", height=text_height + 8, bold=True),
                Text(x, MARGIN // 2 + text_height + 18, price, height=text_height + 8, bold=True),
            ]
            if data.serial.strip():
                elements.append(Text(x, MARGIN // 2 + 2 * text_height + 36, f"SN {data.serial}", height=text_height))
        else:
            elements = [
                _gs1_128(MARGIN // 2, MARGIN // 2, gs1, width=width - MARGIN, height=int(height * 0.4)),
                Text(MARGIN // 2, int(height * 0.72), f"Grade {data.grade}   {price}", height=text_height, bold=True),
            ]
        return _stock_label(stock, elements, "resale", dpi)
    elements = [
        Text(MARGIN, 30, "RESALE", height=40, bold=True),
        *_text_block(MARGIN, 85, data.description, height=30, width=usable, max_lines=2),
        Text(MARGIN, 170, "GRADE", height=28),
        Text(MARGIN, 205, data.grade, height=100, bold=True),
        Text(width // 2, 170, "PRICE", height=28),
        Text(width // 2, 215, price, height=70, bold=True),
        Line(MARGIN, 330, usable),
    ]
    if want_128:
        elements.append(_gs1_128(MARGIN, 370, gs1, width=usable, height=170))
    if want_matrix:
        elements.append(DataMatrix(MARGIN, 640, gs1, module=8))
    x_text = MARGIN + (230 if want_matrix else 0)
    elements.append(Text(x_text, 660, f"GTIN {gs1.elements[0][1]}", height=32))
    if data.serial.strip():
        elements.append(Text(x_text, 710, f"Serial {data.serial}", height=32))
    return _stock_label(stock, elements, "resale", dpi)


def rtv_label(data: RtvLabelData, stock: LabelStock = LabelStock.FOUR_BY_SIX, dpi: int = DEFAULT_DPI) -> Label:
    """Return to vendor: vendor, RTV reference (barcoded), the unit's LPN (barcoded) and the reason."""
    width, height = stock.dots(dpi)
    usable = width - 2 * MARGIN
    elements: list[Element]
    if stock.is_small:
        text_height = max(18, height // 9)
        bar_height = int(height * 0.35)
        elements = [
            Text(MARGIN // 2, MARGIN // 2, f"RTV {data.vendor}"[:40], height=text_height + 4, bold=True),
            _code128(
                MARGIN // 2,
                MARGIN // 2 + text_height + 12,
                data.rtv_reference,
                width=width - MARGIN,
                height=bar_height,
                human_readable=False,
            ),
        ]
        y = MARGIN // 2 + text_height + 24 + bar_height
        elements.append(Text(MARGIN // 2, y, data.rtv_reference, height=text_height, bold=True))
        y += text_height + 6
        if y + text_height < height:
            elements.append(Text(MARGIN // 2, y, f"LPN {data.lpn}", height=text_height))
        return _stock_label(stock, elements, "rtv", dpi)
    elements = [
        Text(MARGIN, 30, "RETURN TO VENDOR", height=60, bold=True),
        Line(MARGIN, 110, usable),
        Text(MARGIN, 130, "Vendor", height=28),
        *_text_block(MARGIN, 165, data.vendor, height=48, width=usable, max_lines=2),
        Text(MARGIN, 290, "RTV reference", height=28),
        _code128(MARGIN + 30, 330, data.rtv_reference, width=usable - 60, height=150),
        Line(MARGIN, 560, usable),
        Text(MARGIN, 580, "LPN", height=28),
        _code128(MARGIN + 30, 620, data.lpn, width=usable - 60, height=120),
        Line(MARGIN, 800, usable),
        Text(MARGIN, 820, "Reason", height=28),
        *_text_block(MARGIN, 860, data.reason, height=36, width=usable, max_lines=4),
        Text(MARGIN, 1130, f"Printed {data.printed_on.isoformat()}", height=32),
    ]
    return _stock_label(stock, elements, "rtv", dpi)


def quarantine_label(
    data: QuarantineLabelData, stock: LabelStock = LabelStock.FOUR_BY_SIX, dpi: int = DEFAULT_DPI
) -> Label:
    """Quarantine: QUARANTINE in large letters, the LPN, the reason and the date."""
    width, height = stock.dots(dpi)
    usable = width - 2 * MARGIN
    elements: list[Element]
    if stock.is_small:
        title = max(24, height // 5)
        text_height = max(18, height // 10)
        bar_height = int(height * 0.3)
        y = MARGIN // 2 + title + 10
        elements = [
            Text(MARGIN // 2, MARGIN // 2, "QUARANTINE", height=title, bold=True),
            _code128(MARGIN // 2, y, data.lpn, width=width - MARGIN, height=bar_height, human_readable=False),
        ]
        y += bar_height + 8
        elements.append(Text(MARGIN // 2, y, f"{data.lpn}  {data.printed_on.isoformat()}", height=text_height))
        y += text_height + 6
        if y + text_height < height:
            elements.append(
                Text(MARGIN // 2, y, _wrap(data.reason, text_height, width - MARGIN, 1)[0], height=text_height)
            )
        return _stock_label(stock, elements, "quarantine", dpi)
    elements = [
        Box(10, 10, width - 20, height - 20, thickness=8),
        Text(MARGIN + 10, 60, "QUARANTINE", height=110, bold=True),
        Text(MARGIN + 10, 190, "Do not sell, ship or move", height=36),
        Line(MARGIN, 250, usable),
        Text(MARGIN + 10, 280, "LPN", height=28),
        _code128(MARGIN + 40, 320, data.lpn, width=usable - 80, height=200),
        Text(MARGIN + 10, 590, data.lpn, height=60, bold=True),
        Line(MARGIN, 680, usable),
        Text(MARGIN + 10, 700, "Reason", height=28),
        *_text_block(MARGIN + 10, 740, data.reason, height=40, width=usable - 20, max_lines=5),
        Text(MARGIN + 10, 1110, f"Quarantined {data.printed_on.isoformat()}", height=34),
    ]
    return _stock_label(stock, elements, "quarantine", dpi)


def printer_check_label(
    data: PrinterCheckData, stock: LabelStock = LabelStock.FOUR_BY_SIX, dpi: int = DEFAULT_DPI
) -> Label:
    """A label that exercises text and every symbology the station prints."""
    width, height = stock.dots(dpi)
    stamp = data.printed_at.replace(microsecond=0).isoformat()
    if stock.is_small:
        text_height = max(18, height // 8)
        return _stock_label(
            stock,
            [
                Text(MARGIN // 2, MARGIN // 2, "TEST PRINT", height=text_height + 8, bold=True),
                _code128(
                    MARGIN // 2,
                    MARGIN // 2 + text_height + 18,
                    "TEST-123",
                    width=width - MARGIN,
                    height=int(height * 0.35),
                    human_readable=False,
                ),
                Text(MARGIN // 2, int(height * 0.75), data.station[:40], height=text_height),
            ],
            "test_print",
            dpi,
        )
    usable = width - 2 * MARGIN
    elements: list[Element] = [
        Text(MARGIN, 30, "TEST PRINT", height=70, bold=True),
        *_text_block(MARGIN, 120, f"Station {data.station}", height=32, width=usable, max_lines=2),
        *_text_block(MARGIN, 200, f"Printer {data.printer}", height=32, width=usable, max_lines=2),
        Text(MARGIN, 280, stamp, height=32),
        Line(MARGIN, 340, usable),
        _code128(MARGIN + 30, 370, "TEST-0123456789", width=usable - 60, height=150),
        _gs1_128(MARGIN, 600, Gs1Data((("01", "09501101530003"), ("21", "TEST1"))), width=usable, height=120),
        DataMatrix(MARGIN, 820, Gs1Data((("01", "09501101530003"), ("21", "TEST1"))), module=8),
        Box(MARGIN + 300, 820, 400, 200, thickness=4),
        Text(MARGIN + 330, 900, "ALIGNMENT", height=40, bold=True),
    ]
    return _stock_label(stock, elements, "test_print", dpi)


# --- the registry the print journal uses ----------------------------------------------------

D = TypeVar("D")


@dataclass(frozen=True, slots=True)
class LabelTemplate(Generic[D]):
    name: str
    data_type: type[D]
    build: Callable[[D, LabelStock, int], Label]
    title: str


TEMPLATES: dict[str, LabelTemplate[Any]] = {
    t.name: t
    for t in (
        LabelTemplate("lpn", LpnLabelData, lpn_label, "Licence plate (LPN)"),
        LabelTemplate("resale", ResaleLabelData, resale_label, "Relabel for resale"),
        LabelTemplate("rtv", RtvLabelData, rtv_label, "Return to vendor"),
        LabelTemplate("quarantine", QuarantineLabelData, quarantine_label, "Quarantine"),
        LabelTemplate("test_print", PrinterCheckData, printer_check_label, "Test print"),
    )
}


def template_for(data: object) -> LabelTemplate[Any]:
    for template in TEMPLATES.values():
        if isinstance(data, template.data_type):
            return template
    raise LabelDataError(f"No label template prints {type(data).__name__}.")


def _to_json_value(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def fields_to_json(data: object) -> str:
    """The template fields as canonical JSON (sorted keys), as the print journal stores them."""
    if not dataclasses.is_dataclass(data) or isinstance(data, type):
        raise LabelDataError("Label fields must be one of the template data classes.")
    values = {f.name: _to_json_value(getattr(data, f.name)) for f in dataclasses.fields(data)}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _from_json_value(kind: Any, value: object) -> object:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return None if value is None else _from_json_value(options[0], value)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(str(value))
    if kind is dt.date:
        return dt.date.fromisoformat(str(value))
    if kind is Decimal:
        return Decimal(str(value))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    if kind is int:
        return int(str(value))
    return str(value)


def fields_from_json(template: str, text: str) -> object:
    """Rebuild a template's data object from the journal's JSON; a bad record is a LabelDataError."""
    if template not in TEMPLATES:
        raise LabelDataError(f"Unknown label template {template!r}.")
    data_type = TEMPLATES[template].data_type
    try:
        raw = json.loads(text)
        hints = typing.get_type_hints(data_type)
        values = {
            f.name: _from_json_value(hints[f.name], raw[f.name]) for f in dataclasses.fields(data_type) if f.name in raw
        }
        return data_type(**values)
    except (ValueError, TypeError, KeyError, InvalidOperation) as error:
        unreadable = QT_TRANSLATE_NOOP(
            "Devices", "The stored fields of this {template} label cannot be read: {problem}"
        )
        raise LabelDataError(Phrase(unreadable, template=template, problem=error)) from error


THE_LPN = QT_TRANSLATE_NOOP("Devices", "the licence plate (LPN)")


def _required(fields: Mapping[str, str], key: str, what: str) -> str:
    value = (fields.get(key) or "").strip()
    if not value:
        missing = QT_TRANSLATE_NOOP("Devices", "The label cannot be printed without {what}.")
        raise LabelDataError(Phrase(missing, what=what))
    return value


def data_from_fields(template: str, fields: Mapping[str, str], today: dt.date) -> object:
    """Template data from plain string fields, as the station core keeps them with a print job.

    Keys: `lpn`, `rma` (or `rma_number`), `sku`, `description`, `gtin`, `serial`, `grade`, `price`,
    `currency`, `vendor`, `rtv_reference`, `reason`. An RTV label without its own reference
    carries the unit's LPN as the reference.
    """
    if template == "lpn":
        return LpnLabelData(
            lpn=_required(fields, "lpn", THE_LPN),
            rma_number=fields.get("rma") or fields.get("rma_number") or "",
            sku=fields.get("sku", ""),
            description=fields.get("description", ""),
            printed_on=today,
        )
    if template == "resale":
        price = _required(fields, "price", QT_TRANSLATE_NOOP("Devices", "a resale price"))
        try:
            amount = Decimal(price)
        except InvalidOperation as error:
            raise LabelDataError(Phrase(NOT_A_PRICE, price=price)) from error
        return ResaleLabelData(
            gtin=_required(fields, "gtin", QT_TRANSLATE_NOOP("Devices", "the product's GTIN")),
            serial=fields.get("serial", "").strip(),
            grade=fields.get("grade") or "-",
            price=amount,
            currency=fields.get("currency") or "USD",
            description=fields.get("description", ""),
        )
    if template == "rtv":
        lpn = _required(fields, "lpn", THE_LPN)
        return RtvLabelData(
            vendor=fields.get("vendor") or "Vendor not known",
            rtv_reference=fields.get("rtv_reference") or lpn,
            lpn=lpn,
            reason=fields.get("reason", ""),
            printed_on=today,
        )
    if template == "quarantine":
        return QuarantineLabelData(
            lpn=_required(fields, "lpn", THE_LPN), reason=fields.get("reason", ""), printed_on=today
        )
    raise LabelDataError(f"Unknown label template {template!r}.")


def build_label(
    template: str, data: object, stock: LabelStock = LabelStock.FOUR_BY_SIX, dpi: int = DEFAULT_DPI
) -> Label:
    if template not in TEMPLATES:
        raise LabelDataError(f"Unknown label template {template!r}.")
    found = TEMPLATES[template]
    if not isinstance(data, found.data_type):
        raise LabelDataError(f"The {template} template needs {found.data_type.__name__}, not {type(data).__name__}.")
    return found.build(data, stock, dpi)
