"""Sync: online or offline and why, what waits and since when, the last good sync, and parked items.

A parked item was refused by central for a business reason; its error text says why. After the
cause is fixed it can be retried; discarding it needs a supervisor's badge + PIN and a reason.
Pulling reference data shows its progress.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from app.errors import NotAllowed, NotFound, StationError
from app.store.outbox import OutboxRecord
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import domain_object
from ui.models.work import ParkedModel, short_time
from ui.ports import Connectivity, SyncControl
from ui.screens.base import Screen, ScreenContext, ScreenId, retranslate_sections, section, table
from ui.screens.supervisor import SupervisorForm
from ui.sync_monitor import QueueState, SyncMonitor, age_text
from ui.tasks import Coalesced, Lane, ProgressReport
from ui.words import fill, shown


class SyncScreen(Screen):
    screen_id = ScreenId.SYNC
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Sync")
    action_ids = (ActionId.RETRY_PARKED, ActionId.DISCARD_PARKED)
    global_ids = (ActionId.SYNC_NOW, ActionId.PULL_REFERENCE)

    def __init__(self, ctx: ScreenContext, monitor: SyncMonitor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.monitor = monitor
        self.state: QueueState | None = None
        self.connection = QLabel(self)
        self.connection.setObjectName("bigDisposition")
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.figures = QFormLayout()
        self.figure_labels = {key: (QLabel(self), QLabel(self)) for key in ("pending", "oldest", "last", "parked")}
        for caption, value in self.figure_labels.values():
            value.setObjectName(f"figure-{caption}")
            self.figures.addRow(caption, value)
        self.parked = ParkedModel()
        self.parked_view = table(self.parked, self, wrap_rows=True)
        self.parked_view.setObjectName("parkedView")
        self.form = SupervisorForm(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("pullProgress")
        self.progress.hide()
        left = QVBoxLayout()
        left.addWidget(self.connection)
        left.addWidget(self.reason)
        left.addLayout(self.figures)
        left.addWidget(self.progress)
        left.addWidget(
            section(QT_TRANSLATE_NOOP("SyncScreen", "Parked: refused by central, waiting for a person"), self)
        )
        left.addWidget(self.parked_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addStretch(1)
        self.place_columns(left, right, (3, 2))
        self.parked_view.selectionModel().currentRowChanged.connect(lambda *_: self.refresh_actions())
        self._reload = Coalesced(
            ctx.runner, self.station.sync_queue.parked, self._on_parked_loaded, context="loading parked items"
        )
        monitor.updated.connect(self._on_monitor_updated)
        ctx.actions.bind(ActionId.SYNC_NOW, self._on_sync_now)
        ctx.actions.bind(ActionId.PULL_REFERENCE, self._on_pull)
        ctx.actions.bind(ActionId.RETRY_PARKED, self._on_retry)
        ctx.actions.bind(ActionId.DISCARD_PARKED, self._on_discard)
        self.retranslate()

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        retranslate_sections(self, "SyncScreen")
        captions = {
            "pending": self.tr("Waiting to sync"),
            "oldest": self.tr("Oldest waiting for"),
            "last": self.tr("Last successful sync"),
            "parked": self.tr("Parked"),
        }
        for key, (caption, _value) in self.figure_labels.items():
            caption.setText(captions[key])
        self.form.retranslate(self.tr("&Reason (needed to discard)"))
        self.parked.retranslate()
        self._show(self.state)

    def on_shown(self) -> None:
        self.monitor.poke()
        self._reload.request()

    def action_enabled(self, action_id: ActionId) -> bool:
        return self._selected() is not None

    # -- showing ---------------------------------------------------------------------------------

    def _on_monitor_updated(self, state: QueueState) -> None:
        previous = self.state
        self._show(state)
        if self.is_current and (previous is None or previous.outbox.parked != state.outbox.parked):
            self._reload.request()

    def _show(self, state: QueueState | None) -> None:
        self.state = state
        if state is None:
            self.connection.setText(self.tr("Checking…"))
            self.reason.clear()
            return
        texts = {
            Connectivity.ONLINE: self.tr("Online"),
            Connectivity.DEGRADED: self.tr("Online, but slow"),
            Connectivity.OFFLINE: self.tr("Offline"),
            Connectivity.NOT_ENROLLED: self.tr("Not enrolled"),
            Connectivity.UNKNOWN: self.tr("Sync not running"),
        }
        self.connection.setText(texts[state.sync.connectivity])
        self.reason.setText(shown(state.sync.reason))
        outbox = state.outbox
        last = state.sync.last_success_at or outbox.last_delivered_at
        values = {
            "pending": str(outbox.pending),
            "oldest": age_text(state.oldest_pending_s),
            "last": short_time(last) if last else self.tr("never"),
            "parked": fill(
                self.tr("%1 (holding back %2 more of the same returns)"), outbox.parked, outbox.waiting_behind_parked
            )
            if outbox.parked
            else "0",
        }
        for key, (_caption, value) in self.figure_labels.items():
            value.setText(values[key])

    def _on_parked_loaded(self, records: list[OutboxRecord]) -> None:
        self.parked.set_items(records)
        if records and self._selected() is None:
            self.parked_view.setCurrentIndex(self.parked.index(0, 0))
        self.refresh_actions()

    def _selected(self) -> OutboxRecord | None:
        found = domain_object(self.parked_view.currentIndex())
        return found if isinstance(found, OutboxRecord) else None

    # -- actions ---------------------------------------------------------------------------------

    def _sync(self) -> SyncControl:
        sync = self.monitor.sync
        if sync is None:
            raise NotAllowed(self.tr("Sync is not running on this station: changes are kept until it is set up."))
        return sync

    def _on_sync_now(self) -> None:
        self.guarded(self._sync_now)

    def _sync_now(self) -> None:
        sync = self._sync()
        self.run(
            sync.sync_now,
            lambda _none: self.ctx.feedback.success(self.tr("Sync started.")),
            lane=Lane.IO,
            context="sync now",
        )
        self.monitor.poke()

    def _on_pull(self) -> None:
        self.guarded(self._pull)

    def _pull(self) -> None:
        sync = self._sync()
        station = self.station
        self.progress.setRange(0, 0)
        self.progress.show()

        def work(report: ProgressReport) -> int:
            changed = sync.pull_reference(report)
            station.reload_rules()
            return changed

        def done(changed: int) -> None:
            self.progress.hide()
            self.ctx.feedback.success(fill(self.tr("Reference data is up to date (%1 item(s) changed)."), changed))

        def progressed(done_count: int, total: int) -> None:
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done_count)

        def failed(error: StationError) -> None:
            self.progress.hide()
            self.ctx.feedback.station_error(error)

        self.ctx.runner.run_with_progress(
            Lane.IO, work, context="pulling reference data", on_progress=progressed, on_done=done, on_error=failed
        )

    def _on_retry(self) -> None:
        self.guarded(self._retry)

    def _retry(self) -> None:
        actor, record = self.operator, self._require_selected()

        def retried(_changed: object) -> None:
            self._reload.request()
            self.ctx.feedback.success(fill(self.tr("%1 will be sent again."), record.type))
            if self.monitor.sync is not None:
                self.monitor.sync.sync_now()

        self.run(lambda: self.station.sync_queue.retry(actor, record.id), retried, context="retrying a parked item")

    def _on_discard(self) -> None:
        self.guarded(self._discard)

    def _discard(self) -> None:
        self.operator  # noqa: B018 - decisions are taken at a signed-in station
        record = self._require_selected()
        credentials, reason = self.form.credentials(), self.form.reason.text()

        def discarded(_changed: object) -> None:
            self.form.clear()
            self._reload.request()
            self.ctx.feedback.warning(fill(self.tr("%1 discarded: it will never reach central."), record.type))

        def refused(error: StationError) -> None:
            self.form.pin.clear()
            self.ctx.feedback.station_error(error)

        self.run(
            lambda: self.station.sync_queue.discard(credentials, record.id, reason),
            discarded,
            on_error=refused,
            context="discarding a parked item",
        )

    def _require_selected(self) -> OutboxRecord:
        record = self._selected()
        if record is None:
            raise NotFound(self.tr("Select a parked item first."))
        return record
