"""The sync worker: on its own thread, with its own database connection, it empties the outbox.

One cycle does whatever is due: pull the reference feeds (every `pull_interval_s`), push one batch
of the outbox (count and byte caps, seq order, returns behind a parked record skipped), upload a few
photos whose transaction was delivered. Each batch's answers are marked in one local transaction
(`Outbox.settle`), so a process killed at any moment resumes from what SQLite holds.

Failures are sorted by `sync.failures`: transport errors, 5xx, 429 and unreadable answers back off
exponentially with full jitter, at least as long as `Retry-After` says; a 401 was already answered
with one token refresh by the client; an auth failure waits for a re-enrollment (`retry_now()`); a
business rejection parks that transaction and the rest keep flowing; a batch the server refuses as
a whole is split until the one transaction at fault is parked. Backoff runs on a monotonic clock, so
setting the station's clock a day ahead or behind changes nothing.

Retries run on a timer: the worker looks again every `idle_check_s` even when nobody woke it.
`wake()` (called by the UI after each commit) only makes it prompt. Clock and wait are injectable so
tests never sleep.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.errors import StorageProblem
from app.phrases import QT_TRANSLATE_NOOP, Phrase
from app.store.db import Database
from app.store.outbox import DeliveryResult, Outbox, OutboxRecord, Outcome
from sync.connectivity import ConnectivityMonitor
from sync.failures import AuthFailure, RequestRefused, SyncFailure
from sync.feeds import FeedPuller
from sync.photos import PhotoQueue
from sync.target import CENTRAL_MAX_BATCH, CENTRAL_MAX_BYTES, FeedSource, PhotoSink, PushTarget

log = logging.getLogger(__name__)

REFUSALS_BEFORE_GIVING_UP = 3  # parked one by one for refused requests without a delivery between: stop


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    max_batch: int = CENTRAL_MAX_BATCH
    max_bytes: int = CENTRAL_MAX_BYTES
    pull_interval_s: float = 300.0
    idle_check_s: float = 30.0  # the timer: look at the queue this often even if nobody woke us
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 300.0
    photos_per_cycle: int = 5
    health_check_s: float = 60.0  # when idle, ask the server this often so the indicator stays true
    photo_problem_retry_s: float = 3600.0  # a photo missing on disk or refused: try again much later
    # After a commit wakes the worker, wait this long before pushing, so the other changes of the
    # same action (a scan commits its unit, then its label request, then the printed label) and of
    # the next scans go in one request instead of one each. "Sync now" does not wait.
    linger_s: float = 0.2


class Backoff:
    """Exponential backoff with full jitter (a random wait up to base * 2^failures, capped)."""

    def __init__(self, base_s: float, cap_s: float, rng: random.Random) -> None:
        self._base_s = base_s
        self._cap_s = cap_s
        self._rng = rng
        self.failures = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        ceiling = min(self._cap_s, self._base_s * 2.0 ** min(self.failures, 32))
        self.failures += 1
        delay = self._rng.uniform(0.0, ceiling)
        return max(delay, retry_after) if retry_after is not None else delay

    def reset(self) -> None:
        self.failures = 0


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _delivered(results: list[DeliveryResult]) -> bool:
    return any(result.outcome in (Outcome.ACCEPTED, Outcome.DUPLICATE) for result in results)


def _about_content(refused: RequestRefused) -> bool:
    """A refusal of what the batch holds (so one transaction is at fault), not of where it went."""
    return refused.status in (413, 422) or (
        refused.status == 400 and refused.code in ("invalid_json", "invalid_request")
    )


def _progress(results: list[DeliveryResult]) -> bool:
    """True when the batch moved something out of the queue (delivered or parked)."""
    return any(result.outcome is not Outcome.RETRY for result in results)


class SyncWorker:
    def __init__(
        self,
        db_path: Path,
        target: PushTarget,
        *,
        feeds: FeedSource | None = None,
        photos: PhotoSink | None = None,
        connectivity: ConnectivityMonitor | None = None,
        on_rules_changed: Callable[[], None] | None = None,
        settings: WorkerSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        wait: Callable[[float], bool] | None = None,
        rng: random.Random | None = None,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.settings = settings or WorkerSettings()
        self.target = target
        self.connectivity = connectivity or ConnectivityMonitor()
        # Its own Database (own engines, own connections): the GUI thread's writes never queue behind ours.
        self._db = Database(db_path)
        self.outbox = Outbox(self._db)
        self._puller = (
            FeedPuller(self._db, feeds, now=now, on_rules_changed=on_rules_changed) if feeds is not None else None
        )
        self._photo_sink = photos
        self._photos = PhotoQueue(self._db)
        self._clock = clock
        self._now = now
        self._wakeup = threading.Event()
        self._hurry = threading.Event()  # "sync now" or stop: no lingering
        self._stopping = threading.Event()
        self._wait = wait or self._wait_for_wake
        rng = rng or random.Random()
        s = self.settings
        self._push_backoff = Backoff(s.backoff_base_s, s.backoff_cap_s, rng)
        self._pull_backoff = Backoff(s.backoff_base_s, s.backoff_cap_s, rng)
        self._photo_backoff = Backoff(s.backoff_base_s, s.backoff_cap_s, rng)
        start = clock()
        self._push_at = start
        self._pull_at = start  # pull once right after start
        self._photos_at = start
        self._probe_at = start + s.health_check_s
        self._credential_refused = False  # a health answer must not paint "online" over "re-enrol"
        self._batch_limit = s.max_batch  # halves while the server refuses whole batches
        self._refused_in_a_row = 0  # transactions parked for a refused request, nothing delivered since
        self._photo_problems: dict[str, float] = {}  # sha256 -> monotonic time to try again
        self._thread: threading.Thread | None = None
        self.failure: BaseException | None = None  # set when the loop died of a bug

    # -- thread --------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the sync worker is already running")
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the request in flight (bounded by the client's timeouts), then end the thread."""
        self._stopping.set()
        self._hurry.set()
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("sync worker did not stop within %.0f s", timeout)
                return
            self._thread = None
        self._db.dispose()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """Something was committed: push soon (unless backing off from a failing server)."""
        self._wakeup.set()

    def retry_now(self) -> None:
        """The operator asked to sync now (or the station was re-enrolled): forget the backoff."""
        start = self._clock()
        self._push_at = self._pull_at = self._photos_at = start
        self._push_backoff.reset()
        self._pull_backoff.reset()
        self._photo_backoff.reset()
        self._photo_problems.clear()
        self._hurry.set()
        self._wakeup.set()

    def _wait_for_wake(self, seconds: float) -> bool:
        woken = self._wakeup.wait(seconds)
        self._wakeup.clear()
        return woken

    def _run(self) -> None:
        try:
            while not self._stopping.is_set():
                delay = self.run_once()
                if delay > 0 and not self._stopping.is_set() and self._wait(delay):
                    self._linger()  # woken by a commit
        except BaseException as exc:
            # A bug, not the environment: say so where the operator looks, then fail loudly.
            self.failure = exc
            log.exception("sync worker stopped by an internal error")
            self.connectivity.failed_internally(exc)
            raise

    def _linger(self) -> None:
        if self.settings.linger_s > 0:
            self._hurry.wait(self.settings.linger_s)
        self._hurry.clear()

    # -- one cycle -----------------------------------------------------------------------------

    def run_once(self) -> float:
        """Do whatever is due; the seconds until something is due again (0: go on at once)."""
        progressed = False
        if self._puller is not None and self._clock() >= self._pull_at:
            progressed |= self._pull()
        if self._clock() >= self._push_at:
            progressed |= self._push()
        if self._photo_sink is not None and self._clock() >= self._photos_at:
            progressed |= self._upload_photos()
        if progressed:
            return 0.0
        if not self._credential_refused and self._clock() >= self._probe_at:
            self._probe()
        # Times already past mean "whenever there is work", and there was none: only backoffs and the
        # next pull shorten the idle wait.
        now = self._clock()
        due = [now + self.settings.idle_check_s, self._push_at, self._probe_at]
        if self._puller is not None:
            due.append(self._pull_at)
        if self._photo_sink is not None:
            due.append(self._photos_at)
        return min(t for t in due if t > now) - now

    def _pull(self) -> bool:
        assert self._puller is not None
        started = self._clock()
        try:
            report = self._puller.pull_all()
        except (SyncFailure, StorageProblem) as failure:
            self._pull_at = self._clock() + self._pull_backoff.next_delay(getattr(failure, "retry_after", None))
            self._report(failure)
            log.info("feed pull failed: %s", failure.message)
            return False
        self._pull_backoff.reset()
        self._pull_at = self._clock() + self.settings.pull_interval_s
        self._succeeded(self._clock() - started)
        return report.pages > 0

    def _push(self) -> bool:
        try:
            # _batch_limit shrinks while a batch refused as a whole is being split to find the bad record.
            limit = min(self.settings.max_batch, self._batch_limit)
            batch = self.outbox.next_batch(limit, self.settings.max_bytes)
        except StorageProblem as problem:
            self._push_at = self._clock() + self._push_backoff.next_delay()
            log.warning("outbox could not be read: %s", problem.message)
            return False
        if not batch:
            return False
        started = self._clock()
        try:
            results = self.target.push(batch)
        except RequestRefused as refused:
            return self._refused(batch, refused)
        except SyncFailure as failure:
            self._push_failed(batch, failure)
            return False
        elapsed = self._clock() - started
        try:
            self.outbox.settle(results, self._now().astimezone(UTC).isoformat(timespec="milliseconds"))
        except StorageProblem as problem:
            # The server has them; resending after the disk recovers answers "duplicate". Nothing is lost.
            self._push_at = self._clock() + self._push_backoff.next_delay()
            log.warning("could not mark a delivered batch: %s", problem.message)
            return False
        self._succeeded(elapsed)
        self._batch_limit = min(self.settings.max_batch, self._batch_limit * 2)
        if _delivered(results):
            self._refused_in_a_row = 0
        if _progress(results):
            self._push_backoff.reset()
            self._push_at = self._clock()
            return True
        # Only "retry" answers (a predecessor missing, an unreadable item): wait before asking again.
        self._push_at = self._clock() + self._push_backoff.next_delay()
        return False

    def _push_failed(self, batch: list[OutboxRecord], failure: SyncFailure) -> None:
        delay = self._push_backoff.next_delay(failure.retry_after)
        if not failure.retryable:
            delay = max(delay, self.settings.backoff_cap_s)
        self._push_at = self._clock() + delay
        self._report(failure)
        log.info("push of %d failed: %s; next try in %.1f s", len(batch), failure.message, delay)
        try:
            self.outbox.note_failure([record.id for record in batch], failure.message)
        except StorageProblem as problem:
            log.warning("could not note the push failure: %s", problem.message)

    def _refused(self, batch: list[OutboxRecord], refused: RequestRefused) -> bool:
        """The server will never take this request as it is: find the one transaction at fault.

        Only a refusal of the batch's content (too large, does not fit the contract) can be pinned on
        one transaction. Any other 4xx (a wrong URL, a proxy) or refusal after refusal with nothing
        delivered in between says central and the station disagree on everything: then nothing is
        parked, the queue waits with the reason, and IT is needed.
        """
        if not _about_content(refused) or self._refused_in_a_row >= REFUSALS_BEFORE_GIVING_UP:
            self._batch_limit = self.settings.max_batch
            self._push_failed(
                batch,
                RequestRefused(
                    QT_TRANSLATE_NOOP(
                        "Sync",
                        "{refusal}. Central refuses what this station sends: ask IT to check the central "
                        "address and versions",
                    ),
                    status=refused.status,
                    code=refused.code,
                    refusal=refused.message,
                ),
            )
            return False
        self._report(refused)
        if len(batch) > 1:
            self._batch_limit = max(1, len(batch) // 2)
            log.warning("central refused a batch of %d (%s); splitting it", len(batch), refused.message)
            return True
        record = batch[0]
        log.warning("central refused transaction %s (seq %d): %s; parking it", record.id, record.seq, refused.message)
        at = self._now().astimezone(UTC).isoformat(timespec="milliseconds")
        self._batch_limit = self.settings.max_batch  # the one at fault is found
        code = refused.code or f"http_{refused.status}"
        try:
            self.outbox.settle([DeliveryResult(record.id, Outcome.REJECTED, code, refused.message)], at)
        except StorageProblem as problem:
            self._push_at = self._clock() + self._push_backoff.next_delay()
            log.warning("could not park a refused transaction: %s", problem.message)
            return False
        self._refused_in_a_row += 1
        return True

    def _upload_photos(self) -> bool:
        assert self._photo_sink is not None
        now = self._clock()
        self._photo_problems = {sha: at for sha, at in self._photo_problems.items() if at > now}
        try:
            ready = self._photos.ready(self.settings.photos_per_cycle, frozenset(self._photo_problems))
            for photo in ready:
                content = photo.read()
                if content is None:
                    missing = QT_TRANSLATE_NOOP("Sync", "Photo file {path} is missing or damaged on this station")
                    self._photo_problem(photo.sha256, Phrase(missing, path=photo.path))
                    continue
                try:
                    self._photo_sink.upload_photo(photo.sha256, content, photo.content_type, photo.transaction_id)
                except RequestRefused as refused:
                    self._photo_problem(photo.sha256, refused.message)
                    continue
                self._photos.mark_uploaded(photo.sha256)
        except SyncFailure as failure:
            self._photos_at = self._clock() + self._photo_backoff.next_delay(failure.retry_after)
            self._report(failure)
            return False
        except StorageProblem as problem:
            self._photos_at = self._clock() + self._photo_backoff.next_delay()
            log.warning("photo queue: %s", problem.message)
            return False
        if ready:
            self._photo_backoff.reset()
            self._succeeded(0.0)
        return bool(ready)

    def _photo_problem(self, sha256: str, message: str) -> None:
        log.warning("photo %s: %s", sha256, message)
        self._photo_problems[sha256] = self._clock() + self.settings.photo_problem_retry_s
        self._photos.note_failure([sha256], message)

    def _probe(self) -> None:
        """Nothing to send: a cheap health request keeps the operator's indicator honest."""
        started = self._clock()
        try:
            self.target.health()
        except SyncFailure as failure:
            self._report(failure)
            self._probe_at = self._clock() + self.settings.health_check_s
            return
        self._succeeded(self._clock() - started)

    def _succeeded(self, elapsed_s: float) -> None:
        self._credential_refused = False
        self._probe_at = self._clock() + self.settings.health_check_s
        self.connectivity.succeeded(elapsed_s)

    def _report(self, failure: SyncFailure | StorageProblem) -> None:
        if isinstance(failure, SyncFailure):
            self._credential_refused = isinstance(failure, AuthFailure)
            self.connectivity.failed(failure)
