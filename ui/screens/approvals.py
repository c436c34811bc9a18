"""Approvals: the supervisor's queue at the station. Approve or deny with badge + PIN; a denial needs a reason."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.codes import CodeKind, ScannedCode
from app.errors import NotFound, StationError
from app.services.disposition import ApprovalView, DispositionView
from app.services.values import Changed
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.base import domain_object
from ui.models.work import ApprovalsModel
from ui.screens.base import Screen, ScreenContext, ScreenId, table
from ui.screens.disposition import print_routing_label
from ui.screens.supervisor import SupervisorForm
from ui.tasks import Coalesced
from ui.words import fill, name


class ApprovalsScreen(Screen):
    screen_id = ScreenId.APPROVALS
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Approvals")
    action_ids = (ActionId.APPROVE, ActionId.DENY)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.queue = ApprovalsModel()
        self.queue_view = table(self.queue, self, wrap_rows=True)
        self.queue_view.setObjectName("approvalsView")
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        self.form = SupervisorForm(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        left = QVBoxLayout()
        left.addWidget(self.empty)
        left.addWidget(self.queue_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addWidget(self.hint)
        right.addStretch(1)
        self.place_columns(left, right, (3, 2))
        self.queue_view.selectionModel().currentRowChanged.connect(lambda *_: self.refresh_actions())
        self._reload = Coalesced(
            ctx.runner, self.station.dispositions.pending_approvals, self._on_loaded, context="loading approvals"
        )
        ctx.actions.bind(ActionId.APPROVE, lambda: self._on_decide(grant=True))
        ctx.actions.bind(ActionId.DENY, lambda: self._on_decide(grant=False))
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.form.retranslate(self.tr("&Reason (needed to deny)"))
        self.empty.setText(self.tr("Nothing waits for a supervisor."))
        self.hint.setText(
            self.tr(
                "Select a unit, then the supervisor scans their badge and types the PIN. "
                "Approve (Ctrl+Shift+A) or deny with a reason (Ctrl+Shift+D). "
                "Nobody approves their own proposal."
            )
        )
        self.queue.retranslate()

    def on_shown(self) -> None:
        self._reload.request()

    def on_station_changed(self, changed: Changed) -> None:
        if changed.approvals:
            self._reload.request()

    def action_enabled(self, action_id: ActionId) -> bool:
        return self.selected() is not None

    def take_scan(self, code: ScannedCode) -> bool:
        if code.kind is not CodeKind.BADGE:
            return False
        self.form.take_badge(code.value or code.text)
        self.ctx.feedback.success(self.tr("Supervisor badge read: type the PIN."))
        return True

    def selected(self) -> ApprovalView | None:
        found = domain_object(self.queue_view.currentIndex())
        return found if isinstance(found, ApprovalView) else None

    def select_first(self) -> None:
        if self.queue.rowCount():
            self.queue_view.setCurrentIndex(self.queue.index(0, 0))

    def _on_loaded(self, approvals: list[ApprovalView]) -> None:
        self.queue.set_items(approvals)
        self.empty.setVisible(not approvals)
        if self.selected() is None:
            self.select_first()
        self.refresh_actions()

    def _on_decide(self, *, grant: bool) -> None:
        self.guarded(lambda: self._decide(grant))

    def _decide(self, grant: bool) -> None:
        self.operator  # noqa: B018 - the station must be signed in to take decisions at it
        approval = self.selected()
        if approval is None:
            raise NotFound(self.tr("Select the unit to approve or deny first."))
        credentials = self.form.credentials()
        note = self.form.reason.text()
        dispositions = self.station.dispositions

        def decided(view: DispositionView) -> None:
            self.form.clear()
            self._reload.request()
            if grant:
                self.ctx.feedback.success(fill(self.tr("Approved: %1 goes to %2."), view.lpn, view.location or "—"))
                print_routing_label(self, view)
            else:
                self.ctx.feedback.warning(
                    fill(
                        self.tr("Denied: %1 goes back to the inspector to override or re-inspect (%2)."),
                        view.lpn,
                        name(view.kind),
                    )
                )

        def refused(error: StationError) -> None:
            self.form.pin.clear()
            self.ctx.feedback.station_error(error)

        # The PIN check is slow on purpose: the database lane, never the GUI thread.
        self.run(
            lambda: dispositions.decide(credentials, approval.approval_id, grant=grant, note=note),
            decided,
            on_error=refused,
            context="deciding an approval",
        )
