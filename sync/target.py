"""Where the outbox goes: the `PushTarget` interface and its central-RMS implementation.

A station hands its transactions either to the central RMS or, later, straight to an ERP. The sync
worker only knows `PushTarget`: push a batch of outbox records, get one `DeliveryResult` per record
in order, or a `sync.failures.SyncFailure` for the whole batch. An ERP connector implements the same
three members and maps canonical transactions to vendor calls behind them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from app.store.outbox import DeliveryResult, OutboxRecord
from sync.client import CentralClient, FeedPage, ServerHealth

# What the Station Sync API takes in one request (500 transactions, 1 MiB); the byte cap leaves room
# for the JSON around the envelopes, whose size the outbox only estimates.
CENTRAL_MAX_BATCH = 500
CENTRAL_MAX_BYTES = 768 * 1024


@runtime_checkable
class PushTarget(Protocol):
    """Anything the outbox can be delivered to."""

    @property
    def name(self) -> str:
        """Shown to the operator: 'central RMS at https://rms.example.com'."""
        ...

    def push(self, records: Sequence[OutboxRecord]) -> list[DeliveryResult]:
        """Deliver `records` (seq order); one result per record, in the same order, or raise a SyncFailure."""
        ...

    def health(self) -> ServerHealth:
        """Cheap liveness check, no side effects; raises a SyncFailure when the target is not usable."""
        ...


class FeedSource(Protocol):
    """Where reference data comes from (the central RMS; an ERP connector may offer some feeds)."""

    def feed_page(self, feed: str, cursor: str | None, limit: int = 1000) -> FeedPage: ...


class PhotoSink(Protocol):
    """Where inspection photos go, by content hash."""

    def upload_photo(self, sha256: str, content: bytes, content_type: str, transaction_id: str) -> bool: ...


class CentralTarget:
    """The central RMS over the Station Sync API v1."""

    def __init__(self, client: CentralClient) -> None:
        self.client = client

    @property
    def name(self) -> str:
        return f"central RMS at {self.client.base_url}"

    def push(self, records: Sequence[OutboxRecord]) -> list[DeliveryResult]:
        return self.client.push_batch([record.envelope() for record in records])

    def health(self) -> ServerHealth:
        return self.client.health()
