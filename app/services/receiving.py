"""Identify a parcel, open its return, and receive its units one scan at a time.

Over-receipts, wrong or undeclared items and serial mismatches are recorded as exceptions on a
received unit, never refused: the parcel is on the bench and must be dealt with. A repeated scan of
the same code inside a short window is a scanner double-read and is ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from app.domain.codes import CodeKind, ScannedCode
from app.domain.ids import new_id, new_lpn
from app.domain.lifecycle import UnitState
from app.domain.model import ExceptionKind, Operator, PackageCondition, ReturnStatus
from app.errors import InvalidInput, NotAllowed, NotFound
from app.phrases import QT_TRANSLATE_NOOP, Phrase, stored
from app.services.context import StationContext, Tx
from app.services.values import Changed
from app.services.views import ReturnView, UnitView, read_return_view, return_view
from app.store.journal import Change
from app.store.prepared import Command, Query
from app.store.schema import (
    CatalogRow,
    ExceptionRow,
    ReceiptRow,
    ReturnLineRow,
    ReturnRow,
    ReturnTracking,
    SaleRow,
    UnitRow,
)

DUPLICATE_SCAN_WINDOW = timedelta(seconds=3)


@dataclass(frozen=True, slots=True)
class Received:
    """The answer to one receiving scan."""

    unit: UnitView | None  # None when the scan was ignored as a double read
    exception: ExceptionKind | None
    message: str
    changed: Changed | None

    @property
    def ignored(self) -> bool:
        return self.unit is None


def _detail(detail: str) -> dict[str, str]:
    """An exception's detail columns: the English text (what central reads) and the message to translate."""
    return {"detail": str(detail), "detail_i18n": json.dumps(stored(detail), ensure_ascii=False)}


@dataclass(frozen=True, slots=True)
class _Match:
    """Where a received unit belongs on its return, and what is wrong with it."""

    line_no: int | None
    sku: str | None
    exception: ExceptionKind | None
    detail: str
    over: bool  # beyond the authorized quantity, whatever else is wrong


# Every identifier a parcel or label can carry, in one indexed statement: this runs on every scan.
_BY_IDENTIFIER = (
    select(ReturnRow.return_id)
    .where(or_(ReturnRow.rma_number == bindparam("text"), ReturnRow.order_number == bindparam("text")))
    .union_all(
        select(ReturnTracking.return_id).where(ReturnTracking.tracking_number == bindparam("text")),
        select(UnitRow.return_id).where(UnitRow.lpn == bindparam("text")),
    )
    .limit(1)
)
_BY_EPC = select(UnitRow.return_id).where(UnitRow.epc == bindparam("epc")).limit(1)
_ORDER_OF_SALE = select(SaleRow.order_number).where(SaleRow.serial == bindparam("serial")).limit(1)
_ORDER_OF_ITEM_SALE = (
    select(SaleRow.order_number)
    .where(SaleRow.serial == bindparam("serial"), SaleRow.gtin == bindparam("gtin"))
    .limit(1)
)
# The statements of a receiving transaction (see app/store/prepared.py).
_RETURN_STATUS = Query(
    select(ReturnRow.status, ReturnRow.rma_number).where(ReturnRow.return_id == bindparam("return_id"))
)
_MARK_OPEN = Command(
    update(ReturnRow).where(ReturnRow.return_id == bindparam("return_id")).values(status=ReturnStatus.OPEN.value)
)
_OPEN_AUTHORIZED = Command(
    update(ReturnRow)
    .where(ReturnRow.return_id == bindparam("return_id"))
    .values(status=ReturnStatus.OPEN.value, opened_at=bindparam("at"), updated_at=bindparam("at"))
)
_CLOSE_RETURN = Command(
    update(ReturnRow)
    .where(ReturnRow.return_id == bindparam("return_id"))
    .values(status=ReturnStatus.CLOSED.value, closed_at=bindparam("at"), updated_at=bindparam("at"))
)
_CLOSE_UNITS = Command(
    update(UnitRow)
    .where(UnitRow.return_id == bindparam("return_id"))
    .values(state=UnitState.CLOSED.value, updated_at=bindparam("at"))
)
_TRACKING_KNOWN = Query(
    select(ReturnTracking.return_id).where(ReturnTracking.tracking_number == bindparam("tracking_number"))
)
_SERIAL_RECEIVED = Query(
    select(UnitRow.lpn)
    .where(UnitRow.serial == bindparam("serial"), or_(UnitRow.gtin == bindparam("gtin"), UnitRow.gtin.is_(None)))
    .limit(1)
)
# The return's lines of the scanned item, each with the units already received on it.
_LINES_OF_ITEM = Query(
    select(
        ReturnLineRow.line_no,
        ReturnLineRow.sku,
        ReturnLineRow.quantity_authorized,
        ReturnLineRow.expected_serials,
        select(func.count())
        .where(UnitRow.return_id == ReturnLineRow.return_id, UnitRow.line_no == ReturnLineRow.line_no)
        .scalar_subquery(),
    )
    .where(ReturnLineRow.return_id == bindparam("return_id"), ReturnLineRow.gtin == bindparam("gtin"))
    .order_by(ReturnLineRow.line_no)
)
_CATALOG_ITEM = Query(select(CatalogRow.description, CatalogRow.sku).where(CatalogRow.gtin == bindparam("gtin")))
_RETURN_OF_ORDER = select(ReturnRow.return_id).where(ReturnRow.order_number == bindparam("order")).limit(1)


def find_return_id(session: Session, code: ScannedCode) -> str | None:
    """The return a scan points at: RMA, tracking, order, LPN, EPC, or item + serial via the sale."""
    for text in code.identifiers:
        found = session.scalar(_BY_IDENTIFIER, {"text": text})
        if found:
            return found
    if code.epc:
        found = session.scalar(_BY_EPC, {"epc": code.epc})
        if found:
            return found
    if code.serial:
        # Item + serial: the original sale names the order, the order names the return.
        if code.gtin:
            order = session.scalar(_ORDER_OF_ITEM_SALE, {"serial": code.serial, "gtin": code.gtin})
        else:
            order = session.scalar(_ORDER_OF_SALE, {"serial": code.serial})
        if order:
            return session.scalar(_RETURN_OF_ORDER, {"order": order})
    return None


def _not_found_message(code: ScannedCode) -> Phrase:
    what = {
        CodeKind.RMA: QT_TRANSLATE_NOOP("Core", "RMA"),
        CodeKind.TRACKING: QT_TRANSLATE_NOOP("Core", "tracking number"),
        CodeKind.ORDER: QT_TRANSLATE_NOOP("Core", "order number"),
        CodeKind.LPN: QT_TRANSLATE_NOOP("Core", "licence plate"),
        CodeKind.EPC: QT_TRANSLATE_NOOP("Core", "RFID tag"),
    }.get(code.kind)
    if code.describes_item:
        if code.serial:
            with_serial = QT_TRANSLATE_NOOP(
                "Core",
                "No return found for item {gtin} serial {serial}. Scan the RMA or return label, or start a blind receipt.",  # noqa: E501
            )
            return Phrase(with_serial, gtin=code.gtin, serial=code.serial)
        return Phrase(
            QT_TRANSLATE_NOOP(
                "Core", "No return found for item {gtin}. Scan the RMA or return label, or start a blind receipt."
            ),
            gtin=code.gtin,
        )
    if what:
        return Phrase(
            QT_TRANSLATE_NOOP(
                "Core",
                "No return found for {what} {code}. Check the label, or start a blind receipt if the parcel has none.",
            ),
            what=what,
            code=code.text,
        )
    return Phrase(
        QT_TRANSLATE_NOOP(
            "Core", "No return found for “{code}”. Check the label, or start a blind receipt if the parcel has none."
        ),
        code=code.text,
    )


class Receiving:
    def __init__(self, context: StationContext) -> None:
        self._ctx = context
        self._last_scan: tuple[str, str, datetime] | None = None  # (return_id, text, when)

    def find(self, code: ScannedCode) -> ReturnView:
        with self._ctx.db.read() as session:
            return_id = find_return_id(session, code)
            if return_id is None:
                raise NotFound(_not_found_message(code))
            return return_view(session, return_id)

    def open(self, actor: Operator, code: ScannedCode) -> ReturnView:
        """Find the return and, the first time, mark it open at this station."""
        view = self.find(code)
        if view.status is ReturnStatus.CLOSED:
            raise NotAllowed(
                QT_TRANSLATE_NOOP(
                    "Core", "Return {title} is already closed. Ask a supervisor to reopen it at central."
                ),
                title=view.title,
            )
        if view.status is ReturnStatus.AUTHORIZED:
            with self._ctx.change(actor.operator_id) as tx:
                tx.run(_OPEN_AUTHORIZED, return_id=view.return_id, at=tx.at)
                tx.record(
                    Change(
                        "return.opened",
                        view.return_id,
                        "return",
                        view.return_id,
                        {"return_id": view.return_id, "rma_number": view.rma_number, "blind": False},
                    )
                )
                view = read_return_view(tx.sql, view.return_id)
            self._announce(tx.recorded, returns={view.return_id})
        return view

    def open_blind(self, actor: Operator, code: ScannedCode | None, note: str = "") -> ReturnView:
        """A parcel with no authorization found: receive it into an unexpected return, resolve later."""
        return_id = new_id()
        reference = code.text if code else None
        with self._ctx.change(actor.operator_id) as tx:
            tx.insert(
                ReturnRow,
                return_id=return_id,
                status=ReturnStatus.OPEN.value,
                blind=True,
                opened_at=tx.at,
                updated_at=tx.at,
            )
            if code and code.tracking and tx.first(_TRACKING_KNOWN, tracking_number=code.tracking[0]) is None:
                tx.insert(ReturnTracking, tracking_number=code.tracking[0], return_id=return_id)
            if reference:
                not_found = QT_TRANSLATE_NOOP("Core", "No return authorization found for “{code}”.")
                detail = Phrase(not_found, code=reference)
            else:
                detail = QT_TRANSLATE_NOOP("Core", "No return authorization found.")
            if note:
                detail = Phrase("{detail} {note}", detail=detail, note=note)  # the inspector's own words
            tx.insert(
                ExceptionRow,
                exception_id=new_id(),
                return_id=return_id,
                kind=ExceptionKind.NO_AUTHORIZATION.value,
                **_detail(detail),
                raised_by=actor.operator_id,
                raised_at=tx.at,
            )
            tx.record(
                Change(
                    "return.opened",
                    return_id,
                    "return",
                    return_id,
                    {"return_id": return_id, "blind": True, "reference": reference, "note": note},
                )
            )
            view = read_return_view(tx.sql, return_id)
        self._announce(tx.recorded, returns={return_id})
        return view

    def record_receipt(
        self,
        actor: Operator,
        return_id: str,
        *,
        tracking_number: str | None,
        carrier: str | None,
        condition: PackageCondition,
    ) -> Changed:
        """The parcel as it arrived; a damaged parcel raises a damaged-in-transit exception with it."""
        receipt_id = new_id()
        with self._ctx.change(actor.operator_id) as tx:
            self._open_return(tx, return_id)
            tx.insert(
                ReceiptRow,
                receipt_id=receipt_id,
                return_id=return_id,
                tracking_number=tracking_number,
                carrier=carrier,
                condition=condition.value,
                operator_id=actor.operator_id,
                received_at=tx.at,
            )
            exception = None
            if condition is PackageCondition.DAMAGED:
                exception = ExceptionKind.DAMAGED_IN_TRANSIT
                tx.insert(
                    ExceptionRow,
                    exception_id=new_id(),
                    return_id=return_id,
                    kind=exception.value,
                    **_detail(QT_TRANSLATE_NOOP("Core", "Parcel arrived damaged.")),
                    raised_by=actor.operator_id,
                    raised_at=tx.at,
                )
            tx.record(
                Change(
                    "receipt.recorded",
                    return_id,
                    "receipt",
                    receipt_id,
                    {
                        "receipt_id": receipt_id,
                        "return_id": return_id,
                        "tracking_number": tracking_number,
                        "carrier": carrier,
                        "condition": condition.value,
                        "exception": exception.value if exception else None,
                    },
                )
            )
        return self._announce(tx.recorded, returns={return_id})

    def receive(self, actor: Operator, return_id: str, code: ScannedCode) -> Received:
        """Receive one physical unit from an item scan; it gets a new licence plate."""
        now = self._ctx.now()
        last = self._last_scan
        if last and last[:2] == (return_id, code.text) and now - last[2] < DUPLICATE_SCAN_WINDOW:
            return Received(None, None, QT_TRANSLATE_NOOP("Core", "Same scan again: ignored."), None)
        if code.gtin is None:
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "Core", "That is not an item barcode. Scan the product's barcode (EAN/UPC/GS1) or its RFID tag."
                )
            )
        unit_id, lpn = new_id(), new_lpn()
        with self._ctx.change(actor.operator_id) as tx:
            self._open_return(tx, return_id)
            if code.serial:
                found = tx.first(_SERIAL_RECEIVED, serial=code.serial, gtin=code.gtin)
                if found:
                    (existing,) = found
                    raise NotAllowed(
                        QT_TRANSLATE_NOOP(
                            "Core", "Serial {serial} was already received on {lpn}. Set this item aside."
                        ),
                        serial=code.serial,
                        lpn=existing,
                    )
            match = self._match(tx, return_id, code)
            exception, detail, over = match.exception, match.detail, match.over
            view = UnitView(
                unit_id=unit_id,
                lpn=lpn,
                return_id=return_id,
                line_no=match.line_no,
                gtin=code.gtin,
                sku=match.sku,
                serial=code.serial,
                lot=code.lot,
                epc=code.epc,
                state=UnitState.RECEIVED,
                grade=None,
                disposition=None,
                location=None,
                received_at=tx.at,
            )
            tx.insert(
                UnitRow,
                unit_id=unit_id,
                lpn=lpn,
                return_id=return_id,
                line_no=view.line_no,
                gtin=code.gtin,
                sku=view.sku,
                serial=code.serial,
                lot=code.lot,
                epc=code.epc,
                state=view.state.value,
                received_by=actor.operator_id,
                received_at=tx.at,
                updated_at=tx.at,
            )
            if exception:
                tx.insert(
                    ExceptionRow,
                    exception_id=new_id(),
                    return_id=return_id,
                    unit_id=unit_id,
                    kind=exception.value,
                    **_detail(detail),
                    raised_by=actor.operator_id,
                    raised_at=tx.at,
                )
            tx.record(
                Change(
                    "unit.received",
                    return_id,
                    "unit",
                    unit_id,
                    {
                        "unit_id": unit_id,
                        "return_id": return_id,
                        "lpn": lpn,
                        "line_no": match.line_no,
                        "gtin": code.gtin,
                        "serial": code.serial,
                        "lot": code.lot,
                        "epc": code.epc,
                        # Beyond the authorized quantity, whatever else is wrong with the unit:
                        # central checks quantities on this flag.
                        "over_receipt": over,
                        "exception": exception.value if exception else None,
                    },
                )
            )
        self._last_scan = (return_id, code.text, now)
        changed = self._announce(tx.recorded, returns={return_id}, units={unit_id})
        received = QT_TRANSLATE_NOOP("Core", "Received {item} as {lpn}.")
        message = detail if exception else Phrase(received, item=view.sku or code.gtin, lpn=lpn)
        return Received(view, exception, message, changed)

    def raise_exception(
        self, actor: Operator, return_id: str, kind: ExceptionKind, detail: str, unit_id: str | None = None
    ) -> Changed:
        if not detail.strip():
            raise InvalidInput(QT_TRANSLATE_NOOP("Core", "Describe the problem in a few words."))
        exception_id = new_id()
        with self._ctx.change(actor.operator_id) as tx:
            self._open_return(tx, return_id)
            tx.insert(
                ExceptionRow,
                exception_id=exception_id,
                return_id=return_id,
                unit_id=unit_id,
                kind=kind.value,
                detail=detail.strip(),
                raised_by=actor.operator_id,
                raised_at=tx.at,
            )
            tx.record(
                Change(
                    "exception.raised",
                    return_id,
                    "exception",
                    exception_id,
                    {
                        "exception_id": exception_id,
                        "return_id": return_id,
                        "unit_id": unit_id,
                        "kind": kind.value,
                        "detail": detail.strip(),
                    },
                )
            )
        return self._announce(tx.recorded, returns={return_id})

    def close(self, actor: Operator, return_id: str) -> ReturnView:
        """Close the return: unreceived quantities become missing-item exceptions, finished units close."""
        with self._ctx.change(actor.operator_id) as tx:
            self._open_return(tx, return_id)
            view = read_return_view(tx.sql, return_id)
            finished = (UnitState.DISPOSITIONED, UnitState.LABELLED, UnitState.CLOSED)
            unfinished = [u.lpn for u in view.units if u.state not in finished]
            if unfinished:
                shown = ", ".join(unfinished[:3]) + (" …" if len(unfinished) > 3 else "")
                raise NotAllowed(
                    QT_TRANSLATE_NOOP("Core", "{count} unit(s) still need a disposition before closing: {units}."),
                    count=len(unfinished),
                    units=shown,
                )
            missing = [
                {"line_no": ln.line_no, "sku": ln.sku, "quantity": ln.missing} for ln in view.lines if ln.missing
            ]
            for item in missing:
                tx.insert(
                    ExceptionRow,
                    exception_id=new_id(),
                    return_id=return_id,
                    kind=ExceptionKind.MISSING_ITEM.value,
                    **_detail(
                        Phrase(
                            QT_TRANSLATE_NOOP("Core", "Line {line} ({sku}): {quantity} not received."),
                            line=item["line_no"],
                            sku=item["sku"],
                            quantity=item["quantity"],
                        )
                    ),
                    raised_by=actor.operator_id,
                    raised_at=tx.at,
                )
            tx.run(_CLOSE_UNITS, return_id=return_id, at=tx.at)
            tx.run(_CLOSE_RETURN, return_id=return_id, at=tx.at)
            tx.record(
                Change("return.closed", return_id, "return", return_id, {"return_id": return_id, "missing": missing})
            )
            view = read_return_view(tx.sql, return_id)  # read again: its units and itself were closed since
        self._announce(tx.recorded, returns={return_id}, units={u.unit_id for u in view.units})
        return view

    # -- inside a transaction ------------------------------------------------------------------

    @staticmethod
    def _open_return(tx: Tx, return_id: str) -> None:
        found = tx.first(_RETURN_STATUS, return_id=return_id)
        if found is None:
            raise NotFound(QT_TRANSLATE_NOOP("Core", "This return is not on the station. Scan its label again."))
        status, rma_number = found
        if status == ReturnStatus.CLOSED.value:
            raise NotAllowed(
                QT_TRANSLATE_NOOP("Core", "Return {rma} is closed: nothing more can be received."),
                rma=rma_number or return_id[:8],
            )
        if status == ReturnStatus.AUTHORIZED.value:
            tx.run(_MARK_OPEN, return_id=return_id)

    @staticmethod
    def _match(tx: Tx, return_id: str, code: ScannedCode) -> _Match:
        """The line a unit belongs to, what is wrong with it, and whether it is beyond the authorization."""
        lines = tx.all(_LINES_OF_ITEM, return_id=return_id, gtin=code.gtin)
        if not lines:
            item = tx.first(_CATALOG_ITEM, gtin=code.gtin)
            if item:
                description, sku = item
                wrong = QT_TRANSLATE_NOOP("Core", "Wrong item: {item} is not on this return. Keep it apart.")
                return _Match(None, sku, ExceptionKind.WRONG_ITEM, Phrase(wrong, item=description), False)
            undeclared = QT_TRANSLATE_NOOP("Core", "Undeclared item {gtin}: not on this return and not in the catalog.")
            return _Match(None, None, ExceptionKind.UNDECLARED_ITEM, Phrase(undeclared, gtin=code.gtin), False)
        # The first line with room left takes the unit; when every line is full, the first one does.
        with_room = (line for line in lines if line[4] < line[2])  # received < authorized
        line_no, sku, authorized, expected_serials, received = next(with_room, lines[0])
        over = received >= authorized
        expected = json.loads(expected_serials)
        if code.serial and expected and code.serial not in expected:
            return _Match(
                line_no,
                sku,
                ExceptionKind.SERIAL_MISMATCH,
                Phrase(
                    QT_TRANSLATE_NOOP(
                        "Core",
                        "Serial mismatch: {serial} is not the serial that was sold ({sold}). "
                        "A supervisor must approve its disposition.",
                    ),
                    serial=code.serial,
                    sold=", ".join(expected),
                ),
                over,
            )
        if over:
            return _Match(
                line_no,
                sku,
                ExceptionKind.OVER_RECEIPT,
                Phrase(
                    QT_TRANSLATE_NOOP("Core", "Over-receipt: line {line} authorized {authorized}, this is one more."),
                    line=line_no,
                    authorized=authorized,
                ),
                True,
            )
        return _Match(line_no, sku, None, "", False)

    def _announce(self, recorded: object, *, returns: set[str], units: set[str] | None = None) -> Changed:
        transaction_id = getattr(recorded, "transaction_id", "")
        return self._ctx.announce(Changed(transaction_id, returns=frozenset(returns), units=frozenset(units or ())))
