"""Entities and value objects of a return, in the warehouse's words. Plain Python: no Qt, no SQL."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


class Role(enum.Enum):
    INSPECTOR = "inspector"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    def may(self, needed: Role) -> bool:
        """Roles are ordered: a supervisor may do what an inspector may, an admin what both may."""
        order = [Role.INSPECTOR, Role.SUPERVISOR, Role.ADMIN]
        return order.index(self) >= order.index(needed)


class ReturnStatus(enum.Enum):
    AUTHORIZED = "authorized"  # expected, nothing received yet
    OPEN = "open"  # receiving has started at this station
    CLOSED = "closed"


class DispositionKind(enum.Enum):
    RESTOCK = "restock"
    REFURBISH = "refurbish"
    REPAIR = "repair"
    RETURN_TO_VENDOR = "return_to_vendor"
    LIQUIDATE = "liquidate"
    DONATE = "donate"
    RECYCLE = "recycle"
    SCRAP = "scrap"
    QUARANTINE = "quarantine"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ExceptionKind(enum.Enum):
    WRONG_ITEM = "wrong_item"  # an item of the catalog, but not one this return authorized
    UNDECLARED_ITEM = "undeclared_item"  # unknown to the catalog and to the return
    OVER_RECEIPT = "over_receipt"
    MISSING_ITEM = "missing_item"
    SERIAL_MISMATCH = "serial_mismatch"
    DAMAGED_IN_TRANSIT = "damaged_in_transit"
    NO_AUTHORIZATION = "no_authorization"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ApprovalDecision(enum.Enum):
    PENDING = "pending"
    GRANTED = "granted"
    DENIED = "denied"


class PackageCondition(enum.Enum):
    INTACT = "intact"
    DAMAGED = "damaged"
    OPENED = "opened"


@dataclass(frozen=True, slots=True)
class Operator:
    operator_id: str
    username: str
    display_name: str
    role: Role
    badge: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnLine:
    line_no: int
    gtin: str
    sku: str
    description: str
    quantity_authorized: int
    expected_serials: tuple[str, ...] = ()
    expected_lots: tuple[str, ...] = ()
    reason_code: str = "UNKNOWN"
    refund_method: str = "original_payment"


@dataclass(frozen=True, slots=True)
class Return:
    """A return authorization (RMA) and what the station knows of its progress."""

    return_id: str
    rma_number: str | None
    order_number: str | None
    status: ReturnStatus
    lines: tuple[ReturnLine, ...]
    tracking_numbers: tuple[str, ...] = ()
    customer_tier: str = "standard"
    blind: bool = False  # opened at the station with no authorization found

    def line(self, line_no: int) -> ReturnLine | None:
        return next((ln for ln in self.lines if ln.line_no == line_no), None)


@dataclass(frozen=True, slots=True)
class Receipt:
    """One parcel as it arrived."""

    receipt_id: str
    return_id: str
    tracking_number: str | None
    carrier: str | None
    condition: PackageCondition
    received_at: datetime


@dataclass(frozen=True, slots=True)
class Unit:
    """One physical item, found again by its licence plate (LPN)."""

    unit_id: str
    lpn: str
    return_id: str
    line_no: int | None
    gtin: str | None
    sku: str | None
    serial: str | None
    lot: str | None
    epc: str | None
    state: str
    grade: str | None = None
    disposition: DispositionKind | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class ChecklistAnswer:
    item_id: str
    answer: str  # "yes" / "no" / a choice's code


@dataclass(frozen=True, slots=True)
class Inspection:
    unit_id: str
    grade: str
    answers: tuple[ChecklistAnswer, ...] = ()
    defect_codes: tuple[str, ...] = ()
    notes: str = ""
    photos: tuple[str, ...] = ()  # sha256 of each photo; the bytes live in the photo store


@dataclass(frozen=True, slots=True)
class Disposition:
    unit_id: str
    kind: DispositionKind
    location: str | None
    rule_id: str | None
    reason: str  # why: the rule's words, or the override reason
    overridden: bool = False


@dataclass(frozen=True, slots=True)
class ReturnException:
    exception_id: str
    return_id: str
    kind: ExceptionKind
    detail: str
    unit_id: str | None = None


@dataclass(frozen=True, slots=True)
class Approval:
    approval_id: str
    unit_id: str
    requested_by: str
    reasons: tuple[str, ...]
    decision: ApprovalDecision = ApprovalDecision.PENDING
    decided_by: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class CatalogItem:
    gtin: str
    sku: str
    description: str
    category: str
    unit_value: Decimal
    vendor_id: str | None = None
    rtv_eligible: bool = False
    serialized: bool = False
    extra: dict[str, str] = field(default_factory=dict)
