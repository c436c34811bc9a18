"""Pulling reference data from central, feed by feed, page by page, from the stored cursor.

Each page is applied in one local transaction together with its cursor, so a pull cut short (power
loss, network gone, the process killed) resumes from the last whole page; a station offline for a
week asks only for what changed since its cursor. When a rule feed (grading scales, checklists,
disposition rules, approval policy, reason and disposition codes) changed, `on_rules_changed` is
called once after the pull so the station reloads its rules.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from app.phrases import QT_TRANSLATE_NOOP
from app.store.db import Database
from app.store.reference import DOCUMENT_FEEDS, FEEDS, apply_page, cursor
from sync.client import FeedPage
from sync.failures import CursorExpired, InvalidAnswer
from sync.target import FeedSource

log = logging.getLogger(__name__)

RULE_FEEDS = DOCUMENT_FEEDS
PAGE_SIZE = 5000  # the contract's maximum: fewer round trips for a 100,000-row catalog


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class PullReport:
    pages: int
    items: Mapping[str, int]  # items applied per feed (updates and tombstones)

    @property
    def rules_changed(self) -> bool:
        return any(self.items.get(feed, 0) for feed in RULE_FEEDS)


class FeedPuller:
    def __init__(
        self,
        db: Database,
        source: FeedSource,
        *,
        feeds: Iterable[str] = FEEDS,
        page_size: int = PAGE_SIZE,
        now: Callable[[], datetime] = _utc_now,
        on_rules_changed: Callable[[], None] | None = None,
    ) -> None:
        self._db = db
        self._source = source
        self.feeds = tuple(feeds)
        self._page_size = page_size
        self._now = now
        self._on_rules_changed = on_rules_changed

    def _at(self) -> str:
        return self._now().astimezone(UTC).isoformat(timespec="milliseconds")

    def pull_all(self) -> PullReport:
        """Every feed up to date; raises a SyncFailure at the first feed that cannot be read (pages kept)."""
        pages = [0]
        items: dict[str, int] = {}
        try:
            for feed in self.feeds:
                self._pull(feed, pages, items)
        finally:
            # Pages applied before a failure count too: their rules are in the database now.
            report = PullReport(pages[0], items)
            if report.rules_changed and self._on_rules_changed is not None:
                self._on_rules_changed()
        return report

    def pull(self, feed: str) -> tuple[int, int]:
        """Read `feed` from its stored cursor to its end; (pages, items) applied."""
        pages = [0]
        items: dict[str, int] = {}
        try:
            self._pull(feed, pages, items)
        finally:
            if items.get(feed) and feed in RULE_FEEDS and self._on_rules_changed is not None:
                self._on_rules_changed()
        return pages[0], items.get(feed, 0)

    def _pull(self, feed: str, pages: list[int], items: dict[str, int]) -> None:
        with self._db.read() as session:
            position = cursor(session, feed)
        items[feed] = 0
        restarted = False
        while True:
            try:
                page = self._source.feed_page(feed, position, self._page_size)
            except CursorExpired:
                if restarted:
                    raise
                log.warning("feed %s: cursor expired on the server; reading it again from the start", feed)
                position, restarted = None, True
                continue
            self._apply(feed, page)
            pages[0] += 1
            items[feed] += len(page.items)
            if not page.has_more:
                return
            if not page.items and page.next_cursor == position:
                raise InvalidAnswer(
                    QT_TRANSLATE_NOOP(
                        "Sync", "Central server keeps announcing more of the {feed} feed but sends nothing"
                    ),
                    feed=feed,
                )
            position = page.next_cursor

    def _apply(self, feed: str, page: FeedPage) -> None:
        try:
            # An empty last page still moves the cursor's timestamp: "last pulled" means last checked.
            with self._db.write() as session:
                apply_page(session, feed, page.items, self._at(), page.next_cursor)
        except (KeyError, TypeError, ValueError, IntegrityError) as exc:
            raise InvalidAnswer(
                QT_TRANSLATE_NOOP("Sync", "Central server sent {feed} data the station cannot store ({problem})"),
                feed=feed,
                problem=exc,
            ) from exc
