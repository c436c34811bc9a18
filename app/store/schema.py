"""SQLAlchemy 2.x models of the station's SQLite database.

Three groups of tables: the station's own work (returns opened here, receipts, units, inspections,
dispositions, approvals, exceptions, print jobs, photos), the delivery bookkeeping (outbox, audit
log), and reference data pulled from central (one table per feed plus its cursor). Changing a model
means adding an Alembic revision in `app/store/migrations/versions/`.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Times are stored as ISO 8601 UTC text: readable in the support bundle, sortable, and free of the
# driver's datetime conversions. They are informative; ordering always comes from sequence numbers.


class ReturnRow(Base):
    """A return as this station knows it: pulled from central, or opened blind here."""

    __tablename__ = "returns"
    return_id: Mapped[str] = mapped_column(String, primary_key=True)
    rma_number: Mapped[str | None] = mapped_column(String, index=True)
    order_number: Mapped[str | None] = mapped_column(String, index=True)
    customer_ref: Mapped[str | None] = mapped_column(String)
    customer_tier: Mapped[str] = mapped_column(String, default="standard")
    status: Mapped[str] = mapped_column(String, default="authorized")
    blind: Mapped[bool] = mapped_column(default=False)
    opened_at: Mapped[str | None] = mapped_column(String)
    closed_at: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)


class ReturnTracking(Base):
    __tablename__ = "return_tracking"
    tracking_number: Mapped[str] = mapped_column(String, primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id", ondelete="CASCADE"), index=True)


class ReturnLineRow(Base):
    __tablename__ = "return_lines"
    __table_args__ = (UniqueConstraint("return_id", "line_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id", ondelete="CASCADE"))
    line_no: Mapped[int]
    gtin: Mapped[str] = mapped_column(String, index=True)
    sku: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(String)
    quantity_authorized: Mapped[int]
    expected_serials: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    expected_lots: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    reason_code: Mapped[str] = mapped_column(String, default="UNKNOWN")
    refund_method: Mapped[str] = mapped_column(String, default="original_payment")


class ReceiptRow(Base):
    __tablename__ = "receipts"
    receipt_id: Mapped[str] = mapped_column(String, primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id"), index=True)
    tracking_number: Mapped[str | None] = mapped_column(String, index=True)
    carrier: Mapped[str | None] = mapped_column(String)
    condition: Mapped[str] = mapped_column(String)
    operator_id: Mapped[str] = mapped_column(String)
    received_at: Mapped[str] = mapped_column(String)


class UnitRow(Base):
    __tablename__ = "units"
    # Receiving counts the units of a return line on every scan.
    __table_args__ = (Index("ix_units_return_id_line_no", "return_id", "line_no"),)
    unit_id: Mapped[str] = mapped_column(String, primary_key=True)
    lpn: Mapped[str] = mapped_column(String, unique=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id"))
    line_no: Mapped[int | None]
    receipt_id: Mapped[str | None] = mapped_column(ForeignKey("receipts.receipt_id"))
    gtin: Mapped[str | None] = mapped_column(String)
    sku: Mapped[str | None] = mapped_column(String)
    serial: Mapped[str | None] = mapped_column(String, index=True)
    lot: Mapped[str | None] = mapped_column(String)
    epc: Mapped[str | None] = mapped_column(String, index=True)
    state: Mapped[str] = mapped_column(String, index=True)
    grade: Mapped[str | None] = mapped_column(String)
    disposition: Mapped[str | None] = mapped_column(String)
    location: Mapped[str | None] = mapped_column(String)
    received_by: Mapped[str] = mapped_column(String)
    received_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)


class InspectionRow(Base):
    __tablename__ = "inspections"
    inspection_id: Mapped[str] = mapped_column(String, primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.unit_id"), index=True)
    grade: Mapped[str] = mapped_column(String)
    answers: Mapped[str] = mapped_column(Text)  # JSON object item_id -> answer
    defect_codes: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="")
    photos: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of sha256
    operator_id: Mapped[str] = mapped_column(String)
    inspected_at: Mapped[str] = mapped_column(String)


class DispositionRow(Base):
    __tablename__ = "dispositions"
    disposition_id: Mapped[str] = mapped_column(String, primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.unit_id"), index=True)
    kind: Mapped[str] = mapped_column(String)
    location: Mapped[str | None] = mapped_column(String)
    rule_id: Mapped[str | None] = mapped_column(String)
    reason: Mapped[str] = mapped_column(Text)
    reason_i18n: Mapped[str | None] = mapped_column(Text)  # app.phrases.stored(reason) as JSON
    overridden: Mapped[bool] = mapped_column(default=False)
    approval_reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON list; empty = no approval needed
    proposed_by: Mapped[str] = mapped_column(String)
    proposed_at: Mapped[str] = mapped_column(String)
    current: Mapped[bool] = mapped_column(default=True)


class ApprovalRow(Base):
    __tablename__ = "approvals"
    approval_id: Mapped[str] = mapped_column(String, primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.unit_id"), index=True)
    disposition_id: Mapped[str] = mapped_column(ForeignKey("dispositions.disposition_id"))
    requested_by: Mapped[str] = mapped_column(String)
    requested_at: Mapped[str] = mapped_column(String)
    reasons: Mapped[str] = mapped_column(Text)  # JSON list
    decision: Mapped[str] = mapped_column(String, default="pending", index=True)
    decided_by: Mapped[str | None] = mapped_column(String)
    decided_at: Mapped[str | None] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text, default="")


class ExceptionRow(Base):
    __tablename__ = "return_exceptions"
    exception_id: Mapped[str] = mapped_column(String, primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id"), index=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.unit_id"), index=True)
    kind: Mapped[str] = mapped_column(String)
    detail: Mapped[str] = mapped_column(Text)
    detail_i18n: Mapped[str | None] = mapped_column(Text)  # app.phrases.stored(detail) as JSON
    status: Mapped[str] = mapped_column(String, default="open")
    raised_by: Mapped[str] = mapped_column(String)
    raised_at: Mapped[str] = mapped_column(String)


class OperatorRow(Base):
    """Operators come from central; only the lockout counters are the station's own."""

    __tablename__ = "operators"
    operator_id: Mapped[str] = mapped_column(String, primary_key=True)
    username: Mapped[str] = mapped_column(String, unique=True)
    display_name: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String)
    badge: Mapped[str | None] = mapped_column(String, unique=True)
    pin_hash: Mapped[str] = mapped_column(String)
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[str | None] = mapped_column(String)


class OutboxRow(Base):
    """One canonical transaction waiting for (or done with) delivery to central.

    `id` is a UUIDv7 generated here and is also the idempotency key the server deduplicates on.
    `seq` orders everything this station ever recorded; `prev_seq` links the transactions of one
    return so the server can refuse to apply them out of order.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_seq", "status", "seq"),
        Index("ix_outbox_return_seq", "return_id", "seq"),
    )
    id: Mapped[str] = mapped_column(String, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    station_id: Mapped[str] = mapped_column(String)
    return_id: Mapped[str] = mapped_column(String)
    prev_seq: Mapped[int | None]
    type: Mapped[str] = mapped_column(String)
    schema_version: Mapped[int] = mapped_column(default=1)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON (RFC 8785)
    operator_id: Mapped[str] = mapped_column(String)
    correlation_id: Mapped[str] = mapped_column(String)
    app_version: Mapped[str] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String, default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[str | None] = mapped_column(String)
    last_error: Mapped[str | None] = mapped_column(Text)
    result_code: Mapped[str | None] = mapped_column(String)
    delivered_at: Mapped[str | None] = mapped_column(String)


class AuditRow(Base):
    """Append-only log of every change, each record chained to the one before by its hash."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String)
    operator_id: Mapped[str] = mapped_column(String)
    action: Mapped[str] = mapped_column(String)
    entity_type: Mapped[str] = mapped_column(String)
    entity_id: Mapped[str] = mapped_column(String, index=True)
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String)
    hash: Mapped[str] = mapped_column(String)


class CatalogRow(Base):
    __tablename__ = "catalog"
    gtin: Mapped[str] = mapped_column(String, primary_key=True)
    sku: Mapped[str] = mapped_column(String, index=True)
    description: Mapped[str] = mapped_column(String)
    category: Mapped[str] = mapped_column(String)
    unit_value: Mapped[str] = mapped_column(String)  # decimal as text: no float rounding of money
    vendor_id: Mapped[str | None] = mapped_column(String)
    rtv_eligible: Mapped[bool] = mapped_column(default=False)
    serialized: Mapped[bool] = mapped_column(default=False)


class SaleRow(Base):
    """A sold serialized unit: finds a return from item + serial, and checks a returned serial."""

    __tablename__ = "sales"
    __table_args__ = (Index("ix_sales_gtin_serial", "gtin", "serial"),)
    sale_id: Mapped[str] = mapped_column(String, primary_key=True)
    order_number: Mapped[str] = mapped_column(String, index=True)
    gtin: Mapped[str] = mapped_column(String)
    serial: Mapped[str | None] = mapped_column(String, index=True)
    lot: Mapped[str | None] = mapped_column(String)
    sold_at: Mapped[str | None] = mapped_column(String)


class ReferenceDoc(Base):
    """Small reference feeds kept as JSON documents: codes, grading scales, checklists, rules, policy."""

    __tablename__ = "reference_docs"
    feed: Mapped[str] = mapped_column(String, primary_key=True)
    key: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class FeedCursor(Base):
    __tablename__ = "feed_cursors"
    feed: Mapped[str] = mapped_column(String, primary_key=True)
    cursor: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String)


class PrintJobRow(Base):
    """A label print is recorded before it is sent and marked printed only once the printer took it."""

    __tablename__ = "print_jobs"
    job_id: Mapped[str] = mapped_column(String, primary_key=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.unit_id"), index=True)
    template: Mapped[str] = mapped_column(String)
    data: Mapped[str] = mapped_column(Text)  # JSON of the template's fields
    status: Mapped[str] = mapped_column(String, default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String)
    printed_at: Mapped[str | None] = mapped_column(String)


class PhotoRow(Base):
    """Photos travel in their own upload queue, after the transaction that references them."""

    __tablename__ = "photos"
    sha256: Mapped[str] = mapped_column(String, primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.unit_id"), index=True)
    path: Mapped[str] = mapped_column(String)
    content_type: Mapped[str] = mapped_column(String)
    transaction_id: Mapped[str] = mapped_column(String)  # the outbox record that references it
    status: Mapped[str] = mapped_column(String, default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String)


class StationMeta(Base):
    __tablename__ = "station_meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
