"""Reference data pulled from central (or loaded from the sample set): applied page by page.

Each feed page is applied in one transaction together with its cursor, so a station that loses
power mid-pull resumes from the last whole page. Upserts are bulk statements: a 100,000-row catalog
pull must stay within seconds on kiosk hardware.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import case, delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.schema import (
    CatalogRow,
    FeedCursor,
    OperatorRow,
    ReferenceDoc,
    ReturnLineRow,
    ReturnRow,
    ReturnTracking,
    SaleRow,
)

FEEDS = (
    "operators",
    "grading_scales",
    "checklists",
    "disposition_rules",
    "approval_policy",
    "reason_codes",
    "disposition_codes",
    "catalog",
    "returns",
    "sales",
)
DOCUMENT_FEEDS = frozenset(
    {"grading_scales", "checklists", "disposition_rules", "approval_policy", "reason_codes", "disposition_codes"}
)
KEY_FIELD = {
    "returns": "return_id",
    "sales": "sale_id",
    "catalog": "gtin",
    "reason_codes": "code",
    "disposition_codes": "code",
    "grading_scales": "scale_id",
    "checklists": "category",
    "disposition_rules": "rule_id",
    "approval_policy": "policy_id",
    "operators": "operator_id",
}


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str
    deleted: bool
    data: Mapping[str, Any] | None


def _upsert(
    session: Session, table: Any, rows: list[dict[str, Any]], keys: Sequence[str], keep: Iterable[str] = ()
) -> None:
    if not rows:
        return
    stmt = insert(table)
    skip = set(keys) | set(keep)
    update = {c: stmt.excluded[c] for c in rows[0] if c not in skip}
    session.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=update), rows)


def _apply_returns(session: Session, items: Sequence[FeedItem], at: str) -> None:
    live = [i for i in items if not i.deleted and i.data is not None]
    gone = [i.key for i in items if i.deleted]
    if gone:
        # A return the station already worked on stays: its units and their history are ours.
        session.execute(delete(ReturnRow).where(ReturnRow.return_id.in_(gone), ReturnRow.status == "authorized"))
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    tracking: list[dict[str, Any]] = []
    for item in live:
        d = item.data or {}
        rows.append(
            {
                "return_id": item.key,
                "rma_number": d.get("rma_number"),
                "order_number": d.get("order_number"),
                "customer_ref": d.get("customer_ref"),
                "customer_tier": d.get("customer_tier", "standard"),
                "status": d.get("status", "authorized"),
                "blind": bool(d.get("blind", False)),
                "updated_at": at,
            }
        )
        for line in d.get("lines", []):
            lines.append(
                {
                    "return_id": item.key,
                    "line_no": int(line["line_no"]),
                    "gtin": str(line["gtin"]),
                    "sku": str(line.get("sku", "")),
                    "description": str(line.get("description", "")),
                    "quantity_authorized": int(line.get("quantity_authorized", 1)),
                    "expected_serials": json.dumps(line.get("expected_serials", [])),
                    "expected_lots": json.dumps(line.get("expected_lots", [])),
                    "reason_code": str(line.get("reason_code", "UNKNOWN")),
                    "refund_method": str(line.get("refund_method", "original_payment")),
                }
            )
        tracking.extend({"tracking_number": str(t), "return_id": item.key} for t in d.get("tracking_numbers", []))
    # The station's own progress (status once opened here) is never overwritten by the feed.
    if rows:
        stmt = insert(ReturnRow)
        local_status = ReturnRow.status
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["return_id"],
                set_={
                    "rma_number": stmt.excluded.rma_number,
                    "order_number": stmt.excluded.order_number,
                    "customer_ref": stmt.excluded.customer_ref,
                    "customer_tier": stmt.excluded.customer_tier,
                    "updated_at": stmt.excluded.updated_at,
                    "status": _keep_local(local_status, stmt.excluded.status),
                },
            ),
            rows,
        )
    keys = [i.key for i in live]
    if keys:
        session.execute(delete(ReturnLineRow).where(ReturnLineRow.return_id.in_(keys)))
        session.execute(delete(ReturnTracking).where(ReturnTracking.return_id.in_(keys)))
    if lines:
        session.execute(insert(ReturnLineRow), lines)
    _upsert(session, ReturnTracking, tracking, ["tracking_number"])


def _keep_local(local: Any, incoming: Any) -> Any:
    return case((local == "authorized", incoming), else_=local)


def _apply_rows(session: Session, feed: str, items: Sequence[FeedItem]) -> None:
    table: Any
    keep: tuple[str, ...] = ()
    if feed == "catalog":
        table, key = CatalogRow, "gtin"

        def shape(k: str, d: Mapping[str, Any]) -> dict[str, Any]:
            return {
                "gtin": k,
                "sku": str(d.get("sku", "")),
                "description": str(d.get("description", "")),
                "category": str(d.get("category", "default")),
                "unit_value": str(d.get("unit_value", "0")),
                "vendor_id": d.get("vendor_id"),
                "rtv_eligible": bool(d.get("rtv_eligible", False)),
                "serialized": bool(d.get("serialized", False)),
            }

    elif feed == "sales":
        table, key = SaleRow, "sale_id"

        def shape(k: str, d: Mapping[str, Any]) -> dict[str, Any]:
            return {
                "sale_id": k,
                "order_number": str(d.get("order_number", "")),
                "gtin": str(d.get("gtin", "")),
                "serial": d.get("serial"),
                "lot": d.get("lot"),
                "sold_at": d.get("sold_at"),
            }

    else:  # operators: the lockout counters are the station's own and survive a pull
        table, key, keep = OperatorRow, "operator_id", ("failed_attempts", "locked_until")

        def shape(k: str, d: Mapping[str, Any]) -> dict[str, Any]:
            return {
                "operator_id": k,
                "username": str(d["username"]),
                "display_name": str(d.get("display_name", d["username"])),
                "role": str(d.get("role", "inspector")),
                "badge": d.get("badge"),
                "pin_hash": str(d.get("pin_hash", "")),
                "active": bool(d.get("active", True)),
            }

    gone = [i.key for i in items if i.deleted]
    if gone:
        session.execute(delete(table).where(getattr(table, key).in_(gone)))
    rows = [shape(i.key, i.data) for i in items if not i.deleted and i.data is not None]
    _upsert(session, table, rows, [key], keep)


def apply_page(session: Session, feed: str, items: Sequence[FeedItem], at: str, cursor: str | None = None) -> None:
    """Apply one feed page inside the caller's transaction, and move the feed's cursor with it."""
    if feed == "returns":
        _apply_returns(session, items, at)
    elif feed in ("catalog", "sales", "operators"):
        _apply_rows(session, feed, items)
    elif feed in DOCUMENT_FEEDS:
        gone = [i.key for i in items if i.deleted]
        if gone:
            session.execute(delete(ReferenceDoc).where(ReferenceDoc.feed == feed, ReferenceDoc.key.in_(gone)))
        docs = [{"feed": feed, "key": i.key, "data": json.dumps(i.data)} for i in items if not i.deleted]
        _upsert(session, ReferenceDoc, docs, ["feed", "key"])
    else:
        raise ValueError(f"unknown feed {feed!r}")
    if cursor is not None:
        _upsert(session, FeedCursor, [{"feed": feed, "cursor": cursor, "updated_at": at}], ["feed"])


def cursor(session: Session, feed: str) -> str | None:
    return session.scalar(select(FeedCursor.cursor).where(FeedCursor.feed == feed))


def documents(session: Session) -> dict[str, list[dict[str, Any]]]:
    """All document feeds, as the rule book wants them."""
    found: dict[str, list[dict[str, Any]]] = {feed: [] for feed in DOCUMENT_FEEDS}
    for feed, data in session.execute(select(ReferenceDoc.feed, ReferenceDoc.data).order_by(ReferenceDoc.key)):
        found.setdefault(feed, []).append(json.loads(data))
    return found


def load_sample_set(db: Database, folder: Path, at: str) -> dict[str, int]:
    """Load every `<feed>.json` in `folder` (the demo and tests; a real station pulls from central)."""
    counts: dict[str, int] = {}
    with db.write() as session:
        for feed in FEEDS:
            path = folder / f"{feed}.json"
            if not path.exists():
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            items = [FeedItem(str(d[KEY_FIELD[feed]]), False, d) for d in data]
            apply_page(session, feed, items, at)
            counts[feed] = len(items)
    return counts
