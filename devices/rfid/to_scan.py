"""Turn an RFID `TagRead` into the station's `Scan`, so a tag read joins the same pipeline as a barcode.

A product tag carries an SGTIN (GTIN + serial) in its EPC; `epcpy` decodes it offline (the partition
bits in the EPC give the company-prefix length, so no prefix list is needed). The `Scan` has kind EPC,
source RFID, the GTIN and serial, and the EPC pure-identity URI as its value
(``urn:epc:id:sgtin:0614141.812345.12345``), the same value a barcode-scanned EPC gets from
`devices.scanning.interpret`, so both paths identify one tag the same way. Anything else (another EPC scheme, a blank or
damaged EPC) becomes a `ScanRejected` with a reason an inspector understands. `epcpy` is imported at the first
tag read, not with this module (the station's window comes up first).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource, TagRead
from devices.phrases import QT_TRANSLATE_NOOP, Phrase

if TYPE_CHECKING:
    from epcpy.epc_schemes.sgtin import SGTIN

_HEX = re.compile(r"(?:[0-9A-F]{2})+")
_ELEMENT_STRING = re.compile(r"\(01\)(\d{14})\(21\)(.+)")
_SCHEME_WORDS = {
    "SSCC": QT_TRANSLATE_NOOP("Devices", "it identifies a shipping container (SSCC)"),
    "SGLN": QT_TRANSLATE_NOOP("Devices", "it identifies a location (SGLN)"),
    "GRAI": QT_TRANSLATE_NOOP("Devices", "it identifies a returnable asset (GRAI)"),
    "GIAI": QT_TRANSLATE_NOOP("Devices", "it identifies a fixed asset (GIAI)"),
    "GID": QT_TRANSLATE_NOOP("Devices", "it carries a general identifier (GID)"),
}
_OTHER_SCHEME = QT_TRANSLATE_NOOP("Devices", "it carries a {scheme} code")
_EPC_HEADER = QT_TRANSLATE_NOOP("Devices", "its EPC header is {header}")

MSG_DAMAGED = QT_TRANSLATE_NOOP(
    "Devices", "This RFID tag could not be read properly (its code is damaged). Read it again."
)
MSG_NOT_PRODUCT = QT_TRANSLATE_NOOP(
    "Devices", "This RFID tag is not a product tag: {what}. It cannot be matched to an item."
)


@functools.cache
def _sgtin_schemes() -> dict[str, SGTIN.BinaryCodingScheme]:
    """SGTIN header bits -> epcpy's coding scheme."""
    from epcpy.epc_schemes.sgtin import SGTIN

    return {
        SGTIN.BinaryHeader.SGTIN_96.value: SGTIN.BinaryCodingScheme.SGTIN_96,
        SGTIN.BinaryHeader.SGTIN_198.value: SGTIN.BinaryCodingScheme.SGTIN_198,
    }


def tag_read_to_scan(read: TagRead) -> Scan | ScanRejected:
    from epcpy.epc_schemes.sgtin import SGTIN, SGTINFilterValue
    from epcpy.utils.common import ConvertException
    from epcpy.utils.parsers import hex_to_tag_encodable

    epc = read.epc_hex.strip().upper()
    raw = epc.encode("ascii", errors="replace")

    def rejected(reason: RejectReason, message: str) -> ScanRejected:
        return ScanRejected(raw=raw, reason=reason, message=message, source=ScanSource.RFID, device_id=read.device_id)

    if _HEX.fullmatch(epc) is None:
        return rejected(RejectReason.GARBAGE, MSG_DAMAGED)
    header = bin(int(epc[:2], 16))[2:].zfill(8)
    try:
        tag = hex_to_tag_encodable(epc)
    except (ConvertException, ValueError, IndexError, KeyError):
        if header in _sgtin_schemes():  # an SGTIN header with bits that do not add up
            return rejected(RejectReason.GARBAGE, MSG_DAMAGED)
        # epcpy says "Unknown header" for blank tags and for schemes it does not know.
        return rejected(RejectReason.UNSUPPORTED, Phrase(MSG_NOT_PRODUCT, what=Phrase(_EPC_HEADER, header=epc[:2])))
    if not isinstance(tag, SGTIN):
        scheme = type(tag).__name__
        return rejected(
            RejectReason.UNSUPPORTED,
            Phrase(MSG_NOT_PRODUCT, what=_SCHEME_WORDS.get(scheme) or Phrase(_OTHER_SCHEME, scheme=scheme)),
        )
    filter_value = int(epc[2], 16) >> 1  # the three bits after the header byte
    try:
        tag.tag_uri(_sgtin_schemes()[header], SGTINFilterValue(str(filter_value)))  # rejects inconsistent bits
        uri = tag.epc_uri
        element_string = tag.gs1_element_string()
    except (ConvertException, ValueError, KeyError):
        return rejected(RejectReason.GARBAGE, MSG_DAMAGED)
    match = _ELEMENT_STRING.fullmatch(element_string)
    if match is None:
        return rejected(RejectReason.GARBAGE, MSG_DAMAGED)
    gtin, serial = match.groups()
    return Scan(
        raw=raw,
        text=epc,
        kind=ScanKind.EPC,
        source=ScanSource.RFID,
        device_id=read.device_id,
        gtin=gtin,
        serial=serial,
        value=uri,
        fields=(("01", gtin), ("21", serial)),
    )
