"""What a person may do with the sync queue: see it, retry a parked item, discard one.

A parked transaction was refused by the server for a business reason. After the cause is fixed it
can be retried; only a supervisor (badge + PIN) may discard it, since its change will then never
reach central. Both are audited changes like any other.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.model import Operator
from app.errors import InvalidInput, NotAllowed
from app.phrases import QT_TRANSLATE_NOOP
from app.services.auth import Authenticator
from app.services.context import StationContext
from app.services.values import Changed, Credentials
from app.store.journal import Change
from app.store.outbox import Outbox, OutboxRecord, OutboxSnapshot, OutboxStatus
from app.store.schema import OutboxRow


class SyncQueue:
    def __init__(self, context: StationContext, auth: Authenticator) -> None:
        self._ctx = context
        self._auth = auth
        self.outbox = Outbox(context.db)

    def snapshot(self) -> OutboxSnapshot:
        return self.outbox.snapshot()

    def parked(self) -> list[OutboxRecord]:
        return self.outbox.parked()

    def retry(self, actor: Operator, transaction_id: str) -> Changed:
        with self._ctx.change(actor.operator_id) as tx:
            row = self._parked_row(tx.session, transaction_id)
            row.status, row.result_code = OutboxStatus.PENDING.value, None
            tx.record(
                Change(
                    "outbox.retried",
                    f"station:{self._ctx.station_id}",
                    "outbox",
                    transaction_id,
                    {"transaction_id": transaction_id, "type": row.type, "last_error": row.last_error},
                )
            )
        return self._ctx.announce(Changed(tx.recorded.transaction_id if tx.recorded else ""))

    def discard(self, supervisor: Credentials, transaction_id: str, reason: str) -> Changed:
        approver = self._auth.check_supervisor(supervisor)
        if len(reason.strip()) < 3:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("Core", "Say why this change is discarded: it will never reach central.")
            )
        with self._ctx.change(approver.operator_id) as tx:
            row = self._parked_row(tx.session, transaction_id)
            row.status = OutboxStatus.DISCARDED.value
            # The next change of the same return now follows the one before the discarded record,
            # so the server does not wait forever for a predecessor that will never come.
            following = tx.session.scalar(
                select(func.min(OutboxRow.seq)).where(OutboxRow.return_id == row.return_id, OutboxRow.seq > row.seq)
            )
            if following is not None:
                tx.session.execute(update(OutboxRow).where(OutboxRow.seq == following).values(prev_seq=row.prev_seq))
            tx.session.flush()
            tx.record(
                Change(
                    "outbox.discarded",
                    row.return_id,
                    "outbox",
                    transaction_id,
                    {
                        "transaction_id": transaction_id,
                        "type": row.type,
                        "seq": row.seq,
                        "reason": reason.strip(),
                        "last_error": row.last_error,
                    },
                )
            )
        return self._ctx.announce(Changed(tx.recorded.transaction_id if tx.recorded else ""))

    @staticmethod
    def _parked_row(session: Session, transaction_id: str) -> OutboxRow:
        row = session.get(OutboxRow, transaction_id)
        if row is None or row.status != OutboxStatus.PARKED.value:
            raise NotAllowed(
                QT_TRANSLATE_NOOP("Core", "This item is no longer parked: it was already retried, sent or discarded.")
            )
        return row
