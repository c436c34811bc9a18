"""The photo upload queue: inspection photos travel apart from the small transactional records.

A photo is uploaded only once the transaction that references it (its `unit.inspected`) was
delivered, so central never holds a photo of an inspection it does not know. A photo whose change
was discarded by a supervisor never leaves the station. Upload by content hash is idempotent, so a
photo sent twice (a crash between upload and marking) costs bandwidth, never a duplicate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update

from app.store.db import Database
from app.store.outbox import OutboxStatus
from app.store.schema import OutboxRow, PhotoRow

PENDING = "pending"
UPLOADED = "uploaded"


@dataclass(frozen=True, slots=True)
class QueuedPhoto:
    sha256: str
    path: Path
    content_type: str
    transaction_id: str
    attempts: int

    def read(self) -> bytes | None:
        """The photo's bytes, or None when the file is missing or no longer matches its hash."""
        try:
            content = self.path.read_bytes()
        except OSError:
            return None
        return content if hashlib.sha256(content).hexdigest() == self.sha256 else None


class PhotoQueue:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ready(self, limit: int = 20, skip: frozenset[str] = frozenset()) -> list[QueuedPhoto]:
        """Pending photos whose transaction was delivered, oldest first."""
        with self._db.read() as session:
            rows = session.execute(
                select(
                    PhotoRow.sha256, PhotoRow.path, PhotoRow.content_type, PhotoRow.transaction_id, PhotoRow.attempts
                )
                .join(OutboxRow, OutboxRow.id == PhotoRow.transaction_id)
                .where(PhotoRow.status == PENDING, OutboxRow.status == OutboxStatus.DELIVERED.value)
                .order_by(PhotoRow.created_at, PhotoRow.sha256)
                .limit(limit + len(skip))
            ).all()
        photos = [QueuedPhoto(sha, Path(path), ctype, tx, attempts) for sha, path, ctype, tx, attempts in rows]
        return [photo for photo in photos if photo.sha256 not in skip][:limit]

    def mark_uploaded(self, sha256: str) -> None:
        with self._db.write() as session:
            session.execute(
                update(PhotoRow)
                .where(PhotoRow.sha256 == sha256)
                .values(status=UPLOADED, attempts=PhotoRow.attempts + 1, last_error=None)
            )

    def note_failure(self, sha256s: list[str], message: str) -> None:
        with self._db.write() as session:
            session.execute(
                update(PhotoRow)
                .where(PhotoRow.sha256.in_(sha256s), PhotoRow.status == PENDING)
                .values(attempts=PhotoRow.attempts + 1, last_error=message)
            )

    def pending_count(self) -> int:
        """Photos still to upload, not counting those of discarded changes (they never will be)."""
        with self._db.read() as session:
            discarded = select(OutboxRow.id).where(OutboxRow.status == OutboxStatus.DISCARDED.value)
            count = session.scalar(
                select(func.count())
                .select_from(PhotoRow)
                .where(PhotoRow.status == PENDING, PhotoRow.transaction_id.not_in(discarded))
            )
            return count or 0
