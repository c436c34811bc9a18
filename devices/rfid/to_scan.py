"""Turn an RFID `TagRead` into the station's `Scan`, so a tag read joins the same pipeline as a barcode.

A product tag carries an SGTIN (GTIN + serial) in its EPC; `epcpy` decodes it offline (the partition
bits in the EPC give the company-prefix length, so no prefix list is needed). The `Scan` has kind EPC,
source RFID, the GTIN and serial, and the EPC pure-identity URI as its value
(``urn:epc:id:sgtin:0614141.812345.12345``), the same value a barcode-scanned EPC gets from
`devices.scanning.interpret`, so both paths identify one tag the same way. Anything else (another EPC scheme, a blank or
damaged EPC) becomes a `ScanRejected` with a reason an inspector understands.
"""

from __future__ import annotations

import re

from epcpy.epc_schemes.sgtin import SGTIN, SGTINFilterValue
from epcpy.utils.common import ConvertException
from epcpy.utils.parsers import hex_to_tag_encodable

from devices.events import RejectReason, Scan, ScanKind, ScanRejected, ScanSource, TagRead

_HEX = re.compile(r"(?:[0-9A-F]{2})+")
_ELEMENT_STRING = re.compile(r"\(01\)(\d{14})\(21\)(.+)")
_SCHEMES = {
    SGTIN.BinaryHeader.SGTIN_96.value: SGTIN.BinaryCodingScheme.SGTIN_96,
    SGTIN.BinaryHeader.SGTIN_198.value: SGTIN.BinaryCodingScheme.SGTIN_198,
}
_SCHEME_WORDS = {
    "SSCC": "it identifies a shipping container (SSCC)",
    "SGLN": "it identifies a location (SGLN)",
    "GRAI": "it identifies a returnable asset (GRAI)",
    "GIAI": "it identifies a fixed asset (GIAI)",
    "GID": "it carries a general identifier (GID)",
}

MSG_DAMAGED = "This RFID tag could not be read properly (its code is damaged). Read it again."
MSG_NOT_PRODUCT = "This RFID tag is not a product tag: {what}. It cannot be matched to an item."


def tag_read_to_scan(read: TagRead) -> Scan | ScanRejected:
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
        if header in _SCHEMES:  # an SGTIN header with bits that do not add up
            return rejected(RejectReason.GARBAGE, MSG_DAMAGED)
        # epcpy says "Unknown header" for blank tags and for schemes it does not know.
        return rejected(RejectReason.UNSUPPORTED, MSG_NOT_PRODUCT.format(what=f"its EPC header is {epc[:2]}"))
    if not isinstance(tag, SGTIN):
        scheme = type(tag).__name__
        return rejected(
            RejectReason.UNSUPPORTED,
            MSG_NOT_PRODUCT.format(what=_SCHEME_WORDS.get(scheme, f"it carries a {scheme} code")),
        )
    filter_value = int(epc[2], 16) >> 1  # the three bits after the header byte
    try:
        tag.tag_uri(_SCHEMES[header], SGTINFilterValue(str(filter_value)))  # rejects inconsistent bits
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
