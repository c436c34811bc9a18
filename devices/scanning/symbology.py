"""Symbology identifiers: AIM prefixes on scanned data and Zebra SSI barcode-type bytes.

Everything that reaches `interpret()` carries its symbology as an AIM identifier (``]C1``, ``]d2`` ...),
whatever the source called it: a plain-mode scanner may prefix the data with it, an SSI scanner names it
with a barcode-type byte, zxing-cpp reports it directly. This module converts between those forms.
`biip` (a tenth of a second to import) is imported at the first scan that needs it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from devices.phrases import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from biip.symbology import GS1Symbology

# `]` + code character + one modifier character (ISO/IEC 15424).
_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")

# Zebra SSI DECODE_DATA barcode-type byte -> AIM identifier. The first six are confirmed in
# shared/reference/devices.md; the rest follow the Zebra SSI programmer guide tables (unverified).
SSI_TYPE_TO_AIM: dict[int, str] = {
    0x03: "]C0",  # Code 128
    0x0F: "]C1",  # GS1-128
    0x0B: "]E0",  # EAN-13
    0x1B: "]d1",  # Data Matrix
    0x1C: "]Q1",  # QR Code
    0xC1: "]d2",  # GS1 DataMatrix
    0x01: "]A0",  # Code 39 (unverified)
    0x06: "]I0",  # Interleaved 2 of 5 (unverified)
    0x08: "]E0",  # UPC-A (unverified)
    0x0A: "]E4",  # EAN-8 (unverified)
    0x11: "]L0",  # PDF417 (unverified)
    0x30: "]e0",  # GS1 DataBar (unverified)
    0x32: "]e0",  # GS1 DataBar Expanded (unverified)
    0xC2: "]Q3",  # GS1 QR (unverified)
}

# The reverse, for the simulator: first listed type wins where two types share an AIM identifier.
AIM_TO_SSI_TYPE: dict[str, int] = {}
for _type, _aim in SSI_TYPE_TO_AIM.items():
    AIM_TO_SSI_TYPE.setdefault(_aim, _type)

SYMBOLOGY_NAMES: dict[str, str] = {
    "]C0": "Code 128",
    "]C1": "GS1-128",
    "]E0": "EAN-13 / UPC-A",
    "]E4": "EAN-8",
    "]A0": "Code 39",
    "]I0": "Interleaved 2 of 5",
    "]I1": "ITF-14",
    "]e0": "GS1 DataBar",
    "]L0": "PDF417",
    "]d1": "Data Matrix",
    "]d2": "GS1 DataMatrix",
    "]Q1": "QR Code",
    "]Q3": "GS1 QR Code",
}


@functools.cache
def _element_string_symbologies() -> frozenset[GS1Symbology]:
    """GS1 symbologies whose data is an AI element string (as opposed to a bare EAN/UPC/ITF-14 number)."""
    from biip.symbology import GS1Symbology

    return (
        frozenset(GS1Symbology)
        - GS1Symbology.with_gtin()
        - {
            GS1Symbology.EAN_TWO_DIGIT_ADD_ON,
            GS1Symbology.EAN_FIVE_DIGIT_ADD_ON,
        }
    )


def split_aim_prefix(text: str) -> tuple[str | None, str]:
    """Split a leading AIM identifier off scanned text: ``"]C1010950..."`` -> ``("]C1", "010950...")``."""
    if _AIM_PREFIX.match(text):
        return text[:3], text[3:]
    return None, text


def carries_gs1_element_string(aim: str | None) -> bool:
    """True when the AIM identifier says the data is a GS1 element string (FNC1 mode)."""
    if aim is None:
        return False
    from biip import ParseError
    from biip.symbology import SymbologyIdentifier

    try:
        identifier = SymbologyIdentifier.extract(aim)
    except ParseError:
        return False
    return identifier.gs1_symbology in _element_string_symbologies()


def symbology_name(aim: str | None) -> str:
    """A name an inspector recognises for an AIM identifier, e.g. ``"GS1 DataMatrix"``."""
    if aim is None:
        return QT_TRANSLATE_NOOP("Devices", "unknown symbology")
    return SYMBOLOGY_NAMES.get(aim, aim)
