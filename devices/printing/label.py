"""The one label model every renderer draws from.

A `Label` is a stock size in printer dots plus positioned elements (text, Code 128, GS1-128, QR,
DataMatrix, GS1 DataMatrix, lines and boxes). The ZPL renderer and the PNG preview both read this
model, so what the inspector sees on screen is what the printer gets. Values check themselves when
they are built: a GTIN with a wrong check digit or a Code 128 value a printer cannot encode is
rejected here, with a message an inspector understands, not half-way through a print.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from devices.phrases import QT_TRANSLATE_NOOP, Phrase

DEFAULT_DPI = 203


class LabelDataError(ValueError):
    """The data cannot go on a label as given; `str(error)` is the message to show the inspector."""


class LabelStock(enum.Enum):
    """Label roll sizes the station knows, in inches (width, height)."""

    FOUR_BY_SIX = (4.0, 6.0)
    FOUR_BY_TWO = (4.0, 2.0)
    TWO_BY_ONE = (2.0, 1.0)

    def dots(self, dpi: int = DEFAULT_DPI) -> tuple[int, int]:
        width_in, height_in = self.value
        return round(width_in * dpi), round(height_in * dpi)

    @property
    def is_small(self) -> bool:
        return self.value[1] <= 2.0


@dataclass(frozen=True, slots=True)
class Gs1Data:
    """GS1 element strings in order, e.g. (("01", "09501101530003"), ("21", "SN123")).

    Built once, checked once: biip validates the AIs, their formats and check digits.
    """

    elements: tuple[tuple[str, str], ...]
    # Which AIs are variable length, as biip reports them: a separator (FNC1) must follow those
    # unless they come last.
    variable_length: tuple[bool, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.elements:
            raise LabelDataError(
                QT_TRANSLATE_NOOP("Devices", "A GS1 barcode needs at least one value (for example the GTIN).")
            )
        # biip takes a tenth of a second to import: at the first GS1 label, not with the station's window.
        from biip import ParseConfig
        from biip.gs1_messages import GS1Message

        try:
            message = GS1Message.parse_hri(self.hri, config=ParseConfig(gs1_element_strings_verify_date=True))
        except Exception as error:  # biip raises several ParseError subclasses; all mean the same to us
            unprintable = QT_TRANSLATE_NOOP("Devices", "GS1 data {data} cannot be printed: {problem}")
            raise LabelDataError(Phrase(unprintable, data=self.hri, problem=error)) from error
        parsed = [(es.ai.ai, es.value) for es in message.element_strings]
        if parsed != list(self.elements):
            odd = QT_TRANSLATE_NOOP("Devices", "GS1 data {data} is not what it seems: check the values.")
            raise LabelDataError(Phrase(odd, data=self.hri))
        for es in message.element_strings:
            for problem in (es.gtin_error, es.sscc_error, es.gln_error):
                if problem:
                    refused = QT_TRANSLATE_NOOP("Devices", "Cannot print GS1 ({ai}) {value}: {problem}")
                    raise LabelDataError(Phrase(refused, ai=es.ai.ai, value=es.value, problem=problem))
        object.__setattr__(self, "variable_length", tuple(es.ai.separator_required for es in message.element_strings))

    @property
    def hri(self) -> str:
        """Human-readable form, as printed under the barcode and as a scanner reports it: (01)...(21)..."""
        return "".join(f"({ai}){value}" for ai, value in self.elements)

    def joined(self, piece: Callable[[str, str], str], separator: str) -> str:
        """Each (AI, value) as `piece` writes it, with `separator` only after variable-length AIs
        that are not last: the one rule every GS1 encoding shares."""
        parts: list[str] = []
        last = len(self.elements) - 1
        for index, ((ai, value), variable) in enumerate(zip(self.elements, self.variable_length, strict=True)):
            parts.append(piece(ai, value))
            if variable and index < last:
                parts.append(separator)
        return "".join(parts)

    def element_string(self, separator: str = "\x1d") -> str:
        """The encoded form without the leading FNC1."""
        return self.joined(lambda ai, value: ai + value, separator)


def _check_position(x: int, y: int) -> None:
    if x < 0 or y < 0:
        raise LabelDataError(f"Element position {x},{y} is off the label.")


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text; `height` is the character height in dots."""

    x: int
    y: int
    text: str
    height: int = 30
    bold: bool = False

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)
        if self.height < 10:
            raise LabelDataError("Text smaller than 10 dots cannot be read on a label.")


@dataclass(frozen=True, slots=True)
class Code128:
    """A Code 128 barcode of printable ASCII (LPNs, RMA numbers, vendor references)."""

    x: int
    y: int
    data: str
    height: int = 100
    module: int = 2  # narrow bar width in dots
    human_readable: bool = True

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)
        if not self.data:
            raise LabelDataError(QT_TRANSLATE_NOOP("Devices", "A barcode needs a value to encode."))
        bad = sorted({c for c in self.data if not " " <= c <= "~"})
        if bad:
            plain_only = QT_TRANSLATE_NOOP(
                "Devices", "Code 128 barcodes here carry plain letters and digits only, not {characters}."
            )
            raise LabelDataError(Phrase(plain_only, characters=", ".join(repr(c) for c in bad)))


@dataclass(frozen=True, slots=True)
class Gs1_128:  # noqa: N801 - the symbology's own name
    """A GS1-128 barcode: FNC1 first, separators after variable-length AIs."""

    x: int
    y: int
    data: Gs1Data
    height: int = 100
    module: int = 2
    human_readable: bool = True

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)


@dataclass(frozen=True, slots=True)
class QrCode:
    x: int
    y: int
    data: str
    magnification: int = 4  # module size in dots

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)
        if not self.data:
            raise LabelDataError(QT_TRANSLATE_NOOP("Devices", "A QR code needs a value to encode."))


@dataclass(frozen=True, slots=True)
class DataMatrix:
    """An ECC 200 DataMatrix: plain data, or GS1 when `data` is a `Gs1Data`."""

    x: int
    y: int
    data: str | Gs1Data
    module: int = 6  # module size in dots

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)
        if isinstance(self.data, str) and not self.data:
            raise LabelDataError(QT_TRANSLATE_NOOP("Devices", "A DataMatrix needs a value to encode."))


@dataclass(frozen=True, slots=True)
class Line:
    """A horizontal (or vertical) rule."""

    x: int
    y: int
    length: int
    thickness: int = 3
    vertical: bool = False

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    thickness: int = 3

    def __post_init__(self) -> None:
        _check_position(self.x, self.y)


Element = Text | Code128 | Gs1_128 | QrCode | DataMatrix | Line | Box


@dataclass(frozen=True, slots=True)
class Label:
    """A label in printer dots: `width` x `height` at `dpi`, elements positioned from the top-left."""

    width: int
    height: int
    elements: tuple[Element, ...]
    dpi: int = DEFAULT_DPI
    name: str = ""  # the template that built it, for logs and the print journal

    @classmethod
    def of_stock(
        cls, stock: LabelStock, elements: tuple[Element, ...], *, dpi: int = DEFAULT_DPI, name: str = ""
    ) -> Label:
        width, height = stock.dots(dpi)
        return cls(width=width, height=height, elements=elements, dpi=dpi, name=name)

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise LabelDataError("A label needs a width and a height.")
        for element in self.elements:
            if element.x >= self.width or element.y >= self.height:
                raise LabelDataError(f"{type(element).__name__} at {element.x},{element.y} is off the label.")
