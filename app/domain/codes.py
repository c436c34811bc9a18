"""What a scan or a typed identifier is, as the core receives it.

`devices/` interprets raw bytes into its own `Scan`; the UI's bridge turns that into a
`ScannedCode`, so the core never depends on a driver. Typed text arrives as `UNKNOWN` and the
lookup tries every kind of identifier.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CodeKind(enum.Enum):
    RMA = "rma"
    TRACKING = "tracking"
    ORDER = "order"
    LPN = "lpn"
    GTIN = "gtin"
    GS1 = "gs1"
    SSCC = "sscc"
    EPC = "epc"
    BADGE = "badge"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ScannedCode:
    text: str
    kind: CodeKind = CodeKind.UNKNOWN
    gtin: str | None = None
    serial: str | None = None
    lot: str | None = None
    value: str | None = None  # RMA / order / LPN / badge number, or the EPC URI
    tracking: tuple[str, ...] = ()  # tracking number candidates (USPS 420 prefix already stripped)
    epc: str | None = None

    @classmethod
    def typed(cls, text: str) -> ScannedCode:
        return cls(text=text.strip())

    @property
    def identifiers(self) -> tuple[str, ...]:
        """Every string this code could be looked up by, most specific first."""
        found = [v for v in (self.value, *self.tracking, self.text) if v]
        return tuple(dict.fromkeys(found))

    @property
    def describes_item(self) -> bool:
        return self.gtin is not None
