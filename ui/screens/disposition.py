"""Disposition: the rules' proposed outcome and why, the target tote or location shown large, override.

Confirming either settles the outcome (and the routing label prints by itself) or, where the
approval policy says so, puts the unit in the supervisor's queue with the reasons.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import CodeKind, ScannedCode
from app.domain.lifecycle import UnitState
from app.domain.model import DispositionKind
from app.errors import NotFound, StationError
from app.services.disposition import DispositionView
from app.services.values import Changed, PrintJob
from app.services.views import UnitView
from ui.actions import ActionId
from ui.i18n import QT_TRANSLATE_NOOP
from ui.screens.base import Screen, ScreenContext, ScreenId
from ui.screens.inspect import unit_finder
from ui.tasks import Lane
from ui.words import fill, name, shown


def print_routing_label(screen: Screen, view: DispositionView) -> None:
    """The label that sends a settled unit on its way; prints by itself, tells where the unit goes."""
    actor = screen.operator
    where = view.location or name(view.kind)

    def printed(job: PrintJob) -> None:
        screen.ctx.print_log.record(job)
        screen.ctx.feedback.success(
            fill(QCoreApplication.translate("Screen", "Label printed. Put %1 in %2."), view.lpn, where)
        )

    def failed(error: StationError) -> None:
        text = QCoreApplication.translate("Screen", "Put %1 in %2. The routing label did not print: %3")
        screen.ctx.feedback.warning(fill(text, view.lpn, where, shown(error)))

    screen.run(
        lambda: screen.station.labels.routing_label(actor, view.unit_id),
        printed,
        lane=Lane.IO,
        on_error=failed,
        context=f"printing the routing label of {view.lpn}",
    )


class DispositionScreen(Screen):
    screen_id = ScreenId.DISPOSITION
    title_source: ClassVar[str] = QT_TRANSLATE_NOOP("Screens", "Disposition")
    action_ids = (ActionId.CONFIRM_DISPOSITION, ActionId.OVERRIDE_DISPOSITION)

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: DispositionView | None = None
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("returnTitle")
        self.unit_label.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("bigDisposition")
        self.location = QLabel(self)
        self.location.setObjectName("bigLocation")
        self.location.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.location.setWordWrap(True)  # long location codes break at their hyphens on a handheld
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.approval = QLabel(self)
        self.approval.setWordWrap(True)
        self.approval.setObjectName("sectionTitle")
        self.state = QLabel(self)
        self.state.setObjectName("hint")
        column = QVBoxLayout()
        column.addWidget(self.outcome)
        column.addWidget(self.location)
        column.addWidget(self.reason)
        column.addWidget(self.approval)
        column.addWidget(self.state)
        column.addStretch(1)
        self.override_box = self._override_form()
        self.outer.addWidget(self.unit_label)
        self.place_columns(column, self.override_box, (3, 2))
        self.override_box.hide()
        ctx.actions.bind(ActionId.CONFIRM_DISPOSITION, self._on_confirm)
        ctx.actions.bind(ActionId.OVERRIDE_DISPOSITION, self._on_override)
        ctx.workbench.unit_changed.connect(self._on_workbench_unit_changed)
        self.retranslate()

    def _override_form(self) -> QGroupBox:
        box = QGroupBox(self)
        box.setObjectName("overrideBox")
        self.override_kind = QComboBox(box)
        self.override_kind.setObjectName("overrideKind")
        self.override_location = QLineEdit(box)
        self.override_location.setObjectName("overrideLocation")
        self.override_reason = QLineEdit(box)
        self.override_reason.setObjectName("overrideReason")
        self.override_save = QPushButton(box)
        self.override_save.setObjectName("primary")
        self.override_cancel = QPushButton(box)
        self.override_captions = [QLabel(box), QLabel(box), QLabel(box)]
        for caption, buddy in zip(
            self.override_captions, (self.override_kind, self.override_location, self.override_reason), strict=True
        ):
            caption.setBuddy(buddy)
        layout = QVBoxLayout(box)
        for caption, widget in zip(
            self.override_captions, (self.override_kind, self.override_location, self.override_reason), strict=True
        ):
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addWidget(self.override_save)
        layout.addWidget(self.override_cancel)
        layout.addStretch(1)
        self.override_reason.returnPressed.connect(self._on_override_save_clicked)
        self.override_save.clicked.connect(self._on_override_save_clicked)
        self.override_cancel.clicked.connect(box.hide)
        return box

    # -- screen protocol -------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.override_box.setTitle(self.tr("Override the proposed outcome"))
        self.location.setAccessibleName(self.tr("Where the unit goes"))
        captions = (self.tr("&Outcome"), self.tr("&Location or tote"), self.tr("&Why (required)"))
        for caption, text in zip(self.override_captions, captions, strict=True):
            caption.setText(text)
        self.override_save.setText(self.tr("Save override"))
        self.override_cancel.setText(self.tr("Cancel"))
        current = self.override_kind.currentData()
        self.override_kind.clear()
        for kind in DispositionKind:
            self.override_kind.addItem(name(kind), kind)
        self.override_kind.setCurrentIndex(max(0, self.override_kind.findData(current)))
        self._show(self.view)

    def action_enabled(self, action_id: ActionId) -> bool:
        view = self.view
        return view is not None and view.state is UnitState.DISPOSITION_PROPOSED

    def on_shown(self) -> None:
        self._load(self.ctx.workbench.current_unit)

    def take_scan(self, code: ScannedCode) -> bool:
        if code.kind is not CodeKind.LPN:
            return False
        self.guarded(lambda: self.run(unit_finder(self, code), self.ctx.workbench.show_unit, context="finding a unit"))
        return True

    def on_station_changed(self, changed: Changed) -> None:
        view = self.view
        if self.is_current and view is not None and view.unit_id in changed.units:
            self._load(self.ctx.workbench.current_unit)

    # -- loading ---------------------------------------------------------------------------------

    def _on_workbench_unit_changed(self, unit: UnitView | None) -> None:
        if self.is_current:
            self._load(unit)

    def _load(self, unit: UnitView | None) -> None:
        if unit is None:
            self._show(None)
            return
        unit_id = unit.unit_id
        self.run(
            lambda: self.station.dispositions.current(unit_id),
            lambda view: self._on_loaded(unit_id, view),
            context="loading a disposition",
        )

    def _on_loaded(self, unit_id: str, view: DispositionView | None) -> None:
        current = self.ctx.workbench.current_unit
        if current is not None and current.unit_id == unit_id:
            self._show(view)

    def _show(self, view: DispositionView | None) -> None:
        self.view = view
        self.refresh_actions()
        unit = self.ctx.workbench.current_unit
        has = view is not None
        for widget in (self.outcome, self.location, self.reason, self.approval, self.state):
            widget.setVisible(has)
        if view is None:
            self.unit_label.setText(
                self.tr("No outcome yet: inspect the unit first (F3), or scan a licence plate.")
                if unit is None or unit.state in (UnitState.RECEIVED, UnitState.INSPECTED)
                else self.tr("Scan a licence plate to see its outcome.")
            )
            return
        self.unit_label.setText(fill("%1 · %2", view.lpn, (unit.sku or "") if unit else ""))
        self.outcome.setText(name(view.kind))
        self.location.setText(view.location or "—")
        reason = shown(view.reason)
        why = fill(self.tr("Overridden: %1"), reason) if view.overridden else fill(self.tr("Why: %1"), reason)
        self.reason.setText(why)
        if view.needs_approval:
            self.approval.setText(self.tr("A supervisor must approve:") + " " + _reasons(view))
        else:
            self.approval.setText(self.tr("No approval needed."))
        self.state.setText(fill(self.tr("Unit state: %1"), name(view.state)))

    # -- actions ---------------------------------------------------------------------------------

    def _on_confirm(self) -> None:
        self.guarded(self._confirm)

    def _confirm(self) -> None:
        actor = self.operator
        view = self._require_view()
        self.run(lambda: self.station.dispositions.settle(actor, view.unit_id), self._on_settled, context="settling")

    def _on_settled(self, view: DispositionView) -> None:
        self._show(view)
        if view.state is UnitState.AWAITING_APPROVAL:
            self.ctx.feedback.warning(
                fill(
                    self.tr("%1 waits for a supervisor: %2 Ask one to approve on Approvals (F5)."),
                    view.lpn,
                    _reasons(view),
                )
            )
            return
        print_routing_label(self, view)

    def _on_override(self) -> None:
        view = self.view
        if view is None:
            self.ctx.feedback.warning(self.tr("There is no proposed outcome to override yet."))
            return
        self.override_kind.setCurrentIndex(max(0, self.override_kind.findData(view.kind)))
        self.override_location.setText(view.location or "")
        self.override_box.show()
        self.override_kind.setFocus()

    def _on_override_save_clicked(self) -> None:
        self.guarded(self._save_override)

    def _save_override(self) -> None:
        actor, view = self.operator, self._require_view()
        kind: DispositionKind = self.override_kind.currentData()
        location = self.override_location.text().strip() or None
        reason = self.override_reason.text()

        def saved(result: DispositionView) -> None:
            self.override_reason.clear()
            self.override_box.hide()
            self._show(result)
            self.ctx.feedback.success(
                fill(self.tr("Override saved: %1 to %2. Confirm it (Ctrl+Enter)."), name(kind), location or "—")
            )

        self.run(
            lambda: self.station.dispositions.override(actor, view.unit_id, kind, location, reason),
            saved,
            context="overriding a disposition",
        )

    def _require_view(self) -> DispositionView:
        if self.view is None:
            raise NotFound(self.tr("There is no proposed outcome for this unit yet: inspect it first."))
        return self.view


def _reasons(view: DispositionView) -> str:
    """Why a supervisor must approve, in the operator's language."""
    return " ".join(shown(reason) for reason in view.approval_reasons)
